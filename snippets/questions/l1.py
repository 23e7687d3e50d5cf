"""L1-regularized logistic regression: subgradient descent versus the proximal step."""

import numpy as np
from logreg import gradient, sigmoid


def make_sparse_data(m=300, seed=0):
    """m examples, 5 features; only the first two change the label (the rest are noise)."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(m, 5))
    y = (rng.random(m) < sigmoid(X @ np.array([2.0, -1.5, 0, 0, 0]) + 0.3)).astype(float)
    return X, y


# --8<-- [start:soft]
def soft_threshold(v, t):
    """The proximal step of t |w|: move each entry t towards 0, and stop at 0."""
    return np.sign(v) * np.maximum(np.abs(v) - t, 0.0)


def proximal_gradient(X, y, w, b, alpha, lambda_, num_iters, lambda2=0.0):
    """Minimize J = mean L + (lambda_/m) |w|_1 (+ lambda2/(2m) |w|^2: elastic net)."""
    m = X.shape[0]
    for _ in range(num_iters):
        dj_dw, dj_db = gradient(X, y, w, b)  # the smooth part only
        v = w - alpha * dj_dw  # an ordinary descent step ...
        w = soft_threshold(v, alpha * lambda_ / m) / (1 + alpha * lambda2 / m)  # ... then shrink
        b = b - alpha * dj_db  # b is not penalized
    return w, b


# --8<-- [end:soft]


# --8<-- [start:subgradient]
def subgradient_descent(X, y, w, b, alpha, lambda_, num_iters):
    """Descent with sign(w) as the derivative of |w| (0 at exactly 0)."""
    m = X.shape[0]
    for _ in range(num_iters):
        dj_dw, dj_db = gradient(X, y, w, b)
        w = w - alpha * (dj_dw + (lambda_ / m) * np.sign(w))
        b = b - alpha * dj_db
    return w, b


# --8<-- [end:subgradient]


# --8<-- [start:demo]
def demo():
    X, y = make_sparse_data()
    lambda_, w0 = 30.0, np.full(5, 0.1)
    w_prox, _ = proximal_gradient(X, y, w0, 0.0, alpha=0.5, lambda_=lambda_, num_iters=3000)
    w_sub, _ = subgradient_descent(X, y, w0, 0.0, alpha=0.5, lambda_=lambda_, num_iters=3000)
    print(np.round(w_prox, 3))  # exact zeros for the noise features
    # > [ 0.85  -0.494  0.     0.     0.   ]
    print(np.count_nonzero(w_sub == 0.0), np.abs(w_sub[2:]).max() > 0)  # never exactly 0
    # > 0 True


# --8<-- [end:demo]


# --8<-- [start:sklearn]
def sklearn_l1(X, y, lambda_, solver="saga", intercept_scaling=1.0):
    """scikit-learn minimizes |w|_1 + C sum L: multiply J by m / lambda_, so C = 1 / lambda_."""
    from sklearn.linear_model import LogisticRegression

    clf = LogisticRegression(
        l1_ratio=1.0,  # all L1 (scikit-learn 1.8+; older versions: penalty="l1")
        C=1 / lambda_,
        solver=solver,  # "saga" or "liblinear"
        intercept_scaling=intercept_scaling,  # liblinear only, see below
        tol=1e-10,
        max_iter=100_000,
    ).fit(X, y)
    return clf.coef_[0], clf.intercept_[0]


# --8<-- [end:sklearn]


if __name__ == "__main__":
    demo()
