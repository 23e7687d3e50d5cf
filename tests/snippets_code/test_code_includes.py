"""Every code file in snippets/ is shown on some page, and every include on a page resolves.

Pages include code with pymdownx.snippets sections only (`--8<-- "path:section"`), never by line
numbers. mkdocs build (check_paths: true) also fails on a missing file or section; this test says
which one without a build, and also catches the files no page includes.
"""

import re

import pytest
from helpers import ROOT

DOCS = ROOT / "docs"
SNIPPETS = ROOT / "snippets"

# `--8<-- "path"` on one line (not escaped with a leading `;`), and the block form:
#   --8<--
#   path
#   --8<--
INLINE = re.compile(r'^(?P<indent>\s*)(?<!;)--8<--\s+(?P<q>["\'])(?P<target>.+?)(?P=q)\s*$')
BLOCK_FENCE = re.compile(r"^\s*--8<--\s*$")
# the marker syntax pymdownx.snippets recognises (names are lower case)
MARKER = re.compile(r"--8<--\s*\[\s*(start|end)\s*:\s*([a-z][-_0-9a-z]*)\s*\]")


def includes():
    """(page, line number, target) for every snippet include in docs/."""
    found = []
    for page in sorted(DOCS.rglob("*.md")):
        in_block = False
        for number, line in enumerate(page.read_text(encoding="utf-8").splitlines(), 1):
            if BLOCK_FENCE.match(line):
                in_block = not in_block
                continue
            if in_block:
                if line.strip() and not line.strip().startswith(";"):
                    found.append((page.relative_to(ROOT), number, line.strip()))
                continue
            m = INLINE.match(line)
            if m:
                found.append((page.relative_to(ROOT), number, m.group("target")))
    return found


def split_target(target):
    """'snippets/x.py:name' -> ('snippets/x.py', 'name'); line ranges are reported as such."""
    m = re.fullmatch(r"(?P<path>.+?)(?::(?P<rest>[^/\\]*))?", target)
    return m.group("path"), m.group("rest")


def sections(path):
    """{name: (start count, end count)} of the section markers in a file."""
    counts = {}
    for kind, name in MARKER.findall(path.read_text(encoding="utf-8")):
        start, end = counts.get(name, (0, 0))
        counts[name] = (start + (kind == "start"), end + (kind == "end"))
    return counts


INCLUDES = includes()


@pytest.mark.parametrize(
    ("page", "line", "target"), INCLUDES, ids=[f"{p}:{n}" for p, n, _ in INCLUDES]
)
def test_include_resolves(page, line, target):
    path, section = split_target(target)
    file = ROOT / path
    assert file.is_file(), f"{page}:{line} includes {path}, which does not exist"
    if section is None:
        return
    assert not re.fullmatch(r"[-\d,:]*", section), (
        f"{page}:{line} includes {target} by line numbers; use a section marker"
    )
    found = sections(file)
    assert section in found, f"{page}:{line}: no section [start:{section}] in {path}"
    assert found[section] == (1, 1), f"{path}: section {section!r} needs one start and one end"


SNIPPET_FILES = sorted(
    p.relative_to(ROOT).as_posix()
    for p in SNIPPETS.rglob("*.py")
    if p.name != "__init__.py" and "__pycache__" not in p.parts
)


@pytest.mark.parametrize("path", SNIPPET_FILES)
def test_every_snippet_file_is_shown_on_a_page(path):
    included = {split_target(target)[0] for _, _, target in INCLUDES}
    assert path in included, f"{path} is included by no page in docs/ (remove it or show it)"


@pytest.mark.parametrize("path", SNIPPET_FILES)
def test_section_markers_are_balanced(path):
    for name, (start, end) in sections(ROOT / path).items():
        assert (start, end) == (1, 1), f"{path}: section {name!r} has {start} starts, {end} ends"
