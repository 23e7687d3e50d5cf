"""/frameworks/: the losses on logits and on probabilities, differentiated by autograd, against
the stable loss of snippets/logreg.py, sigma(z) - y and finite differences; the PyTorch and
Keras code checked for what it uses (and run where PyTorch is installed)."""

from __future__ import annotations

import ast

import numpy as np
import pytest
from autograd import grad
from autograd import numpy as anp
from helpers import ROOT
from logreg import log1pexp, loss, sigmoid
from questions.frameworks import (
    logistic_objective,
    loss_from_logits,
    loss_from_probabilities,
    loss_relu_branch,
)

Z = np.concatenate([np.linspace(-30, 30, 61), [0.0, 1e-9, -1e-9, 700.0, -700.0]])


@pytest.mark.parametrize("y", [0.0, 1.0, 0.3])
def test_loss_on_logits_is_the_stable_cross_entropy_and_its_gradient_sigma_minus_y(y):
    with np.errstate(over="raise"):  # the documented form never overflows
        values = np.array([loss_from_logits(z, y) for z in Z])
    soft = y * log1pexp(-Z) + (1 - y) * log1pexp(Z)  # -y log f - (1 - y) log(1 - f)
    np.testing.assert_allclose(values, soft, rtol=1e-12)
    dL = grad(loss_from_logits)
    np.testing.assert_allclose([dL(z, y) for z in Z], sigmoid(Z) - y, atol=1e-15)


def test_loss_on_probabilities_agrees_until_the_clip_then_has_no_gradient():
    dL = grad(loss_from_probabilities)
    for z in (-5.0, -0.5, 0.0, 2.0, 10.0):
        for y in (0.0, 1.0):
            assert np.isclose(loss_from_probabilities(z, y), loss(z, y), rtol=1e-6)
            assert np.isclose(dL(z, y), sigmoid(z) - y, atol=1e-6)
    eps = 1e-7
    clip_at = np.log((1 - eps) / eps)  # sigma(z) reaches 1 - eps
    for z in (clip_at + 0.5, 20.0, 40.0):
        assert dL(z, 0.0) == 0.0 and sigmoid(z) > 0.99  # confidently wrong, no gradient
        assert dL(-z, 1.0) == 0.0
        assert np.isclose(loss_from_probabilities(z, 0.0), -np.log(eps))  # stuck at -log(eps)


def test_autograd_at_the_kink():
    for y in (0.0, 1.0, 0.25):
        soft = lambda z: y * log1pexp(-z) + (1 - y) * log1pexp(z)  # noqa: B023, E731
        fd = (soft(1e-6) - soft(-1e-6)) / 2e-6  # the loss is smooth at 0
        assert np.isclose(fd, 0.5 - y, atol=1e-9)
        assert grad(loss_from_logits)(0.0, y) == pytest.approx(0.5 - y)
        assert grad(loss_relu_branch)(0.0, y) == pytest.approx(-y)  # wrong at the kink only
        assert grad(loss_relu_branch)(0.1, y) == pytest.approx(sigmoid(0.1) - y)
    assert grad(anp.abs)(0.0) == 0.0  # the rules the page names
    assert grad(lambda z: anp.maximum(z, 0.0))(0.0) == 0.5


def test_framework_code_uses_logit_losses_and_no_output_activation():
    source = (ROOT / "snippets" / "questions" / "framework_models.py").read_text()
    tree = ast.parse(source)
    calls = {ast.unparse(node.func): node for node in ast.walk(tree) if isinstance(node, ast.Call)}
    assert "torch.nn.BCEWithLogitsLoss" in calls and "torch.nn.Linear" in calls
    assert not any("Sigmoid" in name or name == "torch.nn.BCELoss" for name in calls)
    bce = calls["keras.losses.BinaryCrossentropy"]
    assert [(k.arg, ast.literal_eval(k.value)) for k in bce.keywords] == [("from_logits", True)]
    dense = calls["keras.layers.Dense"]
    assert [ast.literal_eval(a) for a in dense.args] == [1] and not dense.keywords


def test_boosting_objective_is_the_first_and_second_derivative():
    z, y, h = np.linspace(-8, 8, 33), np.tile([0.0, 1.0, 0.0], 11), 1e-4
    g, hess = logistic_objective(z, y)

    def L(z):
        return loss(z, y)

    np.testing.assert_allclose(g, (L(z + h) - L(z - h)) / (2 * h), atol=1e-8)
    np.testing.assert_allclose(hess, (L(z + h) - 2 * L(z) + L(z - h)) / h**2, atol=1e-6)
    np.testing.assert_allclose(
        g, [grad(loss_from_logits)(zi, yi) for zi, yi in zip(z, y, strict=True)]
    )
