"""Build glue for links: preview images, link-preview tags, copyable permalinks, search index.

- A 1200 x 630 PNG per page (title + key formula, drawn with matplotlib's mathtext), cached by
  content hash under .cache/previews/ and published as previews/<slug>.png.
- ``link_preview`` in every page's template context (overrides/main.html turns it into Open Graph
  and Twitter-card tags).
- Every ``a.headerlink`` (headings and derivation steps) gets ``data-clipboard-text`` with the
  page's canonical URL + anchor: mkdocs-material's own clipboard handler copies it on click and
  shows its "Copied to clipboard" notification, so no JavaScript of ours is needed.
- The search index: display math removed, inline math turned into plain text, and a hidden
  ``keywords`` field (front matter ``keywords:`` plus learners' synonyms, see SYNONYMS).

Front matter read here: ``title``, ``description``, ``preview_formula`` (mathtext, without $),
``keywords`` (list of strings).
"""

from __future__ import annotations

import hashlib
import html
import io
import json
import logging
import os
import re
import textwrap
import unicodedata
from pathlib import Path

from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

log = logging.getLogger("mkdocs.hooks.previews")

ROOT = Path(__file__).resolve().parent.parent
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

# Words learners use for the same thing. An index entry that mentions one of a group gets the
# others in its hidden ``keywords`` field, so "log loss gradient" finds the cross-entropy pages.
SYNONYMS = [
    [
        "cross-entropy",
        "cross entropy",
        "log loss",
        "logloss",
        "logistic loss",
        "BCE",
        "binary cross-entropy",
        "negative log-likelihood",
        "NLL",
        "cost",
        "loss",
    ],
    ["gradient", "derivative", "partial derivative", "dJ/dw", "dJ/dtheta", "differentiate"],
    ["sigmoid", "logistic function", "expit", "squashing function"],
    ["mean squared error", "MSE", "squared error", "squared loss", "least squares"],
    ["vectorized", "vectorised", "matrix form", "matrix notation", "numpy"],
    ["softmax", "multiclass", "multinomial", "categorical cross-entropy"],
    ["regularization", "regularisation", "L2", "ridge", "weight decay", "penalty"],
    ["hessian", "second derivative", "newton's method", "IRLS"],
    ["NaN", "nan", "overflow", "inf", "log(0)", "numerical stability"],
    ["convex", "convexity", "local minima", "non-convex"],
]

_STATE: dict = {"pages": {}}


# --------------------------------------------------------------------------------------------
# Page metadata


def page_slug(page) -> str:
    """'' -> 'index', 'chain-rule/' -> 'chain-rule'."""
    return page.url.strip("/").replace("/", "-") or "index"


def page_title(page) -> str:
    return str(page.meta.get("title") or page.title or page_slug(page))


def page_formula(page) -> str:
    return str(page.meta.get("preview_formula") or DEFAULT_FORMULA).strip().strip("$").strip()


def on_page_markdown(markdown, page, config, files):
    description = page.meta.get("description")
    if description is not None and re.search(r'["<>]', str(description)):
        log.warning(f'{page.file.src_uri}: front matter description must not contain " < >')
    keywords = page.meta.get("keywords")
    if keywords is not None and not (
        isinstance(keywords, list) and all(isinstance(k, str) for k in keywords)
    ):
        log.warning(f"{page.file.src_uri}: front matter keywords must be a list of strings")
    return markdown


# --------------------------------------------------------------------------------------------
# Permalinks: material's clipboard handler copies data-clipboard-text on click.

_HEADERLINK = re.compile(r'<a\b(?=[^>]*\bclass="headerlink")(?P<attrs>[^>]*)>')
_HREF = re.compile(r'\bhref="#(?P<id>[^"]+)"')


def add_clipboard_urls(content: str, base_url: str) -> str:
    def repl(m: re.Match) -> str:
        attrs = m.group("attrs")
        href = _HREF.search(attrs)
        if not href or "data-clipboard-text" in attrs:
            return m.group(0)
        url = html.escape(f"{base_url}#{html.unescape(href.group('id'))}", quote=True)
        return f'<a{attrs} data-clipboard-text="{url}">'

    return _HEADERLINK.sub(repl, content)


def on_page_content(html_content, page, config, files):
    return add_clipboard_urls(html_content, page.canonical_url or page.abs_url or "")


# --------------------------------------------------------------------------------------------
# Preview images


