"""The companion notebook (docs/notebook.ipynb): committed clean, runs, and shows the right results.

The notebook is executed here the way mkdocs-jupyter executes it at build time: with nbclient,
the kernel named in its metadata (`python3`, which resolves to this virtual environment's
ipykernel) and docs/ as the working directory.
"""

from __future__ import annotations

import json
import re
import struct
import sys
from pathlib import Path

import nbformat
import pytest
from helpers import ROOT
from nbclient import NotebookClient

NOTEBOOK = ROOT / "docs" / "notebook.ipynb"

# Appended to an in-memory copy of the notebook: reports what the notebook computed.
PROBE = """
import json as _json
import sys as _sys
print(_json.dumps({
    "sympy": {name: str(value) for name, value in differences.items()},
    "sigmoid_identity": str(sigmoid_identity),
    "routes": {name: float(value) for name, value in route_differences.items()},
    "fd_error": float(fd_error),
    "fd_error_regularized": float(fd_error_regularized),
    "sign_flipped": float(sign_flipped),
    "costs": [float(c) for c in costs],
    "lengths": [float(g) for g in lengths],
    "kernel_prefix": _sys.prefix,
    "logreg_file": logreg.__file__,
}))
"""

# The site's functions the notebook must import, not redefine.
SITE_FUNCTIONS = {
    "sigmoid",
    "cost",
    "gradient",
    "hessian",
    "loss",
    "numerical_gradient",
    "relative_error",
    "gradient_descent",
    "gradient_loop",
    "gradient_sum",
    "gradient_from_factors",
}


@pytest.fixture(scope="module")
def executed():
    """(the executed notebook without the probe cell, the probe's report)."""
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(PROBE, id="test-probe"))
    client = NotebookClient(
        nb,
        timeout=60,
        kernel_name=nb.metadata.kernelspec.name,
        allow_errors=False,
        resources={"metadata": {"path": str(NOTEBOOK.parent)}},
    )
    client.execute()  # raises CellExecutionError if any cell fails
    probe = nb.cells.pop()
    text = "".join(o.get("text", "") for o in probe.outputs if o.output_type == "stream")
    return nb, json.loads(text)


def _text(cell) -> str:
    parts = []
    for output in cell.outputs:
        if output.output_type == "stream":
            parts.append(output.text)
        elif "data" in output:
            parts.append(output.data.get("text/plain", ""))
    return "".join(parts)


def _cell(nb, cell_id):
    return next(c for c in nb.cells if c.get("id") == cell_id)


def test_committed_without_outputs():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(nb)
    dirty = [
        c.id
        for c in nb.cells
        if c.cell_type == "code" and (c.outputs or c.execution_count is not None)
    ]
    assert dirty == [], "clear the outputs before committing (Kernel > Restart and clear outputs)"
    assert "widgets" not in nb.metadata
    assert nb.metadata.kernelspec.name == "python3"


def test_imports_the_site_code_instead_of_copying_it():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    source = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    assert re.search(r"^import logreg\b", source, re.M)
    defined = set(re.findall(r"^\s*def (\w+)", source, re.M))
    assert defined & SITE_FUNCTIONS == set()


def test_runs_without_errors_in_this_environment(executed):
    nb, report = executed
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert [o for o in errors if o.output_type == "error"] == []
    # The kernel is this virtual environment's Python, and logreg is the repository's.
    assert Path(report["kernel_prefix"]).resolve() == Path(sys.prefix).resolve()
    assert Path(report["logreg_file"]).resolve() == ROOT / "snippets" / "logreg.py"


def test_sympy_simplifies_the_difference_to_zero(executed):
    nb, report = executed
    assert len(report["sympy"]) == 4  # w_1, w_2, w_3 and b
    assert set(report["sympy"].values()) == {"0"}
    assert report["sigmoid_identity"] == "0"
    assert _text(_cell(nb, "sympy-sigmoid")).strip() == "0"
    assert _text(_cell(nb, "sympy-check")).count("= 0\n") == 4


def test_the_routes_agree(executed):
    nb, report = executed
    assert len(report["routes"]) == 5
    assert max(report["routes"].values()) < 1e-12
    assert "all agree to 1e-12: True" in _text(_cell(nb, "numpy-routes"))


def test_gradient_check(executed):
    _, report = executed
    assert report["fd_error"] < 1e-7
    assert report["fd_error_regularized"] < 1e-7
    assert report["sign_flipped"] > 0.99  # a wrong sign is caught


def test_gradient_descent_and_its_plot(executed):
    nb, report = executed
    costs, lengths = report["costs"], report["lengths"]
    assert len(costs) == len(lengths) == 101
    assert all(later <= earlier for earlier, later in zip(costs, costs[1:], strict=False))
    assert abs(costs[0] - 0.693147) < 1e-6  # log 2 at w = 0, b = 0
    assert lengths[-1] < 1e-2 * lengths[0]
    html = "".join(o.data.get("text/html", "") for o in _cell(nb, "plot").outputs if "data" in o)
    assert re.search(r'<img src="data:image/png;base64,[^"]+" alt="[^"]{40,}"', html)


def test_built_page(site_dir):
    """mkdocs-jupyter's output: the notebook's math for the site's MathJax, the .ipynb alongside,
    nothing loaded from elsewhere (no require.js, no MathJax from a CDN)."""
    page = (site_dir / "notebook" / "index.html").read_text(encoding="utf-8")
    assert (site_dir / "notebook" / "notebook.ipynb").is_file()
    assert re.search(r'<a [^>]*\bdownload="[^"]+\.ipynb"[^>]*>', page)
    assert re.search(r'<a [^>]*\bhref="notebook\.ipynb"', page)
    assert page.count('class="arithmatex"') >= 20
    assert "jp-OutputArea" in page and "Traceback" not in page
    # The plot is a file the page loads lazily, its box sized before it arrives.
    assert not re.search(r'<img [^>]*src="data:', page)
    lazy_img = r'<img [^>]*width="(\d+)" height="(\d+)" loading="lazy"[^>]* src="([^"]+)"'
    plots = re.findall(lazy_img, page)
    assert len(plots) == 1
    width, height, src = plots[0]
    png = (site_dir / "notebook" / src).read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert (int(width), int(height)) == struct.unpack(">II", png[16:24])
    assert "all agree to 1e-12: True" in page
    scripts = re.findall(r"<script\b[^>]*\bsrc=\"([^\"]+)\"", page)
    assert [s for s in scripts if "://" in s or s.startswith("//")] == []
    assert not any("require" in s for s in scripts)
    # mkdocs-jupyter's MathJax loader is told to use the site's own copy, if it loads at all.
    loader = re.search(r"data-mkdocs-jupyter-mathjax=\"([^\"]+)\"", page)
    assert loader is None or "/assets/mathjax/tex-chtml.js" in loader.group(1)
