// SPDX-License-Identifier: BSL-1.0
// host_list: the hosts of a libpq multi-host string (URL or key=value), parsed by libpq itself
// (PQconninfoParse), so each can get a connection and a pool of its own.
#pragma once

#include <libpq-fe.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "pgdsl/error/error.hpp"

namespace pgdsl::detail {

struct host_entry {
  std::string host;
  std::string port;  // empty: libpq's default
  std::string name() const { return host + ":" + (port.empty() ? std::string("5432") : port); }
};

inline std::vector<std::string> split_commas(std::string_view text) {
  std::vector<std::string> parts;
  if (text.empty()) return parts;
  for (;;) {
    const std::size_t comma = text.find(',');
    parts.emplace_back(text.substr(0, comma));
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  return parts;
}

/// The (host, port) pairs of `conninfo`; throws pgdsl::error when libpq cannot parse it or the
/// port list does not match the host list.
inline std::vector<host_entry> parse_hosts(const std::string& conninfo) {
  char* message = nullptr;
  PQconninfoOption* parsed = PQconninfoParse(conninfo.c_str(), &message);
  if (parsed == nullptr) {
    std::string reason = message ? message : "out of memory";
    PQfreemem(message);
    throw error("cluster: cannot parse the connection string: " + reason);
  }
  const std::unique_ptr<PQconninfoOption, decltype(&PQconninfoFree)> guard(parsed, PQconninfoFree);
  std::string hosts, ports;
  for (PQconninfoOption* o = parsed; o->keyword; ++o) {
    if (o->val == nullptr) continue;
    if (std::string_view(o->keyword) == "host") hosts = o->val;
    if (std::string_view(o->keyword) == "port") ports = o->val;
  }
  const std::vector<std::string> host_names = split_commas(hosts);
  const std::vector<std::string> port_numbers = split_commas(ports);
  if (host_names.empty()) throw error("cluster: the connection string names no host");
  if (port_numbers.size() > 1 && port_numbers.size() != host_names.size())
    throw error("cluster: " + std::to_string(host_names.size()) + " hosts but " +
                std::to_string(port_numbers.size()) + " ports");
  std::vector<host_entry> entries;
  for (std::size_t i = 0; i < host_names.size(); ++i)
    entries.push_back({host_names[i], port_numbers.empty()       ? std::string()
                                      : port_numbers.size() == 1 ? port_numbers[0]
                                                                 : port_numbers[i]});
  return entries;
}

}  // namespace pgdsl::detail
