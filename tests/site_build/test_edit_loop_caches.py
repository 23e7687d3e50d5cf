"""The caches of the edit loop (`make serve`): each redoes its work exactly when an input changed,
and `mkdocs build` uses none of them, so the strict build (make build, make test, CI) does
everything from scratch. Their times are measured by bench/bench_edit_loop.py, not here."""

from __future__ import annotations

import os
from pathlib import Path

import jinja2
import nbformat
import pytest
from helpers import ROOT, mkdocs_config

from sitebuild import figures, hooks, math_cache, notebook_cache, notebook_download, serve_cache


class Typesetter:
    """Stands in for tools/typeset.mjs: records what it was asked; TeX "bad" is an error."""

    def __init__(self):
        self.asked: list[list] = []

    def __call__(self, items):
        self.asked.append(list(items))
        errors = [[n, "undefined"] for n, (tex, _) in enumerate(items) if tex == "bad"]
        mathml = [f"<math>{tex}|{display}</math>" for tex, display in items]
        return {"mathml": mathml, "errors": errors}


@pytest.fixture
def math_inputs(tmp_path):
    inputs = [tmp_path / "typeset.mjs", tmp_path / "package-lock.json"]
    for path in inputs:
        path.write_text("v1")
    return inputs


def test_math_is_typeset_again_only_when_new(tmp_path, math_inputs):
    typeset, cache = Typesetter(), tmp_path / "cache"
    first = math_cache.typeset_new([("a", False), ("b", True)], typeset, cache, math_inputs)
    assert first == {"mathml": ["<math>a|False</math>", "<math>b|True</math>"], "errors": []}
    items = [("b", True), ("a", False), ("c", False)]
    again = math_cache.typeset_new(items, typeset, cache, math_inputs)
    assert typeset.asked == [[("a", False), ("b", True)], [("c", False)]]
    assert again["mathml"] == [
        "<math>b|True</math>",
        "<math>a|False</math>",
        "<math>c|False</math>",
    ]
    math_cache.typeset_new([("a", True)], typeset, cache, math_inputs)  # display style: new
    assert typeset.asked[-1] == [("a", True)]


def test_a_math_error_is_reported_on_every_rebuild(tmp_path, math_inputs):
    typeset = Typesetter()
    for _ in range(2):
        items = [("a", False), ("bad", False)]
        result = math_cache.typeset_new(items, typeset, tmp_path / "cache", math_inputs)
        assert result["errors"] == [[1, "undefined"]]
    assert typeset.asked == [[("a", False), ("bad", False)], [("bad", False)]]


def test_new_typeset_options_typeset_everything_again(tmp_path, math_inputs):
    typeset = Typesetter()
    math_cache.typeset_new([("a", False)], typeset, tmp_path / "cache", math_inputs)
    math_inputs[0].write_text("v2: other MathJax options")
    math_cache.typeset_new([("a", False)], typeset, tmp_path / "cache", math_inputs)
    assert typeset.asked == [[("a", False)], [("a", False)]]


def test_the_math_cache_follows_the_typesetter_and_mathjax_release():
    assert set(math_cache.INPUTS) == {ROOT / "tools" / "typeset.mjs", ROOT / "package-lock.json"}
    assert all(path.is_file() for path in math_cache.INPUTS)


def test_the_font_is_cut_again_only_when_the_characters_change(tmp_path):
    font = tmp_path / "font.woff2"
    font.write_bytes(b"font")
    calls = []

    def publish(formulas, out_dir):
        calls.append(list(formulas))
        (out_dir / "f.woff2").write_text("|".join(formulas))
        (out_dir / "s.js").write_text("js")
        return "f.woff2", "s.js"

    def run(formulas, site):
        chars = set("".join(formulas).replace("<math>", "").replace("</math>", ""))
        cache = tmp_path / "cache"
        return math_cache.publish_font_once(
            formulas, tmp_path / site, publish, chars, [font], cache
        )

    for n in range(2):
        assert run(["<math>ab</math>"], f"site{n}") == ("f.woff2", "s.js")
        assert (tmp_path / f"site{n}" / "f.woff2").read_text() == "<math>ab</math>"
    run(["<math>ba</math>", "<math>a</math>"], "site2")  # the same characters
    run(["<math>c</math>"], "site3")
    assert calls == [["<math>ab</math>"], ["<math>c</math>"]]
    font.write_bytes(b"another font")
    run(["<math>c</math>"], "site4")
    assert len(calls) == 3


def _copy_theme(site: Path) -> Path:
    """What mkdocs serve does on each rebuild: the theme's file, as it ships."""
    asset = site / "assets" / "bundle.min.js"
    asset.parent.mkdir(parents=True, exist_ok=True)
    asset.write_text("original")
    return asset


