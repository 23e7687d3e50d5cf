"""Sample weights and class weights in the logistic-regression cost and gradient."""

import warnings

import numpy as np
from logreg import loss, sigmoid


# --8<-- [start:weighted]
def weighted_cost(X, y, w, b, sample_weight, lambda_=0.0):
    """J = (1/m) sum_i s_i L_i + (lambda_/(2m)) |w|^2: each example's loss counts s_i times."""
    m = X.shape[0]
    return float(np.mean(sample_weight * loss(X @ w + b, y)) + lambda_ / (2 * m) * (w @ w))


def weighted_gradient(X, y, w, b, sample_weight, lambda_=0.0):
    """dJ/dw = (1/m) X.T @ (s * (f - y)) + (lambda_/m) w; dJ/db = (1/m) s . (f - y)."""
    m = X.shape[0]
    r = sample_weight * (sigmoid(X @ w + b) - y)  # each error times its example's weight
    return X.T @ r / m + (lambda_ / m) * w, float(np.sum(r) / m)


def balanced_weights(y):
    """scikit-learn's class_weight="balanced": m / (2 * size of the example's class)."""
    y = np.asarray(y, dtype=int)
    return len(y) / (2 * np.bincount(y, minlength=2))[y]


# --8<-- [end:weighted]


# --8<-- [start:sklearn]
def sklearn_weighted(X, y, sample_weight, lambda_):
    """scikit-learn minimizes C sum_i s_i L_i + |w|^2 / 2: C = 1 / lambda_, as without weights."""
    from sklearn.linear_model import LogisticRegression

    with warnings.catch_warnings():  # sklearn 1.8+ warns about its penalty argument
        warnings.simplefilter("ignore", FutureWarning)
        clf = LogisticRegression(C=1 / lambda_, tol=1e-12, max_iter=10_000)
        clf.fit(X, y, sample_weight=sample_weight)
    return clf.coef_[0], clf.intercept_[0]


# --8<-- [end:sklearn]


def make_imbalanced_data(m=200, seed=0):
    """m examples, 2 features, few positive labels."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(m, 2))
    y = (rng.random(m) < sigmoid(X @ np.array([1.5, -1.0]) - 2.0)).astype(float)
    return X, y


# --8<-- [start:demo]
def demo():
    X, y = make_imbalanced_data()
    s = balanced_weights(y)
    print(int(y.sum()), round(s[y == 1].sum(), 6), round(s[y == 0].sum(), 6))  # class totals
    # > 25 100.0 100.0
    w, b = sklearn_weighted(X, y, s, lambda_=2.0)
    dw, db = weighted_gradient(X, y, w, b, s, lambda_=2.0)
    print(np.abs(np.append(dw, db)).max() < 1e-7)  # our weighted gradient is 0 there
    # > True
    w10, _ = sklearn_weighted(X, y, 10 * s, lambda_=2.0)  # every weight times 10
    print(np.allclose(w10, w, atol=1e-3))  # not the same model: the penalty counts 10x less
    # > False


# --8<-- [end:demo]


if __name__ == "__main__":
    demo()
