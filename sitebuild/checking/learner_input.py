r"""A learner's pasted derivation -> one step per line, in the TeX the checker reads.

Learners write TeX the way forums take it: ``$...$`` around it, ``*`` for a product, ``ln`` and
``log`` without a backslash, ``sigmoid(z)``, ``e^-z``, lines that start with ``=``, and whole
``\eqalign{A &= B \\ &= C}`` or ``\begin{aligned} ... \end{aligned}`` blocks. :func:`read_steps`
turns such a text into :class:`LearnerStep` objects; what it cannot turn into an equation gets a
``problem`` saying why, and the checker reports that line as unreadable.

Nothing here decides whether a step is right: that is :mod:`.learner_check`, with the site's
checker.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote, unquote

from .latex import split_equation

MAX_STEPS = 100
MAX_LINE_CHARS = 600


@dataclass
class LearnerStep:
    number: int  # 1-based position among the steps
    source: str  # the text as the learner wrote it (one line or one row of a block)
    tex: str  # normalised TeX ("" when unreadable)
    problem: str = ""  # why it cannot be checked; "" when it can
    defines: str = ""  # for a declaration "u := ...": the name (tex is then its definition)

    @property
    def is_continuation(self) -> bool:
        return self.tex.startswith("=")


# Environments whose rows are steps, and the plain-TeX \eqalign{...}.
_BLOCK_BEGIN = re.compile(
    r"\\begin\{(aligned|align\*?|eqnarray\*?|gathered|gather\*?|split|array)\}(\{[^}]*\})?"
)
_BLOCK_END = re.compile(
    r"\\end\{(aligned|align\*?|eqnarray\*?|gathered|gather\*?|split|array|equation\*?)\}"
)
_EQALIGN = re.compile(r"\\(?:eqalign|eqalignno|displaylines)\s*\{")
_DELIMITERS = re.compile(r"\$\$?|\\\[|\\\]|\\\(|\\\)|\\begin\{equation\*?\}|\\end\{equation\*?\}")
_UNICODE = {
    "−": "-",
    "–": "-",
    "·": r"\cdot ",
    "×": r"\times ",
    "∂": r"\partial ",
    "σ": r"\sigma ",
    "θ": r"\theta ",
    "λ": r"\lambda ",
    "Σ": r"\sum",
    "∑": r"\sum",
    "ℓ": r"\ell ",
    "′": "'",
    "⊤": r"\top ",
    "⊙": r"\odot ",
    "∇": r"\nabla ",
    "\u00a0": " ",
}
_BARE_FUNCTION = re.compile(r"(?<![\\A-Za-z])(ln|log|exp)(?![A-Za-z])")
_SIGMOID = re.compile(
    r"\\(?:operatorname|mathrm|text)\{(?:sigmoid|sigma)\}|(?<![\\A-Za-z])(?:sigmoid|sigma)(?![A-Za-z])"
)
_TEXT = re.compile(r"\\(?:text|textrm|textit|mbox|tag|label)\s*\{[^{}]*\}")
_SHORT_POWER = re.compile(r"\^\s*-\s*(\\[A-Za-z]+|[A-Za-z0-9])")


def expand_blocks(text: str) -> str:
    r"""Put each row of an aligned block or \eqalign{...} on its own line, without the '&'."""

    def rows(body: str) -> str:
        return "\n".join(r.replace("&", " ") for r in re.split(r"\\\\(?:\[[^\]]*\])?", body))

    while m := _EQALIGN.search(text):
        depth, i = 1, m.end()
        while i < len(text) and depth:
            if text[i] == "\\":
                i += 2
                continue
            depth += {"{": 1, "}": -1}.get(text[i], 0)
            i += 1
        body = text[m.end() : i - 1] if depth == 0 else text[m.end() :]
        text = text[: m.start()] + "\n" + rows(body) + "\n" + text[i:]
    while m := _BLOCK_BEGIN.search(text):
        end = _BLOCK_END.search(text, m.end())
        stop = end.start() if end else len(text)
        after = end.end() if end else len(text)
        text = text[: m.start()] + "\n" + rows(text[m.end() : stop]) + "\n" + text[after:]
    return text


def normalise(line: str) -> str:
    """One row of learner TeX in the checker's subset (as far as plain rewriting can go)."""
    s = _DELIMITERS.sub(" ", line)
    for char, tex in _UNICODE.items():
        s = s.replace(char, tex)
    s = _SIGMOID.sub(r"\\sigma", s)
    s = re.sub(r"\\operatorname\{(ln|log|exp)\}", r"\\\1", s)
    s = _TEXT.sub(" ", s)
    s = s.replace("&", " ")
    s = re.sub(r"\\\\\s*$", "", s.strip())  # a row end left on the line
    s = re.sub(r"\\(?:nonumber|notag)\b", " ", s)
    s = _BARE_FUNCTION.sub(r"\\\1", s)
    s = re.sub(r"\\mathrm\{d\}", "d", s)
    s = s.replace("**", "^").replace("*", r" \cdot ")
    s = _SHORT_POWER.sub(r"^{-\1}", s)
    s = slashes_to_fractions(s)
    s = s.strip().rstrip(",.;").strip()
    return re.sub(r"\s+", " ", s)


