"""Softmax regression: probabilities and the gradient p - y with respect to the logits."""

import numpy as np


# --8<-- [start:softmax]
def softmax_probs(z):
    """p_k = e^{z_k} / sum_l e^{z_l}, computed after subtracting max(z) (no overflow)."""
    e = np.exp(z - np.max(z))
    return e / e.sum()


def softmax_gradient(z, y):
    """dL/dz for L = -sum_k y_k log p_k with one-hot y: p - y, as for the sigmoid."""
    return softmax_probs(z) - y


# --8<-- [end:softmax]
