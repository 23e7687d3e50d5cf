"""Links are a public promise: every registered URL resolves, new ones get registered, and every
page carries its own link preview.

permalinks.txt (repo root) lists every published page URL and step anchor. To print the lines
for the site as it is now (to add the new ones), build it and run:

    .venv/bin/python -m sitebuild.permalinks site --new
"""

from __future__ import annotations

import json
import re
import struct
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import helpers
import pytest
from helpers import ROOT

from sitebuild import previews
from sitebuild.permalinks import (
    REDIRECT,
    built_pages,
    built_permalinks,
    parse,
    read_registry,
    url_to_file,
)
from sitebuild.search_index import clean_search_text, tex_to_text

DOCS = ROOT / "docs"


# --------------------------------------------------------------------------------------------
# Reading the built site


def resolve(site_dir: Path, url: str, hops: int = 5) -> tuple[bool, str]:
    """(True, final URL) if url's page exists (following redirects) and holds the anchor."""
    path, _, anchor = url.partition("#")
    for _ in range(hops):
        file = url_to_file(site_dir, path)
        if not file.is_file():
            return False, f"{path}: no such page"
        text = file.read_text(encoding="utf-8")
        redirect = REDIRECT.search(text)
        if not redirect:
            break
        path = urlsplit(urljoin(f"https://x{path}", redirect.group(1))).path
    if anchor and anchor not in parse(file).ids:
        return False, f"{path}: no element with id={anchor!r}"
    return True, path + (f"#{anchor}" if anchor else "")


def test_registry_is_well_formed():
    lines = read_registry()
    assert lines, "permalinks.txt lists no URL"
    assert len(lines) == len(set(lines)), "permalinks.txt lists a URL twice"
    bad = [line for line in lines if not re.fullmatch(r"/([a-z0-9-]+/)*(#[a-z][a-z0-9-]*)?", line)]
    assert bad == [], "registry lines must look like /slug/ or /slug/#step-4"


def test_every_registered_url_still_resolves(site_dir):
    broken = []
    for url in read_registry():
        ok, why = resolve(site_dir, url)
        if not ok:
            broken.append(f"{url}  ({why})")
    assert broken == [], (
        "published URLs no longer resolve; move a page with a redirect (mkdocs.yml, redirects: "
        "redirect_maps) and keep a renumbered step's old anchor (step fence: alias:):\n  "
        + "\n  ".join(broken)
    )


def test_every_page_and_step_anchor_is_registered(site_dir):
    registered = set(read_registry())
    missing = [line for line in built_permalinks(site_dir) if line not in registered]
    assert missing == [], (
        "new pages or step anchors: add these lines to permalinks.txt "
        "(or run `python -m sitebuild.permalinks SITE_DIR --new`):\n" + "\n".join(missing)
    )


def test_resolve_follows_redirects(tmp_path):
    (tmp_path / "old").mkdir()
    (tmp_path / "new").mkdir()
    (tmp_path / "old" / "index.html").write_text(
        '<meta http-equiv="refresh" content="0; url=../new/">'
    )
    (tmp_path / "new" / "index.html").write_text('<div class="step" id="step-4"></div>')
    assert resolve(tmp_path, "/old/#step-4") == (True, "/new/#step-4")
    assert resolve(tmp_path, "/old/#step-5")[0] is False
    assert resolve(tmp_path, "/gone/")[0] is False
    assert built_permalinks(tmp_path) == ["/new/", "/new/#step-4"]


def test_sitemap_lists_every_page(site_dir):
    tree = ET.parse(site_dir / "sitemap.xml")
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    listed = {urlsplit(loc.text.strip()).path for loc in tree.getroot().findall("s:url/s:loc", ns)}
    missing = [page for page in built_pages(site_dir) if page not in listed]
    assert missing == [], f"sitemap.xml does not list {missing}"
    for loc in tree.getroot().findall("s:url/s:loc", ns):
        assert loc.text.strip().startswith(helpers.site_url() + "/")


# --------------------------------------------------------------------------------------------
# Link previews


