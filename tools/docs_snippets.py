#!/usr/bin/env python3
# SPDX-License-Identifier: BSL-1.0
"""Extract the ```cpp blocks of README.md and docs/*.md into translation units, so CI compiles
every C++ example of the documentation (tests/docs/CMakeLists.txt builds them, CTest label `docs`).

  tools/docs_snippets.py --root <source tree> --out <dir>     write the units and <dir>/manifest.txt
  tools/docs_snippets.py --root <source tree> --list          print each block and its mode

All blocks of one Markdown file become ONE translation unit (<stem>.cpp), each block in a namespace
of its own, preceded by `#line` so the compiler's messages name the Markdown file and line. The
line just before a fence may hold a marker; a block without one is a complete unit:

  (none)                              namespace-scope code that needs nothing but its own #includes
                                      (hoisted to the top of the unit) and pgdsl; in a namespace,
                                      or at global scope when it defines `int main(` (a program)
  <!-- snippet: global -->            the same, at global scope (explicit specializations of pgdsl's
                                      templates, which may not appear inside another namespace)
  <!-- snippet: namespace -->         namespace-scope code that also sees the docs' example tables
                                      (tests/docs/docs_schema.hpp: users, orders, ...; `using
                                      namespace pgdsl` included)
  <!-- snippet: fragment -->          statements: the body of a function taking `pgdsl::connection&
                                      db`, with the example tables in scope
  <!-- snippet: fragment(<params>) --> the same with more parameters, the values the text assumes:
                                      `fragment(const std::string& email, std::int64_t id)`; a
                                      parameter named `db` replaces the connection
  <!-- snippet: coroutine(<params>) --> statements of an `asio::awaitable<void>` coroutine taking
                                      exactly <params> (the unit includes <pgdsl/async/all.hpp>)
  <!-- snippet: must-not-compile: <regex> -->  a complete block (it may `using namespace
                                      pgdsl_docs;` for the example tables) in a unit of its own
                                      that must FAIL to compile with a message matching the CMake
                                      regex (cmake/pgdslExpectBuildFailure.cmake); its relative
                                      #includes resolve as from a folder two levels below tests/
  <!-- snippet: skip: <reason> -->    not compiled; only for text that is not C++ (a reason is
                                      required)

Files are rewritten only when their text changes, so an unchanged document is not recompiled.
"""
import argparse
import pathlib
import re
import sys

MARKER = re.compile(r"^\s*<!--\s*snippet:\s*(.*?)\s*-->\s*$")
FENCE_OPEN = re.compile(r"^```cpp\s*$")
FENCE_CLOSE = re.compile(r"^```\s*$")
INCLUDE = re.compile(r"^\s*#\s*include\b")
MAIN = re.compile(r"^int main\(", re.M)
MODE = re.compile(r"^(global|namespace|fragment|coroutine|must-not-compile|skip)\s*(.*)$", re.S)


class Block:
    def __init__(self, path, line, lines, mode, argument):
        self.path = path          # relative to the root, e.g. docs/queries.md
        self.line = line          # line number of the block's first line of code
        self.lines = lines
        self.mode = mode
        self.argument = argument  # fragment/coroutine parameters, a regex, or a reason

    @property
    def where(self):
        return f"{self.path}:{self.line - 1}"


def parse_marker(text, where):
    match = MODE.match(text)
    if not match:
        raise SystemExit(f"{where}: unknown snippet marker '{text}'")
    mode, rest = match.group(1), match.group(2).strip()
    if mode in ("fragment", "coroutine"):
        if rest and not (rest.startswith("(") and rest.endswith(")")):
            raise SystemExit(f"{where}: expected {mode}(<parameters>), got '{text}'")
        rest = rest[1:-1].strip() if rest else ""
        if mode == "coroutine" and not rest:
            raise SystemExit(f"{where}: coroutine(<parameters>) needs its parameters")
    elif mode in ("must-not-compile", "skip"):
        if not rest.startswith(":") or not rest[1:].strip():
            raise SystemExit(f"{where}: '{mode}' needs ': <{'regex' if mode != 'skip' else 'reason'}>'")
        rest = rest[1:].strip()
    elif rest:
        raise SystemExit(f"{where}: '{mode}' takes no argument, got '{text}'")
    return mode, rest


def blocks_of(root, path):
    relative = path.relative_to(root).as_posix()
    lines = path.read_text(encoding="utf-8").splitlines()
    found = []
    index = 0
    while index < len(lines):
        if FENCE_OPEN.match(lines[index]):
            marker = MARKER.match(lines[index - 1]) if index > 0 else None
            where = f"{relative}:{index + 1}"
            mode, argument = parse_marker(marker.group(1), where) if marker else ("complete", "")
            end = index + 1
            while end < len(lines) and not FENCE_CLOSE.match(lines[end]):
                end += 1
            if end == len(lines):
                raise SystemExit(f"{where}: the ```cpp block is never closed")
            found.append(Block(relative, index + 2, lines[index + 1:end], mode, argument))
            index = end
        elif MARKER.match(lines[index]) and not (
                index + 1 < len(lines) and FENCE_OPEN.match(lines[index + 1])):
            raise SystemExit(f"{relative}:{index + 1}: a snippet marker must be the line just "
                             "before a ```cpp fence")
        index += 1
    return found


