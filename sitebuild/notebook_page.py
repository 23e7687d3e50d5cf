"""The notebook page (mkdocs-jupyter): lighter, and nothing fetched from elsewhere.

- Its inline CSS: mkdocs-jupyter inlines JupyterLab's whole stylesheet (576 KB); the rules no
  element of the page can match are dropped (css_trim.py).
- Its plots: embedded as data: URLs, which every phone would download before it can draw the
  first screen (65 KB of the page's 125 KB). As files they load lazily, when they come near.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import json
import re
import struct
from pathlib import Path

from sitebuild import css_trim, notebook_styles, serve_cache

STYLE = re.compile(r"(<style[^>]*>)(.*?)(</style>)", re.S)
PNG_DATA_URL = re.compile(r'<img (?P<attrs>[^>]*?)src="data:image/png;base64,(?P<data>[\w+/=]+)"')


def is_notebook(page) -> bool:
    return page.file.src_uri.endswith(".ipynb")


def markdown_cells(path: Path) -> list[str]:
    """The text of each Markdown cell of a notebook."""
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return ["".join(c["source"]) for c in cells if c["cell_type"] == "markdown"]


def slim(output: str, page, site_dir: str, cache: Path | None = None) -> str:
    """The notebook page's HTML with its CSS trimmed and its plots written beside it; with a
    cache folder (mkdocs serve), each trim is computed once per stylesheet and page classes."""
    page_dir = Path(site_dir, page.file.dest_uri).parent
    classes = css_trim.page_classes(output)

    def trim(m: re.Match) -> str:
        if len(m[2]) <= 50_000:
            return m[0]
        compute = functools.partial(css_trim.trim_css, m[2], classes)
        return m[1] + serve_cache.text_once(cache, compute, m[2], *sorted(classes)) + m[3]

    output = STYLE.sub(trim, notebook_styles.fix_list_repr_styles(output))
    return PNG_DATA_URL.sub(lambda m: png_to_file(m, page_dir), output)


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
