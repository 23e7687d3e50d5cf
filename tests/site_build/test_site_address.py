"""One setting for where the site lives (SITE_URL) and where its source is (REPO_URL).

A strict build with another address and a repository (the way a fork's Pages workflow builds)
must publish that address everywhere the site names itself, and no other: canonical links,
sitemap, link previews, copied step links; its pages link to their source and the notebook page
to Colab. The site built for the other tests (without REPO_URL, unless the environment sets one)
has none of those links.
"""

from __future__ import annotations

import logging
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import helpers
import pytest
import yaml
from helpers import ROOT

from sitebuild import site_address
from sitebuild.permalinks import built_pages

OTHER_SITE = "https://example.test/sub/"
OTHER_REPO = "https://github.com/example-owner/example-repo"
COLAB = (
    "https://colab.research.google.com/github/example-owner/example-repo/blob/"
    f"{site_address.COLAB_BRANCH}/notebook.ipynb"
)
# Addresses that must not appear in a site built for OTHER_SITE.
FOREIGN = ("127.0.0.1", "localhost", "logistic-regression-gradient.example.org")
TEXT_FILES = ("*.html", "*.xml", "*.json", "*.txt", "*.ipynb", "*.css", "*.js")
ATTRIBUTE_URL = re.compile(r'\b(?:href|src|content|data-clipboard-text)="(https?://[^"]+)"')
OTHER_HOST = "https://example.test/"


@pytest.fixture(scope="module")
def other_site(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("other-site")
    env = {**os.environ, "SITE_URL": OTHER_SITE, "REPO_URL": OTHER_REPO}
    env["NO_MKDOCS_2_WARNING"] = "1"
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(path)],
        cwd=ROOT,
        check=True,
        env=env,
    )
    return path


META = re.compile(r'<meta (?:property|name)="([^"]+)" content="([^"]*)"')
CANONICAL = re.compile(r'<link rel="canonical" href="([^"]*)"')


def _page_file(site: Path, page: str) -> Path:
    return site / page.strip("/") / "index.html" if page != "/" else site / "index.html"


def test_canonical_links_and_previews_follow_site_url(other_site):
    pages = built_pages(other_site)
    assert len(pages) > 10
    for page in pages:
        text = _page_file(other_site, page).read_text(encoding="utf-8")
        url = OTHER_SITE + page.lstrip("/")
        meta = dict(META.findall(text))
        assert CANONICAL.findall(text) == [url], page
        assert meta["og:url"] == url, page
        slug = page.strip("/") or "index"
        assert meta["og:image"] == meta["twitter:image"] == f"{OTHER_SITE}previews/{slug}.png"


def test_the_sitemap_follows_site_url(other_site):
    tree = ET.parse(other_site / "sitemap.xml")
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    listed = {loc.text.strip() for loc in tree.getroot().findall("s:url/s:loc", ns)}
    assert listed == {OTHER_SITE + page.lstrip("/") for page in built_pages(other_site)}


def test_copied_step_links_follow_site_url(other_site):
    copied = 0
    for page in built_pages(other_site):
        text = _page_file(other_site, page).read_text(encoding="utf-8")
        for tag in re.findall(r'<a\b[^>]*class="headerlink"[^>]*>', text):
            anchor = re.search(r'href="#([^"]+)"', tag)[1]
            assert f'data-clipboard-text="{OTHER_SITE}{page.lstrip("/")}#{anchor}"' in tag
            copied += 1
    assert copied > 100
    chain_rule = (other_site / "chain-rule" / "index.html").read_text(encoding="utf-8")
    assert f'data-clipboard-text="{OTHER_SITE}chain-rule/#step-1"' in chain_rule


def test_no_other_address_is_published(other_site):
    files = [f for pattern in TEXT_FILES for f in other_site.rglob(pattern)]
    assert len(files) > 20
    leaks = {
        str(f.relative_to(other_site)): name
        for f in files
        for name in FOREIGN
        if name in f.read_text(encoding="utf-8", errors="replace")
    }
    assert leaks == {}
    for page in other_site.rglob("*.html"):
        for url in ATTRIBUTE_URL.findall(page.read_text(encoding="utf-8")):
            # another host is a reference (the theme's credit, the repository, a library's
            # documentation); on the site's own host, every address is under the site's path
            assert not url.startswith(OTHER_HOST) or url.startswith(OTHER_SITE), (
                page.relative_to(other_site),
                url,
            )


