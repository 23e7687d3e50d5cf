"""Math typeset at build time: pages ship MathML, which the browser draws itself.

After the build, every ``.arithmatex`` element of every page (``\\(..\\)`` inline, ``\\[..\\]``
display, as pymdownx.arithmatex writes them) is turned by MathJax 4 in node (tools/typeset.mjs,
one process per build, npm ``mathjax`` pinned in package-lock.json) into MathML, made into
MathML Core (mathml_core.py). The element keeps its class; its TeX is replaced by the
``<math>`` element. One tree serves the eye and screen readers alike, and the browser runs no
script to draw it. The math font, cut to the characters the site draws, is ready before the
first layout (math_fonts.py), so the math never moves when a font arrives.

A TeX error (an undefined macro too) fails the build (strict mode) with the page and the formula.
"""

from __future__ import annotations

import html
import json
import logging
import re
import subprocess
import time
from pathlib import Path

from sitebuild import ROOT, math_cache
from sitebuild.math_fonts import FONT, head_markup, math_chars, publish_font
from sitebuild.math_linebreak import break_lines
from sitebuild.mathml_core import to_core

log = logging.getLogger("mkdocs.sitebuild.typeset_math")

TYPESET = ROOT / "tools" / "typeset.mjs"
ASSETS = "assets/math"

ARITHMATEX = re.compile(
    r'(?P<open><(?P<tag>span|div) class="(?:[^"]* )?arithmatex(?: [^"]*)?"[^>]*>)'
    r"(?P<tex>.*?)(?P<close></(?P=tag)>)",
    re.S,
)
DELIMITERS = {("\\(", "\\)"): False, ("\\[", "\\]"): True}
# mkdocs-jupyter's loader that would fetch MathJax (on every page): the math is typeset already.
JUPYTER_MATHJAX = re.compile(r"<script data-mkdocs-jupyter-mathjax=.*?</script>\s*", re.S)


def check_font() -> None:
    if not FONT.is_file():
        raise RuntimeError(f"{FONT} is missing: run `make env` (npm ci) first")


def split_math(source: str) -> tuple[str, bool] | None:
    """'\\(x\\)' -> ('x', False); '\\[x\\]' -> ('x', True); anything else -> None."""
    text = html.unescape(source).strip()
    for (left, right), display in DELIMITERS.items():
        if text.startswith(left) and text.endswith(right):
            return text[len(left) : -len(right)], display
    return None


def typeset(items: list[tuple[str, bool]]) -> dict:
    """Runs tools/typeset.mjs once on every (tex, display) item."""
    request = json.dumps({"items": items})
    result = subprocess.run(
        ["node", str(TYPESET)], input=request, capture_output=True, text=True, cwd=ROOT
    )
    if result.returncode != 0:
        raise RuntimeError(f"tools/typeset.mjs failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout)


def typeset_site(site: Path, base_path: str = "/", cache: Path | None = None) -> None:
    """Every page of the built site with its math as MathML and the math font in its head;
    base_path is the site's path on its host (the 404 page links its assets from there).
    With a cache folder (mkdocs serve), only new formulas are typeset (math_cache.py)."""
    start = time.perf_counter()
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
    if cache is None:
        result = typeset(items)
    else:
        result = math_cache.typeset_new(items, typeset, cache / "mathml")
    for number, message in result["errors"]:
        tex, _ = items[number]
        log.warning(f"{where[items[number]]}: MathJax cannot typeset {tex!r}: {message}")
    rendered = [to_core(markup) for markup in result["mathml"]]
    if cache is None:
        font_name, script_name = publish_font(rendered, site / ASSETS)
    else:
        code = (FONT, ROOT / "sitebuild" / "math_fonts.py", ROOT / "sitebuild" / "mathml_core.py")
        chars = math_chars(rendered)
        font_name, script_name = math_cache.publish_font_once(
            rendered, site / ASSETS, publish_font, chars, code, cache / "math-font"
        )
    shown = [break_lines(markup) for markup in rendered]

    def replace(match: re.Match) -> str:
        item = split_math(match.group("tex"))
        if item is None:
            return match[0]
        return match.group("open") + shown[index[item]] + match.group("close")

    for path, text in pages.items():
        if path.name == "404.html":  # served at any depth: an absolute path
            assets = f"{base_path.rstrip('/')}/{ASSETS}"
        else:
            depth = len(path.relative_to(site).parts) - 1
            assets = "../" * depth + ASSETS
        head = f"  {head_markup(assets, font_name, script_name)}\n  </head>"
        new = ARITHMATEX.sub(replace, JUPYTER_MATHJAX.sub("", text)).replace("</head>", head, 1)
        path.write_text(new, encoding="utf-8")
    log.info(
        f"math typeset at build time: {len(items)} distinct formulas on {len(pages)} pages "
        f"in {time.perf_counter() - start:.1f} s"
    )