@pytest.mark.parametrize("source", helpers.nav_sources(), ids=lambda p: p.name)
def test_every_page_has_a_description_in_front_matter(source):
    text = source.read_text(encoding="utf-8")
    if source.suffix == ".ipynb":  # mkdocs-jupyter reads front matter from the first cell
        text = "".join(json.loads(text)["cells"][0]["source"]) + "\n"
    description = helpers.front_matter(text).get("description")
    assert isinstance(description, str) and 50 <= len(description) <= 300, (
        f"{source.name}: front matter needs `description:` (50-300 characters, learners' words)"
    )
    assert not re.search(r'["<>$\\]', description), "no quotes, HTML or TeX in a description"


def test_every_page_has_its_own_link_preview(site_dir):
    base = helpers.site_url()
    descriptions: dict[str, str] = {}
    for page in built_pages(site_dir):
        info = parse(url_to_file(site_dir, page))
        meta, links = info.meta, info.links
        url = base + page
        assert links.get("canonical") == url, page
        assert meta.get("og:url") == url, page
        assert meta.get("og:title"), page
        assert meta.get("og:description") and meta.get("description"), page
        assert meta.get("twitter:card") == "summary_large_image", page
        slug = page.strip("/") or "index"
        assert meta.get("og:image") == f"{base}/previews/{slug}.png", page
        assert meta.get("twitter:image") == meta["og:image"], page
        png = site_dir / "previews" / f"{slug}.png"
        data = png.read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n", page
        assert struct.unpack(">II", data[16:24]) == (1200, 630), page
        descriptions[page] = meta["og:description"]
    shared = {d for d in descriptions.values() if list(descriptions.values()).count(d) > 1}
    assert not shared, "pages share a description (give each page its own in front matter): " + str(
        sorted(p for p, d in descriptions.items() if d in shared)
    )


def test_preview_image_is_deterministic():
    args = ("Derivative of the sigmoid", r"\sigma'(z) = \sigma(z)\,(1 - \sigma(z))", "x/y")
    first = previews.render_preview(*args)
    assert first == previews.render_preview(*args)
    assert struct.unpack(">II", first[16:24]) == (1200, 630)


def _prose(text: str) -> str:
    """Index text without code (TeX in a code cell is code, not noise)."""
    return re.sub(r"<(pre|code)>.*?</\1>", " ", text, flags=re.S)


def test_search_previews_hold_no_raw_latex(site_dir):
    data = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    noisy = [
        f"{doc['location']}: {m.group(0)}"
        for doc in data["docs"]
        for field in ("title", "text")
        for m in [
            re.search(r"\\(?:frac|left|right|partial|sigma|sum|mathbf|\[|\()", _prose(doc[field]))
        ]
        if m
    ]
    assert noisy == []
    assert "keywords" in data["config"]["fields"]


def test_tex_to_text():
    assert tex_to_text(r"\sigma(z) = \frac{1}{1 + e^{-z}}") == "σ(z) = 1/(1 + e^(−z))"
    assert tex_to_text(r"\frac{\partial J}{\partial w_j}") == "∂J/∂w_j"
    assert tex_to_text(r"X^{\top}(\hat{y} - y)") == "Xᵀ(ŷ − y)"
    assert clean_search_text(r"a <div>\[ x = 1 \]</div> b \(\sigma\)") == "a <div> </div> b σ"
    assert clean_search_text(r"costs $5 and $\sigma(z)$.") == "costs $5 and σ(z)."


def test_every_permalink_icon_copies_the_canonical_url(site_dir):
    base = helpers.site_url()
    for page in built_pages(site_dir):
        text = url_to_file(site_dir, page).read_text(encoding="utf-8")
        for tag in re.findall(r'<a\b[^>]*class="headerlink"[^>]*>', text):
            href = re.search(r'href="#([^"]+)"', tag).group(1)
            assert f'data-clipboard-text="{base}{page}#{href}"' in tag, (page, tag)


# --------------------------------------------------------------------------------------------
# 404


def test_404_page_has_search_and_site_map(site_dir):
    text = (site_dir / "404.html").read_text(encoding="utf-8")
    assert re.search(r'<form[^>]*role="search"', text) and 'name="q"' in text
    linked = set(re.findall(r'<nav class="not-found-sitemap".*?</nav>', text, re.S)[0].split('"'))
    missing = [page for page in built_pages(site_dir) if page not in linked]
    assert missing == [], f"the 404 site map does not link {missing}"
    assert "og:image" not in text
