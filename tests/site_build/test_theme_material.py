"""The theme boundary (sitebuild/theme_material/): material's assets edited in named groups that
each name their place in material's source, and its markup written at build time (that every
component still mounts is tests/browser/test_material_components.py)."""

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

from sitebuild import ROOT
from sitebuild.theme_material import asset_edits
from sitebuild.theme_material.source_maps import decode_segment, encode_segment, shift_columns

MATERIAL_ASSETS = Path(material.__file__).parent / "templates" / "assets"
EDITS = [pytest.param(edit, id=f"{group}-{n}") for group, edits in asset_edits.GROUPS.items()
         for n, edit in enumerate(edits)]  # fmt: skip


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


def source_at(text: str, mapping: dict, offset: int) -> tuple[str, int]:
    """Material's source file and 1-based line of the generated text at offset: the last
    mapped segment at or before it, as DevTools shows it."""
    here = position(text, offset)
    found = [(place, value) for place, value in segments(mapping["mappings"]).items()
             if place <= here and len(value) >= 2]  # fmt: skip
    _, (source, line, *_) = max(found)
    return mapping["sources"][source], line + 1


@pytest.mark.parametrize("edit", EDITS)
def test_each_edit_names_its_place_in_materials_source(edit):
    """Material's own source map is the oracle: every place an edit changes maps to the
    source file and one of the lines the edit names."""
    (path,) = MATERIAL_ASSETS.glob(edit.asset)
    text = path.read_text(encoding="utf-8")
    mapping = json.loads(path.with_name(path.name + ".map").read_text(encoding="utf-8"))
    places = {source_at(text, mapping, m.start()) for m in asset_edits.matches(text, edit)}
    file, lines = edit.source
    assert places == {(file, line) for line in lines}


def test_no_file_names_a_minified_identifier_of_materials_bundle():
    """The edits name material's strings, CSS and DOM calls, never the minifier's short names:
    the code of every edit reads the same whatever those names are in a release."""
    for edit in (e for edits in asset_edits.GROUPS.values() for e in edits):
        code = re.sub(r'"[^"]*"', "", edit.old if edit.pattern else re.escape(edit.old))
        names = set(re.findall(r"(?<![\\\w.-])[A-Za-z_$][\w$]*(?=\\?\()", code)) - {"let"}
        assert names <= {"document", "head", "appendChild"}, (edit.old, names)


def test_a_group_switched_off_leaves_its_assets_as_material_ships_them(tmp_path):
    for folder in ("javascripts", "stylesheets"):
        shutil.copytree(MATERIAL_ASSETS / folder, tmp_path / "assets" / folder)
    asset_edits.apply(tmp_path, ["tabs"])
    for folder in ("javascripts", "stylesheets"):
        for path in (tmp_path / "assets" / folder).glob("*.min.[cj]s"):
            original = (MATERIAL_ASSETS / folder / path.name).read_text(encoding="utf-8")
            edited = path.read_text(encoding="utf-8") != original
            assert edited == path.name.startswith("main."), path.name
    with pytest.raises(ValueError, match="unknown"):
        asset_edits.apply(tmp_path, ["pallete"])


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
def edited(tmp_path_factory) -> tuple[str, dict, str, dict]:
    """Material's own bundle and map, and the same after every edit group."""
    site = tmp_path_factory.mktemp("edited")
    for folder in ("javascripts", "stylesheets"):
        shutil.copytree(MATERIAL_ASSETS / folder, site / "assets" / folder)
    (bundle,) = (site / "assets" / "javascripts").glob("bundle.*.min.js")
    source_map = bundle.with_name(bundle.name + ".map")
    before = (bundle.read_text(encoding="utf-8"), json.loads(source_map.read_text("utf-8")))
    asset_edits.apply(site)
    after = (bundle.read_text(encoding="utf-8"), json.loads(source_map.read_text("utf-8")))
    return (*before, *after)


def test_the_source_map_still_points_at_materials_sources(edited):
    """Every function material defines maps to the same source line before and after the edits:
    material's own map is the oracle."""
    old_text, old_map, new_text, new_map = edited
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


def test_the_edited_bundle_is_valid_javascript(site_dir):
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is needed to build the site (MathJax) and to check the bundle")
    (bundle,) = (site_dir / "assets" / "javascripts").glob("bundle.*.min.js")
    result = subprocess.run([node, "--check", str(bundle)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert asset_edits.EDITED in bundle.read_text(encoding="utf-8")


def test_every_table_has_materials_wrapper_from_the_build(site_dir):
    """Written at build time, so material does not move the tables once the page is drawn."""
    for page in site_dir.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        bare = html.count("<table>")
        wrapped = html.count('<div class="md-typeset__table"><table>')
        assert bare == wrapped, f"{page.relative_to(site_dir)}: {bare - wrapped} bare tables"


def test_the_search_dialog_has_a_name(site_dir):
    """partials/search.html: axe's rule aria-dialog-name, on every page and the 404 page."""
    for page in site_dir.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        if 'data-md-component="search"' in html:
            assert re.search(r'<div class="md-search"[^>]*role="dialog" aria-label="Search"', html)


def test_the_search_partial_is_materials_own_but_for_the_name():
    """After an upgrade of material, the override still matches material's partial."""
    ours = (ROOT / "sitebuild/theme_material/templates/partials/search.html").read_text("utf-8")
    theirs = (Path(material.__file__).parent / "templates/partials/search.html").read_text("utf-8")

    def body(text: str) -> str:
        return re.sub(r"\{#-.*?-#\}\n", "", text, flags=re.S)

    named = 'role="dialog" aria-label="{{ lang.t(\'search\') }}">'
    assert body(ours).replace(named, 'role="dialog">', 1) == body(theirs)


def test_materials_script_is_started_after_the_first_paint_on_every_page(site_dir):
    """main.html replaces base.html's scripts block: material's script is preloaded and started
    by a small loader once the page is parsed and drawn, never parser-blocking in the body."""
    (bundle,) = (site_dir / "assets" / "javascripts").glob("bundle.*.min.js")
    for page in site_dir.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        if "<article" not in html:
            continue  # redirect pages
        name = page.relative_to(site_dir)
        assert not re.search(r"<script src=\"[^\"]*bundle\.", html), f"{name}: parser-blocking"
        preload = re.search(r'<link rel="preload" as="script" href="([^"]+)">', html)
        assert preload and preload[1].endswith("assets/javascripts/" + bundle.name), name
        assert f"script.src = {json.dumps(preload[1])};" in html, f"{name}: no loader"


def test_the_scripts_block_main_html_replaces_is_still_materials():
    """After an upgrade of material: its base.html's scripts block still holds its bundle and the
    extra scripts, and nothing else main.html would drop."""
    templates = Path(material.__file__).parent / "templates"
    base = (templates / "base.html").read_text("utf-8")
    block = re.search(r"{% block scripts %}(.*?){% endblock %}", base, re.S)[1]
    (bundle,) = (templates / "assets" / "javascripts").glob("bundle.*.js")
    expected = [
        f"<script src=\"{{{{ 'assets/javascripts/{bundle.name}' | url }}}}\"></script>",
        "{% for script in config.extra_javascript %}",
        "{{ script | script_tag }}",
        "{% endfor %}",
    ]
    assert [line.strip() for line in block.strip().splitlines()] == expected
