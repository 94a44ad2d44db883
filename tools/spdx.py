#!/usr/bin/env python3
# SPDX-License-Identifier: BSL-1.0
"""spdx.py: every source file of the project carries the license line `SPDX-License-Identifier:
BSL-1.0` in its first lines (after a shebang), so a file copied out of the tree says its license.

    tools/spdx.py          # lists the files without it; exits 1 if there are any (a CTest test)
    tools/spdx.py --fix    # adds the line at the top of those files, in the file's comment syntax

Covered: C++ sources and headers, CMake files, shell and Python scripts under include/, apps/,
bench/, cmake/, examples/, ports/, tests/, tools/ and the top-level CMakeLists.txt. The generated
single header carries one line for the whole file (tools/amalgamate.py).
"""
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
TAG = "SPDX-License-Identifier: BSL-1.0"
FOLDERS = ["include", "apps", "bench", "cmake", "examples", "ports", "tests", "tools"]
SLASH = {".hpp", ".cpp", ".h", ".hpp.in", ".cpp.in"}
HASH = {".cmake", ".sh", ".py", ".txt", ".cmake.in"}
SKIP_PARTS = {"build", ".git", "__pycache__"}


def suffix(path):
    name = path.name
    for ext in sorted(SLASH | HASH, key=len, reverse=True):
        if name.endswith(ext):
            return ext
    return None


def candidates():
    yield ROOT / "CMakeLists.txt"
    for folder in FOLDERS:
        for path in sorted((ROOT / folder).rglob("*")):
            if not path.is_file() or SKIP_PARTS & set(path.relative_to(ROOT).parts):
                continue
            ext = suffix(path)
            if ext is None or (ext == ".txt" and path.name != "CMakeLists.txt"):
                continue
            yield path


def has_tag(text):
    return any(TAG in line for line in text.splitlines()[:4])


def fix(path, text):
    comment = "// " if suffix(path) in SLASH else "# "
    lines = text.splitlines(keepends=True)
    at = 1 if lines and lines[0].startswith("#!") else 0
    lines.insert(at, comment + TAG + "\n")
    path.write_text("".join(lines), encoding="utf-8")


def main(argv):
    fixing = "--fix" in argv
    missing = []
    for path in candidates():
        text = path.read_text(encoding="utf-8", errors="replace")
        if has_tag(text):
            continue
        missing.append(path.relative_to(ROOT))
        if fixing:
            fix(path, text)
    for path in missing:
        print(f"{'added the license line to' if fixing else 'no license line:'} {path}")
    if missing and not fixing:
        print(f"spdx.py: {len(missing)} files lack `{TAG}`; run tools/spdx.py --fix")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
