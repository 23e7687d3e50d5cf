"""Build glue: the step fences and the figures drawn at build time (math: prerender_math.py)."""

from __future__ import annotations

import ast
import base64
import hashlib
import html
import re
import shutil
import struct
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import code_copy
import css_trim
import derivation_steps
import material_patches
from mkdocs.structure.files import File, Files

ROOT = Path(__file__).resolve().parent.parent
FIGURE_SCRIPTS = ROOT / "scripts" / "figures"
FIGURE_INPUTS = [FIGURE_SCRIPTS, ROOT / "snippets"]
FIGURE_CACHE = ROOT / ".cache" / "figures"
FIGURE_REF = re.compile(
    r"^(?P<indent>[ \t]*)!\[\]\(figures/(?P<name>[a-z0-9_]+)\.svg\)[ \t]*$", re.MULTILINE
)
ANCHOR_ID = re.compile(r'\sid="([^"]+)"')
SVG_SIZE = re.compile(r'<svg\b[^>]*?\swidth="([\d.]+)pt"\s+height="([\d.]+)pt"')
# name -> (width, height) in CSS px of each drawn figure, so the page reserves its space (no
# layout shift when a lazy image arrives).
FIGURE_SIZES: dict[str, tuple[int, int]] = {}


def on_config(config):
    fences = config.mdx_configs.setdefault("pymdownx.superfences", {})
    custom = fences.setdefault("custom_fences", [])
    for name in ("step", "result"):
        custom.append({"name": name, "class": name, "format": derivation_steps.fence_format})
    return config


def on_page_markdown(markdown: str, page, config, files) -> str:
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


def on_page_content(html: str, page, config, files) -> str:
    """Let link validation see every id in the page, including those of stashed fence HTML;
    write the code blocks' copy buttons and the tables' scrolling wrappers (both: issue 9).

    MkDocs collects anchors before pymdownx.superfences restores the HTML of custom fences, so
    the step anchors would otherwise count as missing.
    """
    page.present_anchor_ids = (page.present_anchor_ids or set()) | set(ANCHOR_ID.findall(html))
    html = code_copy.add_copy_buttons(html)
    return BARE_TABLE.sub(TABLE_WRAPPER, html)


# mkdocs-material moves each table without a class into its scrolling wrapper when the page loads:
# Chromium restyles the article around it, and the table, 8 px taller in the wrapper, pushes down
# everything below it after the page has been drawn. Written here, the wrapper costs nothing at
# load; hooks/material_patches.py keeps material from wrapping these tables a second time.
BARE_TABLE = re.compile(r"<table>.*?</table>", re.S)
TABLE_WRAPPER = (
    r'<div class="md-typeset__scrollwrap"><div class="md-typeset__table">\g<0></div></div>'
)


SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
STYLE = re.compile(r"(<style[^>]*>)(.*?)(</style>)", re.S)


def name_search_dialog(output: str) -> str:
    """axe rule aria-dialog-name: material's search dialog has no accessible name."""
    return output.replace(SEARCH_DIALOG, SEARCH_DIALOG[:-1] + ' aria-label="Search">', 1)


def on_post_template(output: str, template_name: str, config) -> str:
    return name_search_dialog(output)  # the 404 page is a template, not a page


def on_post_page(output: str, page, config) -> str:
    """Name the search dialog; slim the notebook's inline CSS; its plots become image files."""
    output = name_search_dialog(output)
    if page.file.src_uri.endswith(".ipynb"):
        classes = css_trim.page_classes(output)

        def trim(m: re.Match) -> str:
            return m[1] + css_trim.trim_css(m[2], classes) + m[3] if len(m[2]) > 50_000 else m[0]

        output = STYLE.sub(trim, output)
        page_dir = Path(config.site_dir, page.file.dest_uri).parent
        output = PNG_DATA_URL.sub(lambda m: png_to_file(m, page_dir), output)
    return output


# A plot the notebook embeds as a data: URL, which every phone would download before it can draw
# the first screen (/notebook/: 65 KB of its 125 KB). As a file it loads lazily, when it comes near.
PNG_DATA_URL = re.compile(r'<img (?P<attrs>[^>]*?)src="data:image/png;base64,(?P<data>[\w+/=]+)"')


def png_to_file(match: re.Match, page_dir: Path) -> str:
    data = base64.b64decode(match["data"])
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("a notebook image labelled PNG is not a PNG")
    width, height = struct.unpack(">II", data[16:24])  # the IHDR chunk
    name = f"output-{hashlib.sha256(data).hexdigest()[:10]}.png"
    page_dir.mkdir(parents=True, exist_ok=True)
    (page_dir / name).write_bytes(data)
    size = f'width="{width}" height="{height}" loading="lazy" decoding="async"'
    return f'<img {match["attrs"]}{size} src="{name}"'


def on_post_build(config) -> None:
    material_patches.apply(config.site_dir)


def on_files(files: Files, config) -> Files:
    for path in draw_figures():
        if path.suffix == ".svg" and (size := SVG_SIZE.search(path.read_text(encoding="utf-8"))):
            FIGURE_SIZES[path.stem] = tuple(round(float(v) * 4 / 3) for v in size.groups())
        files.append(File.generated(config, f"figures/{path.name}", abs_src_path=str(path)))
    return files


def figure_scripts() -> list[Path]:
    return sorted(p for p in FIGURE_SCRIPTS.glob("*.py") if not p.name.startswith("_"))


def draw_figures() -> list[Path]:
    """Run every figure script once per change of its inputs; return the files they wrote."""
    digest = hashlib.sha256()
    for folder in FIGURE_INPUTS:
        for path in sorted(folder.rglob("*.py")):
            digest.update(path.relative_to(ROOT).as_posix().encode())
            digest.update(path.read_bytes())
    out_dir = FIGURE_CACHE / digest.hexdigest()[:16]
    done = out_dir / ".complete"
    if not done.exists():
        out_dir.mkdir(parents=True, exist_ok=True)
        with ThreadPoolExecutor(max_workers=2) as pool:
            list(pool.map(lambda script: _run_figure_script(script, out_dir), figure_scripts()))
        done.touch()
        for stale in FIGURE_CACHE.iterdir():
            if stale != out_dir:
                shutil.rmtree(stale, ignore_errors=True)
    return sorted(p for p in out_dir.iterdir() if not p.name.startswith("."))


def _run_figure_script(script: Path, out_dir: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(script), str(out_dir)], capture_output=True, text=True, cwd=ROOT
    )
    if result.returncode != 0:
        raise RuntimeError(f"figure script {script.name} failed:\n{result.stderr}")
