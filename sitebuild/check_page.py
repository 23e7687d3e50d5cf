"""The /check/ page's build side: "try it yourself" links on every derivation step, and the
files the page loads when a reader asks for the first check (Pyodide from node_modules, the
SymPy and mpmath wheels downloaded at set-up with pinned hashes, the site's checker as a zip).

A route's steps become a learner's text: one line per step, asides left out (a line starting
with '=' continues the line before it, as on the page once the asides are set apart), one text
per checking context of the page.
"""

from __future__ import annotations

import hashlib
import html
import io
import json
import re
import zipfile
from pathlib import Path

from . import steps as derivation_steps
from .checking.learner_input import address

ROOT = Path(__file__).resolve().parent.parent
CHECKER = Path(__file__).resolve().parent / "checking"  # shipped to the browser as a zip

# Checking context of a page (front matter ``derivation:``) -> notation on /check/.
CONTEXT_NOTATION = {
    "scalar": "site",
    "matrix": "matrix",
    "columns": "dls",
    "features-in-rows": "features-in-rows",
    "sigmoid": "sigmoid",
}


def route_texts(steps, default_context: str) -> dict[str, tuple[str, str]]:
    """step id -> (notation, learner text of the steps in that step's checking context)."""
    lines: dict[str, list[str]] = {}
    owner: dict[str, str] = {}
    for step in steps:
        if step.kind != "step":
            continue
        context = step.context or default_context
        if context not in CONTEXT_NOTATION:
            continue
        owner[step.id] = context
        if not step.aside:
            lines.setdefault(context, []).append(" ".join(step.tex.split()))
    return {sid: (CONTEXT_NOTATION[c], "\n".join(lines.get(c, []))) for sid, c in owner.items()}


_STEP_WHY = re.compile(
    r'(<div class="step[^"]*" id="(step-\d+)">.*?<div class="step-why">.*?)(</div>)', re.S
)


def add_try_links(page_html: str, markdown: str, default_context: str | None) -> str:
    """A "try it yourself" link after each step's reason, opening /check/ with the route."""
    if not default_context or "```step" not in markdown:
        return page_html
    texts = route_texts(derivation_steps.steps_in_markdown(markdown), default_context)

    def link(m: re.Match) -> str:
        if m[2] not in texts:
            return m[0]
        notation, text = texts[m[2]]
        href = html.escape(address(notation, text), quote=True)
        return (
            f'{m[1]} <a class="step-try" href="{href}" '
            f'title="These steps on the checker: change one and see">try it yourself</a>{m[3]}'
        )

    return _STEP_WHY.sub(link, page_html)


# -------------------------------------------------------------------------- the page's files

PYODIDE = ROOT / "node_modules" / "pyodide"
PYODIDE_FILES = (
    "pyodide.js",
    "pyodide.asm.js",
    "pyodide.asm.wasm",
    "python_stdlib.zip",
    "pyodide-lock.json",
)
WHEEL_LIST = ROOT / "requirements-browser.txt"
WHEEL_DIR = ROOT / ".cache" / "pyodide-wheels"
_PIN = re.compile(
    r"^(?P<name>[A-Za-z0-9_.-]+)==(?P<version>\S+)\s+--hash=sha256:(?P<hash>[0-9a-f]{64})"
)


def pinned_wheels() -> list[Path]:
    """The wheels of requirements-browser.txt, downloaded at set-up; each hash checked again."""
    wheels = []
    for line in WHEEL_LIST.read_text(encoding="utf-8").splitlines():
        if not (m := _PIN.match(line)):
            if line.strip() and not line.startswith("#"):
                raise ValueError(
                    f"{WHEEL_LIST.name}: expected 'name==version --hash=sha256:...': {line!r}"
                )
            continue
        path = WHEEL_DIR / f"{m['name']}-{m['version']}-py3-none-any.whl"
        if not path.is_file():
            raise FileNotFoundError(
                f"{path} is missing: run `make env` (it downloads {WHEEL_LIST.name})"
            )
        if hashlib.sha256(path.read_bytes()).hexdigest() != m["hash"]:
            raise ValueError(f"{path.name} does not match its hash in {WHEEL_LIST.name}")
        wheels.append(path)
    return wheels


# In the browser the checker is the package sitebuild.checking alone: its modules import only each
# other, SymPy and mpmath. The zip's sitebuild/__init__.py is empty (the build's own imports
# MkDocs).
PACKAGE = "sitebuild.checking"


def checker_zip() -> bytes:
    """The site's checker package as a zip, byte-for-byte the same for the same sources."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        entries = [("sitebuild/__init__.py", b"")]
        entries += [(f"sitebuild/checking/{p.name}", p.read_bytes()) for p in checker_sources()]
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return buffer.getvalue()


def checker_sources() -> list[Path]:
    return sorted(CHECKER.glob("*.py"))


def pyodide_version() -> str:
    return json.loads((PYODIDE / "package.json").read_text(encoding="utf-8"))["version"]


def page_files(config, files) -> dict:
    """Add Pyodide, the wheels and the checker to the site; return where the page finds them."""
    from mkdocs.structure.files import File

    base = f"assets/pyodide/{pyodide_version()}/"
    for name in PYODIDE_FILES:
        files.append(File.generated(config, base + name, abs_src_path=str(PYODIDE / name)))
    wheels = []
    for path in pinned_wheels():
        files.append(File.generated(config, base + path.name, abs_src_path=str(path)))
        wheels.append(path.name)
    data = checker_zip()
    checker = f"assets/check/checker-{hashlib.sha256(data).hexdigest()[:12]}.zip"
    files.append(File.generated(config, checker, content=data))
    return {"pyodide": base, "wheels": wheels, "checker": checker, "package": PACKAGE}


def notation_options() -> str:
    from .checking.learner_check import CHECK_NOTATIONS

    return "".join(
        f'<option value="{n.key}" data-symbols="{html.escape(n.symbols, quote=True)}">'
        f"{html.escape(n.title)}</option>"
        for n in CHECK_NOTATIONS.values()
    )


def default_symbols() -> str:
    """What the names of the first notation (selected when the page opens) mean."""
    from .checking.learner_check import CHECK_NOTATIONS

    return html.escape(next(iter(CHECK_NOTATIONS.values())).symbols, quote=False)


def fill_check_page(page_html: str, files: dict, site_root: str) -> str:
    """The notation choices, the first one's symbols (there before the script runs, so nothing
    moves when it does) and the address of each file, written into /check/ at build time."""
    located = {**files, "root": site_root}
    page_html = page_html.replace("<!-- notation-options -->", notation_options(), 1)
    page_html = page_html.replace("<!-- notation-symbols -->", default_symbols(), 1)
    return page_html.replace(
        'data-files="{}"', f'data-files="{html.escape(json.dumps(located), quote=True)}"', 1
    )


# ------------------------------------------------------------------------ called by hooks.py

_FILES: dict = {}


def add_files(files, config):
    """on_files: Pyodide, the wheels and the checker join the site's files."""
    _FILES.clear()
    _FILES.update(page_files(config, files))
    return files


def page_content(page_html: str, page) -> str:
    """on_page_content: /check/ gets its notations and file addresses; steps get their links."""
    if page.file.src_uri == "check.md":
        return fill_check_page(page_html, _FILES, "../")
    return add_try_links(page_html, page.markdown or "", page.meta.get("derivation"))
