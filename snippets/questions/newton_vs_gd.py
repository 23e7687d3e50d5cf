"""Newton's method against gradient descent: iterations to reach a small gradient."""

import numpy as np
from logreg import gradient, hessian, make_data


# --8<-- [start:compare]
def iterations_to_converge(X, y, method, alpha=1.0, tol=1e-8, max_iter=100_000):
    """Steps until |grad J| < tol, for method "newton" or "descent" (learning rate alpha)."""
    w, b = np.zeros(X.shape[1]), 0.0
    for it in range(1, max_iter + 1):
        dj_dw, dj_db = gradient(X, y, w, b)
        g = np.append(dj_dw, dj_db)
        if np.linalg.norm(g) < tol:
            return it - 1
        if method == "newton":
            d = np.linalg.solve(hessian(X, w, b), g)  # H d = grad J
        else:
            d = alpha * g
        w, b = w - d[:-1], b - d[-1]
    return max_iter


def compare():
    X, y = make_data()
    print("newton:", iterations_to_converge(X, y, "newton"))
    print("descent:", iterations_to_converge(X, y, "descent"))
    # > newton: 6
    # > descent: 448
    X_bad = X * np.array([1.0, 5.0])  # one feature in different units: badly scaled
    print("newton, scaled:", iterations_to_converge(X_bad, y, "newton"))
    print("descent, scaled:", iterations_to_converge(X_bad, y, "descent", alpha=0.5))
    # > newton, scaled: 6
    # > descent, scaled: 764


# --8<-- [end:compare]


if __name__ == "__main__":
    compare()
