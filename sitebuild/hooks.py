"""The build, event by event in the order MkDocs runs them: the one hook file (mkdocs.yml).

Each event is a short call into the package sitebuild/; what the calls do is in their modules.
mkdocs.yml adds what needs no hook: the step fences (pymdownx.superfences custom_fences),
the theme's templates (theme.custom_dir), search, redirects and the notebook (plugins).
Under `mkdocs serve` only, the steps keep what did not change between rebuilds (cache(), see
sitebuild/serve_cache.py); `mkdocs build` makes everything from scratch.
"""

import importlib
import os
import sys
from pathlib import Path

from mkdocs.plugins import event_priority

from sitebuild import (
    ROOT,
    check_page,
    figures,
    notebook_cache,
    notebook_page,
    permalinks,
    postprocess,
    previews,
    serve_cache,
    site_address,
    steps,
    theme_material,
    typeset_math,
)
from sitebuild.theme_material import asset_edits, markup, search_entries

# the asset edit groups applied unless mkdocs.yml says otherwise (extra: material_asset_edits:)
EDITS = "material_asset_edits"
COMMAND = {"name": "build"}  # or "serve"; this file is not reloaded between serve's builds
BUILD_CODE = Path(__file__).resolve().parent
INCLUDES = ROOT / "includes"
NOTEBOOK_CONTEXT = "scalar"  # the notebook's inline math is read as on the chain-rule page
LOADED: dict = {}  # the build code's files and times when last (re)loaded


def on_startup(command, dirty):
    COMMAND["name"] = command


def on_config(config):
    reload_build_code()
    site_address.configure(config, serving=serving())  # SITE_URL, REPO_URL
    typeset_math.check_font()
    if not serving():  # the includes' and notebooks' math (the pages': on_page_markdown)
        for include in sorted(INCLUDES.glob("*.md")):
            text = include.read_text(encoding="utf-8")
            steps.check_source_math(text, None, include.relative_to(ROOT).as_posix())
        for notebook in sorted(Path(config.docs_dir).glob("*.ipynb")):
            for n, text in enumerate(notebook_page.markdown_cells(notebook), 1):
                where = f"{notebook.relative_to(ROOT).as_posix()}, Markdown cell {n}"
                steps.check_source_math(text, NOTEBOOK_CONTEXT, where)
    if notebooks := cache("notebooks"):  # the notebook runs when it or a snippet it imports changed
        notebook_cache.configure(config, notebooks)


def on_files(files, config):
    # drawn by scripts/figures/, published as figures/; under serve once per change of snippets/
    files = figures.add_figures(files, config, cached=cache("figures") is not None)
    return check_page.add_files(files, config)  # /check/'s Pyodide, wheels and checker


def on_page_markdown(markdown, page, config, files):
    previews.check_front_matter(page)
    if not serving():  # no inline relation unchecked (make test checks them under serve)
        steps.check_inline_relations(markdown, page.meta.get("derivation"), page.file.src_uri)
    markdown = steps.prepare_page(markdown, page.file.src_uri)  # no unfenced display math
    return figures.expand_figure_refs(markdown)  # step fences are rendered by superfences


def on_page_content(html, page, config, files):
    permalinks.register_anchors(page, html)
    html = check_page.page_content(html, page)  # "try it yourself" links; /check/'s menu
    tables = "tables" in config.extra.get(EDITS, ["tables"])
    return markup.add_page_markup(html, page.canonical_url or page.abs_url or "", tables)


def on_env(env, config, files):
    previews.add_previews(files, config)  # every page is read now: its title and formula known
    env = theme_material.add_template_globals(env)  # the name of material's script
    if entries := cache("search-entries"):  # a page's search sections, read once per change
        search_entries.keep_search_entries(config, entries)
    if templates := cache("templates"):  # compiled once, not on every rebuild
        return serve_cache.keep_template_bytecode(env, templates)
    return env


def on_page_context(context, page, config, nav):
    context["link_preview"] = previews.link_preview(page, config)


def on_post_page(output, page, config):
    if notebook_page.is_notebook(page):
        output = notebook_page.slim(output, page, config.site_dir, cache("css-trim"))
        return site_address.add_colab_link(output, config.repo_url)
    return output


@event_priority(-100)  # after the search plugin has written its index
def on_post_build(config):
    if os.environ.get("SITEBUILD_NO_POSTPROCESS"):  # to run sitebuild.postprocess on its own
        return
    edits = config.extra.get(EDITS, list(asset_edits.GROUPS))
    postprocess.postprocess(config.site_dir, config.site_url, edits, cache("postprocess"))


def serving() -> bool:
    return COMMAND["name"] == "serve"


def cache(name: str):
    """Under mkdocs serve, where a step keeps what it made (sitebuild/serve_cache.py); under
    mkdocs build (make build, make test, CI), None: everything is made from scratch."""
    if not serving() or os.environ.get("SITEBUILD_NO_SERVE_CACHE"):  # the latter: to compare
        return None
    return serve_cache.FOLDER / name


def reload_build_code():
    """mkdocs serve builds again in the same process: when a file of sitebuild/ changed since
    the last build, read the package afresh, so an edit of the build code counts at the next
    build (an edit of this file needs a new `make serve`). Twice, so that names one module
    imports from another are the new ones too. An edit of a page reloads nothing."""
    stamp = sorted((str(p), p.stat().st_mtime_ns) for p in BUILD_CODE.rglob("*.py"))
    if stamp == LOADED.get("stamp"):
        return
    first_build = "stamp" not in LOADED
    LOADED["stamp"] = stamp
    if first_build:  # imported just now
        return
    for _ in range(2):
        for name, module in list(sys.modules.items()):
            if name.startswith("sitebuild."):
                importlib.reload(module)
