"""The notebook the site offers for download runs anywhere with numpy, sympy and matplotlib.

The download (site/notebook/notebook.ipynb, made self-contained by hooks/notebook_download.py)
is saved into an empty folder and executed there by a kernel whose working directory is that
folder and whose environment has no PYTHONPATH: no snippets/ in reach, as on a learner's laptop
or in Colab. A first cell proves that none of the site's modules can be imported there.
"""

from __future__ import annotations

import ast
import json
import os
import re
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from sitebuild import ROOT, notebook_download

NOTEBOOK = ROOT / "docs" / "notebook.ipynb"

# Runs before anything else in the kernel: is any of the site's code importable from here?
REACH = """
import importlib.util as _util, json as _json, os as _os, sys as _sys
print(_json.dumps({
    "found": {name: _util.find_spec(name) is not None for name in %s},
    "cwd": _os.getcwd(),
    "pythonpath": _os.environ.get("PYTHONPATH"),
}))
"""

# Runs last: what the notebook computed, and where its modules came from.
REPORT = """
print(_json.dumps({
    "routes": {name: float(value) for name, value in route_differences.items()},
    "fd_error": float(fd_error),
    "sympy": sorted({str(value) for value in differences.values()}),
    "costs": [float(costs[0]), float(costs[-1])],
    "files": {name: _sys.modules[name].__file__ for name in %s},
}))
"""


def module_names(nb) -> list[str]:
    """The snippet modules the download defines, in its order."""
    names = []
    for cell in nb.cells:
        if cell.cell_type == "code" and cell.source.startswith("define_module("):
            names.append(ast.literal_eval(ast.parse(cell.source).body[0].value.args[0]))
    return names


def stream(cell) -> str:
    return "".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream")


@pytest.fixture(scope="module")
def download(site_dir):
    return nbformat.read(site_dir / "notebook" / "notebook.ipynb", as_version=4)


@pytest.fixture(scope="module")
def executed(download, tmp_path_factory):
    """Runs the download as a reader would: saved alone into an empty folder."""
    folder = tmp_path_factory.mktemp("reader")
    saved = folder / "logistic-regression-gradient.ipynb"
    saved.write_text(json.dumps(download), encoding="utf-8")
    assert not any((p / "snippets").exists() for p in [folder, *folder.parents])

    names = module_names(download)
    nb = nbformat.read(saved, as_version=4)
    nb.cells.insert(0, nbformat.v4.new_code_cell(REACH % names, id="test-reach"))
    nb.cells.append(nbformat.v4.new_code_cell(REPORT % names, id="test-report"))
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "SITE_DIR")}
    client = NotebookClient(
        nb,
        timeout=120,
        kernel_name="python3",
        allow_errors=False,
        resources={"metadata": {"path": str(folder)}},
    )
    client.execute(env=env, cwd=str(folder))  # raises CellExecutionError if any cell fails
    reach = json.loads(stream(nb.cells[0]))
    report = json.loads(stream(nb.cells[-1]))
    return nb, reach, report, folder


def test_the_download_defines_every_module_the_notebook_imports(download):
    source = nbformat.read(NOTEBOOK, as_version=4)
    imported = set()
    for cell in source.cells:
        if cell.cell_type == "code":
            imported |= set(notebook_download.imported_names(cell.source))
    snippet_files = {p.stem for d in notebook_download.SNIPPET_DIRS for p in d.glob("*.py")}
    needed = imported & snippet_files
    assert needed >= {"logreg", "descent", "gradient_check", "loops", "chain_rule_factors"}
    names = module_names(download)
    assert set(names) == needed
    assert names.index("logreg") == 0  # the others import it


def test_the_download_carries_the_snippet_files_unchanged(download):
    cells = [c for c in download.cells if c.source.startswith("define_module(")]
    assert cells
    for cell in cells:
        name, path, source = (
            ast.literal_eval(arg) for arg in ast.parse(cell.source).body[0].value.args
        )
        assert path.startswith("snippets/") and Path(path).stem == name
        assert source == (ROOT / path).read_text(encoding="utf-8"), path


def test_the_download_does_not_look_for_snippets(download):
    code = "\n".join(c.source for c in download.cells if c.cell_type == "code")
    assert "has_snippets" not in code and "sys.path.insert" not in code
    text = "\n".join(c.source for c in download.cells)
    assert 'href="notebook.ipynb"' not in text  # the page's download button stays on the page
    nbformat.validate(download)
    assert all(not c.get("outputs") for c in download.cells if c.cell_type == "code")


def test_the_site_code_is_out_of_reach_of_the_kernel(executed):
    _, reach, _, folder = executed
    assert reach["found"] and not any(reach["found"].values()), reach
    assert Path(reach["cwd"]).resolve() == folder.resolve()
    assert reach["pythonpath"] is None


def test_the_download_runs_and_checks_the_gradient(executed):
    nb, _, report, _ = executed
    assert not [o for c in nb.cells for o in c.get("outputs", []) if o.output_type == "error"]
    assert report["sympy"] == ["0"]
    assert len(report["routes"]) == 5 and max(report["routes"].values()) < 1e-12
    assert report["fd_error"] < 1e-7
    assert abs(report["costs"][0] - 0.693147) < 1e-6 and report["costs"][1] < report["costs"][0]
    # Each module came from the notebook's own cells, not from a file.
    for name, file in report["files"].items():
        assert file.startswith("snippets/") and not (Path(executed[3]) / file).exists(), name


def test_the_page_says_what_the_download_needs(site_dir):
    page = (site_dir / "notebook" / "index.html").read_text(encoding="utf-8")
    text = re.sub(r"<[^>]+>", "", page)
    assert re.search(r"needs only Python 3\.10\+ with numpy, SymPy and matplotlib", text)


def test_site_modules_come_after_what_they_import():
    modules = notebook_download.site_modules(["from descent import gradient_descent"])
    assert [name for name, _ in modules] == ["logreg", "descent"]
    assert notebook_download.site_modules(["import numpy, os"]) == []


def test_a_source_that_cannot_be_a_raw_string_stops_the_build():
    assert notebook_download.raw_literal("x = 1\n") == "r'''x = 1\n'''"
    for bad in ("s = '''a'''\n", "x = 1 \\"):
        with pytest.raises(ValueError):
            notebook_download.raw_literal(bad)


def test_a_notebook_without_its_set_up_cells_stops_the_build():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nb.cells = [c for c in nb.cells if c.get("id") != "setup-path"]
    with pytest.raises(ValueError, match="setup-path"):
        notebook_download.self_contained(nb)
