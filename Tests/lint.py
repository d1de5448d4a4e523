"""Project lint (`make lint`): each C module is imported by one Swift module, and each file is named after the type it holds."""
# The rules, in full:
#   C modules  Every .systemLibrary target in Package.swift is imported by exactly one Swift module,
#              so the unsafe C surface stays behind one Swift API.
#   Naming     In Sources/ and Benchmarks/ (main.swift aside), a file declares at top level
#                - one type named after the file: Foo.swift holds `struct/class/enum/protocol/actor/typealias Foo`,
#                - or extensions only, and is named after the extended type: Foo+Concern.swift holds `extension Foo`.
#              Top-level types declared private or fileprivate are file-local helpers and may sit beside the
#              file's type.
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NAMED_DIRS = ("Sources", "Benchmarks")
DEFAULT_DIR = {"testTarget": "Tests", "plugin": "Plugins"}  # every other kind of target defaults to Sources/


def blank(out, start, end):
    """Replaces out[start:end] with spaces, keeping newlines so line numbers still match."""
    for k in range(start, end):
        if out[k] != "\n":
            out[k] = " "


def skip_comment(src, i):
    """Returns the index just past the /* comment */ starting at i (Swift block comments nest)."""
    depth = 0
    while i < len(src):
        if src.startswith("/*", i):
            depth, i = depth + 1, i + 2
        elif src.startswith("*/", i):
            depth, i = depth - 1, i + 2
            if depth == 0:
                return i
        else:
            i += 1
    return i


STRING_OPEN = re.compile(r'(#*)("""|")')


def scan_code(src, out, i, interpolation=False):
    """Blanks the comments and string literals of the code from i; inside a \\( interpolation, stops at its )."""
    parens = 0
    while i < len(src):
        opening = STRING_OPEN.match(src, i)
        if src.startswith("//", i):
            end = src.find("\n", i)
            end = len(src) if end < 0 else end
            blank(out, i, end)
            i = end
        elif src.startswith("/*", i):
            end = skip_comment(src, i)
            blank(out, i, end)
            i = end
        elif opening:
            i = scan_string(src, out, opening.end(), opening.group(1), opening.group(2))
        elif interpolation and src[i] == "(":
            parens, i = parens + 1, i + 1
        elif interpolation and src[i] == ")":
            if parens == 0:
                return i + 1
            parens, i = parens - 1, i + 1
        else:
            i += 1
    return i


def scan_string(src, out, i, hashes, quote):
    """Blanks a string literal's text from i to its closing quote; interpolated code is scanned as code."""
    close, escape = quote + hashes, "\\" + hashes  # raw strings #"…"# close with "# and escape with \#
    start = i
    while i < len(src):
        if src.startswith(close, i):
            blank(out, start, i)
            return i + len(close)
        if src.startswith(escape + "(", i):
            blank(out, start, i)
            i = start = scan_code(src, out, i + len(escape) + 1, interpolation=True)
        elif src.startswith(escape, i):
            i += len(escape) + 1
        else:
            i += 1
    blank(out, start, i)
    return i


def code_only(src):
    """The source with comments and string literals blanked out, so their braces and words don't count."""
    out = list(src)
    scan_code(src, out, 0)
    return "".join(out)


def top_level(code):
    """The code at brace depth 0 (everything inside braces blanked), or None if the braces don't balance."""
    out, depth = list(code), 0
    for k, c in enumerate(code):
        if c == "{":
            depth += 1
        if depth > 0 and c != "\n":
            out[k] = " "
        if c == "}":
            depth -= 1
            if depth < 0:
                return None
    return "".join(out) if depth == 0 else None


MODIFIER = r"(?:@\w+(?:\([^)]*\))?|public|package|internal|fileprivate|private|open|final|indirect|nonisolated(?:\(unsafe\))?)"
DECLARATION = re.compile(rf"^[ \t]*((?:{MODIFIER}\s+)*)(struct|class|enum|protocol|actor|typealias|extension)\s+([A-Za-z_][\w.]*)", re.M)
IMPORT = re.compile(r"^[ \t]*(?:@\w+\s+)*(?:(?:public|package|internal|fileprivate|private)\s+)?import\s+(?:(?:struct|class|enum|protocol|typealias|func|var|let)\s+)?(\w+)", re.M)


