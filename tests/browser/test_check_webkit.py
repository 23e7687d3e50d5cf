"""/check/ in WebKit (the engine of every iPhone browser): WebKitGTK driven by WebKitWebDriver under
a virtual X display. One page, one Pyodide load: every route's steps are right, one mutant of each
kind is the first wrong step, the substitution route as one \\eqalign block is right, and garbage
is unreadable. Skips without webkit2gtk-driver and Xvfb (fails with REQUIRE_BROWSER=1).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time

import pytest
from helpers import as_block, missing_browser, mutant_cases, route_cases, route_groups

from sitebuild.checking.learner_input import address

pytestmark = pytest.mark.browser

DONE = """return document.querySelectorAll('#check-results [data-verdict]').length > 0
  && !document.querySelector('#check-results [data-verdict=pending]')
  && !document.querySelector('#check-form button').disabled"""
ROWS = "return [...document.querySelectorAll('#check-results li')].map(r => r.dataset.verdict)"


@pytest.fixture(scope="module")
def webkit():
    driver_path, xvfb = shutil.which("WebKitWebDriver"), shutil.which("Xvfb")
    if not driver_path or not xvfb:
        missing_browser("WebKit needs WebKitWebDriver (webkit2gtk-driver) and Xvfb")
    display = subprocess.Popen(
        [xvfb, "-displayfd", "1", "-screen", "0", "1280x900x24", "-nolisten", "tcp"],
        stdout=subprocess.PIPE,
        text=True,
    )
    number = display.stdout.readline().strip()
    from selenium import webdriver

    service = webdriver.WebKitGTKService(
        executable_path=driver_path, env={**os.environ, "DISPLAY": f":{number}"}
    )
    driver = webdriver.WebKitGTK(service=service, options=webdriver.WebKitGTKOptions())
    yield driver
    driver.quit()
    display.terminate()
    display.wait()


def run_check(driver, base: str, notation: str, text: str) -> list[str]:
    driver.get(base + "/check/" + address(notation, text, page=""))
    driver.find_element("css selector", "#check-form button[type=submit]").click()
    deadline = time.monotonic() + 600
    while not driver.execute_script(DONE):
        assert time.monotonic() < deadline, "no verdicts after 600 s"
        time.sleep(1)
    return driver.execute_script(ROWS)


def test_the_checker_runs_in_webkit(webkit, site_url):
    for label, notation, text in route_cases():
        verdicts = run_check(webkit, site_url, notation, text)
        assert verdicts == ["right"] * len(text.splitlines()), label
    for kind, notation, text, k in mutant_cases():
        assert run_check(webkit, site_url, notation, text) == ["right"] * k + ["wrong"], kind
    first = webkit.find_element("css selector", "#check-results [data-first=wrong]")
    assert first.find_element("css selector", ".check-verdict").text == "✗ first wrong step"
    substitution = route_groups("substitution.md")[0][1]
    block = as_block(substitution, r"\eqalign{", "}")
    assert run_check(webkit, site_url, "site", block) == ["right"] * len(substitution.splitlines())
    garbage = run_check(webkit, site_url, "site", "L = \\foo{x}\nthe chain rule gives\n= f - y")
    assert garbage == ["unreadable"] * 3