def test_pages_link_to_their_source(other_site):
    page = (other_site / "chain-rule" / "index.html").read_text(encoding="utf-8")
    assert f'href="{OTHER_REPO}/edit/main/docs/chain-rule.md"' in page
    assert f'href="{OTHER_REPO}/raw/main/docs/chain-rule.md"' in page
    assert re.search(rf'<a href="{OTHER_REPO}" [^>]*class="md-source"', page)
    assert re.search(r'md-source__repository">\s*example-owner/example-repo\s*<', page)
    # No request to the GitHub API for stars and forks: material mounts no source component.
    assert 'data-md-component="source"' not in page


def test_the_notebook_page_opens_in_colab(other_site):
    page = (other_site / "notebook" / "index.html").read_text(encoding="utf-8")
    assert page.count(f'href="{COLAB}"') == 1
    others = [p for p in other_site.rglob("*.html") if p.parent.name != "notebook"]
    assert not [p for p in others if "colab.research.google.com" in p.read_text()]


def test_without_repo_url_no_source_or_colab_link(site_dir):
    if os.environ.get("REPO_URL"):
        pytest.skip("this environment builds the site with REPO_URL set")
    for page in site_dir.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert 'class="md-source"' not in text, page
        assert 'rel="edit"' not in text and "colab.research.google.com" not in text, page


def test_colab_url_only_for_a_github_repository():
    assert site_address.colab_url(OTHER_REPO + ".git") == COLAB
    assert site_address.colab_url(OTHER_REPO + "/") == COLAB
    assert site_address.colab_url("https://gitlab.com/a/b") is None
    assert site_address.colab_url(None) is None
    assert site_address.add_colab_link("<p>no button</p>", None) == "<p>no button</p>"
    with pytest.raises(ValueError):
        site_address.add_colab_link("<p>no button</p>", OTHER_REPO)


class _Config(dict):
    __getattr__ = dict.get

    def __setattr__(self, key, value):
        self[key] = value


@pytest.mark.parametrize(
    ("command", "actions", "level"),
    [("build", "true", logging.WARNING), ("build", None, logging.INFO), ("serve", "true", None)],
)
def test_building_with_the_default_address_says_so(monkeypatch, caplog, command, actions, level):
    if actions:
        monkeypatch.setenv("GITHUB_ACTIONS", actions)
    else:
        monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    config = _Config(site_url=site_address.LOCAL_SITE_URL, repo_url="", edit_uri="edit/main/docs/")
    with caplog.at_level(logging.INFO, logger="mkdocs.hooks.site_address"):
        site_address.configure(config, serving=command == "serve")
    records = [r for r in caplog.records if "SITE_URL is not set" in r.getMessage()]
    assert [r.levelno for r in records] == ([level] if level else [])
    assert config.repo_url is None and config.edit_uri is None  # no relative edit links
    caplog.clear()
    site_address.configure(_Config(site_url=OTHER_SITE, repo_url=OTHER_REPO, edit_uri="e/"))
    assert not [r for r in caplog.records if "SITE_URL" in r.getMessage()]


def test_the_pages_workflow_sets_both_variables():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "site.yml").read_text())
    for name, job in workflow["jobs"].items():
        builds = [s for s in job["steps"] if s.get("run", "").startswith("make ")]
        assert builds, name
        for step in builds:
            env = {**job.get("env", {}), **step.get("env", {})}
            assert {"SITE_URL", "REPO_URL"} <= env.keys(), (name, step["run"])
    deploy = workflow["jobs"]["deploy"]
    pages = next(s for s in deploy["steps"] if "configure-pages" in s.get("uses", ""))
    site_url = {
        **deploy.get("env", {}),
        **next(s for s in deploy["steps"] if s.get("run", "").startswith("make build")).get(
            "env", {}
        ),
    }["SITE_URL"]
    assert f"steps.{pages['id']}.outputs.base_url" in site_url


def test_the_default_address_is_the_one_the_build_warns_about(monkeypatch):
    monkeypatch.delenv("SITE_URL", raising=False)
    assert helpers.site_url() + "/" == site_address.LOCAL_SITE_URL  # mkdocs.yml's !ENV default
