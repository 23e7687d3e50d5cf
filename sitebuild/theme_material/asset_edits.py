"""Edits to mkdocs-material's built assets (9.8.1) that make a phone's start-up cheaper (issue 9).

Each edit names the exact text it replaces and how often it occurs. If a material upgrade changes
that text, the build stops: measure again (`make bench`), then update the edit or drop it. The
bundle's source map is shifted to match (hooks/source_maps.py), so DevTools still shows
material's sources at the right places.

1. Palette: no whole-page restyles on load (the CSS rule and the color-scheme meta below);
   content tabs: rules the browser tries on the tabs' own elements only, not on every element.
2. Tables: material wraps each in its scrolling wrapper when the page loads; hooks/site_hooks.py
   writes that wrapper at build time, and material leaves wrapped tables alone.
3. Start-up in slices: material's script did all of its start-up in two long tasks, its
   evaluation and its DOMContentLoaded handler (/code/: about 100 ms each on this machine, four
   times that on the phone Lighthouse emulates). Its components now mount in slices of at most
   8 ms (hooks/material_startup.js), so the browser can draw and answer input in between:
   - the bundle waits for the next frame before it starts, and once more before it mounts
     anything, so the page's layout is done by the frame, not forced by the script's first
     read of the scroll position; its set-up in between yields twice more;
   - the components that material mounts at once (the `control$` and `content$` merges, and
     mountContent's merge of code blocks, tabs, tables, links ...) each mount in a queued task
     of its own, called only when its turn comes;
   - the document observable also fires when the script starts after DOMContentLoaded.
"""

from __future__ import annotations

import bisect
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

import source_maps

HOOKS = Path(__file__).resolve().parent

# The palette script marks <body> with data-md-color-switching while it applies a palette, on every
# page load too, and this rule makes the browser restyle every element when the mark comes and
# again when it goes. The cost of dropping it: switching palettes fades the few colours that have
# transitions instead of swapping them at once.
SWITCHING_RULE = (
    "[data-md-color-switching] *,[data-md-color-switching] :after,"
    "[data-md-color-switching] :before{transition-duration:0s!important}"
)
NO_SWITCHING_RULE = "/* data-md-color-switching rule removed by hooks/material_patches.py */"


@dataclass(frozen=True)
class Edit:
    """Replace `old` by `new` (a regex and its replacement when `pattern`), `count` times; with
    `within`, only between the first occurrence of its first text and the next of its second."""

    old: str
    new: str
    count: int = 1
    pattern: bool = False
    within: tuple[str, str] | None = None


# Material's rxjs, as its bundle names them. The edits below rely on these three.
RXJS = {
    "Observable": "F=(function(){function e(t){t&&(this._subscribe=t)}",
    "merge": "function L(){for(var e=[],t=0;t<arguments.length;t++)e[t]=arguments[t];"
    "var r=Fe(e),o=rr(e,1/0)",
    "defer": "function H(e){return new F(function(t){U(e()).subscribe(t)})",
}
STARTUP_HELPER = (
    (HOOKS / "material_startup.js")
    .read_text(encoding="utf-8")
    .replace("})(Observable, merge, defer);", "})(F, L, H);")
)
APP_START = 'document.documentElement.classList.remove("no-js");'
CONTENT_MOUNTS = ("function oi(e,t){", "function cs(")
COMPONENT_MOUNTS = (",Hs=L(", "Ki.subscribe()")

NEXT_FRAME = "await __mdStartup.nextFrame();"
NEXT_TASK = "await __mdStartup.nextTask();"


def insert_before(anchor: str, text: str) -> Edit:
    return Edit(anchor, text + anchor)


BUNDLE_EDITS = [
    # The palette script adds a <meta name="color-scheme"> to the head after the page is parsed,
    # then sets its content. Chromium restyles every element of the document each time such a
    # meta is added or changed (a "platform colour change"). Without it the object is a plain
    # one, so the script's later `.content = ...` touches nothing; site.css gives the root
    # element the palette's colour scheme instead.
    Edit('let o=x("meta",{name:"color-scheme"});document.head.appendChild(o);', "let o={};"),
    # Start-up in slices: an async bundle that waits for frames and yields ...
    Edit('"use strict";(()=>{', '"use strict";(async()=>{'),
    insert_before(APP_START, " ".join(STARTUP_HELPER.split()) + NEXT_FRAME),
    insert_before("di({alert$:fo});", NEXT_TASK),
    insert_before("Fi({viewport$:ke,document$:ct});", NEXT_TASK),
    insert_before('var ft=ai(Ce("header")', NEXT_FRAME),
    # ... whose document observable fires even when it starts after DOMContentLoaded ...
    Edit(
        'return h(document,"DOMContentLoaded",{once:!0}).subscribe(()=>e.next(document)),e}',
        'return document.readyState==="loading"?h(document,"DOMContentLoaded",{once:!0})'
        ".subscribe(()=>e.next(document)):e.next(document),e}",
    ),
    # Tables: hooks/site_hooks.py writes material's scrolling wrapper around each at build time.
    Edit('M("table:not([class])",e)', 'M("table:not([class]):not(.md-typeset__table>table)",e)'),
    # ... and mounts each component when its turn in the queue comes.
    Edit(r'\bM\(("[^"]*"),e\)', r"__mdStartup.lazy(M(\1,e))", 9, True, CONTENT_MOUNTS),
    Edit(r'\bme\(("[\w-]+")\)', r"__mdStartup.lazy(me(\1))", 15, True, COMPONENT_MOUNTS),
    Edit(
        "function oi(e,t){let{viewport$:r,target$:o,print$:n}=t;return L(",
        "function oi(e,t){let{viewport$:r,target$:o,print$:n}=t;return __mdStartup.staggered(",
    ),
    Edit(",Hs=L(", ";var Hs=__mdStartup.staggered("),
    Edit("$s=H(()=>L(", "$s=H(()=>__mdStartup.staggered("),
]


