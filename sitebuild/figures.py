"""Figures drawn at build time: one script per figure in scripts/figures/, main(out_dir).

- ``add_figures``: runs every script and publishes what they wrote as ``figures/<name>.svg``,
  never writing into docs/. Under `mkdocs serve` (``cached``), once per change of their inputs
  (scripts/figures/ and snippets/, hashed; the output kept in .cache/figures/); `mkdocs build`
  draws every figure afresh.
- ``expand_figure_refs``: a page writes ``![](figures/<name>.svg)`` on a line of its own; it
  becomes a figure with the script's ALT text and CAPTION and the drawing's size, so the page
  reserves its space (no layout shift when the lazy image arrives).
"""

from __future__ import annotations

import ast
import html
import os
import re
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from mkdocs.structure.files import File, Files

from sitebuild import ROOT
from sitebuild.serve_cache import digest_of, keyed_folder

FIGURE_SCRIPTS = ROOT / "scripts" / "figures"
FIGURE_INPUTS = [FIGURE_SCRIPTS, ROOT / "snippets"]
FIGURE_CACHE = ROOT / ".cache" / "figures"
FIGURE_REF = re.compile(
    r"^(?P<indent>[ \t]*)!\[\]\(figures/(?P<name>[a-z0-9_]+)\.svg\)[ \t]*$", re.MULTILINE
)
SVG_SIZE = re.compile(r'<svg\b[^>]*?\swidth="([\d.]+)pt"\s+height="([\d.]+)pt"')
# name -> (width, height) in CSS px of each drawn figure.
FIGURE_SIZES: dict[str, tuple[int, int]] = {}


def add_figures(files: Files, config, cached: bool = False) -> Files:
    for path in draw_figures(cached):
        if path.suffix == ".svg" and (size := SVG_SIZE.search(path.read_text(encoding="utf-8"))):
            FIGURE_SIZES[path.stem] = tuple(round(float(v) * 4 / 3) for v in size.groups())
        files.append(File.generated(config, f"figures/{path.name}", abs_src_path=str(path)))
    return files


def expand_figure_refs(markdown: str) -> str:
    """Expand `![](figures/<name>.svg)` into a figure with the script's ALT text and CAPTION."""
    return FIGURE_REF.sub(_figure_block, markdown)


def _figure_block(match: re.Match) -> str:
    indent, name = match.group("indent"), match.group("name")
    texts = figure_texts(FIGURE_SCRIPTS / f"{name}.py")
    size = " width={} height={}".format(*FIGURE_SIZES[name]) if name in FIGURE_SIZES else ""
    return "\n".join(
        indent + line
        for line in (
            '<figure markdown="span">',
            f"  ![{texts['ALT']}](figures/{name}.svg){{ loading=lazy{size} }}",
            f"  <figcaption>{html.escape(texts['CAPTION'], quote=False)}</figcaption>",
            "</figure>",
        )
    )


def figure_texts(script: Path) -> dict[str, str]:
    """The ALT and CAPTION constants of a figure script, read without running it."""
    texts = {}
    for node in ast.parse(script.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target = node.targets[0]
            if isinstance(target, ast.Name) and target.id in ("ALT", "CAPTION"):
                texts[target.id] = ast.literal_eval(node.value)
    missing = {"ALT", "CAPTION"} - texts.keys()
    if missing:
        raise ValueError(f"{script.name} defines no {' or '.join(sorted(missing))}")
    return texts


def figure_scripts() -> list[Path]:
    return sorted(p for p in FIGURE_SCRIPTS.glob("*.py") if not p.name.startswith("_"))


def draw_figures(cached: bool = False) -> list[Path]:
    """Run every figure script (cached: once per change of its inputs); the files they wrote."""
    if not cached:
        builds = FIGURE_CACHE.parent / "figures-build"
        _remove_finished_builds(builds)
        out_dir = builds / str(os.getpid())
        shutil.rmtree(out_dir, ignore_errors=True)
        out_dir.mkdir(parents=True)
        _draw_all(out_dir)
        return sorted(out_dir.iterdir())
    inputs = sorted(path for folder in FIGURE_INPUTS for path in folder.rglob("*.py"))
    key = digest_of(*(f"{p.relative_to(ROOT)}\0".encode() + p.read_bytes() for p in inputs))
    out_dir, _ = keyed_folder(FIGURE_CACHE, key, _draw_all)
    return sorted(p for p in out_dir.iterdir() if not p.name.startswith("."))


def _remove_finished_builds(builds: Path) -> None:
    """A build's figures stay in builds/<its pid> until MkDocs has copied them into the site;
    the folders of builds whose process has ended are removed (builds may run side by side)."""
    if not builds.is_dir():
        return
    for folder in builds.iterdir():
        if not folder.name.isdigit() or int(folder.name) == os.getpid():
            continue
        try:
            os.kill(int(folder.name), 0)
        except ProcessLookupError:
            shutil.rmtree(folder, ignore_errors=True)
        except PermissionError:  # a live process of another user
            pass


def _draw_all(out_dir: Path) -> None:
    with ThreadPoolExecutor(max_workers=2) as pool:
        list(pool.map(lambda script: _run_figure_script(script, out_dir), figure_scripts()))


def _run_figure_script(script: Path, out_dir: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(script), str(out_dir)], capture_output=True, text=True, cwd=ROOT
    )
    if result.returncode != 0:
        raise RuntimeError(f"figure script {script.name} failed:\n{result.stderr}")