def _cache_key(title: str, formula: str) -> str:
    import matplotlib

    digest = hashlib.sha256()
    for part in (Path(__file__).read_bytes(), matplotlib.__version__.encode(), title, formula):
        digest.update(part if isinstance(part, bytes) else part.encode())
        digest.update(b"\0")
    return digest.hexdigest()[:20]


def render_preview(title: str, formula: str, footer: str) -> bytes:
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
        band.text(0.045, 0.5, site_name_for_card(), color="white", fontsize=26, va="center")

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


_SITE_NAME = {"value": ""}


def site_name_for_card() -> str:
    return _SITE_NAME["value"]


def preview_png(title: str, formula: str, footer: str) -> Path:
    """Cached path of the preview for (title, formula, footer); rendered on a cache miss."""
    key = _cache_key(title, f"{formula}\0{footer}\0{site_name_for_card()}")
    path = CACHE / f"{key}.png"
    if not path.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(render_preview(title, formula, footer))
        tmp.replace(path)
    return path


def on_config(config):
    _SITE_NAME["value"] = config.site_name
    _STATE["pages"] = {}
    return config


def on_env(env, config, files: Files):
    """Pages are read (front matter known) and static files not yet copied: add the previews."""
    from urllib.parse import urlsplit

    host = urlsplit(config.site_url or "").netloc
    for file in files.documentation_pages():
        page = file.page
        if page is None:
            continue
        title, formula = page_title(page), page_formula(page)
        footer = f"{host}/{page.url}".rstrip("/") if host else f"/{page.url}"
        try:
            path = preview_png(title, formula, footer)
        except ValueError as error:  # mathtext could not parse the formula
            log.warning(f"{file.src_uri}: preview_formula is not valid mathtext: {error}")
            path = preview_png(title, DEFAULT_FORMULA, footer)
        files.append(
            File.generated(config, f"previews/{page_slug(page)}.png", abs_src_path=str(path))
        )
    return env


def on_page_context(context, page, config, nav):
    base = config.site_url or "/"
    description = page.meta.get("description") or config.site_description or ""
    context["link_preview"] = {
        "title": page_title(page),
        "description": " ".join(str(description).split()),
        "url": page.canonical_url or page.abs_url,
        "image": f"{base}previews/{page_slug(page)}.png",
        "image_alt": f"{page_title(page)}: the key formula of the page",
    }
    _STATE["pages"][page.url] = [str(k) for k in page.meta.get("keywords") or []]
    return context


# --------------------------------------------------------------------------------------------
# Search index: no raw LaTeX in result previews; hidden synonyms.

_GREEK = "αalpha βbeta γgamma δdelta εepsilon ζzeta ηeta θtheta ιiota κkappa λlambda μmu νnu ξxi"
_GREEK += " πpi ρrho σsigma τtau υupsilon φphi χchi ψpsi ωomega"
SYMBOLS = {item[1:]: item[0] for item in _GREEK.split()}
SYMBOLS.update({name.capitalize(): sym.upper() for name, sym in SYMBOLS.items()})
# TeX command -> what the search preview shows.
SYMBOLS.update(
    pair.split("=", 1)
    for pair in "varepsilon=ε partial=∂ nabla=∇ sum=Σ prod=Π cdot=· times=× top=ᵀ intercal=ᵀ "
    "infty=∞ leq=≤ geq=≥ le=≤ ge=≥ neq=≠ approx=≈ to=→ rightarrow=→ in=∈ odot=⊙ circ=∘ mid=| "
    "ldots=… cdots=⋯ log=log ln=ln exp=exp min=min max=max det=det".split()
)
_DISPLAY = re.compile(r"\\\[.*?\\\]|\$\$.*?\$\$", re.S)
_INLINE = re.compile(r"\\\((.*?)\\\)", re.S)
_DOLLAR = re.compile(r"(?<!\\)\$(?=\S)([^$\n]*?\S)\$(?!\d)")  # notebook cells keep $...$
_TEXISH = re.compile(r"[\\^_=]")
_CMD = re.compile(r"\\([A-Za-z]+|.)")
FRACTIONS = {"frac", "dfrac", "tfrac"}
ACCENTS = {"hat": "\u0302", "bar": "\u0304", "tilde": "\u0303", "vec": "\u20d7"}
WRAPPERS = (
    dict.fromkeys(
        "mathbf mathrm boldsymbol mathit mathcal mathsf bm operatorname text textrm".split(), ""
    )
    | ACCENTS
)
DROPPED = set(
    "left right big Big bigg Bigg bigl bigr Bigl Bigr displaystyle limits quad qquad".split()
)
DROPPED |= {",", ";", ":", "!", " "}


