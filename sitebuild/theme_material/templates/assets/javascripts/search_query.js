/* The search box reads what a learner types as words, never as search-engine syntax.

   mkdocs-material hands the box's text to its search worker (Lunr), which reads ^ - + ~ * : as
   operators (boost, must-not, must, fuzzy, wildcard, field): "e^-z" found nothing. This script
   rewrites the query on its way to the worker (material's message {type: QUERY, data: text},
   as its sources define it), so the box keeps what the reader typed:

     e^-z        -> e exp z          X^T, X.T, Xᵀ  -> x transpose
     H^-1, H^{-1} -> h inverse
     dJ/dw       -> dj dw            ∂J/∂w         -> dj partial dw
     θ, \theta   -> theta θ          dZ = A - Y    -> dz a y

   Letters and digits standing alone, and log and ln, are searched as exact words (Lunr's
   "x^1"), other words as prefixes (material adds the "*"), so "z" does not match every word
   starting with z, nor "log" the word "logistic".
   The index holds the same words: sitebuild/search_steps.py. */
(function () {
  "use strict";

  var QUERY = 2; // material's SearchMessageType: SETUP 0, READY 1, QUERY 2, RESULT 3

  var GREEK = {
    "α": "alpha", "β": "beta", "δ": "delta", "ε": "epsilon", "η": "eta", "θ": "theta",
    "λ": "lambda", "μ": "mu", "π": "pi", "σ": "sigma", "φ": "phi", "ϕ": "phi", "Φ": "phi",
    "ℓ": "ell", "∇": "nabla", "Σ": "sum", "∑": "sum"
  };
  // Function names searched as themselves: "log" is not a prefix of "logistic" in a formula.
  var EXACT = { log: true, ln: true };
  var TEX_DROPPED = /\\(?:[dt]?frac|left|right|big[lr]?|Big[lr]?|mathbf|mathrm|boldsymbol|operatorname|text|cdot|times|quad|,|;|!)(?![A-Za-z])/g;

  function words(query) {
    var text = String(query).normalize("NFC");
    text = text.replace(TEX_DROPPED, " ");
    text = text.replace(/\\(top|intercal)(?![A-Za-z])/g, "ᵀ");
    text = text.replace(/\\partial(?![A-Za-z])\s*/g, "∂");
    text = text.replace(/(\w)['’]s(?![A-Za-z])/g, "$1");             // Newton's -> Newton
    text = text.replace(/\\([A-Za-z]+)/g, " $1 ");                  // \sigma -> sigma
    text = text.replace(/\^\s*\{?\s*(?:T|ᵀ)\s*\}?(?![A-Za-z0-9])/g, " transpose ");
    text = text.replace(/([A-Za-z0-9)\]])\.T(?![A-Za-z0-9])/g, "$1 transpose ");
    text = text.replace(/ᵀ/g, " transpose ");
    text = text.replace(/\^\s*\{?\s*[-−]\s*1\s*\}?(?![0-9])/g, " inverse ");  // H^-1 -> h inverse
    text = text.replace(/(^|[^A-Za-z])e\s*\^/g, "$1 e exp ");        // e^-z -> e exp z
    text = text.replace(/∂/g, " partial d");                          // ∂J -> partial dJ
    text = text.replace(/[\u0370-\u03ff\u2113\u2207\u2211]/g, function (c) {
      return GREEK[c] ? " " + GREEK[c] + " " + c + " " : c;
    });
    text = text.replace(/(\d)\.(\d)/g, "$1\u0000$2");                 // 0.5 stays a number
    var seen = {};
    var out = [];
    text.split(/[^\p{L}\p{N}\u0000]+/u).forEach(function (word) {
      word = word.replace(/\u0000/g, ".").toLowerCase();
      if (!word || seen[word]) return;
      seen[word] = true;
      out.push(word.length === 1 || EXACT[word] ? word + "^1" : word);
    });
    return out.join(" ");
  }

  // Only material's query message has exactly this shape; every other message passes as it is.
  var post = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (message) {
    if (
      message && message.type === QUERY && typeof message.data === "string" &&
      Object.keys(message).length === 2
    ) {
      arguments[0] = { type: QUERY, data: words(message.data) };
    }
    return post.apply(this, arguments);
  };

  window.searchQueryWords = words; // for the tests and for reading in the console
})();
