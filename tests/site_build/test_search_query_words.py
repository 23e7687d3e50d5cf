"""What the search box sends to the search worker for what a learner types (node, no browser).

The site's search_query.js (sitebuild/theme_material/templates/assets/javascripts/) turns a
query into words the index holds; here its function runs in node on queries whose words are
known by hand.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

SCRIPT = (
    Path(__file__).resolve().parents[2]
    / "sitebuild/theme_material/templates/assets/javascripts/search_query.js"
)

RUN = """
const vm = require("vm");
const page = { window: {}, Worker: function () {} };
page.Worker.prototype.postMessage = function (message) { page.sent = message; };
vm.createContext(page);
vm.runInContext(require("fs").readFileSync(process.argv[1], "utf8"), page);
const queries = JSON.parse(process.argv[2]);
const words = queries.map(q => page.window.searchQueryWords(q));
new page.Worker().postMessage({ type: 2, data: "e^-z" });
const query = page.sent.data;
new page.Worker().postMessage({ type: 0, data: { config: {} } });
console.log(JSON.stringify({ words, query, setup: page.sent.type }));
"""

CASES = {
    "e^-z": "e^1 exp z^1",
    "log(1+e^-z)": "log^1 1^1 e^1 exp z^1",
    "X^T (f - y)": "x^1 transpose f^1 y^1",
    "X^{\\top} y": "x^1 transpose y^1",
    "X.T @ (h - y)": "x^1 transpose h^1 y^1",
    "Xᵀ(f − y)": "x^1 transpose f^1 y^1",
    "w := w - H^-1 g": "w^1 h^1 inverse g^1",
    "H^{-1} \\nabla J": "h^1 inverse nabla j^1",
    "e^-10": "e^1 exp 10",
    "dJ/dw": "dj dw",
    "\\frac{\\partial J}{\\partial w}": "partial dj dw",
    "∂J/∂b": "partial dj db",
    "dZ = A - Y": "dz a^1 y^1",
    "θ_0": "theta θ^1 0^1",
    "σ(z)": "sigma σ^1 z^1",
    "-1/m": "1^1 m^1",
    "labels -1 +1": "labels 1^1",
    "~fuzzy title:foo a*b": "fuzzy title foo a^1 b^1",
    "Newton's method": "newton method",
    "0.5 threshold": "0.5 threshold",
    "logistic loss": "logistic loss",
}


@pytest.fixture(scope="module")
def rewritten():
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is needed (it also typesets the math at build time)")
    out = subprocess.run(
        [node, "-e", RUN, str(SCRIPT), json.dumps(list(CASES))],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout)


def test_a_formula_becomes_words_and_no_operator_survives(rewritten):
    assert dict(zip(CASES, rewritten["words"], strict=True)) == CASES
    for words in rewritten["words"]:
        assert not any(c in words.replace("^1", "") for c in "^-+~*:"), words


def test_only_material_query_messages_are_rewritten(rewritten):
    assert rewritten["query"] == "e^1 exp z^1"
    assert rewritten["setup"] == 0
