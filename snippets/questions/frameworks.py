"""The losses frameworks offer, written with autograd's numpy, and what autograd returns for them.

autograd (a small automatic-differentiation library) differentiates these functions the way
PyTorch and TensorFlow differentiate their own operations: operation by operation, each with its
own derivative rule. The formulas are the frameworks' documented ones.
"""

import autograd.numpy as anp
import numpy as np
from autograd import grad


# --8<-- [start:logits]
def loss_from_logits(z, y):
    """TensorFlow's documented stable form: max(z, 0) - z y + log(1 + exp(-|z|))."""
    return anp.maximum(z, 0) - z * y + anp.log1p(anp.exp(-anp.abs(z)))


def loss_from_probabilities(z, y, eps=1e-7):
    """A sigmoid layer, then the cross-entropy of probabilities clipped to [eps, 1 - eps]."""
    p = anp.clip(1 / (1 + anp.exp(-z)), eps, 1 - eps)
    return -(y * anp.log(p) + (1 - y) * anp.log(1 - p))


# --8<-- [end:logits]


# --8<-- [start:kink]
def loss_relu_branch(z, y):
    """The same function, with the kink written another way: where(z > 0, z, 0)."""
    return anp.where(z > 0, z, 0.0) - z * y + anp.log1p(anp.exp(-anp.abs(z)))


# --8<-- [end:kink]


# --8<-- [start:boosting]
def logistic_objective(raw_score, y):
    """Per-example gradient and Hessian of the logistic loss by the raw score (the logit)."""
    p = 1 / (1 + np.exp(-raw_score))
    return p - y, p * (1 - p)


# --8<-- [end:boosting]


# --8<-- [start:demo]
def demo():
    dL_logits = grad(loss_from_logits)  # dL/dz by automatic differentiation
    dL_probs = grad(loss_from_probabilities)
    print(round(dL_logits(2.0, 1.0), 4), round(dL_probs(2.0, 1.0), 4))  # sigma(2) - 1 both
    # > -0.1192 -0.1192
    # confidently wrong: z = 20 (f rounds to 1) and y = 0; the true dL/dz is sigma(20), about 1
    print(round(dL_logits(20.0, 0.0), 4), dL_probs(20.0, 0.0))  # clipped: no gradient at all
    # > 1.0 0.0
    # at the kink z = 0 the loss is smooth and its derivative is sigma(0) - y = 0.5 - y
    print(grad(loss_from_logits)(0.0, 0.0), grad(loss_relu_branch)(0.0, 0.0))
    # > 0.5 0.0


# --8<-- [end:demo]


if __name__ == "__main__":
    demo()
