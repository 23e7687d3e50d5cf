"""Link previews: a preview image and the Open Graph / Twitter-card values of every page.

- A 1200 x 630 PNG per page (title + key formula, drawn with matplotlib's mathtext), cached by
  content hash under .cache/previews/ and published as previews/<slug>.png (``add_previews``).
- ``link_preview``: the values the theme's main.html turns into link-preview tags.
- ``check_front_matter``: warnings (errors in a strict build) for front matter it cannot use.

Front matter read here: ``title``, ``description``, ``preview_formula`` (mathtext, without $),
``keywords`` (list of strings; the search index reads them from the built page).
"""

from __future__ import annotations

import hashlib
import io
import logging
import os
import re
import textwrap
from pathlib import Path

from mkdocs.structure.files import File, Files

from sitebuild import ROOT

log = logging.getLogger("mkdocs.sitebuild.previews")

CACHE = ROOT / ".cache" / "previews"
WIDTH, HEIGHT, DPI = 1200, 630, 100

# The site's palette: mkdocs-material "indigo" primary, "slate" dark scheme (hue 232).
INDIGO = "#3f51b5"
INDIGO_LIGHT = "#9fa8da"
SLATE_BG = "#1e2129"
SLATE_FG = "#e2e4e9"

DEFAULT_FORMULA = (
    r"\dfrac{\partial J}{\partial w_j} = \dfrac{1}{m}\sum_{i=1}^{m}"
    r"\left(\sigma(w^{\top} x^{(i)}) - y^{(i)}\right)\,x_j^{(i)}"
)

# --------------------------------------------------------------------------------------------
# Page metadata


def page_slug(page) -> str:
    """'' -> 'index', 'chain-rule/' -> 'chain-rule'."""
    return page.url.strip("/").replace("/", "-") or "index"


def page_title(page) -> str:
    return str(page.meta.get("title") or page.title or page_slug(page))


def page_formula(page) -> str:
    return str(page.meta.get("preview_formula") or DEFAULT_FORMULA).strip().strip("$").strip()


def check_front_matter(page) -> None:
    description = page.meta.get("description")
    if description is not None and re.search(r'["<>]', str(description)):
        log.warning(f'{page.file.src_uri}: front matter description must not contain " < >')
    keywords = page.meta.get("keywords")
    if keywords is not None and not (
        isinstance(keywords, list) and all(isinstance(k, str) for k in keywords)
    ):
        log.warning(f"{page.file.src_uri}: front matter keywords must be a list of strings")


# --------------------------------------------------------------------------------------------
# Preview images


def _cache_key(title: str, formula: str) -> str:
    import matplotlib

    digest = hashlib.sha256()
    for part in (Path(__file__).read_bytes(), matplotlib.__version__.encode(), title, formula):
        digest.update(part if isinstance(part, bytes) else part.encode())
        digest.update(b"\0")
    return digest.hexdigest()[:20]


def render_preview(title: str, formula: str, footer: str, site_name: str = "") -> bytes:
    """The 1200 x 630 PNG for one page; same input, same bytes."""
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.patches import Rectangle

    with matplotlib.rc_context(
        {"font.family": "DejaVu Sans", "mathtext.fontset": "dejavusans", "text.usetex": False}
    ):
        fig = Figure(figsize=(WIDTH / DPI, HEIGHT / DPI), dpi=DPI, facecolor=SLATE_BG)
        renderer = FigureCanvasAgg(fig).get_renderer()
        band = fig.add_axes((0, 1 - 96 / HEIGHT, 1, 96 / HEIGHT))
        band.set_axis_off()
        band.add_patch(Rectangle((0, 0), 1, 1, color=INDIGO))
        band.text(0.045, 0.5, site_name, color="white", fontsize=26, va="center")

        margin = 0.045 * WIDTH
        usable = WIDTH - 2 * margin

        def fit(text_artist, max_width, min_size):
            while text_artist.get_window_extent(renderer).width > max_width:
                size = text_artist.get_fontsize() * 0.94
                if size < min_size:
                    break
                text_artist.set_fontsize(size)

        lines = textwrap.wrap(title, 34)[:3]
        heading = fig.text(
            0.045,
            1 - 140 / HEIGHT,
            "\n".join(lines),
            color="white",
            fontsize=46,
            fontweight="bold",
            va="top",
            linespacing=1.15,
        )
        fit(heading, usable, 24)
        top = heading.get_window_extent(renderer).y0  # pixels from the bottom
        eq = fig.text(
            0.5,
            (top / 2 + 50) / HEIGHT,
            f"${formula}$",
            color=SLATE_FG,
            fontsize=40,
            ha="center",
            va="center",
        )
        fit(eq, usable, 14)
        fig.text(0.045, 32 / HEIGHT, footer, color=INDIGO_LIGHT, fontsize=20, va="center")
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", dpi=DPI, facecolor=SLATE_BG, metadata={"Software": None})
    return buffer.getvalue()


def preview_png(title: str, formula: str, footer: str, site_name: str) -> Path:
    """Cached path of the preview for (title, formula, footer); rendered on a cache miss."""
    key = _cache_key(title, f"{formula}\0{footer}\0{site_name}")
    path = CACHE / f"{key}.png"
    if not path.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(render_preview(title, formula, footer, site_name))
        tmp.replace(path)
    return path


def add_previews(files: Files, config) -> Files:
    """Once the pages are read (front matter known): a preview image for each."""
    from urllib.parse import urlsplit

    site = urlsplit(config.site_url or "")
    address = f"{site.netloc}{site.path}".rstrip("/")  # example.org/sub: the card's footer
    for file in files.documentation_pages():
        page = file.page
        if page is None:
            continue
        title, formula = page_title(page), page_formula(page)
        footer = f"{address}/{page.url}".rstrip("/")
        try:
            path = preview_png(title, formula, footer, config.site_name)
        except ValueError as error:  # mathtext could not parse the formula
            log.warning(f"{file.src_uri}: preview_formula is not valid mathtext: {error}")
            path = preview_png(title, DEFAULT_FORMULA, footer, config.site_name)
        files.append(
            File.generated(config, f"previews/{page_slug(page)}.png", abs_src_path=str(path))
        )
    return files


def link_preview(page, config) -> dict:
    base = config.site_url or "/"
    description = page.meta.get("description") or config.site_description or ""
    return {
        "title": page_title(page),
        "description": " ".join(str(description).split()),
        "url": page.canonical_url or page.abs_url,
        "image": f"{base}previews/{page_slug(page)}.png",
        "image_alt": f"{page_title(page)}: the key formula of the page",
    }