def test_an_edit_of_the_built_site_runs_once_per_input(tmp_path):
    code = tmp_path / "patches.py"
    code.write_text("v1")
    runs = []

    def step(site_dir):
        runs.append(site_dir)
        (Path(site_dir) / "assets" / "bundle.min.js").write_text("edited")

    site, cache = tmp_path / "site", tmp_path / "cache"
    for _ in range(3):
        asset = _copy_theme(site)
        serve_cache.replay_edits(cache, site, ["assets/*.js"], [code], step)
        assert asset.read_text() == "edited"
    assert len(runs) == 1
    code.write_text("v2")  # other edits
    _copy_theme(site)
    serve_cache.replay_edits(cache, site, ["assets/*.js"], [code], step)
    assert len(runs) == 2
    _copy_theme(site)
    serve_cache.replay_edits(cache, site, ["assets/*.js"], [code], step, options="palette")
    assert len(runs) == 3  # other edit groups
    (site / "assets" / "bundle.min.js").write_text("material upgraded")
    serve_cache.replay_edits(cache, site, ["assets/*.js"], [code], step, options="palette")
    assert len(runs) == 4


def test_a_text_is_computed_once_per_input_and_every_time_without_a_cache(tmp_path):
    calls = []

    def compute():
        calls.append(1)
        return "trimmed"

    for _ in range(2):
        assert serve_cache.text_once(None, compute, "css", "a b") == "trimmed"
    assert len(calls) == 2  # mkdocs build: computed every time
    for _ in range(2):
        assert serve_cache.text_once(tmp_path, compute, "css", "a b") == "trimmed"
    serve_cache.text_once(tmp_path, compute, "css", "a b c")
    serve_cache.text_once(tmp_path, compute, "css a", "b")  # not the same texts as "css", "a b"
    assert len(calls) == 5
    for n in range(10):
        serve_cache.text_once(tmp_path, compute, str(n), keep=3)
    assert len(list(tmp_path.glob("*.txt"))) == 3


def test_template_bytecode_is_kept_and_a_changed_template_compiled_again(tmp_path):
    templates = {"t.html": "{{ x }} one"}

    def env():
        loader = jinja2.DictLoader(templates)
        return serve_cache.keep_template_bytecode(jinja2.Environment(loader=loader), tmp_path)

    assert env().get_template("t.html").render(x=1) == "1 one"
    assert list(tmp_path.iterdir())  # the bytecode, on disk: it outlives a reload of sitebuild
    assert env().get_template("t.html").render(x=1) == "1 one"
    templates["t.html"] = "{{ x }} two"
    assert env().get_template("t.html").render(x=1) == "1 two"


class _Plugin:
    def __init__(self):
        self.config = {"cache": False}


class _JupyterConfig:
    def __init__(self, docs_dir=ROOT / "docs"):
        self.plugins = {"mkdocs-jupyter": _Plugin()}
        self.docs_dir = str(docs_dir)


def test_only_mkdocs_serve_uses_caches(monkeypatch):
    monkeypatch.setitem(hooks.COMMAND, "name", "build")  # make build, make test, CI
    assert not hooks.serving() and hooks.cache("notebooks") is None
    jupyter = next(p for p in mkdocs_config()["plugins"] if "mkdocs-jupyter" in p)
    assert jupyter["mkdocs-jupyter"]["cache"] is False  # on only under serve (notebook_cache)
    monkeypatch.setitem(hooks.COMMAND, "name", "serve")
    assert hooks.cache("notebooks") == serve_cache.FOLDER / "notebooks"
    monkeypatch.setenv("SITEBUILD_NO_SERVE_CACHE", "1")  # bench/bench_edit_loop.py --no-cache
    assert hooks.cache("notebooks") is None
    assert serve_cache.FOLDER == ROOT / ".cache" / "serve"  # .gitignore's /.cache/
    assert "/.cache/" in (ROOT / ".gitignore").read_text().split()


def test_the_notebook_runs_again_when_a_snippet_it_imports_changes(tmp_path, monkeypatch):
    snippets, docs, cache = tmp_path / "snippets", tmp_path / "docs", tmp_path / "cache"
    snippets.mkdir()
    docs.mkdir()
    (snippets / "base.py").write_text("X = 1\n")
    (snippets / "helper.py").write_text("from base import X\n")
    (snippets / "unused.py").write_text("Y = 2\n")
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("import helper")])
    nbformat.write(nb, docs / "nb.ipynb")
    monkeypatch.setattr(notebook_download, "SNIPPET_DIRS", (snippets,))

    def cache_dir() -> str:
        config = _JupyterConfig(docs)
        notebook_cache.configure(config, cache)
        assert config.plugins["mkdocs-jupyter"].config["cache"] is True
        return config.plugins["mkdocs-jupyter"].config["cache_dir"]

    first = cache_dir()
    assert cache_dir() == first and Path(first).is_dir()
    (snippets / "unused.py").write_text("Y = 3\n")
    assert cache_dir() == first  # the notebook does not import it
    (snippets / "base.py").write_text("X = 2\n")  # imported through helper
    second = cache_dir()
    assert second != first and Path(first).is_dir()  # an undo finds it
    monkeypatch.setattr(notebook_cache, "KEEP", 1)
    (snippets / "base.py").write_text("X = 3\n")
    assert cache_dir() not in (first, second)
    assert not Path(first).exists() and not Path(second).exists()  # beyond KEEP: gone


