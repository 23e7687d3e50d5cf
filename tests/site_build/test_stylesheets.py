"""Every stylesheet the site ships parses as CSS: each CSS file and each <style> block of each
page, read by tinycss2 (a CSS Syntax Level 3 parser), down to the declarations of each rule.

A parse error here is CSS a browser drops, like the Python list repr mkdocs-jupyter used to put
into /notebook/ (sitebuild/notebook_styles.py).
"""

from __future__ import annotations

import re

import tinycss2

from sitebuild import notebook_styles

STYLE = re.compile(r"<style\b[^>]*>(.*?)</style>", re.S)
GROUPING = {"media", "supports", "layer", "container", "document", "-moz-document", "scope"}


def css_errors(css: str) -> list[str]:
    errors: list[str] = []

    def note(nodes) -> None:
        errors.extend(
            f"{n.source_line}:{n.source_column} {n.message}" for n in nodes if n.type == "error"
        )

    def walk(rules) -> None:
        note(rules)
        for rule in rules:
            if rule.type == "qualified-rule":
                note(tinycss2.parse_blocks_contents(rule.content, skip_comments=True))
            elif rule.type == "at-rule" and rule.content is not None:
                if rule.lower_at_keyword in GROUPING:
                    walk(tinycss2.parse_rule_list(rule.content, skip_comments=True))
                else:
                    note(tinycss2.parse_blocks_contents(rule.content, skip_comments=True))

    walk(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True))
    return errors


def test_the_checker_finds_broken_css():
    assert css_errors("a { color: red } @media (width > 1px) { b { margin: 0 } }") == []
    assert css_errors("['pre { line-height: 125%; }']")  # the list repr
    assert css_errors("a { color: red; ; } }")  # a stray closing brace
    assert css_errors("a { : red }")  # a declaration without a name
    assert css_errors("@media screen { a { color red } }")  # nested, a missing colon


def test_every_css_file_parses(site_dir):
    files = sorted(site_dir.rglob("*.css"))
    assert len(files) >= 4  # material's two, the site's two
    broken = {str(f.relative_to(site_dir)): e for f in files if (e := css_errors(f.read_text()))}
    assert broken == {}


def test_every_style_block_parses(site_dir):
    pages = sorted(site_dir.rglob("*.html"))
    broken, blocks = {}, 0
    for page in pages:
        for number, css in enumerate(STYLE.findall(page.read_text(encoding="utf-8"))):
            blocks += 1
            if errors := css_errors(css):
                broken[f"{page.relative_to(site_dir)} <style> #{number + 1}"] = errors[:3]
    assert blocks >= len(pages)  # every page has the math font's block at least
    assert broken == {}


def test_the_list_repr_becomes_nothing_or_css():
    sheet = "pre { line-height: 125%; }"
    page = f"<style>{sheet}</style><style>\n  [{sheet!r}]\n</style>"
    assert notebook_styles.fix_list_repr_styles(page) == f"<style>{sheet}</style>"
    alone = f"<style>[{sheet!r}, 'a {{ color: red }}']</style>"
    fixed = notebook_styles.fix_list_repr_styles(alone)
    assert fixed == f"<style>{sheet}a {{ color: red }}</style>"
    untouched = "<style>[data-x] { color: red }</style>"
    assert notebook_styles.fix_list_repr_styles(untouched) == untouched
