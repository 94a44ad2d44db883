// SPDX-License-Identifier: BSL-1.0
// Where text and CSV COPY data comes from and goes to: a std::istream / std::ostream, a file
// path, or a callback (chunks produced one at a time, chunks handed over one at a time). Each is
// read or written in bounded pieces, so a file of any size passes through constant memory.
#pragma once

#include <cerrno>
#include <concepts>
#include <cstddef>
#include <cstdio>
#include <ios>
#include <istream>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <system_error>
#include <type_traits>

namespace pgdsl {

/// A file path: a string (a literal, std::string, std::string_view) or anything with a
/// c_str() of char, such as std::filesystem::path (not included here: <filesystem> would cost
/// every user of <pgdsl/pgdsl.hpp> compile time).
template <class P>
concept copy_file_path = std::convertible_to<const P&, std::string_view> || requires(const P& p) {
  { p.c_str() } -> std::convertible_to<const char*>;
};

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
    copy_file_path<std::remove_cvref_t<S>> || copy_chunk_producer<S>;

/// What copy_to writes: a std::ostream, a file path (created or truncated), or a chunk consumer.
template <class S>
concept copy_text_sink = std::derived_from<std::remove_cvref_t<S>, std::ostream> ||
    copy_file_path<std::remove_cvref_t<S>> || copy_chunk_consumer<S>;

namespace detail {

/// Bytes read per chunk sent to the server.
inline constexpr std::size_t copy_text_chunk_bytes = 64 * 1024;

template <class P>
std::string path_text(const P& path) {
  if constexpr (std::convertible_to<const P&, std::string_view>)
    return std::string(std::string_view(path));
  else
    return std::string(path.c_str());
}

/// A failed file operation, with errno's reason: std::system_error naming the file.
[[noreturn]] inline void throw_file_error(const char* what, const std::string& path, int code) {
  throw std::system_error(code, std::generic_category(), std::string(what) + " \"" + path + "\"");
}

struct file_closer {
  void operator()(std::FILE* file) const noexcept { std::fclose(file); }
};
using file_handle = std::unique_ptr<std::FILE, file_closer>;

inline file_handle open_file(const std::string& path, const char* mode, const char* what) {
  file_handle file(std::fopen(path.c_str(), mode));
  if (!file) throw_file_error(what, path, errno);
  return file;
}

/// Calls `send(chunk)` for every chunk of `source`, whichever kind it is.
template <class Source, class Send>
void for_each_chunk(Source&& source, Send&& send) {
  using S = std::remove_cvref_t<Source>;
  std::string buffer;
  if constexpr (std::derived_from<S, std::istream>) {
    buffer.resize(copy_text_chunk_bytes);
    while (source) {
      source.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
      const auto got = static_cast<std::size_t>(source.gcount());
      if (got > 0) send(std::string_view(buffer.data(), got));
    }
    if (source.bad()) throw std::ios_base::failure("copy_from: reading the input stream failed");
  } else if constexpr (copy_file_path<S>) {
    const std::string path = path_text(source);
    const file_handle file = open_file(path, "rb", "copy_from: cannot open the file");
    buffer.resize(copy_text_chunk_bytes);
    for (;;) {
      const std::size_t got = std::fread(buffer.data(), 1, buffer.size(), file.get());
      if (got > 0) send(std::string_view(buffer.data(), got));
      if (got < buffer.size()) break;
    }
    if (std::ferror(file.get()) != 0)
      throw_file_error("copy_from: reading the file failed", path, errno);
  } else {
    for (;;) {
      const std::string_view chunk = source();
      if (chunk.empty()) return;
      send(chunk);
    }
  }
}

/// Turns a sink into a function taking each chunk, and finishes it (flushes a stream, closes a
/// file, and reports a failed write).
template <class Sink>
class chunk_writer {
 public:
  explicit chunk_writer(Sink& sink) : sink_(sink) {
    if constexpr (is_path) {
      path_ = path_text(sink_);
      file_ = open_file(path_, "wb", "copy_to: cannot create the file");
    }
  }

  void operator()(std::string_view chunk) {
    if constexpr (is_stream) {
      sink_.write(chunk.data(), static_cast<std::streamsize>(chunk.size()));
      if (!sink_) throw std::ios_base::failure("copy_to: writing the output stream failed");
    } else if constexpr (is_path) {
      if (std::fwrite(chunk.data(), 1, chunk.size(), file_.get()) != chunk.size())
        throw_file_error("copy_to: writing the file failed", path_, errno);
    } else {
      sink_(chunk);
    }
  }

  /// Flushes what the stream holds or closes the file; a failure throws.
  void finish() {
    if constexpr (is_stream) {
      sink_.flush();
      if (!sink_) throw std::ios_base::failure("copy_to: writing the output stream failed");
    } else if constexpr (is_path) {
      if (std::fclose(file_.release()) != 0)
        throw_file_error("copy_to: writing the file failed", path_, errno);
    }
  }

 private:
  using S = std::remove_cvref_t<Sink>;
  static constexpr bool is_stream = std::derived_from<S, std::ostream>;
  static constexpr bool is_path = !is_stream && copy_file_path<S>;

  Sink& sink_;
  std::string path_;
  file_handle file_;
};

}  // namespace detail
}  // namespace pgdsl
