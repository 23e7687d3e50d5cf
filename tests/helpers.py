"""What the tests read from the project's own configuration: mkdocs.yml and page front matter."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without importing what its `!!python/name:` tags name (kept as text)."""


_ConfigLoader.add_multi_constructor(
    "tag:yaml.org,2002:python/name:", lambda loader, suffix, node: suffix
)


@cache
def mkdocs_config() -> dict:
    return yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_ConfigLoader)


def site_url() -> str:
    """The published address, without the trailing slash."""
    return mkdocs_config()["site_url"].rstrip("/")


def nav_sources() -> list[Path]:
    """Every source file in the nav, in nav order."""
    found: list[Path] = []

    def walk(node):
        if isinstance(node, str):
            found.append(DOCS / node)
        elif isinstance(node, list):
            for item in node:
                walk(item)
        elif isinstance(node, dict):
            for value in node.values():
                walk(value)

    walk(mkdocs_config()["nav"])
    return found


def url_path(source: Path) -> str:
    """The page's URL path: '/' for index.md, '/chain-rule/' for chain-rule.md."""
    return "/" if source.stem == "index" else f"/{source.stem}/"


def front_matter(text: str) -> dict:
    """The YAML front matter of a Markdown page's text ({} when it has none)."""
    match = re.match(r"---\s*\n(.*?)\n---\s*\n", text, re.S)
    return (yaml.safe_load(match.group(1)) or {}) if match else {}
