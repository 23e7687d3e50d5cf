"""Drop the CSS rules no element of a page can match (for mkdocs-jupyter's 576 KB stylesheet).

mkdocs-jupyter inlines JupyterLab's whole stylesheet in every notebook page; a static notebook
uses a small part of it. A selector is kept when every class it names (outside ``:not()``)
occurs in the page's ``class`` attributes; a rule is kept when one of its selectors is;
``@media``/``@supports`` blocks are trimmed inside, other at-rules kept as they are. Classes
that only JupyterLab's own JavaScript would add (it does not run here) are exactly those absent.
"""

from __future__ import annotations

import re

CLASS = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
NOT = re.compile(r":not\((?:[^()]|\([^()]*\))*\)")
CLASS_ATTR = re.compile(r'\bclass="([^"]*)"')
GROUPING = re.compile(r"@(media|supports|layer)\b")


def _skip_string(css: str, i: int) -> int:
    quote, i = css[i], i + 1
    while i < len(css) and css[i] != quote:
        i += 2 if css[i] == "\\" else 1
    return i + 1


def blocks(css: str) -> list[tuple[str, str | None]]:
    """Top-level items: (prelude, body) for a block, (statement, None) for a ``;`` statement."""
    out: list[tuple[str, str | None]] = []
    i, start, n = 0, 0, len(css)
    while i < n:
        c = css[i]
        if c in "\"'":
            i = _skip_string(css, i)
        elif css.startswith("/*", i):
            end = css.find("*/", i + 2)
            i = n if end < 0 else end + 2
            if not css[start : i - 2].split("/*")[0].strip():
                start = i  # a comment before a rule is not part of its prelude
        elif c == ";":
            out.append((css[start:i].strip(), None))
            i = start = i + 1
        elif c == "{":
            depth, j = 1, i + 1
            while j < n and depth:
                if css[j] in "\"'":
                    j = _skip_string(css, j)
                    continue
                depth += (css[j] == "{") - (css[j] == "}")
                j += 1
            out.append((css[start:i].strip(), css[i + 1 : j - 1]))
            i = start = j
        else:
            i += 1
    return out


def split_selectors(prelude: str) -> list[str]:
    parts, depth, current = [], 0, []
    for ch in prelude:
        depth += (ch == "(") - (ch == ")")
        if ch == "," and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
    return [*parts, "".join(current)]


def trim_css(css: str, classes: set[str]) -> str:
    out = []
    for prelude, body in blocks(css):
        if body is None:
            continue  # @charset, @import: the page is UTF-8 and imports nothing
        if GROUPING.match(prelude):
            inner = trim_css(body, classes)
            if inner:
                out.append(f"{prelude}{{{inner}}}")
        elif prelude.startswith("@"):
            out.append(f"{prelude}{{{body}}}")
        else:
            kept = [
                s.strip()
                for s in split_selectors(prelude)
                if set(CLASS.findall(NOT.sub("", s))) <= classes
            ]
            if kept:
                out.append(",".join(kept) + "{" + body + "}")
    return "".join(out)


def page_classes(html_text: str) -> set[str]:
    return {name for m in CLASS_ATTR.finditer(html_text) for name in m.group(1).split()}
