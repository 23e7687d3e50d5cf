"""mkdocs-material's start-up in slices (hooks/material_patches.py, hooks/material_startup.js).

The patched bundle must still be material: valid JavaScript, its source map still pointing at
material's sources, and every component a reader uses mounted. What changes is when: not in the
task that evaluates the script, nor in its DOMContentLoaded handler, but in short tasks after
the first frame (`make bench` measures the blocking time that saves).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import material
import pytest
from hypothesis import given
from hypothesis import strategies as st
from material_patches import apply
from source_maps import decode_segment, encode_segment, shift_columns
from test_layout_stability import new_phone_page

MATERIAL_ASSETS = Path(material.__file__).parent / "templates" / "assets"


def built_bundle(site_dir: Path) -> Path:
    (bundle,) = (site_dir / "assets" / "javascripts").glob("bundle.*.min.js")
    return bundle


def segments(mappings: str) -> dict[tuple[int, int], list[int]]:
    """(generated line, column) -> [source, original line, original column(, name)], absolute."""
    out, state = {}, [0, 0, 0, 0]
    for line, text in enumerate(mappings.split(";")):
        column = 0
        for segment in filter(None, text.split(",")):
            values = decode_segment(segment)
            column += values[0]
            for i, value in enumerate(values[1:]):
                state[i] += value
            out[line, column] = state[: len(values) - 1]
    return out


def position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset)
    return line, offset - (text.rfind("\n", 0, offset) + 1)


def test_vlq_matches_the_source_map_spec():
    # Base64 VLQ: the sign in the lowest bit, five bits a digit, 32 marks a continuation.
    assert decode_segment("AAAA") == [0, 0, 0, 0]
    assert decode_segment("AACA") == [0, 0, 1, 0]
    assert decode_segment("D") == [-1]
    assert decode_segment("gB") == [16]
    assert encode_segment([16, -1, 0]) == "gBDA"


@given(st.lists(st.integers(-(2**20), 2**20), min_size=1, max_size=5))
def test_vlq_round_trip(values):
    assert decode_segment(encode_segment(values)) == values


def test_shift_columns_moves_what_follows_a_change():
    # Segments at columns 0, 10 and 20 of line 0; 3 characters inserted at 5, 4 replaced by 1
    # at 12 (column 10 is before it, 20 after it).
    mappings = ",".join(encode_segment(v) for v in ([0, 0, 0, 0], [10, 0, 0, 1], [10, 0, 0, 1]))
    shifted = segments(shift_columns(mappings + ";AAAA", [(0, 5, 0, 3), (0, 12, 4, 1)]))
    assert sorted(shifted) == [(0, 0), (0, 13), (0, 20), (1, 0)]
    assert [shifted[0, 13], shifted[0, 20]] == [[0, 0, 1], [0, 0, 2]]


@pytest.fixture(scope="module")
def patched(tmp_path_factory) -> tuple[str, dict, str, dict]:
    """Material's own bundle and map, and the same after hooks/material_patches.py."""
    site = tmp_path_factory.mktemp("patched")
    for folder in ("javascripts", "stylesheets"):
        shutil.copytree(MATERIAL_ASSETS / folder, site / "assets" / folder)
    bundle = built_bundle(site)
    before = (
        bundle.read_text(encoding="utf-8"),
        json.loads((bundle.parent / (bundle.name + ".map")).read_text(encoding="utf-8")),
    )
    apply(site)
    after = (
        bundle.read_text(encoding="utf-8"),
        json.loads((bundle.parent / (bundle.name + ".map")).read_text(encoding="utf-8")),
    )
    return (*before, *after)


def test_the_source_map_still_points_at_materials_sources(patched):
    """Every function material defines maps to the same source line before and after the edits:
    material's own map is the oracle."""
    old_text, old_map, new_text, new_map = patched
    old_segments, new_segments = segments(old_map["mappings"]), segments(new_map["mappings"])
    definitions = re.findall(r"function [\w$]+\(", old_text)
    checked = 0
    for definition in set(definitions):
        if old_text.count(definition) != 1 or new_text.count(definition) != 1:
            continue
        old = old_segments.get(position(old_text, old_text.index(definition)))
        new = new_segments.get(position(new_text, new_text.index(definition)))
        assert old == new, f"{definition} maps elsewhere after the edits"
        checked += old is not None
    assert checked > 300


def test_the_patched_bundle_is_valid_javascript(site_dir):
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is needed to build the site (MathJax) and to check the bundle")
    bundle = built_bundle(site_dir)
    result = subprocess.run([node, "--check", str(bundle)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "__mdStartup" in bundle.read_text(encoding="utf-8")


def test_every_table_has_materials_wrapper_from_the_build(site_dir):
    """Written at build time, so material does not move the tables once the page is drawn."""
    for page in site_dir.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        bare = html.count("<table>")
        wrapped = html.count('<div class="md-typeset__table"><table>')
        assert bare == wrapped, f"{page.relative_to(site_dir)}: {bare - wrapped} bare tables"


AFTER_BUNDLE = """<script>
  window.__startup = {atEvaluation: typeof window.component$};
  document.addEventListener("DOMContentLoaded", () => {
    window.__startup.atContentLoaded = document.querySelectorAll(".tabbed-control").length;
  });
</script>"""


@pytest.mark.browser
def test_material_mounts_after_its_script_and_its_load_handler_return(browser, site_url):
    """Unpatched, material mounts its components while its script is evaluated (search, palette)
    and in its DOMContentLoaded handler (tabs, code blocks, tables ...): one long task each."""
    page = new_phone_page(browser)

    def add_probe(route):
        html = route.fetch().text()
        tag = re.search(r'<script src="[^"]*bundle\.[^"]*"></script>', html)[0]
        route.fulfill(body=html.replace(tag, tag + AFTER_BUNDLE), content_type="text/html")

    page.route(site_url + "/", add_probe)
    page.goto(site_url + "/", wait_until="domcontentloaded")
    page.wait_for_function("() => window.component$ !== undefined")
    page.wait_for_function("() => document.querySelector('.tabbed-control') !== null")
    startup = page.evaluate("() => window.__startup")
    page.context.close()
    assert startup == {"atEvaluation": "undefined", "atContentLoaded": 0}


@pytest.mark.browser
def test_every_component_still_mounts(browser, site_url):
    """What material's script does for a reader, after the start-up in slices."""
    page = new_phone_page(browser)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(site_url + "/matrix/", wait_until="networkidle")
    tables = page.evaluate(
        "() => [...document.querySelectorAll('article table')]"
        ".map(t => t.closest('.md-typeset__scrollwrap').querySelectorAll('table').length)"
    )
    linked_tabs = page.locator(".tabbed-labels--linked").count()
    active_toc = """() => [...document.querySelectorAll(
      '.md-sidebar--secondary .md-nav__link--active')]
      .map(a => a.getAttribute('href')).pop() ?? null"""
    at_top = page.evaluate(active_toc)
    page.mouse.wheel(0, 4000)
    page.wait_for_function("() => location.hash !== ''")  # navigation.tracking
    page.wait_for_function(f"() => ({active_toc})() !== {json.dumps(at_top)}")  # toc.follow
    page.mouse.wheel(0, -300)
    page.wait_for_function("() => !document.querySelector('.md-top').hidden")  # navigation.top
    header = page.locator("[data-md-component=header-title]").get_attribute("class")
    page.context.close()

    assert tables and set(tables) == {1}, "a table is wrapped twice, or not at all"
    assert linked_tabs > 0, "content.tabs.link did not mount"
    assert "md-header__title--active" in header, "the header does not show the page title"
