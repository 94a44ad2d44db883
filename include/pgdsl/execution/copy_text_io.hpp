// SPDX-License-Identifier: BSL-1.0
// Where text and CSV COPY data comes from and goes to: a std::istream / std::ostream, a file
// path, or a callback (chunks produced one at a time, chunks handed over one at a time). Each is
// read or written in bounded pieces, so a file of any size passes through constant memory.
#pragma once

#include <cerrno>
#include <concepts>
#include <cstddef>
#include <filesystem>
#include <fstream>
#include <ios>
#include <istream>
#include <ostream>
#include <string>
#include <string_view>
#include <system_error>
#include <type_traits>

namespace pgdsl {

/// A callback that produces COPY data: each call returns the next chunk (any size, any split:
/// chunks need not end at a row), an empty one at the end. The chunk must stay valid until the
/// next call.
template <class F>
concept copy_chunk_producer =
    std::invocable<F&> && std::convertible_to<std::invoke_result_t<F&>, std::string_view>;

/// A callback that receives COPY data, one chunk (one or more whole rows) per call.
template <class F>
concept copy_chunk_consumer = std::invocable<F&, std::string_view>;

/// What copy_from reads: a std::istream, a file path, or a chunk producer.
template <class S>
concept copy_text_source = std::derived_from<std::remove_cvref_t<S>, std::istream> ||
    std::convertible_to<const S&, std::filesystem::path> || copy_chunk_producer<S>;

/// What copy_to writes: a std::ostream, a file path (created or truncated), or a chunk consumer.
template <class S>
concept copy_text_sink = std::derived_from<std::remove_cvref_t<S>, std::ostream> ||
    std::convertible_to<const S&, std::filesystem::path> || copy_chunk_consumer<S>;

namespace detail {

/// Bytes read from a stream per chunk sent to the server.
inline constexpr std::size_t copy_text_chunk_bytes = 64 * 1024;

[[noreturn]] inline void throw_file_error(const char* what, const std::filesystem::path& path) {
  throw std::filesystem::filesystem_error(what, path,
                                          std::error_code(errno, std::generic_category()));
}

/// Calls `send(chunk)` for every chunk of the stream, until its end.
template <class Send>
void read_chunks(std::istream& in, Send&& send) {
  std::string buffer(copy_text_chunk_bytes, '\0');
  while (in) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    const auto got = static_cast<std::size_t>(in.gcount());
    if (got > 0) send(std::string_view(buffer.data(), got));
  }
  if (in.bad()) throw std::ios_base::failure("copy_from: reading the input stream failed");
}

/// Calls `send(chunk)` for every chunk of `source`, whichever kind it is.
template <class Source, class Send>
void for_each_chunk(Source&& source, Send&& send) {
  using S = std::remove_cvref_t<Source>;
  if constexpr (std::derived_from<S, std::istream>) {
    read_chunks(source, send);
  } else if constexpr (std::convertible_to<const Source&, std::filesystem::path>) {
    const std::filesystem::path path(source);
    std::ifstream file(path, std::ios::binary);
    if (!file) throw_file_error("copy_from: cannot open the file", path);
    read_chunks(file, send);
  } else {
    for (;;) {
      const std::string_view chunk = source();
      if (chunk.empty()) return;
      send(chunk);
    }
  }
}

/// Turns a sink into a function taking each chunk, and finishes it (flushes a stream, closes a
/// file and reports a failed write).
template <class Sink>
class chunk_writer {
 public:
  explicit chunk_writer(Sink& sink) : sink_(sink) {
    if constexpr (is_path) {
      path_ = std::filesystem::path(sink_);
      file_.open(path_, std::ios::binary | std::ios::trunc);
      if (!file_) throw_file_error("copy_to: cannot create the file", path_);
    }
  }

  void operator()(std::string_view chunk) {
    if constexpr (is_stream || is_path) {
      std::ostream& out = stream();
      out.write(chunk.data(), static_cast<std::streamsize>(chunk.size()));
      if (!out) fail();
    } else {
      sink_(chunk);
    }
  }

  /// Flushes what the stream holds; a failure throws.
  void finish() {
    if constexpr (is_stream || is_path) {
      std::ostream& out = stream();
      out.flush();
      if (!out) fail();
      if constexpr (is_path) {
        file_.close();
        if (!file_) fail();
      }
    }
  }

 private:
  using S = std::remove_cvref_t<Sink>;
  static constexpr bool is_stream = std::derived_from<S, std::ostream>;
  static constexpr bool is_path =
      !is_stream && std::convertible_to<const Sink&, std::filesystem::path>;

  std::ostream& stream() {
    if constexpr (is_path)
      return file_;
    else
      return sink_;
  }
  [[noreturn]] void fail() {
    if constexpr (is_path) throw_file_error("copy_to: writing the file failed", path_);
    throw std::ios_base::failure("copy_to: writing the output stream failed");
  }

  Sink& sink_;
  std::filesystem::path path_;
  std::ofstream file_;
};

}  // namespace detail
}  // namespace pgdsl
