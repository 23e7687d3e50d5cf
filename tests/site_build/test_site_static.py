"""The built site fetches nothing from another host, and page sources keep TeX out of headings."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

from helpers import ROOT

# Tags and attributes whose URL the browser fetches by itself (links a reader clicks are fine).
FETCHED = {
    ("script", "src"),
    ("img", "src"),
    ("source", "src"),
    ("iframe", "src"),
    ("link", "href"),
    ("audio", "src"),
    ("video", "src"),
    ("object", "data"),
}
CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)")
IMPORT = re.compile(r"@import\s+['\"]([^'\"]+)")


class _FetchedUrls(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for attr in ("src", "href", "data"):
            if (tag, attr) not in FETCHED or not attrs.get(attr):
                continue
            if tag == "link" and attrs.get("rel") in ("canonical", "alternate", "next", "prev"):
                continue
            self.urls.append(attrs[attr])
        if attrs.get("style"):
            self.urls.extend(CSS_URL.findall(attrs["style"]))


def is_foreign(url: str) -> bool:
    parts = urlsplit(url)
    return bool(parts.netloc) or parts.scheme not in ("", "data", "blob")


def test_no_page_fetches_from_another_host(site_dir):
    offenders = []
    pages = sorted(site_dir.rglob("*.html"))
    assert len(pages) >= 14
    for page in pages:
        parser = _FetchedUrls()
        parser.feed(page.read_text(encoding="utf-8"))
        offenders += [f"{page.relative_to(site_dir)}: {u}" for u in parser.urls if is_foreign(u)]
    assert offenders == []


def test_no_stylesheet_fetches_from_another_host(site_dir):
    offenders = []
    for sheet in sorted(site_dir.rglob("*.css")):
        text = sheet.read_text(encoding="utf-8", errors="replace")
        for url in CSS_URL.findall(text) + IMPORT.findall(text):
            if is_foreign(url):
                offenders.append(f"{sheet.relative_to(site_dir)}: {url}")
    assert offenders == []


def test_foreign_url_detection():
    assert is_foreign("https://cdn.jsdelivr.net/npm/mathjax@4/tex-chtml.js")
    assert is_foreign("//fonts.googleapis.com/css?family=Roboto")
    assert not is_foreign("../assets/mathjax/tex-chtml.js")
    assert not is_foreign("data:image/svg+xml;base64,AAAA")


def test_headings_hold_no_tex():
    """Heading text feeds the table of contents and search titles, where TeX shows raw."""
    offenders = []
    for page in sorted((ROOT / "docs").glob("*.md")):
        in_fence = False
        for number, line in enumerate(page.read_text(encoding="utf-8").splitlines(), 1):
            if line.lstrip().startswith("```"):
                in_fence = not in_fence
            if not in_fence and line.startswith("#") and ("$" in line or "\\(" in line):
                offenders.append(f"{page.name}:{number}: {line}")
    assert offenders == []


def test_every_search_dialog_has_a_name(site_dir):
    """axe's aria-dialog-name, on every built page including the 404 page."""
    unnamed = [
        str(page.relative_to(site_dir))
        for page in sorted(site_dir.rglob("*.html"))
        if 'data-md-component="search" role="dialog">' in page.read_text(encoding="utf-8")
    ]
    assert unnamed == []
