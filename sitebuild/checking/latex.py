r"""A recursive-descent parser for the LaTeX subset the derivation pages display -> SymPy.

The parser builds a small tree (tuples); :class:`Evaluator` turns it into SymPy values under a
:class:`~sitebuild.checking.context.Context`. Anything outside the subset raises
:class:`ParseError`, so a step the checker does not understand fails instead of passing unread.

Subset: numbers; names with subscripts (``w_j``, ``x_{k}``) and an example superscript
(``x_j^{(i)}``); ``e^{...}``; ``+ - \cdot \times \odot``, implicit products; ``\frac``,
``\dfrac``, ``\tfrac``; powers; ``^\top`` / ``^T`` (transpose); ``( ) [ ] \{ \}`` with
``\left \right \bigl \bigr \Bigl \Bigr ...``; ``\sigma``, ``\sigma'``, ``\log``, ``\ln``, ``\exp``,
``\operatorname{diag}``, ``\operatorname{sign}``, ``\lvert u \rvert``; ``\sum_{i=1}^{m}``,
``\prod_{i=1}^{m}``; ``\frac{d}{dz} u``, ``\frac{\partial A}{\partial v}``,
``\nabla_v A``; ``\mathbf{1}`` (ones vector); ``\mathbf{x}``/``\boldsymbol{\theta}`` (same as
the plain name); ``\underbrace{A}_{n \times m}`` (the shape is checked); spacing commands.
"""

from __future__ import annotations

import re

TOKEN = re.compile(
    r"\\[A-Za-z]+|\\.|[0-9]+(?:\.[0-9]+)?|[A-Za-z]|\S",
)
SPACING = {r"\,", r"\;", r"\:", r"\!", r"\ ", r"\quad", r"\qquad", "~", r"\displaystyle"}
SIZES = {
    r"\left",
    r"\right",
    r"\bigl",
    r"\bigr",
    r"\Bigl",
    r"\Bigr",
    r"\biggl",
    r"\biggr",
    r"\Biggl",
    r"\Biggr",
    r"\big",
    r"\Big",
    r"\bigg",
    r"\Bigg",
}
OPEN = {
    "(": ")",
    "[": "]",
    r"\{": r"\}",
    r"\lbrack": r"\rbrack",
    r"\lparen": r"\rparen",
    r"\lvert": r"\rvert",  # absolute value, entry by entry
}
GREEK = {
    r"\alpha",
    r"\beta",
    r"\theta",
    r"\phi",
    r"\varphi",
    r"\ell",
    r"\mu",
    r"\lambda",
    r"\eta",
    r"\omega",
}
FUNCS = {r"\sigma", r"\log", r"\ln", r"\exp", "diag"}
TRANSPOSE = {r"\top", "T", r"\intercal", r"\mathsf{T}"}
FRAC = {r"\frac", r"\dfrac", r"\tfrac"}
BOLD = {r"\mathbf", r"\boldsymbol", r"\bm", r"\mathbfit"}


class ParseError(ValueError):
    """The LaTeX is outside the supported subset or malformed."""


def tokenize(tex: str) -> list[str]:
    toks = []
    for t in TOKEN.findall(tex):
        if t in SPACING:
            continue
        toks.append(t)
    return toks


def split_equation(tex: str) -> list[str]:
    """Split at top-level '=' signs (outside any braces/brackets). Sides keep their text."""
    parts, depth, start = [], 0, 0
    i = 0
    while i < len(tex):
        c = tex[i]
        if c == "\\":
            i += 2
            continue
        if c in "{([":
            depth += 1
        elif c in "})]":
            depth -= 1
        elif c == "=" and depth == 0:
            parts.append(tex[start:i])
            start = i + 1
        i += 1
    parts.append(tex[start:])
    return [p.strip() for p in parts]


