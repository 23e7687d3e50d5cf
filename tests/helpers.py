"""What the tests share: the project's own configuration (mkdocs.yml, front matter), the pages
of the built site, and the browsers (Chromium for Playwright, Lighthouse)."""

from __future__ import annotations

import contextlib
import inspect
import io
import json
import os
import re
import shutil
import subprocess
import tempfile
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"

# --------------------------------------------------------------------------------------------
# The project's configuration


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without importing what its `!!python/name:` tags name (kept as text)."""


def _env_tag(loader, node) -> dict:
    """mkdocs.yml's `!ENV [NAME, default]`, kept as {"env": NAME, "default": default}."""
    name, default = loader.construct_sequence(node)
    return {"env": name, "default": default}


_ConfigLoader.add_constructor("!ENV", _env_tag)
_ConfigLoader.add_multi_constructor(
    "tag:yaml.org,2002:python/name:", lambda loader, suffix, node: suffix
)


@cache
def mkdocs_config() -> dict:
    return yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_ConfigLoader)


def site_url() -> str:
    """The published address (SITE_URL, or mkdocs.yml's default), without the trailing slash."""
    return (os.environ.get("SITE_URL") or mkdocs_config()["site_url"]["default"]).rstrip("/")


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


PAGES = [url_path(source) for source in nav_sources()]

# --------------------------------------------------------------------------------------------
# Printed output on the pages: a snippet function shows what it prints as `# >` lines (ruff
# formats `#>` so), and the tests run it and compare.

OUTPUT_LINE = re.compile(r"^\s*#\s?>(?: (.*))?$")


def shown_output(func) -> list[str]:
    """The lines a function's `# >` comments say it prints."""
    lines = inspect.getsource(func).splitlines()
    return [m.group(1) or "" for line in lines if (m := OUTPUT_LINE.match(line))]


