"""Math typeset at build time: pages ship MathJax's output, the browser runs no MathJax.

After the build, every ``.arithmatex`` element of every page (``\\(..\\)`` inline, ``\\[..\\]``
display, as pymdownx.arithmatex writes them) is typeset by MathJax 4 in node
(tools/typeset.mjs, one process per build, npm ``mathjax`` pinned in package-lock.json) into
CHTML with assistive MathML (``mjx-assistive-mml``) for screen readers. The element keeps its
class; its TeX is replaced by the ``mjx-container``. MathJax's stylesheet for every character
used on the site is written once, as ``assets/mathjax/chtml.<hash>.css``, and linked from every
page (so instant navigation needs nothing more). The fonts it loads are cut to the characters
the site draws, and the two that decide the layout are ready before the first layout
(hooks/math_fonts.py), so the math never shifts when a font arrives.

A TeX error fails the build (strict mode) with the page and the formula.
"""

from __future__ import annotations

import hashlib
import html
import json
import logging
import re
import subprocess
import time
from pathlib import Path
from urllib.parse import urlsplit

from math_fonts import publish_fonts

log = logging.getLogger("mkdocs.hooks.prerender_math")

ROOT = Path(__file__).resolve().parent.parent
TYPESET = ROOT / "tools" / "typeset.mjs"
FONTS = ROOT / "node_modules" / "@mathjax" / "mathjax-newcm-font" / "chtml" / "woff2"
ASSETS = "assets/mathjax"

ARITHMATEX = re.compile(
    r'(?P<open><(?P<tag>span|div) class="(?:[^"]* )?arithmatex(?: [^"]*)?"[^>]*>)'
    r"(?P<tex>.*?)(?P<close></(?P=tag)>)",
    re.S,
)
DELIMITERS = {("\\(", "\\)"): False, ("\\[", "\\]"): True}
# MathJax 4 marks every node with its TeX source for its (client-side) menu and explorer.
DATA_LATEX = re.compile(r' data-latex="[^"]*"')
# mkdocs-jupyter's loader that fetches MathJax for notebook pages: the math is typeset already.
JUPYTER_MATHJAX = re.compile(r"<script data-mkdocs-jupyter-mathjax=.*?</script>\s*", re.S)


def on_config(config):
    if not FONTS.is_dir():
        raise RuntimeError(f"{FONTS} is missing: run `make env` (npm ci) first")
    return config


def on_post_page(output: str, page, config) -> str:
    return JUPYTER_MATHJAX.sub("", output)


def split_math(source: str) -> tuple[str, bool] | None:
    """'\\(x\\)' -> ('x', False); '\\[x\\]' -> ('x', True); anything else -> None."""
    text = html.unescape(source).strip()
    for (left, right), display in DELIMITERS.items():
        if text.startswith(left) and text.endswith(right):
            return text[len(left) : -len(right)], display
    return None


def typeset(items: list[tuple[str, bool]]) -> dict:
    """Runs tools/typeset.mjs once on every (tex, display) item."""
    request = json.dumps({"fontURL": "woff2", "items": items})
    result = subprocess.run(
        ["node", str(TYPESET)], input=request, capture_output=True, text=True, cwd=ROOT
    )
    if result.returncode != 0:
        raise RuntimeError(f"tools/typeset.mjs failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout)


def on_post_build(config) -> None:
    start = time.perf_counter()
    site = Path(config.site_dir)
    pages = {path: path.read_text(encoding="utf-8") for path in sorted(site.rglob("*.html"))}
    index: dict[tuple[str, bool], int] = {}
    where: dict[tuple[str, bool], str] = {}
    for path, text in pages.items():
        for match in ARITHMATEX.finditer(text):
            item = split_math(match.group("tex"))
            if item is None:
                page_path = path.relative_to(site)
                log.warning(f"{page_path}: math without \\( \\) or \\[ \\]: {match[0]}")
                continue
            index.setdefault(item, len(index))
            where.setdefault(item, str(path.relative_to(site)))
    items = list(index)
    result = typeset(items)
    for number, message in result["errors"]:
        tex, _ = items[number]
        log.warning(f"{where[items[number]]}: MathJax cannot typeset {tex!r}: {message}")
    rendered = [DATA_LATEX.sub("", markup) for markup in result["html"]]

    css, font_script = publish_fonts(result["css"], rendered, FONTS, site / ASSETS / "woff2")
    css_name = f"chtml.{hashlib.sha256(css.encode()).hexdigest()[:10]}.css"
    (site / ASSETS / css_name).write_text(css, encoding="utf-8")
    base_path = urlsplit(config.site_url or "/").path or "/"

    def replace(match: re.Match) -> str:
        item = split_math(match.group("tex"))
        if item is None:
            return match[0]
        return match.group("open") + rendered[index[item]] + match.group("close")

    for path, text in pages.items():
        if path.name == "404.html":  # served at any depth: an absolute path
            href = f"{base_path.rstrip('/')}/{ASSETS}/{css_name}"
        else:
            depth = len(path.relative_to(site).parts) - 1
            href = "../" * depth + f"{ASSETS}/{css_name}"
        link = f'<link rel="stylesheet" href="{href}">'
        head = f"  {font_script}\n  {link}\n  </head>"
        new = ARITHMATEX.sub(replace, text).replace("</head>", head, 1)
        path.write_text(new, encoding="utf-8")
    log.info(
        f"math typeset at build time: {len(items)} distinct formulas on {len(pages)} pages "
        f"in {time.perf_counter() - start:.1f} s"
    )
