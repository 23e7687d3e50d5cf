"""/check/ in Chromium: the site's checker running in Pyodide on the reader's device.

One page and one Pyodide load for all the checks (loading it costs seconds): every route's steps
as its "try it yourself" links carry them are right, one mutant of each kind is the first wrong
step, a sign slip is marked with its name and link, the substitution route pasted as one
\\eqalign block is right, garbage is unreadable with a message. Nothing heavy is fetched before
the first check, and nothing from another host at all.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from helpers import as_block, mutant_cases, route_cases, route_groups

from sitebuild.checking import split_equation
from sitebuild.checking.learner_input import address

pytestmark = pytest.mark.browser

DONE = """() => {
  const rows = document.querySelectorAll('#check-results [data-verdict]');
  return rows.length > 0 && !document.querySelector('#check-results [data-verdict=pending]')
    && !document.querySelector('#check-form button').disabled;
}"""
LOAD_SECONDS = 300


@pytest.fixture(scope="module")
def check_page(browser, site_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.requests = requests
    page.site_url = site_url
    yield page
    context.close()


def run_check(page, notation: str, text: str) -> list[dict]:
    """Open the address for ``text`` (on the open /check/ page), press Check, read the rows."""
    if "/check/" not in page.url:
        page.goto(page.site_url + "/check/")
    page.evaluate("hash => { location.hash = hash }", address(notation, text, page=""))
    page.wait_for_function(
        "text => document.getElementById('check-steps').value === text", arg=text
    )
    page.click("#check-form button[type=submit]")
    page.wait_for_function(DONE, timeout=LOAD_SECONDS * 1000)
    return page.eval_on_selector_all(
        "#check-results li",
        """rows => rows.map(row => ({
          verdict: row.dataset.verdict, first: row.dataset.first || null,
          label: row.querySelector('.check-verdict').textContent,
          message: row.querySelector('.check-message').textContent,
          link: row.querySelector('.check-message a')?.getAttribute('href') || null,
          source: row.querySelector('code').textContent }))""",
    )


def test_try_it_yourself_opens_the_route_without_loading_the_checker(check_page, site_url):
    page = check_page
    page.goto(site_url + "/chain-rule/#step-12")
    link = page.locator("#step-12 a.step-try")
    assert link.inner_text() == "try it yourself"
    link.click()
    page.wait_for_url("**/check/#n=site&s=*")
    notation, text, _ = next(g for g in route_groups("chain-rule.md") if g[0] == "site")
    assert page.input_value("#check-steps") == text
    assert page.input_value("#check-notation") == notation
    assert page.locator("#check-results li").count() == 0
    fetched = [u for u in page.requests if "pyodide" in u or "check-worker" in u or ".whl" in u]
    assert fetched == []


@pytest.mark.parametrize(
    ("notation", "text"), [pytest.param(n, t, id=label) for label, n, t in route_cases()]
)
def test_every_routes_steps_are_right_in_the_browser(check_page, notation, text):
    rows = run_check(check_page, notation, text)
    assert [r["source"] for r in rows] == text.splitlines()
    assert [r["verdict"] for r in rows] == ["right"] * len(rows)
    assert all(r["label"] == "✓ right" for r in rows)
    status = check_page.inner_text("#check-status")
    assert status == f"{len(rows)} of {len(rows)} steps right."


@pytest.mark.parametrize(
    ("notation", "text", "k"),
    [pytest.param(n, t, k, id=kind) for kind, n, t, k in mutant_cases()],
)
def test_every_kind_of_mutant_is_the_first_wrong_step(check_page, notation, text, k):
    """One mutant of each kind the derivation tests make (the earliest a route offers)."""
    rows = run_check(check_page, notation, text)
    assert [r["verdict"] for r in rows] == ["right"] * k + ["wrong"]
    assert rows[-1]["first"] == "wrong"


def test_a_mutant_is_wrong_and_marked_with_its_slip(check_page):
    _, text, _ = next(g for g in route_groups("chain-rule.md") if g[0] == "site")
    lines = text.splitlines()[:12]
    assert lines[-1] == r"= (f - y)\, x_j"
    lines[-1] = r"= (y - f)\, x_j"
    rows = run_check(check_page, "site", "\n".join(lines))
    assert [r["verdict"] for r in rows] == ["right"] * 11 + ["wrong"]
    wrong = rows[-1]
    assert wrong["first"] == "wrong" and wrong["label"] == "✗ first wrong step"
    assert "likely slip: the sign of the whole side" in wrong["message"]
    assert wrong["link"] == "../mistakes/#step-2"
    assert "the first wrong step is step 12" in check_page.inner_text("#check-status")


def test_the_substitution_route_as_one_eqalign_block_is_right(check_page):
    substitution = route_groups("substitution.md")[0][1]
    block = as_block(substitution, r"\eqalign{", "}")
    rows = run_check(check_page, "site", block)
    assert len(rows) == len(substitution.splitlines())
    assert [r["verdict"] for r in rows] == ["right"] * len(rows)
    assert split_equation(rows[0]["source"].replace("  ", " "))[0] == "f"


def test_garbage_is_unreadable_with_a_message(check_page):
    rows = run_check(check_page, "site", "L = \\foo{x}\nthe chain rule gives\n= f - y")
    assert [r["verdict"] for r in rows] == ["unreadable"] * 3
    assert [r["label"] for r in rows] == ["? unreadable"] * 3
    assert "'\\\\foo'" in rows[0]["message"] or "\\foo" in rows[0]["message"]
    assert "not an equation" in rows[1]["message"]
    assert "could not be read" in rows[2]["message"]


def test_a_step_that_runs_too_long_is_stopped_and_the_next_check_starts_afresh(browser, site_url):
    """The page stops a step after the form's data-step-seconds (60 on the site; here a
    millisecond, so every step runs too long): each is unreadable and says so, and the checker
    is started again for the next check. A page of its own, so that every step meets a checker
    just started (one that has seen the steps before may answer within the millisecond)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.site_url = site_url
    _, route, _ = next(g for g in route_groups("chain-rule.md") if g[0] == "site")
    text = "\n".join(route.splitlines()[-3:])
    assert text.startswith(r"\frac{\partial J}{\partial w_j}")
    page.goto(site_url + "/check/")
    form = "#check-form"
    assert page.get_attribute(form, "data-step-seconds") == "60"
    page.eval_on_selector(form, "form => { form.dataset.stepSeconds = '0.001' }")
    rows = run_check(page, "site", text)
    assert [r["verdict"] for r in rows] == ["unreadable"] * 3
    assert all("took longer than 0.001 s" in r["message"] for r in rows)
    page.eval_on_selector(form, "form => { form.dataset.stepSeconds = '60' }")
    assert [r["verdict"] for r in run_check(page, "site", text)] == ["right"] * 3
    context.close()


def test_nothing_came_from_another_host(check_page, site_url):
    assert [r["verdict"] for r in run_check(check_page, "sigmoid", "s = s")] == ["unreadable"]
    host = urlsplit(site_url).netloc
    assert any(u.endswith(".whl") for u in check_page.requests), "the checker was loaded"
    assert {urlsplit(u).netloc for u in check_page.requests if u.startswith("http")} == {host}
