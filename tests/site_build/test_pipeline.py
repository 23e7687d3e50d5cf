"""The one hook file reads in the order MkDocs runs its events, so it shows how a page is made."""

from __future__ import annotations

import ast

from helpers import ROOT, mkdocs_config

# MkDocs 1.6's build: config, files, nav, then each page's source read and converted, then the
# environment, then each page's template filled and written, then the end of the build.
RUN_ORDER = [
    "on_startup",
    "on_config",
    "on_pre_build",
    "on_files",
    "on_nav",
    "on_pre_page",
    "on_page_read_source",
    "on_page_markdown",
    "on_page_content",
    "on_env",
    "on_pre_template",
    "on_template_context",
    "on_post_template",
    "on_page_context",
    "on_post_page",
    "on_post_build",
    "on_build_error",
    "on_serve",
    "on_shutdown",
]
HOOK_FILE = "sitebuild/hooks.py"


def test_mkdocs_registers_one_hook_file():
    assert mkdocs_config()["hooks"] == [HOOK_FILE]


def test_the_hook_file_lists_its_events_in_the_order_they_run():
    tree = ast.parse((ROOT / HOOK_FILE).read_text(encoding="utf-8"))
    events = [n.name for n in tree.body if isinstance(n, ast.FunctionDef) and n.name[:3] == "on_"]
    assert events and set(events) <= set(RUN_ORDER), events
    assert events == sorted(events, key=RUN_ORDER.index)
