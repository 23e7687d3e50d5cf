"""Edits to two of mkdocs-material's built assets that make Chromium restyle a whole page on load.

Each edit names the exact text it replaces. If a material upgrade changes that text, the build
stops: measure again (`make bench`, issue 9), then update the edit or drop it.
"""

from __future__ import annotations

from pathlib import Path

# The palette script marks <body> with data-md-color-switching while it applies a palette, on every
# page load too, and this rule makes the browser restyle every element when the mark comes and
# again when it goes. The cost of dropping it: switching palettes fades the few colours that have
# transitions instead of swapping them at once.
SWITCHING_RULE = (
    "[data-md-color-switching] *,[data-md-color-switching] :after,"
    "[data-md-color-switching] :before{transition-duration:0s!important}"
)

NO_SWITCHING_RULE = "/* data-md-color-switching rule removed by hooks/material_patches.py */"

# The palette script adds a <meta name="color-scheme"> to the head after the page is parsed, then
# sets its content. Chromium restyles every element of the document each time such a meta is
# added or changed (a "platform colour change"): twice per load, /code/'s 5,100 elements each time.
# Without it the object is a plain one, so the script's later `.content = ...` touches nothing.
# site.css gives the root element the palette's colour scheme instead. The replacement has the
# same length, so the bundle's source map still points at the right columns.
COLOR_SCHEME_META = 'let o=x("meta",{name:"color-scheme"});document.head.appendChild(o);'
NO_COLOR_SCHEME_META = "let o={};".ljust(len(COLOR_SCHEME_META))


def apply(site_dir: str | Path) -> None:
    assets = Path(site_dir, "assets")
    _replace(assets / "stylesheets", "palette.*.min.css", SWITCHING_RULE, NO_SWITCHING_RULE)
    _replace(assets / "javascripts", "bundle.*.min.js", COLOR_SCHEME_META, NO_COLOR_SCHEME_META)


def _replace(folder: Path, pattern: str, old: str, new: str) -> None:
    (path,) = folder.glob(pattern)
    text = path.read_text(encoding="utf-8")
    if new in text and old not in text:  # already edited: mkdocs serve may keep the copy
        return
    if text.count(old) != 1:
        raise RuntimeError(f"{path.name} no longer holds the text hooks/material_patches.py edits")
    path.write_text(text.replace(old, new), encoding="utf-8")
