"""Per-example loop, summation, vectorized: three ways to write the same gradient."""

import math

import numpy as np
from logreg import gradient, sigmoid

# The small data set of the Machine Learning Specialization's optional labs (course 1, week 3).
X_TRAIN = np.array([[0.5, 1.5], [1, 1], [1.5, 0.5], [3, 0.5], [2, 2], [1, 2.5]])
Y_TRAIN = np.array([0, 0, 0, 1, 1, 1])


# --8<-- [start:loop]
def gradient_loop(X, y, w, b):
    """Two nested loops: every example i, every feature j, one number at a time."""
    m, n = X.shape
    dj_dw = [0.0] * n
    dj_db = 0.0
    for i in range(m):
        z_i = b
        for j in range(n):
            z_i += X[i, j] * w[j]
        f_i = 1 / (1 + math.exp(-z_i))  # naive sigmoid: fine for a demo, overflows for z_i < -709
        err_i = f_i - y[i]  # dL_i/dz_i = f_i - y_i
        for j in range(n):
            dj_dw[j] += err_i * X[i, j]  # dL_i/dw_j = (f_i - y_i) x_ij
        dj_db += err_i  # dL_i/db = f_i - y_i
    return np.array(dj_dw) / m, dj_db / m


# --8<-- [end:loop]


# --8<-- [start:summation]
def gradient_sum(X, y, w, b):
    """One loop over examples; each term (f_i - y_i) x_i is a vector of n numbers."""
    m, n = X.shape
    dj_dw = np.zeros(n)
    dj_db = 0.0
    for i in range(m):
        err_i = sigmoid(X[i] @ w + b) - y[i]
        dj_dw += err_i * X[i]
        dj_db += err_i
    return dj_dw / m, dj_db / m


# --8<-- [end:summation]


# --8<-- [start:vectorized]
def gradient_vectorized(X, y, w, b):
    """No loop: all m errors at once, then one matrix-vector product X.T @ err."""
    m = X.shape[0]
    err = sigmoid(X @ w + b) - y  # shape (m,)
    return X.T @ err / m, np.mean(err)


# --8<-- [end:vectorized]


# --8<-- [start:demo]
def demo():
    w, b = np.array([2.0, 3.0]), 1.0
    for grad in (gradient_loop, gradient_sum, gradient_vectorized, gradient):
        dj_dw, dj_db = grad(X_TRAIN, Y_TRAIN, w, b)
        print(f"{grad.__name__:20} dj_dw = {np.round(dj_dw, 6)}, dj_db = {dj_db:.6f}")
    # > gradient_loop        dj_dw = [0.498333 0.498839], dj_db = 0.498618
    # > gradient_sum         dj_dw = [0.498333 0.498839], dj_db = 0.498618
    # > gradient_vectorized  dj_dw = [0.498333 0.498839], dj_db = 0.498618
    # > gradient             dj_dw = [0.498333 0.498839], dj_db = 0.498618


# --8<-- [end:demo]


if __name__ == "__main__":
    demo()
