"""mkdocs-jupyter 0.27 appends ``<style>{resources["inlining"]["css"]}</style>`` to each notebook
page: the Python repr of a list of stylesheets (``['pre { line-height: 125%; } ...']``), not CSS.
Its template has already written each of those stylesheets into the page in a ``<style>`` of
its own, so the repr is dropped; a stylesheet of the list the page does not hold yet is written
out as CSS instead.
"""

from __future__ import annotations

import ast
import re

STYLE = re.compile(r"(?P<open><style[^>]*>)(?P<css>.*?)</style>", re.S)


def _stylesheets(text: str) -> list[str] | None:
    """The list of stylesheets a style block's text is the repr of, or None."""
    text = text.strip()
    if not text.startswith("["):
        return None
    try:
        value = ast.literal_eval(text)
    except (ValueError, SyntaxError):
        return None
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return value
    return None


def fix_list_repr_styles(html: str) -> str:
    written = [m["css"] for m in STYLE.finditer(html) if _stylesheets(m["css"]) is None]

    def replace(match: re.Match) -> str:
        sheets = _stylesheets(match["css"])
        if sheets is None:
            return match[0]
        new = [css for css in sheets if not any(css.strip() in block for block in written)]
        return f"{match['open']}{''.join(new)}</style>" if new else ""

    return STYLE.sub(replace, html)
