"""Copy buttons on code blocks, written into the page at build time.

mkdocs-material's `content.code.copy` inserts each button when the page loads, and each insertion
makes Chromium restyle the whole block and lay it out again: on /code/ (26 blocks, 3,400 token
spans) about 90 ms of the phone's start-up (issue 9). Written here, the buttons cost nothing at
load; material's own clipboard handler, which listens for any [data-clipboard-target], copies the
text and shows "Copied to clipboard", as before. The markup is material's (9.8.1, `Hn`/`Pn` in
its bundle); the feature is off in mkdocs.yml so material adds no second button. Without
JavaScript nothing would copy, so site.css hides the buttons then, as material never adds them.
"""

from __future__ import annotations

import html
import itertools
import re

# pymdownx.highlight's code block: <pre> holds an empty <span> then <code>.
CODE_BLOCK = re.compile(r"<pre><span></span><code>")
TITLE = "Copy to clipboard"  # material's "clipboard.copy" in English, the site's language


def add_copy_buttons(page_html: str) -> str:
    counter = itertools.count()

    def button(_: re.Match) -> str:
        n = next(counter)
        target = html.escape(f'pre[data-code-block="{n}"] > code')
        return (
            f'<pre data-code-block="{n}"><span></span><nav class="md-code__nav">'
            f'<button class="md-code__button" title="{TITLE}" data-clipboard-target="{target}"'
            ' data-md-type="copy"></button></nav><code>'
        )

    return CODE_BLOCK.sub(button, page_html)
