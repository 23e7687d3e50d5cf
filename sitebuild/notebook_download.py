"""The notebook the site offers for download carries the code it imports.

docs/notebook.ipynb imports the site's code from snippets/ (one source of truth), which a reader
who downloads it does not have. After the build, the copy next to each notebook page is rewritten:
its set-up cells (the ones that look for snippets/) are replaced by cells that define each module
the notebook imports, from the same files, so it runs anywhere with numpy, sympy and matplotlib.

A snippet file becomes a module of its own name; the modules it imports in turn come along too,
each before the ones that import it. A cell id in SETUP_CELLS that the notebook no longer has
stops the build, as does a source that cannot be written as a raw string.
"""

from __future__ import annotations

import ast
import json
from pathlib import Path

import nbformat

from sitebuild import ROOT

# Where the repository notebook's set-up cell puts the site's code on the import path.
SNIPPET_DIRS = (ROOT / "snippets", ROOT / "snippets" / "formula_to_code")
# The repository notebook's cells that find snippets/; the download gets SETUP_TEXT instead.
SETUP_CELLS = ("setup-md", "setup-path")
# The download button belongs on the page, not in the downloaded file.
DOWNLOAD_BUTTON = '<a class="md-button" href="notebook.ipynb"'

SETUP_TEXT = """\
## Set-up: the site's code

The cells below hold the site's own code, copied from its repository (`snippets/`) when the site
was built: the same files the pages show and the tests check. Each cell makes one file a module
of its name, so the imports after them work as they do in a clone of the repository."""

DEFINE_MODULE = '''\
import linecache
import sys
import types


def define_module(name, path, source):
    """Make `import name` give the module that the file at path holds."""
    module = types.ModuleType(name)
    module.__file__ = path
    linecache.cache[path] = (len(source), None, source.splitlines(True), path)  # tracebacks
    exec(compile(source, path, "exec"), module.__dict__)
    sys.modules[name] = module'''


def find_module(name: str) -> Path | None:
    for folder in SNIPPET_DIRS:
        if (path := folder / f"{name}.py").is_file():
            return path
    return None


def imported_names(source: str) -> list[str]:
    names = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names += [alias.name.split(".")[0] for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.append(node.module.split(".")[0])
    return list(dict.fromkeys(names))


def site_modules(sources: list[str]) -> list[tuple[str, Path]]:
    """(name, file) of each snippet module the sources import, directly or not; a module
    comes after the modules it imports."""
    ordered: dict[str, Path] = {}

    def visit(name: str, path: Path, trail: tuple[str, ...]) -> None:
        if name in ordered:
            return
        if name in trail:
            raise ValueError(f"snippets import each other in a cycle: {' -> '.join(trail)}")
        for dependency in imported_names(path.read_text(encoding="utf-8")):
            if found := find_module(dependency):
                visit(dependency, found, (*trail, name))
        ordered[name] = path

    for source in sources:
        for name in imported_names(source):
            if found := find_module(name):
                visit(name, found, ())
    return list(ordered.items())


def raw_literal(source: str) -> str:
    literal = f"r'''{source}'''"
    if "'''" in source or source.endswith("\\") or ast.literal_eval(literal) != source:
        raise ValueError("a snippet file cannot be carried in a raw ''' string")
    return literal


def module_cell(name: str, path: Path) -> nbformat.NotebookNode:
    relative = path.relative_to(ROOT).as_posix()
    source = path.read_text(encoding="utf-8")
    code = f'define_module(\n    "{name}",\n    "{relative}",\n    {raw_literal(source)},\n)'
    return nbformat.v4.new_code_cell(code, id=f"site-code-{name.replace('_', '-')}")


def self_contained(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """A copy of the notebook whose set-up cells define the snippet modules it imports."""
    ids = [cell.get("id") for cell in nb.cells]
    missing = [cell_id for cell_id in SETUP_CELLS if cell_id not in ids]
    if missing:
        raise ValueError(f"the notebook has no set-up cell {', '.join(missing)}")
    code = [cell.source for cell in nb.cells if cell.cell_type == "code"]
    modules = site_modules(code)
    new_cells = [
        nbformat.v4.new_markdown_cell(SETUP_TEXT, id="site-code-md"),
        nbformat.v4.new_code_cell(DEFINE_MODULE, id="site-code-define"),
        *(module_cell(name, path) for name, path in modules),
    ]
    out = nbformat.from_dict(json.loads(json.dumps(nb)))
    first = ids.index(SETUP_CELLS[0])
    kept = [cell for cell in out.cells if cell.get("id") not in SETUP_CELLS]
    for cell in kept:
        if cell.cell_type == "markdown" and DOWNLOAD_BUTTON in cell.source:
            lines = cell.source.splitlines()
            cell.source = "\n".join(line for line in lines if DOWNLOAD_BUTTON not in line).strip()
    out.cells = kept[:first] + new_cells + kept[first:]
    nbformat.validate(out)
    return out


def rewrite_downloads(site_dir: str | Path) -> list[Path]:
    """Make every notebook copied into the built site self-contained; return their paths."""
    written = []
    for path in sorted(Path(site_dir).rglob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        if any(cell.get("id") == "site-code-define" for cell in nb.cells):
            continue  # rewritten by an earlier build (mkdocs serve keeps the site directory)
        nbformat.write(self_contained(nb), path)
        written.append(path)
    return written