def _take(s: str, i: int) -> tuple[str, int]:
    """The argument starting at s[i]: a {balanced group}, a \\command or one character."""
    while i < len(s) and s[i] == " ":
        i += 1
    if i >= len(s):
        return "", i
    if s[i] == "{":
        depth = 0
        for j in range(i, len(s)):
            depth += {"{": 1, "}": -1}.get(s[j], 0)
            if depth == 0:
                return s[i + 1 : j], j + 1
        return s[i + 1 :], len(s)
    m = _CMD.match(s, i)
    if m:
        return m.group(0), m.end()
    return s[i], i + 1


def _group(part: str) -> str:
    if re.fullmatch(r"[\w∂∇σθᵀ′' ]+", part):
        return part.replace(" ", "")
    if re.fullmatch(r"\([^()]*\)", part):
        return part
    return f"({part})"


def tex_to_text(tex: str) -> str:
    """A readable plain-text approximation of a small TeX formula (for search previews)."""
    out: list[str] = []
    i = 0
    while i < len(tex):
        c = tex[i]
        if c == "\\":
            m = _CMD.match(tex, i)
            name, i = m.group(1), m.end()
            if name in FRACTIONS:
                a, i = _take(tex, i)
                b, i = _take(tex, i)
                out.append(f"{_group(tex_to_text(a))}/{_group(tex_to_text(b))}")
            elif name in WRAPPERS:
                a, i = _take(tex, i)
                out.append(tex_to_text(a) + WRAPPERS[name])
            elif name in DROPPED:
                out.append(" ")
            else:
                symbol = SYMBOLS.get(name, name)
                out.append(f" {symbol}" if symbol in ("Σ", "Π") else symbol)
        elif c in "^_":
            a, i = _take(tex, i + 1)
            a = tex_to_text(a)
            out.append(a if a == "ᵀ" else c + _group(a))
        elif c in "{}":
            i += 1
        else:
            out.append("−" if c == "-" else c)
            i += 1
    return unicodedata.normalize("NFC", " ".join("".join(out).split()))


def clean_search_text(text: str) -> str:
    text = _DISPLAY.sub(" ", text)
    text = _INLINE.sub(lambda m: tex_to_text(m.group(1)), text)
    text = _DOLLAR.sub(
        lambda m: tex_to_text(m.group(1)) if _TEXISH.search(m.group(1)) else m[0], text
    )
    return re.sub(r"[ \t]{2,}", " ", text).strip()


def synonyms_for(text: str) -> list[str]:
    lowered = text.lower()
    found: list[str] = []
    for group in SYNONYMS:
        if any(re.search(rf"(?<![\w-]){re.escape(w.lower())}(?![\w-])", lowered) for w in group):
            found.extend(w for w in group if w not in found)
    return found


# The notebook's code cells and outputs mention every topic of the site: index its prose only,
# and rank it below the pages that explain each topic.
NOTEBOOK_PROSE = re.compile(r"<p>.*?</p>|<li>.*?</li>", re.S)
NOTEBOOK_BOOST = 0.5


def rewrite_search_index(data: dict, keywords_by_page: dict[str, list[str]]) -> dict:
    for doc in data.get("docs", []):
        if doc["location"].startswith("notebook/"):
            doc["text"] = " ".join(NOTEBOOK_PROSE.findall(doc.get("text", "")))
            doc["boost"] = NOTEBOOK_BOOST
        doc["title"] = clean_search_text(doc.get("title", ""))
        doc["text"] = clean_search_text(doc.get("text", ""))
        words = (
            list(keywords_by_page.get(doc["location"], [])) if "#" not in doc["location"] else []
        )
        words += synonyms_for(doc["title"] + " " + doc["text"] + " " + " ".join(words))
        if words:
            doc["keywords"] = " ".join(dict.fromkeys(words))
    return data


@event_priority(-100)  # after the search plugin has written its index
def on_post_build(config):
    path = Path(config.site_dir) / "search" / "search_index.json"
    if not path.exists():
        return
    data = json.loads(path.read_text(encoding="utf-8"))
    data = rewrite_search_index(data, _STATE["pages"])
    path.write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")
