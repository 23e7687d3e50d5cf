"""Benchmark (not a test): per-example loops vs logreg.gradient vs scikit-learn's loss gradient.

    .venv/bin/python bench/bench_gradient.py [--m 100000] [--n 100]

Dense float64 X of m x n. Times are the best of several repeats, all measured in the same run;
the Python loops are timed on the first rows only and scaled linearly to m (the table says so).
scikit-learn's LinearModelLoss.loss_gradient also returns the loss (an O(m) extra on top of the
two O(mn) matrix-vector products that dominate both). Prints a markdown table.
"""

import argparse
import sys
import timeit
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "snippets"))

import logreg  # noqa: E402
from formula_to_code import loops  # noqa: E402


def best_of(func, repeat):
    return min(timeit.repeat(func, number=1, repeat=repeat))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--m", type=int, default=100_000)
    parser.add_argument("--n", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args(argv)
    m, n = args.m, args.n

    import sklearn
    from sklearn._loss.loss import HalfBinomialLoss
    from sklearn.linear_model._linear_loss import LinearModelLoss

    rng = np.random.default_rng(0)
    X = rng.normal(size=(m, n))
    w = rng.normal(size=n) / np.sqrt(n)
    b = 0.25
    y = (rng.random(m) < logreg.sigmoid(X @ w + b)).astype(np.float64)
    coef = np.append(w, b)
    lml = LinearModelLoss(base_loss=HalfBinomialLoss(), fit_intercept=True)

    # the same numbers first
    dj_dw, dj_db = logreg.gradient(X, y, w, b)
    _, grad_sk = lml.loss_gradient(coef, X, y)
    k = 2000
    loop_dw, loop_db = loops.gradient_loop(X[:k], y[:k], w, b)
    vec_dw, vec_db = logreg.gradient(X[:k], y[:k], w, b)
    assert np.allclose(np.append(dj_dw, dj_db), grad_sk, rtol=1e-10, atol=1e-14)
    assert np.allclose(np.append(loop_dw, loop_db), np.append(vec_dw, vec_db), rtol=1e-10)

    # Interleaved: each round times every candidate once, in turn, so a busy machine slows
    # them alike; the best round of each is reported.
    candidates = {
        "sk": lambda: lml.loss_gradient(coef, X, y),
        "vec": lambda: logreg.gradient(X, y, w, b),
        "vec_cost": lambda: (logreg.cost(X, y, w, b), logreg.gradient(X, y, w, b)),
        "scan": lambda: np.isfinite(X).all(),
        "matvec": lambda: X @ w,
    }
    r = args.repeat
    best = dict.fromkeys(candidates, np.inf)
    for _ in range(r):
        for key, func in candidates.items():
            best[key] = min(best[key], best_of(func, 1))
    t_sk, t_vec, t_vec_cost, t_scan, t_matvec = (best[k] for k in candidates)
    k_loop, k_sum = min(m, 2_000), min(m, 20_000)
    t_loop = best_of(lambda: loops.gradient_loop(X[:k_loop], y[:k_loop], w, b), 3) * m / k_loop
    t_sum = best_of(lambda: loops.gradient_sum(X[:k_sum], y[:k_sum], w, b), 3) * m / k_sum

    def scaled(k):
        return f"first {k} rows, scaled x{m / k:g}"

    rows = [
        ("per-example loop, pure Python (`gradient_loop`)", t_loop, scaled(k_loop)),
        ("per-example loop, NumPy rows (`gradient_sum`)", t_sum, scaled(k_sum)),
        ("vectorized `logreg.gradient`", t_vec, "all rows"),
        ("`logreg.cost` + `logreg.gradient`", t_vec_cost, "all rows"),
        ("scikit-learn `LinearModelLoss.loss_gradient`", t_sk, "all rows"),
        ("(one full `np.isfinite(X).all()` scan)", t_scan, "all rows"),
        ("(one `X @ w`)", t_matvec, "all rows"),
    ]
    print(f"Dense X {m} x {n} float64, best of {r} (loops: best of 3), numpy {np.__version__}, "
          f"scikit-learn {sklearn.__version__}\n")  # fmt: skip
    print("| implementation | timed on | time (ms, for all rows) | vs scikit-learn |")
    print("| --- | --- | ---: | ---: |")
    for name, t, note in rows:
        print(f"| {name} | {note} | {t * 1e3:,.1f} | {t / t_sk:.2f}x |")
    print()
    within = t_vec / t_sk
    speedup = t_loop / t_vec
    print(f"vectorized / scikit-learn = {within:.2f} (target <= 1.2): "
          f"{'met' if within <= 1.2 else 'MISSED'}")  # fmt: skip
    print(f"pure-Python loop / vectorized = {speedup:,.0f}x (target >= 50x): "
          f"{'met' if speedup >= 50 else 'MISSED'}")  # fmt: skip
    print(f"NumPy-row loop / vectorized = {t_sum / t_vec:,.0f}x")
    return 0  # a report, not a test: bench/run.py stops on a non-zero exit


if __name__ == "__main__":
    sys.exit(main())