# Content tabs: material styles the checked tab's label and block with rules for each position,
# 1 to 20, of the form `.tabbed-labels>:nth-child(3)`. A rule whose last part names no tag or
# class is tried on every element of the page: these 140 were half of the selector matching on
# /matrix/. The labels are <label> and the blocks .tabbed-block (pymdownx.tabbed's markup), so
# naming them matches the same elements and tries each rule on those alone.
TAB_RULES = [
    Edit(".tabbed-labels>:", ".tabbed-labels>label:", 120),
    Edit(".tabbed-content>:", ".tabbed-content>.tabbed-block:", 20),
]


def apply(site_dir: str | Path) -> None:
    assets = Path(site_dir, "assets")
    edit_asset(
        assets / "stylesheets", "palette.*.min.css", [Edit(SWITCHING_RULE, NO_SWITCHING_RULE)]
    )
    edit_asset(assets / "stylesheets", "main.*.min.css", TAB_RULES)
    edit_asset(assets / "javascripts", "bundle.*.min.js", BUNDLE_EDITS, RXJS.values())


def edit_asset(folder: Path, pattern: str, edits: list[Edit], relied_on=()) -> None:
    """Applies the edits, in turn, to the one file matching pattern, and to its source map if it
    has one. A file already edited is left as it is (mkdocs serve may keep an edited copy)."""
    (path,) = folder.glob(pattern)
    text = path.read_text(encoding="utf-8")
    if EDITED in text:
        return
    for definition in relied_on:
        if text.count(definition) != 1:
            raise RuntimeError(f"{path.name}: {definition[:40]!r} is not where it was")
    source_map = path.with_name(path.name + ".map")
    mapping = None
    if f"sourceMappingURL={source_map.name}" in text:
        mapping = json.loads(source_map.read_text(encoding="utf-8"))
    for edit in edits:  # in turn: an edit may rewrite what an earlier one wrote
        text, changes = edit_text(text, [edit])
        if mapping is not None:
            mapping["mappings"] = source_maps.shift_columns(mapping["mappings"], changes)
    if mapping is not None:
        source_map.write_text(json.dumps(mapping, separators=(",", ":")), encoding="utf-8")
    path.write_text(text + EDITED, encoding="utf-8")


# Appended to each edited file: a comment in both CSS and JavaScript, after the last line.
EDITED = "\n/* edited by hooks/material_patches.py */\n"


def edit_text(text: str, edits: list[Edit]) -> tuple[str, list[tuple[int, int, int, int]]]:
    """Applies every edit to `text`; returns the new text and the changes as
    (line, column, old length, new length) in the old text, for the source map."""
    spans: list[tuple[int, int, str]] = []
    for edit in edits:
        start, end = 0, len(text)
        if edit.within:
            start = text.index(edit.within[0])
            end = text.index(edit.within[1], start)
        pattern = re.compile(edit.old if edit.pattern else re.escape(edit.old))
        found = list(pattern.finditer(text, start, end))
        if len(found) != edit.count:
            raise RuntimeError(
                f"hooks/material_patches.py: {edit.old[:60]!r} found {len(found)} times, "
                f"expected {edit.count}: material changed; measure again and update the edit"
            )
        for match in found:
            new = match.expand(edit.new) if edit.pattern else edit.new
            spans.append(_narrowed(match.start(), match[0], new))
    spans.sort()
    for (_, end, _), (start, _, _) in zip(spans, spans[1:], strict=False):
        if start < end:
            raise RuntimeError("hooks/material_patches.py: two edits overlap")
    pieces, changes, position = [], [], 0
    line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
    for start, end, new in spans:
        if "\n" in new or "\n" in text[start:end]:
            raise RuntimeError("hooks/material_patches.py: an edit may not add or drop a line")
        line = bisect.bisect_right(line_starts, start) - 1
        changes.append((line, start - line_starts[line], end - start, len(new)))
        pieces += [text[position:start], new]
        position = end
    return "".join(pieces) + text[position:], changes


def _narrowed(start: int, old: str, new: str) -> tuple[int, int, str]:
    """The change as its smallest span: text both sides share is not part of it, so the source
    map keeps every segment outside what really changed."""
    prefix = len(os.path.commonprefix([old, new]))
    suffix = len(os.path.commonprefix([old[prefix:][::-1], new[prefix:][::-1]]))
    return start + prefix, start + len(old) - suffix, new[prefix : len(new) - suffix]
