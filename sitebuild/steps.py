"""Derivation steps: one source, parsed once, rendered on the page and checked by the tests.

A page writes each displayed step of a derivation as a ``step`` fence (pymdownx.superfences
custom fence)::

    ```step
    id: step-3
    tex: = -\\left(1 + e^{-z}\\right)^{-2} \\cdot \\frac{d}{dz}\\left(1 + e^{-z}\\right)
    why: power rule $\\frac{d}{du}u^{-1} = -u^{-2}$, then the chain rule
    ```

Keys (one ``key: value`` per line; an indented line continues the previous value):

``id``       required, ``step-N``. Ids on a page run step-1..step-N in document order and the
             displayed number is N (tests/content/test_derivations.py enforces both).
``tex``      required, the displayed equation. ``A = B`` starts a chain; ``= B`` continues it
             (its left side is the previous chain step's last right side).
``why``      required, the rule that justifies the step. Inline Markdown subset: ``$math$``,
             ``<span class="claim">$math$</span>`` (a relation marked as a claim in words),
             ``[text](#step-2)``, ``[text](chain-rule.md#step-2)``, ``**bold**``, ``*em*``,
             ```code```.
``aside``    ``true`` for a side claim (a rule shown on its own, e.g. d/dz (1 + e^{-z}) = -e^{-z}):
             checked as an equation by itself and skipped by the chain.
``context``  optional, the name of the checking context for this step when it differs from the
             page's (front matter ``derivation:``).
``alias``    optional, comma-separated old anchors kept when a step is renumbered.

A ``result`` fence shows an equation without a number (notation tabs); keys ``tex`` (required),
``notation`` (optional, checked by the tests in that notation) and ``id`` (optional anchor).

A ``wrong`` fence shows a wrong line, ``A \\neq B``, labelled "Wrong"; keys ``tex`` and ``context``
(both required: the tests check that A = B fails in that context).

An ``update`` fence shows an update rule, ``w \\leftarrow E``; keys ``tex`` (required), ``context``
and ``id`` (optional). The tests check it as the equation it applies (the context's rules).

Display math outside these fences (``$$``, ``\\[``) is an error: :func:`unfenced_display_math`.

This module imports nothing from MkDocs; mkdocs.yml registers :func:`fence_format` for every fence
name (pymdownx.superfences ``custom_fences``), and sitebuild/hooks.py calls
:func:`prepare_page` on each page's Markdown. The link icon of a step is the theme's
(sitebuild/theme_material/markup.py).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

try:  # A SuperFencesException propagates out of superfences, so a strict build fails.
    from pymdownx.superfences import SuperFencesException as _Base
except ImportError:  # pragma: no cover - pymdownx is a dependency of the site
    _Base = Exception


class StepError(_Base):
    """A step fence whose source is malformed."""


STEP_ID = re.compile(r"step-([1-9][0-9]*)\Z")
ALIAS_ID = re.compile(r"[a-z][a-z0-9-]*\Z")
KEYS = {
    "step": {"id", "tex", "why", "aside", "context", "alias"},
    "result": {"id", "tex", "notation"},
    "wrong": {"tex", "context"},
    "update": {"id", "tex", "context"},
}
REQUIRED = {
    "step": ("id", "tex", "why"),
    "result": ("tex",),
    "wrong": ("tex", "context"),
    "update": ("tex",),
}
RELATION = {"wrong": r"\neq", "update": r"\leftarrow"}  # what each fence's tex must state
FENCE_NAMES = tuple(KEYS)


@dataclass
class Step:
    """One parsed fence. ``kind`` is "step" or "result"."""

    kind: str
    tex: str
    id: str | None = None
    why: str = ""
    aside: bool = False
    context: str | None = None
    notation: str | None = None
    aliases: list[str] = field(default_factory=list)
    line: int = 0  # 1-based line of the opening fence in the page source (0 if unknown)

    @property
    def number(self) -> int | None:
        m = STEP_ID.match(self.id or "")
        return int(m.group(1)) if m else None

    @property
    def is_continuation(self) -> bool:
        return self.tex.lstrip().startswith("=")


def parse_fence(source: str, kind: str = "step", line: int = 0) -> Step:
    """Parse the body of one ``step`` or ``result`` fence; raise StepError if malformed."""
    if kind not in KEYS:
        raise StepError(f"unknown derivation fence {kind!r}")
    where = f"{kind} fence" + (f" at line {line}" if line else "")
    values: dict[str, str] = {}
    last = None
    for raw in source.splitlines():
        if not raw.strip():
            continue
        if raw[0] in " \t":
            if last is None:
                raise StepError(f"{where}: indented line before any key: {raw.strip()!r}")
            values[last] += "\n" + raw.strip()
            continue
        key, sep, value = raw.partition(":")
        key = key.strip()
        if not sep or key not in KEYS[kind]:
            raise StepError(
                f"{where}: expected 'key: value' with key in {sorted(KEYS[kind])}, got {raw!r}"
            )
        if key in values:
            raise StepError(f"{where}: key {key!r} given twice")
        values[key] = value.strip()
        last = key
    for key in REQUIRED[kind]:
        if not values.get(key, "").strip():
            raise StepError(f"{where}: missing {key!r}")
    step = Step(kind=kind, tex=values["tex"].strip(), line=line)
    if "id" in values:
        step.id = values["id"]
        if kind == "step" and not STEP_ID.match(step.id):
            raise StepError(f"{where}: id must be step-N (N = 1, 2, ...), got {step.id!r}")
        if kind != "step" and not ALIAS_ID.match(step.id):
            raise StepError(f"{where}: bad id {step.id!r}")
    step.why = " ".join(values.get("why", "").split())
    aside = values.get("aside", "false").lower()
    if aside not in ("true", "false"):
        raise StepError(f"{where}: aside must be true or false, got {aside!r}")
    step.aside = aside == "true"
    step.context = values.get("context") or None
    step.notation = values.get("notation") or None
    step.aliases = [a.strip() for a in values.get("alias", "").split(",") if a.strip()]
    for alias in step.aliases:
        if not ALIAS_ID.match(alias):
            raise StepError(f"{where}: bad alias {alias!r}")
    relation = RELATION.get(kind, "=")
    if relation not in step.tex:
        raise StepError(f"{where}: tex must state a relation (contain {relation!r}): {step.tex!r}")
    if "$" in step.tex:
        raise StepError(f"{where}: tex is already math; remove the '$' delimiters")
    if step.is_continuation and step.aside:
        raise StepError(f"{where}: an aside must be a full equation, not a continuation")
    return step


# --------------------------------------------------------------------------------------------
# Markdown scanning (used by the tests: the same parse_fence as the renderer)

_FENCE_OPEN = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*(?P<lang>[\w+.-]*)")


def steps_in_markdown(text: str) -> list[Step]:
    """All ``step`` and ``result`` fences of a Markdown page, in document order.

    Fences nested in admonitions or content tabs (indented) are found; fences inside other code
    blocks (e.g. a ```` ````markdown ```` example showing the syntax) are not.
    """
    lines = text.splitlines()
    out: list[Step] = []
    i = 0
    while i < len(lines):
        m = _FENCE_OPEN.match(lines[i])
        if not m:
            i += 1
            continue
        indent, fence, lang = m.group("indent"), m.group("fence"), m.group("lang")
        close = re.compile(rf"^[ \t]*{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$")
        body = []
        j = i + 1
        while j < len(lines) and not close.match(lines[j]):
            body.append(lines[j])
            j += 1
        if lang in FENCE_NAMES:
            if j == len(lines):
                raise StepError(f"{lang} fence at line {i + 1} is never closed")
            src = "\n".join(ln[len(indent) :] if ln.startswith(indent) else ln for ln in body)
            out.append(parse_fence(src, lang, line=i + 1))
        i = j + 1
    return out


_FENCED = re.compile(r"(?ms)^([ \t]*)(`{3,}|~{3,}).*?^\1\2[ \t]*$")
_CODE_SPAN = re.compile(r"(`+)(?!`).*?(?<!`)\1(?!`)")  # TeX shown as code is not math


def prepare_page(markdown: str, src_uri: str) -> str:
    """Stop on display math outside the fences; give each claim mark its title."""
    unfenced = unfenced_display_math(markdown)
    if unfenced:
        raise StepError(
            f"{src_uri}: display math outside a step/result/wrong/update fence:\n"
            + "\n".join(unfenced)
        )
    return markdown.replace('<span class="claim">', CLAIM_OPEN)


def check_source_math(text: str, derivation: str | None, where: str) -> None:
    """An include or a notebook's Markdown cell, which on_page_markdown does not see: no display
    math outside the fences, no inline relation unchecked."""
    if unfenced := unfenced_display_math(text):
        raise StepError(f"{where}: display math outside a fence:\n" + "\n".join(unfenced))
    check_inline_relations(text, derivation, where)


def check_inline_relations(text: str, derivation: str | None, where: str) -> None:
    """Stop on inline math stating a relation that no context checks (wrong, or unread and not
    marked as a claim in words): sitebuild/checking/inline.py. `mkdocs build` only (about 5 s
    for the site); under serve, `make test` reports them."""
    from sitebuild.checking.inline import page_statements, unchecked

    bad = unchecked(page_statements(text, derivation))
    if bad:
        raise StepError(
            f"{where}: inline relations no context checks (fix, or mark as a claim in words "
            '<span class="claim">$...$</span>):\n' + "\n".join(bad)
        )


def unfenced_display_math(text: str) -> list[str]:
    """Display math written outside the checked fences (``$$``, ``\\[``, ``\\begin{``), each
    quoted with its line number: a page shows displayed equations only as fences."""
    outside = _FENCED.sub(lambda m: "\n" * m.group(0).count("\n"), text)
    return [
        f"line {n}: {line.strip()}"
        for n, line in enumerate(outside.splitlines(), 1)
        if any(mark in _CODE_SPAN.sub("", line) for mark in ("$$", "\\[", "\\begin{"))
    ]


# --------------------------------------------------------------------------------------------
# Rendering

CLAIM_OPEN = '<span class="claim" title="A claim in words: not checked by SymPy">'
_INLINE = re.compile(
    r'<span class="claim"(?: title="[^"]*")?>\$(?P<claim>[^$]+)\$</span>'
    r"|\$(?P<math>[^$]+)\$"
    r"|`(?P<code>[^`]+)`"
    r"|\[(?P<text>[^\]]+)\]\((?P<url>[^)\s]+)\)"
    r"|\*\*(?P<strong>.+?)\*\*"
    r"|\*(?P<em>[^*\s][^*]*)\*"
)
_PAGE_LINK = re.compile(r"(?P<page>[a-z0-9][a-z0-9-]*)\.md(?P<frag>#[A-Za-z0-9_-]+)?\Z")
_FRAG_LINK = re.compile(r"#[A-Za-z0-9_-]+\Z")


def link_url(url: str) -> str:
    """Rewrite a link in a reason for the site's flat directory URLs.

    ``#step-2`` stays; ``chain-rule.md#step-2`` becomes ``../chain-rule/#step-2`` (pages with
    steps live one level down, ``use_directory_urls: true``); ``https://...`` stays. Anything else
    raises, so a link the build could not validate never ships.
    """
    if _FRAG_LINK.match(url) or url.startswith("https://"):
        return url
    m = _PAGE_LINK.match(url)
    if m:
        page = "" if m.group("page") == "index" else m.group("page") + "/"
        return f"../{page}{m.group('frag') or ''}"
    raise StepError(f"unsupported link in a step reason: {url!r} (use #step-N or page.md#step-N)")


def render_inline(text: str) -> str:
    """The small inline-Markdown subset allowed in reasons, HTML-escaped."""
    out = []
    pos = 0
    for m in _INLINE.finditer(text):
        out.append(html.escape(text[pos : m.start()], quote=False))
        pos = m.end()
        if m.group("claim") is not None:
            out.append(
                CLAIM_OPEN
                + '<span class="arithmatex">\\('
                + html.escape(m.group("claim").strip(), quote=False)
                + "\\)</span></span>"
            )
        elif m.group("math") is not None:
            out.append(
                '<span class="arithmatex">\\('
                + html.escape(m.group("math").strip(), quote=False)
                + "\\)</span>"
            )
        elif m.group("code") is not None:
            out.append("<code>" + html.escape(m.group("code"), quote=False) + "</code>")
        elif m.group("url") is not None:
            url = html.escape(link_url(m.group("url")), quote=True)
            out.append(f'<a href="{url}">{render_inline(m.group("text"))}</a>')
        elif m.group("strong") is not None:
            out.append("<strong>" + render_inline(m.group("strong")) + "</strong>")
        else:
            out.append("<em>" + render_inline(m.group("em")) + "</em>")
    out.append(html.escape(text[pos:], quote=False))
    return "".join(out)


def display_math(tex: str, extra_class: str = "") -> str:
    cls = "arithmatex" + (" " + extra_class if extra_class else "")
    return f'<div class="{cls}">\\[\n{html.escape(tex, quote=False)}\n\\]</div>'


def render_step(step: Step) -> str:
    """HTML for one parsed fence."""
    if step.kind in ("wrong", "update"):
        attrs = f' id="{step.id}"' if step.id else ""
        label = '<span class="derivation-label">Wrong</span>' if step.kind == "wrong" else ""
        return (
            f'<div class="derivation-result derivation-{step.kind}"{attrs}>'
            + label
            + display_math(step.tex, "step-eq")
            + "</div>"
        )
    if step.kind == "result":
        attrs = f' id="{step.id}"' if step.id else ""
        notation = (
            f' data-notation="{html.escape(step.notation, quote=True)}"' if step.notation else ""
        )
        return (
            f'<div class="derivation-result"{attrs}{notation}>'
            + display_math(step.tex, "step-eq")
            + "</div>"
        )
    n = step.number
    aliases = "".join(f'<span class="step-alias" id="{a}"></span>' for a in step.aliases)
    classes = "step step-aside" if step.aside else "step"
    return (
        f'<div class="{classes}" id="{step.id}">{aliases}'
        f'<span class="step-no">({n})</span>'
        '<div class="step-body">'
        + display_math(step.tex, "step-eq")
        + f'<div class="step-why">{render_inline(step.why)}</div>'
        "</div>"
        f'<a class="headerlink" href="#{step.id}" title="Link to this step"'
        f' aria-label="Link to step {n}"></a>'
        "</div>"
    )


def fence_format(source, language, class_name, options, md, **kwargs) -> str:
    """pymdownx.superfences custom-fence formatter for ``step`` and ``result`` fences."""
    kind = language if language in KEYS else "step"
    return render_step(parse_fence(source, kind))