def printed_output(func) -> list[str]:
    """The lines the function really prints."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        func()
    return out.getvalue().splitlines()


# --------------------------------------------------------------------------------------------
# Browsers

PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}


def find_chromium() -> str | None:
    if os.environ.get("CHROME_PATH"):
        return os.environ["CHROME_PATH"]
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if path := shutil.which(name):
            return path
    return None


def missing_browser(message: str):
    """Skip a browser test that cannot run here; with REQUIRE_BROWSER=1 (CI), fail it."""
    message += " (set REQUIRE_BROWSER=1 to make this a failure)"
    if os.environ.get("REQUIRE_BROWSER") == "1":
        pytest.fail(message)
    pytest.skip(message)


def new_phone_page(browser, color_scheme: str = "light"):
    context = browser.new_context(
        viewport=PHONE, device_scale_factor=2, is_mobile=True, color_scheme=color_scheme
    )
    return context.new_page()


def open_page(browser, url: str, viewport: dict, color_scheme: str = "light"):
    """Loads url; returns (page, report) where report lists foreign requests and errors."""
    context = browser.new_context(viewport=viewport, color_scheme=color_scheme)
    page = context.new_page()
    origin = urlsplit(url).netloc
    problems: dict[str, list[str]] = {"foreign_requests": [], "console_errors": []}

    def on_request(request):
        parts = urlsplit(request.url)
        local = parts.netloc == origin or (
            parts.scheme in ("blob", "data") and (parts.scheme == "data" or origin in request.url)
        )
        if not local:
            problems["foreign_requests"].append(request.url)

    page.on("request", on_request)
    page.on(
        "console",
        lambda msg: problems["console_errors"].append(msg.text) if msg.type == "error" else None,
    )
    page.on("pageerror", lambda error: problems["console_errors"].append(str(error)))
    page.goto(url, wait_until="networkidle")
    return page, problems


# Lighthouse (npm, pinned in package.json), also run by bench/bench_lighthouse.py.
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
LIGHTHOUSE_CHROME_FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def run_lighthouse(url: str, categories: list[str]) -> dict:
    """One Lighthouse run (mobile preset); returns its JSON report (the LHR)."""
    chromium = find_chromium()
    if chromium is None or not LIGHTHOUSE.exists():
        raise RuntimeError("needs Chromium (apt-get install chromium) and `npm ci` (lighthouse)")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "report.json"
        result = subprocess.run(
            [
                str(LIGHTHOUSE),
                url,
                "--output=json",
                f"--output-path={out}",
                "--quiet",
                f"--only-categories={','.join(categories)}",
                f"--chrome-flags={' '.join(LIGHTHOUSE_CHROME_FLAGS)}",
                # A profile per run, so nothing is cached between pages.
                "--max-wait-for-load=60000",
            ],
            capture_output=True,
            text=True,
            env={**os.environ, "CHROME_PATH": chromium, "TMPDIR": tmp},
            timeout=300,
        )
        if result.returncode != 0 or not out.exists():
            raise RuntimeError(f"lighthouse failed on {url}:\n{result.stderr[-2000:]}")
        return json.loads(out.read_text(encoding="utf-8"))


def failed_audits(lhr: dict, category: str) -> list[str]:
    """Ids of the audits that cost the category points (weight > 0, score < 1)."""
    refs = lhr["categories"][category]["auditRefs"]
    return [
        ref["id"]
        for ref in refs
        if ref.get("weight", 0) > 0
        and lhr["audits"][ref["id"]].get("score") is not None
        and lhr["audits"][ref["id"]]["score"] < 1
    ]


# Material's search box, read as a reader sees it.

RESULTS = """() => [...document.querySelectorAll('.md-search-result__item')].map(item =>
  [...item.querySelectorAll('a.md-search-result__link')].map(a => {
    const url = new URL(a.href);
    return url.pathname + url.hash;
  }))"""


# Counts the queries the page sends to material's search worker and the results it gets back
# (message types QUERY 2 and RESULT 3), so a query's results are read once they have arrived.
COUNT_SEARCHES = """() => {
  const post = Worker.prototype.postMessage;
  window.searches = { sent: 0, answered: 0 };
  Worker.prototype.postMessage = function (message) {
    if (message && message.type === 2) {
      if (!this.countsAnswers) {
        this.countsAnswers = true;
        this.addEventListener("message", event => {
          if (event.data && event.data.type === 3) window.searches.answered++;
        });
      }
      window.searches.sent++;
    }
    return post.apply(this, arguments);
  };
}"""
ANSWERED = "() => window.searches.sent > 0 && window.searches.sent === window.searches.answered"


def search_results(page, query: str) -> list[list[str]]:
    """Types ``query`` key by key into the emptied search box; the links of each result."""
    box = page.locator("input.md-search__input")
    box.fill("")
    box.press("Space")
    box.press("Backspace")
    page.wait_for_function(ANSWERED)
    box.press_sequentially(query)
    page.wait_for_function(ANSWERED)  # material draws the results as each answer arrives
    return page.evaluate(RESULTS)


# --------------------------------------------------------------------------------------------
# /check/: the routes as a learner's pasted text (the "try it yourself" links carry them)


def route_groups(name: str) -> list[tuple[str, str, list[str]]]:
    """(notation, text, step ids) per checking context of a route page, as its links carry."""
    from sitebuild.check_page import route_texts
    from sitebuild.steps import steps_in_markdown

    text = (DOCS / name).read_text(encoding="utf-8")
    texts = route_texts(steps_in_markdown(text), front_matter(text)["derivation"])
    groups: dict[tuple[str, str], list[str]] = {}
    for sid, key in texts.items():
        groups.setdefault(key, []).append(sid)
    return [(notation, body, ids) for (notation, body), ids in groups.items()]


ROUTE_PAGES = ["sigmoid-derivative.md", "chain-rule.md", "substitution.md", "matrix.md"]


def route_cases(spelled: bool = True) -> list[tuple[str, str, str]]:
    """(label, notation, text): every route's steps in each notation its links use, and the
    routes in the site's scalar names (and the sigmoid's) also in each course's scalar letters
    (MLS, CS229, PRML) and, for the sigmoid, in the site's notation."""
    from sitebuild.checking.notations import SPELLED, in_notation

    cases = []
    for name in ROUTE_PAGES:
        route = name.removesuffix(".md")
        for notation, text, _ in route_groups(name):
            cases.append((f"{route}-{notation}", notation, text))
            if spelled and notation in ("site", "sigmoid"):
                cases += [(f"{route}-{n}", n, in_notation(text, n)) for n in SPELLED]
            if spelled and notation == "sigmoid":
                cases.append((f"{route}-site", "site", text))
    return cases


def mutant_kind(what: str) -> str:
    """The kind of a mutation (sitebuild.checking.check.mutations): 'flip', 'swap', 'index',
    'drop transpose', ... as the derivation tests name them."""
    words = what.split()
    return " ".join(words[:2]) if words[0] == "drop" else words[0]


@cache
def mutant_cases() -> list[tuple[str, str, str, int]]:
    """(kind, notation, text, k): for each kind of mutation, the earliest line k of a route
    whose mutant the checker finds wrong; text is the route's lines up to the mutated one."""
    from sitebuild.checking import mutations
    from sitebuild.checking.learner_check import check_step
    from sitebuild.checking.learner_input import read_steps

    found: dict[str, tuple[str, str, str, int]] = {}
    candidates = []
    for _, notation, text in route_cases(spelled=False):
        lines = text.splitlines()
        for k, line in enumerate(lines):
            for what, tex in mutations(line):
                candidates.append((k, mutant_kind(what), notation, [*lines[:k], tex]))
    for k, kind, notation, lines in sorted(candidates, key=lambda c: c[0]):
        if kind in found:
            continue
        if check_step(notation, read_steps("\n".join(lines)), k).verdict == "wrong":
            found[kind] = (kind, notation, "\n".join(lines), k)
    return sorted(found.values())


def as_block(text: str, begin: str, end: str) -> str:
    """A learner's lines as one aligned block: 'A &= B \\\\' rows, continuations '&= C'."""
    from sitebuild.checking import split_equation

    rows = []
    for line in text.splitlines():
        sides = split_equation(line)
        head = "" if line.startswith("=") else sides[0] + " "
        rows.append(head + "&= " + " = ".join(sides[1:]))
    return begin + " \\\\\n".join(rows) + end
