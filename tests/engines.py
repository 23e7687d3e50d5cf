"""WebKit and Firefox for the browser tests, from Debian's packages (Chromium is in conftest.py).

WebKit: WebKitGTK's MiniBrowser driven by WebKitWebDriver (``webkit2gtk-driver``) through
Selenium, on a virtual screen (``xvfb``). Its window will not shrink below about 450 px, so a
page is loaded into an iframe of the width wanted: the frame is the page's viewport, media
queries included. Firefox ESR (``firefox-esr``) draws a page to a PNG with ``--headless
--screenshot``; a profile per colour scheme, made once.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import time
from pathlib import Path

MINIBROWSER = "/usr/lib/*/webkit2gtk-4.*/MiniBrowser"
FIREFOX = "firefox-esr"
# Firefox on a machine without internet: nothing of its own to fetch, the reader's scheme set.
FIREFOX_PREFS = {
    "app.update.enabled": "false",
    "browser.shell.checkDefaultBrowser": "false",
    "datareporting.policy.dataSubmissionEnabled": "false",
    "network.captive-portal-service.enabled": "false",
    "network.connectivity-service.enabled": "false",
    "browser.safebrowsing.update.enabled": "false",
    "toolkit.telemetry.enabled": "false",
}

FRAME = """
const [src, width, height] = arguments;
document.documentElement.innerHTML = '<head></head><body style="margin:0"></body>';
const frame = document.createElement('iframe');
frame.style.cssText = `display:block;border:0;width:${width}px;height:${height}px`;
frame.src = src;
document.body.append(frame);
"""
FRAME_READY = """
const doc = document.querySelector('iframe').contentDocument;
return !!doc && doc.readyState === 'complete' && doc.URL !== 'about:blank';
"""


def webkit_missing() -> str | None:
    """Why WebKit cannot run here, or None."""
    for tool, package in (("WebKitWebDriver", "webkit2gtk-driver"), ("Xvfb", "xvfb")):
        if not shutil.which(tool):
            return f"no {tool}: install it with `apt-get install {package}`"
    if not glob.glob(MINIBROWSER):
        return "no WebKitGTK MiniBrowser: install `webkit2gtk-driver`"
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "no selenium: run `make env`"
    return None


class VirtualScreen:
    """An Xvfb display for the length of the session."""

    def __init__(self):
        read, write = os.pipe()
        self.process = subprocess.Popen(
            ["Xvfb", "-displayfd", str(write), "-screen", "0", "1600x3200x24", "-nolisten", "tcp"],
            pass_fds=(write,),
            stderr=subprocess.DEVNULL,
        )
        os.close(write)
        with os.fdopen(read) as pipe:
            self.display = f":{pipe.readline().strip()}"

    def close(self):
        self.process.terminate()
        self.process.wait(timeout=10)


def start_webkit(display: str):
    from selenium import webdriver
    from selenium.webdriver.webkitgtk.options import Options
    from selenium.webdriver.webkitgtk.service import Service

    options = Options()
    options.binary_location = sorted(glob.glob(MINIBROWSER))[-1]
    options.add_argument("--automation")
    service = Service(
        executable_path=shutil.which("WebKitWebDriver"), env={**os.environ, "DISPLAY": display}
    )
    driver = webdriver.WebKitGTK(options=options, service=service)
    driver.set_window_size(1500, 3100)
    return driver


def open_in_frame(driver, harness: str, url: str, width: int, height: int = 900) -> None:
    """Loads url into a width x height iframe of a page of the same site (harness), then
    switches the driver into the frame. The frame is the page's viewport."""
    driver.switch_to.default_content()
    driver.get(harness)
    driver.execute_script(FRAME, url, width, height)
    deadline = time.monotonic() + 30
    while not driver.execute_script(FRAME_READY):
        if time.monotonic() > deadline:
            raise TimeoutError(f"{url} did not load in WebKit")
        time.sleep(0.1)
    driver.switch_to.frame(driver.find_element("tag name", "iframe"))
    driver.execute_async_script("document.fonts.ready.then(() => arguments[0]())")


def firefox_missing() -> str | None:
    if not shutil.which(FIREFOX):
        return f"no Firefox ESR: install it with `apt-get install {FIREFOX}`"
    return None


def firefox_profile(directory: Path, dark: bool) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    prefs = {**FIREFOX_PREFS, "ui.systemUsesDarkTheme": "1" if dark else "0"}
    lines = [f'user_pref("{name}", {value});' for name, value in prefs.items()]
    (directory / "user.js").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return directory


def firefox_screenshot(profile: Path, url: str, out: Path, width: int, height: int) -> Path:
    """Firefox ESR draws url in a width x height window to the PNG out."""
    subprocess.run(
        [
            FIREFOX,
            "--headless",
            "--no-remote",
            "--profile",
            str(profile),
            "--screenshot",
            str(out),
            f"--window-size={width},{height}",
            url,
        ],
        check=True,
        timeout=120,
        capture_output=True,
        env={**os.environ, "MOZ_HEADLESS": "1"},
    )
    return out
