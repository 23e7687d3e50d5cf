"""Edits to mkdocs-material's built assets, in three groups that can each be switched off.

mkdocs.yml lists the groups applied (``extra: material_asset_edits: [palette, tabs, tables]``);
``python -m sitebuild.postprocess --asset-edits ...`` takes the same names. Each edit names the
text it changes in the built asset (a regular expression where the minified code differs from
the source only by its short names, which no edit names) and the place in material's source it
comes from, as material's own source map gives it (tests/site_build/test_theme_material.py looks
each one up in the map). If an upgrade changes that text, the build stops: measure again
(`make bench`), then update the edit or drop it.

- palette: no whole-page restyles when a page loads. Material's palette script marks <body>
  with data-md-color-switching while it applies a palette, on every load too, and a rule keyed
  on the mark restyles every element when it comes and again when it goes (the cost of dropping
  it: switching palettes fades the few colours that have transitions instead of swapping them).
  The script also adds a <meta name="color-scheme"> and then sets it; Chromium restyles the
  whole document each time. Without it site.css gives the root the scheme (`color-scheme`).
- tabs: material styles the checked tab's label and block with rules for each position, 1 to 20,
  such as `.tabbed-labels>:nth-child(3)`. A rule whose last part names no tag or class is tried
  on every element of the page (half of /matrix/'s selector matching). The labels are <label>
  and the blocks .tabbed-block (pymdownx.tabbed's markup): naming them matches the same elements.
- tables: markup.py writes material's scrolling wrapper around each table at build time;
  material then leaves wrapped tables alone.

The bundle's source map is shifted to match (source_maps.py), so DevTools still shows material's
sources at the right places.
"""

from __future__ import annotations

import bisect
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

from sitebuild.theme_material import source_maps

PALETTE_CSS = "stylesheets/palette.*.min.css"
MAIN_CSS = "stylesheets/main.*.min.css"
BUNDLE = "javascripts/bundle.*.min.js"
SCSS = "src/templates/assets/stylesheets"
TS = "src/templates/assets/javascripts"


@dataclass(frozen=True)
class Edit:
    """In the asset matching `asset` (a glob under site/assets), replace `old` by `new` (a regex
    and its replacement when `pattern`), `count` times. `source`: material's source file and the
    lines the matches come from."""

    asset: str
    old: str
    new: str
    source: tuple[str, tuple[int, ...]]
    count: int = 1
    pattern: bool = False


GROUPS: dict[str, list[Edit]] = {
    "palette": [
        Edit(
            PALETTE_CSS,
            "[data-md-color-switching] *,[data-md-color-switching] :after,"
            "[data-md-color-switching] :before{transition-duration:0s!important}",
            "/* data-md-color-switching rule removed: sitebuild/theme_material/asset_edits.py */",
            (f"{SCSS}/palette/_scheme.scss", (145,)),
        ),
        Edit(
            BUNDLE,
            r'let (\w+)=\w+\("meta",\{name:"color-scheme"\}\);document\.head\.appendChild\(\1\);',
            r"let \1={};",  # a plain object: the script's later `.content = ...` touches nothing
            (f"{TS}/components/palette/index.ts", (128,)),
            pattern=True,
        ),
    ],
    "tabs": [
        Edit(
            MAIN_CSS,
            ".tabbed-labels>:",
            ".tabbed-labels>label:",
            (f"{SCSS}/main/extensions/pymdownx/_tabbed.scss", (396, 408, 415)),
            count=120,
        ),
        Edit(
            MAIN_CSS,
            ".tabbed-content>:",
            ".tabbed-content>.tabbed-block:",
            (f"{SCSS}/main/extensions/pymdownx/_tabbed.scss", (420,)),
            count=20,
        ),
    ],
    "tables": [
        Edit(
            BUNDLE,
            '"table:not([class])"',
            '"table:not([class]):not(.md-typeset__table>table)"',
            (f"{TS}/components/content/_/index.ts", (134,)),
        ),
    ],
}

# Appended to each edited file: a comment in both CSS and JavaScript, after the last line.
EDITED = "\n/* edited by sitebuild/theme_material/asset_edits.py */\n"


def apply(site_dir: str | Path, groups=tuple(GROUPS)) -> None:
    """Applies the edits of the named groups to the built site's copy of material's assets."""
    unknown = set(groups) - GROUPS.keys()
    if unknown:
        raise ValueError(f"unknown asset edit groups {sorted(unknown)}; known: {list(GROUPS)}")
    by_asset: dict[str, list[Edit]] = {}
    for group in groups:
        for edit in GROUPS[group]:
            by_asset.setdefault(edit.asset, []).append(edit)
    for asset, edits in by_asset.items():
        (path,) = Path(site_dir, "assets").glob(asset)
        edit_asset(path, edits)


def edit_asset(path: Path, edits: list[Edit]) -> None:
    """Applies the edits to the file, and to its source map if it names one. A file already
    edited is left as it is (mkdocs serve may keep an edited copy)."""
    text = path.read_text(encoding="utf-8")
    if EDITED in text:
        return
    source_map = path.with_name(path.name + ".map")
    mapping = None
    if f"sourceMappingURL={source_map.name}" in text:
        mapping = json.loads(source_map.read_text(encoding="utf-8"))
    text, changes = edit_text(text, edits)
    if mapping is not None:
        mapping["mappings"] = source_maps.shift_columns(mapping["mappings"], changes)
        source_map.write_text(json.dumps(mapping, separators=(",", ":")), encoding="utf-8")
    path.write_text(text + EDITED, encoding="utf-8")


def matches(text: str, edit: Edit) -> list[re.Match]:
    """Where the edit applies in text; raises if that is not exactly `count` places."""
    pattern = re.compile(edit.old if edit.pattern else re.escape(edit.old))
    found = list(pattern.finditer(text))
    if len(found) != edit.count:
        raise RuntimeError(
            f"sitebuild/theme_material/asset_edits.py: {edit.old[:60]!r} found {len(found)} "
            f"times in {edit.asset}, expected {edit.count}: material changed "
            f"({edit.source[0]}); measure again and update the edit"
        )
    return found


def edit_text(text: str, edits: list[Edit]) -> tuple[str, list[tuple[int, int, int, int]]]:
    """Applies every edit to `text`; returns the new text and the changes as
    (line, column, old length, new length) in the old text, for the source map."""
    spans: list[tuple[int, int, str]] = []
    for edit in edits:
        for match in matches(text, edit):
            new = match.expand(edit.new) if edit.pattern else edit.new
            spans.append(_narrowed(match.start(), match[0], new))
    spans.sort()
    for (_, end, _), (start, _, _) in zip(spans, spans[1:], strict=False):
        if start < end:
            raise RuntimeError("sitebuild/theme_material/asset_edits.py: two edits overlap")
    pieces, changes, position = [], [], 0
    line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
    for start, end, new in spans:
        if "\n" in new or "\n" in text[start:end]:
            raise RuntimeError("sitebuild/theme_material/asset_edits.py: an edit adds a line")
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