_SLASH_DERIVATIVE = re.compile(
    r"(\\partial|d)\s*(\\?[A-Za-z]+(?:_\{?[\w\\]+\}?)?)\s*/\s*"
    r"(\\partial|d)\s*(\\?[A-Za-z]+(?:_\{?[\w\\]+\}?)?)"
)
_SLASH_OPERATOR = re.compile(
    r"(\\partial|d)\s*/\s*(\\partial|d)\s*(\\?[A-Za-z]+(?:_\{?[\w\\]+\}?)?)"
)
_CLOSERS = {")": "(", "}": "{", "]": "["}
_OPENERS = {v: k for k, v in _CLOSERS.items()}


def slashes_to_fractions(s: str) -> str:
    r"""``dL/dz`` -> ``\frac{dL}{dz}``; ``a/(1 + e^{-z})`` -> ``\frac{a}{(1 + e^{-z})}``.

    The operands of ``/`` are the group or the single atom on each side (a number, a name with
    its subscript, a command), as a forum reader reads ``1/(1+e^-z)``.
    """
    s = _SLASH_DERIVATIVE.sub(r"\\frac{\1 \2}{\3 \4}", s)
    s = _SLASH_OPERATOR.sub(r"\\frac{\1}{\2 \3}", s)
    while (i := s.find("/")) >= 0:
        start, end = _operand_before(s, i), _operand_after(s, i + 1)
        if start is None or end is None:
            break  # left as it is: the checker reports the '/' it cannot read
        left = s[start:i].strip()
        right = s[i + 1 : end].strip()
        left = left[1:-1] if left[:1] == "{" else left
        right = right[1:-1] if right[:1] == "{" else right
        s = f"{s[:start]}\\frac{{{left}}}{{{right}}}{s[end:]}"
    return s


def _operand_before(s: str, i: int) -> int | None:
    end = i - 1
    while end >= 0 and s[end] == " ":
        end -= 1
    return _factor_start(s, end) if end >= 0 else None


_SIZE_BEFORE = re.compile(r"\\(?:left|bigl|Bigl|biggl|Biggl|big|Big|bigg|Bigg)$")
_COMMAND_BEFORE = re.compile(r"\\[A-Za-z]+'?$")


def _factor_start(s: str, end: int) -> int | None:
    """Where the factor that ends at ``s[end]`` starts: a group with what it belongs to (its
    function, its base when it is an exponent or index), or an atom."""
    if s[end] in _CLOSERS:
        depth, k = 0, end
        while k >= 0:
            depth += 1 if s[k] in _CLOSERS else -1 if s[k] in _OPENERS else 0
            if depth == 0:
                break
            k -= 1
        if k < 0:
            return None
        if m := _SIZE_BEFORE.search(s[:k]):
            k = m.start()
    else:
        m = re.search(r"(\\[A-Za-z]+|[A-Za-z]|[0-9.]+)$", s[: end + 1])
        if not m:
            return None
        k = m.start()
    if k >= 2 and s[k - 1] in "^_":
        return _factor_start(s, k - 2)
    if m := re.search(r"\\[dt]?frac\{[^{}]*\}$", s[:k]):  # the denominator of a \frac
        return m.start()
    if m := _COMMAND_BEFORE.search(s[:k]):
        return m.start()
    return k


