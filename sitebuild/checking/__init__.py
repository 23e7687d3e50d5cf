"""What a page's `derivation:` front matter names, and the LaTeX subset -> SymPy checker of its
steps (the tests: tests/content/test_derivations.py)."""

from .check import (
    CheckFailed,
    StepCheck,
    check_chain,
    check_equation,
    equal,
    mutations,
)
from .context import Context, EvalError
from .contexts import page_contexts
from .latex import ParseError, parse, split_equation

__all__ = [
    "CheckFailed",
    "Context",
    "EvalError",
    "ParseError",
    "StepCheck",
    "check_chain",
    "check_equation",
    "equal",
    "mutations",
    "page_contexts",
    "parse",
    "split_equation",
]
