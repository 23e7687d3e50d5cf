"""/check/ as built: its files come from this site (Pyodide from node_modules, the wheels pinned by
hash, the site's checker zipped), and nothing heavy loads with the page. The browser side is in
tests/test_check_browser.py."""

from __future__ import annotations

import hashlib
import html
import json
import re
import zipfile

import pytest

from sitebuild import check_page
from sitebuild.checking.learner_check import CHECK_NOTATIONS


def check_files(site_dir) -> dict:
    page = (site_dir / "check" / "index.html").read_text(encoding="utf-8")
    return json.loads(html.unescape(re.search(r'data-files="([^"]+)"', page)[1]))


def test_the_page_loads_only_its_small_script(site_dir):
    page = (site_dir / "check" / "index.html").read_text(encoding="utf-8")
    assert "pyodide" not in re.sub(r'data-files="[^"]+"', "", page)
    assert '<script src="../javascripts/check.js" defer></script>' in page
    assert (site_dir / "javascripts" / "check.js").stat().st_size < 10_000


def test_every_file_the_worker_asks_for_is_served(site_dir):
    files = check_files(site_dir)
    runtime = site_dir / files["pyodide"]
    for name in (*check_page.PYODIDE_FILES, *files["wheels"]):
        assert (runtime / name).is_file(), name
    assert (runtime / "pyodide.asm.wasm").read_bytes()[:4] == b"\0asm"
    assert files["root"] == "../" and (site_dir / "javascripts" / "check-worker.js").is_file()


def test_served_wheels_match_their_pinned_hashes(site_dir):
    files = check_files(site_dir)
    pins = dict(
        re.findall(r"^([\w.-]+==\S+) --hash=sha256:(\w+)", check_page.WHEEL_LIST.read_text(), re.M)
    )
    assert len(files["wheels"]) == len(pins) == 2
    for wheel in files["wheels"]:
        name, version = wheel.split("-")[:2]
        data = (site_dir / files["pyodide"] / wheel).read_bytes()
        assert hashlib.sha256(data).hexdigest() == pins[f"{name}=={version}"]


def test_a_wheel_that_does_not_match_its_hash_stops_the_build(tmp_path, monkeypatch):
    pins = tmp_path / "requirements-browser.txt"
    pins.write_text("mpmath==1.3.0 --hash=sha256:" + "0" * 64 + "\n")
    (tmp_path / "mpmath-1.3.0-py3-none-any.whl").write_bytes(b"not the wheel")
    monkeypatch.setattr(check_page, "WHEEL_LIST", pins)
    monkeypatch.setattr(check_page, "WHEEL_DIR", tmp_path)
    with pytest.raises(ValueError, match="does not match its hash"):
        check_page.pinned_wheels()
    (tmp_path / "mpmath-1.3.0-py3-none-any.whl").unlink()
    with pytest.raises(FileNotFoundError, match="make env"):
        check_page.pinned_wheels()


def test_the_served_checker_is_the_sites_checker(site_dir):
    files = check_files(site_dir)
    with zipfile.ZipFile(site_dir / files["checker"]) as archive:
        served = {name: archive.read(name) for name in archive.namelist()}
    sources = check_page.checker_sources()
    assert files["package"] == "sitebuild.checking"
    expected = {f"sitebuild/checking/{p.name}": p.read_bytes() for p in sources}
    assert served == {"sitebuild/__init__.py": b"", **expected}
    assert check_page.checker_zip() == check_page.checker_zip()  # same bytes, same name


def test_the_notation_menu_is_the_checkers(site_dir):
    page = (site_dir / "check" / "index.html").read_text(encoding="utf-8")
    assert re.findall(r'<option value="([\w-]+)"', page) == list(CHECK_NOTATIONS)
    prose = (check_page.ROOT / "docs" / "check.md").read_text(encoding="utf-8")
    for key in CHECK_NOTATIONS:
        assert f"`{key}`" in prose


def test_every_route_step_links_to_the_checker_with_its_route(site_dir):
    for name in ("chain-rule", "substitution", "matrix", "sigmoid-derivative"):
        page = (site_dir / name / "index.html").read_text(encoding="utf-8")
        steps = re.findall(r'<div class="step[^"]*" id="(step-\d+)">', page)
        links = re.findall(r'class="step-try" href="\.\./check/#n=([\w-]+)&amp;s=([^"]+)"', page)
        assert len(links) == len(steps) > 5, name


def test_the_first_notations_symbols_are_there_before_the_script_runs(site_dir):
    """The script writes the chosen notation's symbols under the menu; the first notation's are
    in the page already, so the page does not grow by a paragraph when the script runs."""
    page = (site_dir / "check" / "index.html").read_text(encoding="utf-8")
    shown = re.search(r'<span id="check-symbols" class="check-symbols">([^<]+)</span>', page)
    first = next(iter(CHECK_NOTATIONS.values()))
    assert shown and html.unescape(shown[1]) == first.symbols
    assert re.search(r'<option value="([\w-]+)"', page)[1] == first.key  # selected on arrival
