r"""Sizes that cannot coincide: every context is evaluated at two size tuples.

With m = n a page could write \frac{1}{n} \sum_{i=1}^{n} for \frac{1}{m} \sum_{i=1}^{m} and pass;
with m = 2 a constant \frac{1}{2} could stand for \frac{1}{m}. So in each tuple the sizes are
pairwise distinct, no size is twice another or another plus or minus one, and each bound index
(j, k, l) lies strictly inside its range and differs from every size. A relation between sizes
that holds by accident in one tuple (m = 2n + 1 in the first) fails in the other, because the
equation is checked in both.
"""

from __future__ import annotations

from itertools import permutations

# (sizes, bindings) for contexts with examples and features.
EXAMPLES = (
    ({"m": 5, "n": 3}, {"j": 2, "k": 1}),
    ({"m": 2, "n": 5}, {"j": 4, "k": 3}),
)
# The Hessian pages (convexity, Newton, regularization, mistakes): more examples than features in
# both tuples, so that H = (1/m) X^T S X is invertible and H^{-1} exists.
HESSIAN = (
    ({"m": 5, "n": 3}, {"j": 2, "k": 1}),
    ({"m": 8, "n": 5}, {"j": 4, "k": 3}),
)
# An example i named outside a sum (maximum likelihood, mini-batches): inside 1..m, away from
# the sizes and from j and k of EXAMPLES/HESSIAN.
EXAMPLE_INDEX = (4, 6)
# A two-layer network (examples in columns): m examples, n features, h hidden units. SymPy proves
# the steps at the first tuple, so it is small (dW^{[1]} has h n entries, each a sum over m
# examples of nested sigmoids); the second checks every entry numerically at n > 1.
NETWORK = (
    ({"m": 5, "n": 1, "h": 3}, {}),
    ({"m": 2, "n": 5, "h": 8}, {}),
)
# One example with n features (the linear-regression connection).
FEATURES = (({"n": 3}, {"j": 2}), ({"n": 5}, {"j": 4}))
# One example with K classes (softmax): k and l are two different classes.
CLASSES = (({"K": 3}, {"k": 1, "l": 2}), ({"K": 5}, {"k": 4, "l": 3}))
# Softmax over m examples (one per row), n features and K classes: few features in the first
# tuple, where SymPy proves the steps (m K logits, n K gradient entries).
SOFTMAX_ROWS = (
    ({"m": 3, "n": 1, "K": 5}, {}),
    ({"m": 5, "n": 7, "K": 3}, {}),
)


def coincidences(sizes: dict[str, int], bindings: dict[str, int]) -> list[str]:
    """The ways a wrong size or index could pass unnoticed in this tuple (empty: none)."""
    out = []
    for (a, x), (b, y) in permutations(sizes.items(), 2):
        if x == y or x == 2 * y or x == y + 1:
            out.append(f"{a} = {x} and {b} = {y}")
    for name, value in bindings.items():
        if value in sizes.values():
            out.append(f"index {name} = {value} equals a size")
    values = list(bindings.values())
    if len(set(values)) != len(values):
        out.append(f"bound indices coincide: {bindings}")
    return out


def differ(tuples) -> list[str]:
    """Relations m = a n + c (a in 0..3, c in -3..3) that hold in every tuple (empty: none)."""
    out = []
    names = sorted(set().union(*(s for s, _ in tuples)))
    for x, y in permutations(names, 2):
        for a in range(4):
            for c in range(-3, 4):
                if all(s[x] == a * s[y] + c for s, _ in tuples if x in s and y in s):
                    if all(x in s and y in s for s, _ in tuples):
                        out.append(f"{x} = {a}{y} + {c} in every tuple")
    return out
