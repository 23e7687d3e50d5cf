"""Markup that mkdocs-material would add to a page in the browser, written at build time instead.

Each piece is material's own markup, so material's CSS and its clipboard handler (which listens
for any ``[data-clipboard-target]`` or ``[data-clipboard-text]``) serve it as before.

- Code blocks: material's copy button (its ``content.code.copy`` feature inserts one into each
  block when the page loads, and each insertion restyles and lays out the block again: on /code/,
  26 blocks and 3,400 token spans, about 90 ms of a phone's start-up). The feature is off in
  mkdocs.yml so material adds no second button; without JavaScript nothing would copy, so site.css
  hides the buttons then, as material never adds them.
- Tables: material's scrolling wrapper (material moves each table into it at load: Chromium
  restyles the article, and the table, 8 px taller in the wrapper, pushes down what follows).
  The asset edit group "tables" (asset_edits.py) keeps material from wrapping them again.
- Step links: material's "link" icon in each step's permalink, and on every permalink
  (headings and steps) the page's canonical URL with the anchor, which material's clipboard
  handler copies on click with its "Copied to clipboard" notification.
"""

from __future__ import annotations

import html
import itertools
import re

# pymdownx.highlight's code block: <pre> holds an empty <span> then <code>.
CODE_BLOCK = re.compile(r"<pre><span></span><code>")
COPY_TITLE = "Copy to clipboard"  # material's "clipboard.copy" in English, the site's language

BARE_TABLE = re.compile(r"<table>.*?</table>", re.S)
TABLE_WRAPPER = (
    r'<div class="md-typeset__scrollwrap"><div class="md-typeset__table">\g<0></div></div>'
)

# Material's "link" icon (Material Design Icons, Apache-2.0).
LINK_ICON = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" aria-hidden="true">'
    '<path d="M3.9 12c0-1.71 1.39-3.1 3.1-3.1h4V7H7a5 5 0 0 0-5 5 5 5 0 0 0 5 5h4v-1.9H7c-1.71 '
    "0-3.1-1.39-3.1-3.1M8 13h8v-2H8zm9-6h-4v1.9h4c1.71 0 3.1 1.39 3.1 3.1s-1.39 3.1-3.1 "
    '3.1h-4V17h4a5 5 0 0 0 5-5 5 5 0 0 0-5-5"/></svg>'
)
# sitebuild/steps.py writes each step's permalink empty.
EMPTY_STEP_LINK = re.compile(r'(<a class="headerlink" href="#step-[^"]*"[^>]*>)(</a>)')
HEADERLINK = re.compile(r'<a\b(?=[^>]*\bclass="headerlink")(?P<attrs>[^>]*)>')
HREF = re.compile(r'\bhref="#(?P<id>[^"]+)"')


def add_page_markup(page_html: str, page_url: str, tables: bool = True) -> str:
    """All of the above for one page's content; page_url is its canonical URL. With
    tables=False (the asset edit group "tables" off) material wraps the tables itself."""
    page_html = add_copy_buttons(page_html)
    if tables:
        page_html = wrap_tables(page_html)
    page_html = EMPTY_STEP_LINK.sub(rf"\1{LINK_ICON}\2", page_html)
    return add_clipboard_urls(page_html, page_url)


def add_copy_buttons(page_html: str) -> str:
    counter = itertools.count()

    def button(_: re.Match) -> str:
        n = next(counter)
        target = html.escape(f'pre[data-code-block="{n}"] > code')
        return (
            f'<pre data-code-block="{n}"><span></span><nav class="md-code__nav">'
            f'<button class="md-code__button" title="{COPY_TITLE}" data-clipboard-target="{target}"'
            ' data-md-type="copy"></button></nav><code>'
        )

    return CODE_BLOCK.sub(button, page_html)


def wrap_tables(page_html: str) -> str:
    return BARE_TABLE.sub(TABLE_WRAPPER, page_html)


def add_clipboard_urls(page_html: str, page_url: str) -> str:
    def repl(m: re.Match) -> str:
        attrs = m.group("attrs")
        href = HREF.search(attrs)
        if not href or "data-clipboard-text" in attrs:
            return m.group(0)
        url = html.escape(f"{page_url}#{html.unescape(href.group('id'))}", quote=True)
        return f'<a{attrs} data-clipboard-text="{url}">'

    return HEADERLINK.sub(repl, page_html)
