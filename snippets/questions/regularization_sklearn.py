"""Our lambda and scikit-learn's C: C = 1 / lambda."""

import warnings

import numpy as np
from logreg import gradient, make_data
from sklearn.linear_model import LogisticRegression


# --8<-- [start:demo]
def demo():
    X, y = make_data()
    lambda_ = 2.0
    with warnings.catch_warnings():  # sklearn 1.8+ warns about its penalty argument
        warnings.simplefilter("ignore", FutureWarning)
        clf = LogisticRegression(C=1 / lambda_, tol=1e-12).fit(X, y)
    w, b = clf.coef_[0], clf.intercept_[0]
    dj_dw, dj_db = gradient(X, y, w, b, lambda_)  # our regularized gradient there
    print(np.linalg.norm(np.append(dj_dw, dj_db)) < 1e-7)  # zero: the same minimum
    # > True


# --8<-- [end:demo]
