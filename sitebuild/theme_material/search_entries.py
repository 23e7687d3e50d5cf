"""Under `mkdocs serve`: material's search plugin reads each page's HTML once per change.

On every build the plugin feeds each page's HTML to Python's html.parser to cut it into the
search index's sections: about a quarter of a second per rebuild, nearly all of it on pages that
did not change. Under serve (a cache folder given, sitebuild/serve_cache.py), the sections of a
page are kept on disk, keyed on everything the plugin reads of the page (its HTML, address,
title, front matter and table of contents), and added to the index again when the key matches.
`mkdocs build` never uses this: the plugin reads every page.
"""

from __future__ import annotations

import json
from pathlib import Path

from sitebuild.serve_cache import digest_of, text_once

KEEP = 200  # about ten versions of each page


def keep_search_entries(config, cache: Path) -> None:
    """Wraps the search plugin's per-page indexing for this build (call it from on_env)."""
    plugin = config.plugins.get("material/search")
    if plugin is None or not hasattr(plugin, "search_index"):
        return
    index = plugin.search_index
    add_entries = index.add_entry_from_context

    def add_kept_entries(page):
        def read_page() -> str:
            before = len(index.entries)
            add_entries(page)
            sections = index.entries[before:]
            del index.entries[before:]
            return json.dumps(sections)

        index.entries.extend(json.loads(text_once(cache, read_page, page_key(page), keep=KEEP)))

    index.add_entry_from_context = add_kept_entries


def page_key(page) -> str:
    toc = json.dumps(list(_toc_items(page.toc)))
    meta = json.dumps(page.meta, sort_keys=True, default=str)
    parts = (page.content, page.url, str(page.title), meta, toc)
    return digest_of(*(part.encode() for part in parts))


def _toc_items(items):
    for item in items:
        yield item.id, item.url, item.title, item.level
        yield from _toc_items(item.children)