def declarations(top):
    """(keyword, name, is_private) for each top-level declaration."""
    return [(kind, name, bool(re.search(r"\b(fileprivate|private)\b", mods)))
            for mods, kind, name in DECLARATION.findall(top)]


def naming_problems(filename, top):
    """Why the file's name doesn't match what it declares at top level (empty if it does)."""
    stem = filename[: -len(".swift")]
    decls = declarations(top)
    types = [name for kind, name, private in decls if kind != "extension" and not private]
    helpers = [name for kind, name, private in decls if kind != "extension" and private]
    # `extension Outer.Inner` extends Outer as far as the file name goes.
    extended = sorted({name.split(".")[0] for kind, name, _ in decls if kind == "extension"})
    if "+" in stem:
        owner = stem.split("+")[0]
        problems = [] if owner in extended else [f"has no `extension {owner}`, as its name says"]
        if types:
            problems.append(f"declares {', '.join(types)}; a Type+Concern file holds extensions")
        return problems
    if stem in types:
        if len(types) > 1:
            return [f"declares more than one top-level type ({', '.join(types)}); give each its own file"]
        return []
    if types:
        return [f"declares {', '.join(types)}, not {stem}"]
    if stem in helpers:
        return []  # the file's own type, kept private
    if extended:
        return [f"holds only extensions; name it {extended[0]}+Concern.swift"]
    return [f"declares no type named {stem}"]


def targets():
    """(kind, name, directory) for each target in Package.swift."""
    manifest = open(os.path.join(ROOT, "Package.swift")).read()
    found = []
    for m in re.finditer(r"\.(target|executableTarget|testTarget|systemLibrary|plugin)\(", manifest):
        depth, end = 1, m.end()  # the call runs to its matching parenthesis
        while depth:
            depth += {"(": 1, ")": -1}.get(manifest[end], 0)
            end += 1
        call = manifest[m.end():end]
        name = re.search(r'name:\s*"([^"]+)"', call).group(1)
        path = re.search(r'\bpath:\s*"([^"]+)"', call)
        found.append((m.group(1), name, path.group(1) if path else f"{DEFAULT_DIR.get(m.group(1), 'Sources')}/{name}"))
    return found


def swift_files(directory):
    for base, dirs, files in os.walk(os.path.join(ROOT, directory)):
        dirs.sort()
        for f in sorted(files):
            if f.endswith(".swift"):
                yield os.path.relpath(os.path.join(base, f), ROOT)


def main():
    problems, checked = [], 0
    all_targets = targets()
    c_modules = {name: set() for kind, name, _ in all_targets if kind == "systemLibrary"}
    importers = {m: {} for m in c_modules}  # C module -> Swift module -> first file importing it
    for kind, module, directory in all_targets:
        if kind == "systemLibrary":
            continue
        for path in swift_files(directory):
            checked += 1
            code = code_only(open(os.path.join(ROOT, path), encoding="utf-8").read())
            for imported in IMPORT.findall(code):
                if imported in importers:
                    importers[imported].setdefault(module, path)
            filename = os.path.basename(path)
            if not path.startswith(NAMED_DIRS) or filename == "main.swift":
                continue
            top = top_level(code)
            if top is None:
                problems.append(f"{path}: braces don't balance after removing comments and strings; can't check its name")
                continue
            problems += [f"{path}: {p}" for p in naming_problems(filename, top)]
    for c_module, modules in sorted(importers.items()):
        if len(modules) > 1:
            where = ", ".join(f"{m} ({p})" for m, p in sorted(modules.items()))
            problems.append(f"Package.swift: C module {c_module} is imported by {len(modules)} modules: {where}; wrap it in one")
        elif not modules:
            problems.append(f"Package.swift: C module {c_module} is imported by no module; drop the target")
    for p in problems:
        print(p)
    if problems:
        print(f"lint: {checked} files checked, {len(problems)} problem{'s' if len(problems) > 1 else ''}")
        return 1
    print(f"lint: {checked} files checked, no problems")
    return 0


if __name__ == "__main__":
    sys.exit(main())