def test_an_undone_notebook_edit_finds_its_cache(tmp_path):
    docs, cache = tmp_path / "docs", tmp_path / "cache"
    docs.mkdir()
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1")])
    nbformat.write(nb, docs / "nb.ipynb")

    def cache_dir() -> str:
        config = _JupyterConfig(docs)
        notebook_cache.configure(config, cache)
        return config.plugins["mkdocs-jupyter"].config["cache_dir"]

    first = cache_dir()
    nb.cells[0].source = "x = 2"
    nbformat.write(nb, docs / "nb.ipynb")
    edited = cache_dir()
    assert edited != first  # mkdocs-jupyter evicts what a build did not use from this folder
    nb.cells[0].source = "x = 1"
    nbformat.write(nb, docs / "nb.ipynb")
    assert cache_dir() == first and Path(first).is_dir()


def test_figures_are_drawn_by_every_build_and_once_per_input_under_serve(tmp_path, monkeypatch):
    scripts, snippets = tmp_path / "scripts", tmp_path / "snippets"
    scripts.mkdir()
    snippets.mkdir()
    (snippets / "data.py").write_text("N = 1\n")
    script = scripts / "fig.py"
    script.write_text(
        "import pathlib, sys\n"
        "out = pathlib.Path(sys.argv[1])\n"
        "runs = pathlib.Path(__file__).with_name('runs')\n"
        "runs.write_text(runs.read_text() + 'x' if runs.exists() else 'x')\n"
        "(out / 'fig.svg').write_text('<svg/>')\n"
    )
    monkeypatch.setattr(figures, "FIGURE_SCRIPTS", scripts)
    monkeypatch.setattr(figures, "FIGURE_INPUTS", [scripts, snippets])
    monkeypatch.setattr(figures, "FIGURE_CACHE", tmp_path / "cache" / "figures")
    monkeypatch.setattr(figures, "ROOT", tmp_path)
    runs = scripts / "runs"
    for n in range(2):  # mkdocs build: every time
        assert [p.name for p in figures.draw_figures()] == ["fig.svg"]
        assert runs.read_text() == "x" * (n + 1)
    assert not (tmp_path / "cache" / "figures").exists()
    for _ in range(2):  # mkdocs serve: once per input
        assert [p.name for p in figures.draw_figures(cached=True)] == ["fig.svg"]
    assert runs.read_text() == "xxx"
    (snippets / "data.py").write_text("N = 2\n")
    figures.draw_figures(cached=True)
    assert runs.read_text() == "xxxx"


def test_the_build_code_is_read_again_only_when_it_changed(tmp_path, monkeypatch):
    """Under mkdocs serve: an edit of a page reloads no module of sitebuild/ (0.2 s a rebuild);
    an edit of one of its files reloads the package before the next build."""
    code = tmp_path / "sitebuild"
    code.mkdir()
    module = code / "steps.py"
    module.write_text("x = 1\n")
    reloaded = []
    monkeypatch.setattr(hooks, "BUILD_CODE", code)
    monkeypatch.setattr(hooks, "LOADED", {})
    monkeypatch.setattr(hooks.importlib, "reload", reloaded.append)

    hooks.reload_build_code()  # the first build: the package was imported just now
    hooks.reload_build_code()  # a page edited
    assert reloaded == []
    module.write_text("x = 2\n")
    stat = module.stat()
    os.utime(module, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    hooks.reload_build_code()
    assert reloaded and all(m.__name__.startswith("sitebuild.") for m in reloaded)
    count = len(reloaded)
    hooks.reload_build_code()
    assert len(reloaded) == count


class Page:
    """What material's search plugin reads of a page."""

    def __init__(self, content: str):
        self.content, self.url, self.title = content, "newton/", "Newton"
        self.meta, self.toc = {"title": "Newton"}, []


def search_plugin_build(cache: Path, page: Page) -> tuple[list[dict], int]:
    """One build's indexing of the page with the sections kept in cache: the entries, and how
    many times the plugin read the page's HTML."""
    from material.plugins.search.plugin import SearchIndex

    from sitebuild.theme_material import search_entries

    index = SearchIndex(lang=["en"], separator=r"[\s\-]+", pipeline=[], fields={})
    reads = []
    read = index.add_entry_from_context
    index.add_entry_from_context = lambda p: (reads.append(p), read(p))
    plugins = {"material/search": type("Plugin", (), {"search_index": index})()}
    search_entries.keep_search_entries(type("Config", (), {"plugins": plugins})(), cache)
    index.add_entry_from_context(page)
    return index.entries, len(reads)


def test_a_pages_search_sections_are_read_again_only_when_it_changed(tmp_path):
    html = '<h1 id="newton">Newton</h1><p>The Hessian.</p><h2 id="step">Step</h2><p>H^-1 g</p>'
    first, reads = search_plugin_build(tmp_path, Page(html))
    assert reads == 1 and [e["location"] for e in first] == ["newton/", "newton/#step"]
    again, reads = search_plugin_build(tmp_path, Page(html))
    assert reads == 0 and again == first
    edited, reads = search_plugin_build(tmp_path, Page(html.replace("H^-1 g", "a new line")))
    assert reads == 1 and "a new line" in edited[-1]["text"]