class Parser:
    """Parse one side of an equation into a tree."""

    def __init__(self, tex: str, multi_letter: frozenset[str] = frozenset()):
        self.tex = tex
        self.toks = tokenize(tex)
        self.pos = 0
        self.multi = sorted(multi_letter, key=len, reverse=True)

    # -- helpers
    def peek(self, k: int = 0) -> str | None:
        j = self.pos + k
        return self.toks[j] if j < len(self.toks) else None

    def next(self) -> str:
        t = self.peek()
        if t is None:
            raise ParseError(f"unexpected end of {self.tex!r}")
        self.pos += 1
        return t

    def expect(self, tok: str) -> None:
        t = self.next()
        if t != tok:
            raise ParseError(f"expected {tok!r}, got {t!r} in {self.tex!r}")

    def braced_tokens(self) -> list[str]:
        """Raw tokens of a {...} group (or a single token)."""
        t = self.next()
        if t != "{":
            return [t]
        depth, out = 1, []
        while True:
            t = self.next()
            if t == "{":
                depth += 1
            elif t == "}":
                depth -= 1
                if depth == 0:
                    return out
            out.append(t)

    def sub_parser(self, toks: list[str]) -> Parser:
        p = Parser("", frozenset(self.multi))
        p.tex, p.toks = self.tex, toks
        return p

    def parse_group_arg(self):
        """A {...} argument (or single token) parsed as an expression."""
        p = self.sub_parser(self.braced_tokens())
        node = p.parse_expr()
        p.done()
        return node

    def done(self) -> None:
        if self.peek() is not None:
            raise ParseError(f"unexpected {self.peek()!r} in {self.tex!r}")

    # -- grammar
    def parse(self):
        node = self.parse_expr()
        self.done()
        return node

    def parse_expr(self):
        terms = []
        sign = 1
        if self.peek() in ("+", "-"):
            sign = -1 if self.next() == "-" else 1
        terms.append((sign, self.parse_term()))
        while self.peek() in ("+", "-"):
            sign = -1 if self.next() == "-" else 1
            terms.append((sign, self.parse_term()))
        if len(terms) == 1 and terms[0][0] == 1:
            return terms[0][1]
        return ("add", terms)

    def starts_factor(self, t: str | None) -> bool:
        if t is None or t in ("+", "-", "=", "}", ")", "]", r"\}", "&", ",", r"\right", "_", "^"):
            return False
        if t in (r"\bigr", r"\Bigr", r"\biggr", r"\Biggr", r"\rbrack", r"\rparen", r"\rvert"):
            return False
        return t not in (r"\cdot", r"\times", r"\odot")

    def parse_term(self):
        node = self.parse_factor()
        while True:
            t = self.peek()
            if t in (r"\cdot", r"\times"):
                self.next()
                node = ("mul", node, self.parse_factor(allow_sign=True))
            elif t == r"\odot":
                self.next()
                node = ("odot", node, self.parse_factor(allow_sign=True))
            elif self.starts_factor(t):
                node = ("mul", node, self.parse_factor())
            else:
                return node

    def parse_factor(self, allow_sign: bool = False):
        if allow_sign and self.peek() in ("-", "+"):
            neg = self.next() == "-"
            f = self.parse_factor()
            return ("neg", f) if neg else f
        if self.peek() in (r"\sum", r"\prod"):
            return self.parse_sum()
        node = self.parse_atom()
        return self.parse_postfix(node)

    def parse_postfix(self, node):
        while self.peek() == "^":
            self.next()
            sup = self.braced_tokens()
            if "".join(sup) in TRANSPOSE or sup in ([r"\mathsf", "T"],):
                node = ("T", node)
            else:
                node = ("pow", node, self.sub_parser(sup).parse())
        return node

    def parse_sum(self):
        op = self.next()  # \sum or \prod
        var = lo = hi = None
        while self.peek() in ("_", "^"):
            if self.next() == "_":
                toks = self.braced_tokens()
                if len(toks) < 3 or toks[1] != "=":
                    raise ParseError(rf"\sum needs _{{i=1}} in {self.tex!r}")
                var, lo = toks[0], self.sub_parser(toks[2:]).parse()
            else:
                hi = self.sub_parser(self.braced_tokens()).parse()
        if var is None or hi is None:
            raise ParseError(rf"\sum needs both limits in {self.tex!r}")
        body = self.parse_term()
        return ("sum" if op == r"\sum" else "prod", var, lo, hi, body)

    def parse_delimited(self, opener: str):
        closer = OPEN[opener]
        node = self.parse_expr()
        t = self.next()
        if t in SIZES:
            t = self.next()
        if t != closer:
            raise ParseError(f"expected {closer!r}, got {t!r} in {self.tex!r}")
        return ("call", r"\lvert", False, node) if opener == r"\lvert" else ("group", node)

    def parse_atom(self):
        t = self.next()
        if t in SIZES:
            t = self.next()
            if t not in OPEN:
                raise ParseError(f"unsupported delimiter {t!r} in {self.tex!r}")
        if t in OPEN:
            return self.parse_delimited(t)
        if t == "{":
            self.pos -= 1
            return ("group", self.parse_group_arg())
        if re.fullmatch(r"[0-9]+(\.[0-9]+)?", t):
            return ("num", t)
        if t in FRAC:
            return self.parse_frac()
        if t == r"\nabla":
            if self.next() != "_":
                raise ParseError(rf"\nabla needs a subscript in {self.tex!r}")
            var = self.parse_group_arg()
            return ("deriv", self.parse_factor(), var)
        if t in (r"\underbrace", r"\overbrace"):
            inner = self.parse_group_arg()
            mark = "_" if t == r"\underbrace" else "^"
            if self.next() != mark:
                raise ParseError(f"{t} needs an annotation in {self.tex!r}")
            return ("shape", inner, " ".join(self.braced_tokens()))
        if t in (r"\operatorname", r"\mathrm", r"\text"):
            name = "".join(self.braced_tokens())
            if name not in ("diag", "sign"):
                raise ParseError(f"unsupported {t}{{{name}}} in {self.tex!r}")
            return self.parse_call(name)
        if t in BOLD:
            inner = self.braced_tokens()
            if inner == ["1"]:
                size = None
                if self.peek() == "_":
                    self.next()
                    size = self.parse_group_arg()
                return ("ones", size)
            if len(inner) != 1:
                raise ParseError(f"unsupported {t}{{{''.join(inner)}}} in {self.tex!r}")
            return self.parse_name(inner[0])
        if t in FUNCS:
            return self.parse_call(t)
        if re.fullmatch(r"[A-Za-z]", t) or t in GREEK:
            return self.parse_name(t)
        raise ParseError(f"unsupported token {t!r} in {self.tex!r}")

    def parse_call(self, fname: str):
        prime = False
        if self.peek() == "'":
            self.next()
            prime = True
        power = None
        if self.peek() == "^":  # \sigma^2(z) style is not used; reject clearly
            raise ParseError(f"write powers after the argument: {self.tex!r}")
        t = self.peek()
        if t in OPEN or t in SIZES:
            arg = self.parse_atom()
        elif t == "{":
            arg = ("group", self.parse_group_arg())
        else:
            arg = self.parse_factor()
        node = ("call", fname, prime, arg)
        return node if power is None else ("pow", node, power)

    def parse_name(self, base: str):
        # Greedy multi-letter names declared by the context (e.g. "dw", "dZ").
        if re.fullmatch(r"[A-Za-z]", base):
            for name in self.multi:
                n = len(name)
                if base + "".join(self.toks[self.pos : self.pos + n - 1]) == name:
                    self.pos += n - 1
                    base = name
                    break
        sub = example = None
        while self.peek() in ("_", "^"):
            if self.peek() == "_":
                if sub is not None:
                    break
                self.next()
                sub = self.braced_tokens()
                if sub and sub[0] in BOLD:
                    sub = sub[1:]
                    sub = [t for t in sub if t not in ("{", "}")]
            else:
                toks = self.toks[self.pos + 1 :]
                if toks[:2] == ["{", "("] and example is None:
                    self.next()
                    inner = self.braced_tokens()
                    if inner[-1] != ")":
                        raise ParseError(f"bad superscript in {self.tex!r}")
                    example = self.sub_parser(inner[1:-1]).parse()
                else:
                    break
        node = ("name", base, tuple(sub) if sub is not None else None, example)
        if self.peek() == "'":
            self.next()
            return self.parse_prime_call(node)
        return node

    def parse_prime_call(self, node):
        arg = self.parse_atom()
        return ("call", node, True, arg)

    def parse_frac(self):
        num = self.braced_tokens()
        den = self.braced_tokens()
        if num and num[0] in ("d", r"\partial") and den and den[0] == num[0]:
            var = self.sub_parser(den[1:]).parse()
            if len(num) == 1:  # operator form: \frac{d}{dz} (operand)
                return ("deriv", self.parse_factor(), var)
            if len(num) == 2 and num[1] in FUNCS:  # \frac{d\sigma}{dz} = d sigma(z) / dz
                return ("deriv", ("call", num[1], False, var), var)
            return ("deriv", self.sub_parser(num[1:]).parse(), var)
        return ("div", self.sub_parser(num).parse(), self.sub_parser(den).parse())


def parse(tex: str, multi_letter: frozenset[str] = frozenset()):
    return Parser(tex, multi_letter).parse()
