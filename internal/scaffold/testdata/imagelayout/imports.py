"""Every module the serving code of an image layout imports, as JSON.

usage: imports.py <site dir> <package> <entry module>

Starts at the entry module (the image's CMD) and follows the project's own
imports, also the ones inside functions and the optional modules the serving
code loads by name (_optional_module("x"), importlib.import_module("pkg.x")).
Prints {"third_party": [...dotted names...], "missing_project": [...]}:
the imports that are neither the standard library nor the project, and the
project modules that are imported but not present in the layout.
"""

import ast
import json
import sys
from pathlib import Path

site, package, entry = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
stdlib = set(sys.stdlib_module_names)


def module_file(name):
    parts = name.split(".")
    base = site.joinpath(*parts)
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


third_party, missing, seen = set(), set(), set()
queue = [entry, package]
while queue:
    name = queue.pop()
    if name in seen:
        continue
    seen.add(name)
    path = module_file(name)
    if path is None:
        missing.add(name)
        continue
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    current_package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = current_package.split(".")
                base = base[: len(base) - (node.level - 1)]
                prefix = ".".join(base + ([node.module] if node.module else []))
            else:
                prefix = node.module
            if prefix == package or (node.level and not node.module):
                found += [f"{prefix}.{alias.name}" for alias in node.names]
            else:
                found.append(prefix)
        elif isinstance(node, ast.Call) and node.args and isinstance(node.args[0], (ast.Constant, ast.JoinedStr)):
            func = node.func
            called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            argument = node.args[0]
            if called == "_optional_module" and isinstance(argument, ast.Constant):
                optional = f"{package}.{argument.value}"
                if module_file(optional) is not None:
                    found.append(optional)
            elif called == "import_module" and isinstance(argument, ast.Constant) and str(argument.value).startswith(package):
                if module_file(argument.value) is not None:
                    found.append(argument.value)
    for imported in found:
        top = imported.split(".")[0]
        if top == package:
            queue.append(imported)
        elif top not in stdlib:
            third_party.add(imported)

print(json.dumps({"third_party": sorted(third_party), "missing_project": sorted(missing), "modules": sorted(seen)}))