def identifier(text):
    return re.sub(r"[^A-Za-z0-9_]", "_", text)


def body(block, hoisted):
    """The block's code, for its mode, as (lines, namespace it opens or None); its #include
    lines go to `hoisted`."""
    code = []
    for text in block.lines:
        if INCLUDE.match(text):
            if text.strip() not in hoisted:
                hoisted.append(text.strip())
            code.append("")  # keep the line numbers
        else:
            code.append(text)
    name = f"docs_{identifier(pathlib.PurePosixPath(block.path).stem)}_{block.line - 1}"
    located = [f'#line {block.line} "{block.path}"'] + code
    if block.mode == "global" or (block.mode == "complete" and MAIN.search("\n".join(code))):
        return located, None
    opening = [f"namespace {name} {{"]
    if block.mode not in ("complete", "must-not-compile"):
        opening.append("using namespace pgdsl_docs;")
    if block.mode in ("complete", "namespace", "must-not-compile"):
        return opening + located, name
    if block.mode == "fragment":
        parameters = block.argument
        if not re.search(r"\bdb\s*(,|$)", parameters):  # a `db` of another type replaces it
            parameters = ", ".join(p for p in ("[[maybe_unused]] pgdsl::connection& db", parameters) if p)
        # The inner braces let a block declare its own `db` (shadowing the parameter).
        return opening + [f"void snippet({parameters}) {{ {{"] + located + ["} }"], name
    # coroutine
    return (opening + [f"boost::asio::awaitable<void> snippet({block.argument}) {{"] + located +
            ["  co_return;", "}"], name)


PRELUDE = [
    "#include <pgdsl/pgdsl.hpp>",
    '#include "docs_schema.hpp"  // the example tables and the names the text assumes',
]


def unit(source, blocks, expect=None):
    # Each block's namespace is nested in the previous one's, so a block sees what the blocks
    # above it on the page declared, and its own declarations hide theirs (and the example
    # tables'). A block at global scope closes the chain.
    hoisted = []
    if any(block.mode == "coroutine" for block in blocks):
        hoisted.append("#include <pgdsl/async/all.hpp>")
    parts = []
    open_namespaces = []
    for block in blocks:
        lines, namespace = body(block, hoisted)
        if namespace is None:
            parts += [f"}}  // namespace {n}" for n in reversed(open_namespaces)]
            open_namespaces = []
        parts += lines
        if namespace is not None:
            open_namespaces.append(namespace)
    parts += [f"}}  // namespace {n}" for n in reversed(open_namespaces)]
    header = [f"// Generated by tools/docs_snippets.py from {source}: edit the Markdown file."]
    prelude = list(PRELUDE)
    if any("pgdsl/async/" in line for line in hoisted):
        prelude.append("namespace asio = boost::asio;  // as docs/async.md spells it")
    if expect is not None:
        header = [f"// expect: {expect}"] + header
    return "\n".join(header + hoisted + prelude + parts) + "\n"


def write_if_changed(path, text):
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", required=True, type=pathlib.Path)
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--out", type=pathlib.Path)
    group.add_argument("--list", action="store_true")
    args = parser.parse_args()
    root = args.root.resolve()
    documents = [root / "README.md"] + sorted((root / "docs").glob("*.md"))

    manifest = []
    outputs = {}
    for document in documents:
        blocks = blocks_of(root, document)
        if args.list:
            for block in blocks:
                print(f"{block.where}: {block.mode} {block.argument}".rstrip())
            continue
        source = document.relative_to(root).as_posix()
        stem = identifier(document.stem.lower())
        compiled = [b for b in blocks if b.mode not in ("skip", "must-not-compile")]
        if compiled:
            outputs[f"{stem}.cpp"] = unit(source, compiled)
            manifest.append(f"compile {stem}.cpp")
        for block in blocks:
            if block.mode == "must-not-compile":
                name = f"{stem}_{block.line - 1}"
                outputs[f"{name}.cpp"] = unit(source, [block], expect=block.argument)
                manifest.append(f"must_not_compile {name}.cpp {source}:{block.line - 1}")
    if args.list:
        return 0
    args.out.mkdir(parents=True, exist_ok=True)
    for stale in args.out.glob("*.cpp"):
        if stale.name not in outputs:
            stale.unlink()
    for name, text in outputs.items():
        write_if_changed(args.out / name, text)
    write_if_changed(args.out / "manifest.txt", "\n".join(manifest) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
