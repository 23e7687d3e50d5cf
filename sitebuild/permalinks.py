"""Stable links: the step anchors MkDocs checks, and the registry of published URLs.

permalinks.txt (repo root) lists every published page URL and step anchor; a test keeps each
one resolving. To print the lines for the site as built (to add the new ones):

    .venv/bin/python -m sitebuild.permalinks site          # the full registry for site/
    .venv/bin/python -m sitebuild.permalinks site --new    # only the lines not yet registered
"""

from __future__ import annotations

import re
import sys
from html.parser import HTMLParser
from pathlib import Path

from sitebuild import ROOT

REGISTRY = ROOT / "permalinks.txt"
ANCHOR_CLASSES = {"step", "step-alias", "derivation-result"}
REDIRECT = re.compile(r'<meta http-equiv="refresh" content="0; url=([^"]+)"')
ANCHOR_ID = re.compile(r'\sid="([^"]+)"')


def register_anchors(page, page_html: str) -> None:
    """Let MkDocs' link validation see every id of the page, those of the step fences too:
    it collects anchors before pymdownx.superfences restores the HTML of custom fences."""
    page.present_anchor_ids = (page.present_anchor_ids or set()) | set(ANCHOR_ID.findall(page_html))


class PageIds(HTMLParser):
    """The ids, permanent anchors, <meta> and <link> values of one built page."""

    def __init__(self):
        super().__init__()
        self.ids: set[str] = set()
        self.anchors: list[str] = []  # permanent anchors: steps, their aliases, results
        self.meta: dict[str, str] = {}
        self.links: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
            if ANCHOR_CLASSES & set((attrs.get("class") or "").split()):
                self.anchors.append(attrs["id"])
        if tag == "meta":
            key = attrs.get("property") or attrs.get("name")
            if key:
                self.meta[key] = attrs.get("content", "")
        if tag == "link" and attrs.get("rel"):
            self.links[attrs["rel"]] = attrs.get("href", "")


def parse(path: Path) -> PageIds:
    parser = PageIds()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def url_to_file(site_dir: Path, url_path: str) -> Path:
    path = url_path.lstrip("/")
    return site_dir / path / "index.html" if path == "" or path.endswith("/") else site_dir / path


def built_pages(site_dir: Path) -> list[str]:
    """URL paths of the real pages of the built site ('/', '/chain-rule/', ...), no redirects."""
    pages = []
    for html_file in sorted(site_dir.rglob("index.html")):
        rel = html_file.relative_to(site_dir).parent.as_posix()
        if rel.startswith(("assets", "search")):
            continue
        if REDIRECT.search(html_file.read_text(encoding="utf-8")):
            continue
        pages.append("/" if rel == "." else f"/{rel}/")
    return pages


def built_permalinks(site_dir: Path) -> list[str]:
    """Every page URL and permanent anchor of the built site, in registry form."""
    lines = []
    for page in built_pages(site_dir):
        lines.append(page)
        lines += [f"{page}#{anchor}" for anchor in parse(url_to_file(site_dir, page)).anchors]
    return lines


def read_registry() -> list[str]:
    lines = REGISTRY.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip().startswith("/")]


def main(argv: list[str]) -> None:
    site = Path(argv[0] if argv and not argv[0].startswith("-") else "site")
    known = set(read_registry()) if "--new" in argv and REGISTRY.exists() else set()
    for line in built_permalinks(site):
        if line not in known:
            print(line)


if __name__ == "__main__":
    main(sys.argv[1:])
