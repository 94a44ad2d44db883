#!/usr/bin/env python3
# SPDX-License-Identifier: BSL-1.0
"""Generate single_include/pgdsl.hpp from the headers under include/.

Starting from include/pgdsl/pgdsl.hpp, every `#include "pgdsl/..."` is replaced by that header's
text, depth-first, so each header appears exactly once and after everything it includes. Their
`#pragma once` lines are dropped (the single header has its own); system includes are kept as
written.

    tools/amalgamate.py            write single_include/pgdsl.hpp
    tools/amalgamate.py --check    exit 1 if the committed single_include/pgdsl.hpp is out of date
    --output PATH                  also write the generated text to PATH (with --check: a copy)

Python standard library only.
"""

import argparse
import difflib
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
INCLUDE_DIR = ROOT / "include"
UMBRELLA = "pgdsl/pgdsl.hpp"
COMMITTED = ROOT / "single_include" / "pgdsl.hpp"

LOCAL_INCLUDE = re.compile(r'^\s*#\s*include\s*"(pgdsl/[^"]+)"')
PRAGMA_ONCE = re.compile(r"^\s*#\s*pragma\s+once\b")
# Each header's license line; the single header carries one for the whole file.
SPDX_LINE = re.compile(r"^// SPDX-License-Identifier: .*$")
VERSION_PART = re.compile(r"^#define PGDSL_VERSION_(MAJOR|MINOR|PATCH) (\d+)\s*$", re.M)


class AmalgamationError(Exception):
    pass


def read_version():
    text = (INCLUDE_DIR / "pgdsl" / "version.hpp").read_text(encoding="utf-8")
    parts = dict(VERSION_PART.findall(text))
    if set(parts) != {"MAJOR", "MINOR", "PATCH"}:
        raise AmalgamationError("include/pgdsl/version.hpp: cannot read the version numbers")
    return "{MAJOR}.{MINOR}.{PATCH}".format(**parts)


def amalgamate():
    """Returns the single header's text and the headers it holds, in order."""
    emitted = []  # headers in the order their text was written
    entered = set()
    out = []

    def inline(header, included_from):
        path = INCLUDE_DIR / header
        if not path.is_file():
            raise AmalgamationError(f"{included_from}: includes {header}, which is not in include/")
        entered.add(header)
        if out and out[-1].strip():
            out.append("\n")
        out.append(f"// ---- {header}\n")
        for line in path.read_text(encoding="utf-8").splitlines(keepends=True):
            if PRAGMA_ONCE.match(line) or SPDX_LINE.match(line):
                continue
            match = LOCAL_INCLUDE.match(line)
            if match is None:
                out.append(line if line.endswith("\n") else line + "\n")
            elif match.group(1) not in entered:
                inline(match.group(1), header)
            # A header already entered is skipped, as #pragma once makes the compiler do, also
            # when it is still open higher up (connection.hpp includes transaction.hpp at its end
            # so that transaction.hpp, which needs the whole connection, can include it back).
        emitted.append(header)

    inline(UMBRELLA, "tools/amalgamate.py")
    version = read_version()
    banner = (
        "// SPDX-License-Identifier: BSL-1.0\n"
        f"// pgdsl {version}: the whole library in one header.\n"
        "// GENERATED FILE, DO NOT EDIT: generated from include/ by tools/amalgamate.py.\n"
        "// Change the headers under include/pgdsl/ and run tools/amalgamate.py to regenerate it.\n"
        "#pragma once\n"
        "\n"
    )
    return banner + "".join(out), emitted


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="compare with the committed single_include/pgdsl.hpp instead of writing it")
    parser.add_argument("--output", type=pathlib.Path, help="where to write the generated header")
    args = parser.parse_args()
    try:
        text, headers = amalgamate()
    except (AmalgamationError, OSError) as error:
        print(f"amalgamate.py: {error}", file=sys.stderr)
        return 2

    if args.output is not None:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(text, encoding="utf-8", newline="\n")
    if args.check:
        committed = COMMITTED.read_text(encoding="utf-8") if COMMITTED.is_file() else ""
        if committed != text:
            print("single_include/pgdsl.hpp is out of date: run tools/amalgamate.py", file=sys.stderr)
            diff = difflib.unified_diff(committed.splitlines(keepends=True),
                                        text.splitlines(keepends=True),
                                        "single_include/pgdsl.hpp (committed)",
                                        "single_include/pgdsl.hpp (from include/)")
            sys.stderr.writelines(list(diff)[:60])
            return 1
        print(f"single_include/pgdsl.hpp is up to date ({len(headers)} headers)")
        return 0

    if args.output is None:
        COMMITTED.parent.mkdir(parents=True, exist_ok=True)
        COMMITTED.write_text(text, encoding="utf-8", newline="\n")
    reached = set(headers)
    unreached = sorted(str(p.relative_to(INCLUDE_DIR)) for p in (INCLUDE_DIR / "pgdsl").rglob("*.hpp")
                       if str(p.relative_to(INCLUDE_DIR)) not in reached)
    where = args.output if args.output is not None else COMMITTED.relative_to(ROOT)
    print(f"amalgamate.py: wrote {where} from {len(headers)} headers")
    for header in unreached:
        print(f"amalgamate.py: note: {header} is not included from {UMBRELLA}, so not in the "
              "single header", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