def _operand_after(s: str, i: int) -> int | None:
    j = i
    while j < len(s) and s[j] == " ":
        j += 1
    if j == len(s):
        return None
    if s[j] in _OPENERS:
        depth = 0
        while j < len(s):
            depth += 1 if s[j] in _OPENERS else -1 if s[j] in _CLOSERS else 0
            j += 1
            if depth == 0:
                break
        else:
            return None
    else:
        m = re.match(r"\\[A-Za-z]+'?(\([^()]*\))?|[A-Za-z]|[0-9.]+", s[j:])
        if not m:
            return None
        j += m.end()
    while m := re.match(r"[_^](\{[^{}]*\}|\w)", s[j:]):  # its index or power
        j += m.end()
    return j


def read_steps(text: str) -> list[LearnerStep]:
    """The learner's text as steps: one per non-empty line or block row, in order."""
    steps: list[LearnerStep] = []
    for raw in expand_blocks(text.replace("\r\n", "\n")).split("\n"):
        source = " ".join(raw.split())
        if not source or not normalise(source):
            continue
        number = len(steps) + 1
        if number > MAX_STEPS:
            steps.append(
                LearnerStep(
                    number,
                    source,
                    "",
                    f"only the first {MAX_STEPS} steps are checked; split the derivation",
                )
            )
            continue
        steps.append(_step(number, source))
    return steps


# A learner's own symbol: "u := 1 + e^{-z}" (also \coloneqq, \triangleq, \stackrel{def}{=}).
_DECLARATION = re.compile(
    r"^(?:let\s+)?(?P<name>[A-Za-z]|\\[a-zA-Z]+)\s*"
    r"(?::=|\\coloneqq|\\triangleq|\\stackrel\{[^{}]*\}\{=\}|\\overset\{[^{}]*\}\{=\})"
    r"(?P<tex>.*)$"
)


def _step(number: int, source: str) -> LearnerStep:
    if len(source) > MAX_LINE_CHARS:
        return LearnerStep(
            number, source, "", f"a step longer than {MAX_LINE_CHARS} characters; split it"
        )
    tex = normalise(source)
    if m := _DECLARATION.match(tex):
        name, definition = m["name"], m["tex"].strip()
        if not definition:
            return LearnerStep(number, source, tex, "a ':=' with nothing after it")
        return LearnerStep(number, source, definition, defines=name)
    sides = split_equation(tex)
    if len(sides) < 2:
        return LearnerStep(number, source, tex, "not an equation: no '=' at the top level")
    if any(not side for side in sides[1:]):
        return LearnerStep(number, source, tex, "an '=' with nothing after it")
    return LearnerStep(number, source, tex)


# The /check/ page's address: /check/#n=<notation>&s=<steps, one per line, percent-encoded as
# encodeURIComponent does, so '+' stays a plus>. Part of the site's URL promise.
_UNRESERVED = "-_.!~*'()"


def address(notation: str, text: str, page: str = "../check/") -> str:
    """The link to /check/ with ``text`` filled in and ``notation`` chosen."""
    return f"{page}#n={quote(notation, safe=_UNRESERVED)}&s={quote(text, safe=_UNRESERVED)}"


def read_address(fragment: str) -> tuple[str | None, str]:
    """(notation, text) from an address fragment ``n=...&s=...`` (with or without '#')."""
    fields = {}
    for part in fragment.lstrip("#").split("&"):
        key, _, value = part.partition("=")
        fields[key] = unquote(value)
    return fields.get("n"), fields.get("s", "")
