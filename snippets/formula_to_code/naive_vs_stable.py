"""Naive first, then stable: where 1/(1+exp(-z)) and log(f) break, and the forms that do not."""

import warnings

import numpy as np
from logreg import log1pexp, loss, sigmoid


# --8<-- [start:naive]
def sigmoid_naive(z):
    return 1 / (1 + np.exp(-z))  # exp(-z) overflows for z < -709


def loss_naive(z, y):
    f = sigmoid_naive(z)
    return -y * np.log(f) - (1 - y) * np.log(1 - f)  # log(0) once f rounds to 0 or 1


# --8<-- [end:naive]


def _run(func, *args):
    """Call func, returning (result, the distinct RuntimeWarning messages it raised)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = func(*args)
    return result, sorted({str(w.message) for w in caught})


# --8<-- [start:demo-naive]
def demo_naive():
    z = np.array([40.0, 40.0, -40.0, -800.0])
    y = np.array([1.0, 0.0, 0.0, 1.0])
    f, warned = _run(sigmoid_naive, z)
    print(f)  # sigma(40) rounds to exactly 1.0, so 1 - f is exactly 0
    # > [1.00000000e+00 1.00000000e+00 4.24835426e-18 0.00000000e+00]
    print(*warned, sep="\n")
    # > overflow encountered in exp
    L, warned = _run(loss_naive, z, y)
    print(L)  # should be about 4.2e-18, 40, 4.2e-18, 800
    # > [nan inf  0. inf]
    print(*warned, sep="\n")
    # > divide by zero encountered in log
    # > invalid value encountered in multiply
    # > overflow encountered in exp


# --8<-- [end:demo-naive]


# --8<-- [start:demo-stable]
def demo_stable():
    z = np.array([40.0, 40.0, -40.0, -800.0])
    y = np.array([1.0, 0.0, 0.0, 1.0])
    print(loss(z, y))  # log1pexp(-z) where y = 1, log1pexp(z) where y = 0
    # > [4.24835426e-18 4.00000000e+01 4.24835426e-18 8.00000000e+02]
    print(sigmoid(np.array([-800.0, 800.0])))  # no warning: exp(-|z|) is at most 1
    # > [0. 1.]
    x = np.array([-800.0, -40.0, 0.0, 40.0, 800.0])
    print(np.allclose(log1pexp(x), np.logaddexp(0, x), rtol=1e-15, atol=0))
    # > True


# --8<-- [end:demo-stable]


if __name__ == "__main__":
    demo_naive()
    demo_stable()
