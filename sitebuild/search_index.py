"""The search index: formulas readable in result previews, learners' words for each topic.

Rewrites the index that MkDocs' search plugin wrote (search/search_index.json):
- display math removed, inline math turned into plain text (``\\frac{1}{m}`` -> ``1/m``);
- a hidden ``keywords`` field (mkdocs.yml gives it a boost): the page's front matter
  ``keywords:`` (which the theme writes into the page as ``<meta name="keywords">``) plus the
  learners' synonyms of every word the entry mentions (SYNONYMS);
- the notebook's entry holds its prose only, ranked below the pages that explain each topic.
"""

from __future__ import annotations

import functools
import html
import json
import re
import unicodedata
from pathlib import Path

from sitebuild import search_steps

DOCS = Path(__file__).resolve().parent.parent / "docs"  # the pages' sources: their steps

# Words learners use for the same thing. An index entry that mentions one of a group gets the
# others in its hidden ``keywords`` field, so "log loss gradient" finds the cross-entropy pages.
SYNONYMS = [
    [
        "cross-entropy",
        "cross entropy",
        "log loss",
        "logloss",
        "logistic loss",
        "BCE",
        "binary cross-entropy",
        "negative log-likelihood",
        "NLL",
        "cost",
        "loss",
    ],
    ["gradient", "derivative", "partial derivative", "dJ/dw", "dJ/dtheta", "differentiate"],
    ["sigmoid", "logistic function", "expit", "squashing function"],
    ["mean squared error", "MSE", "squared error", "squared loss", "least squares"],
    ["vectorized", "vectorised", "matrix form", "matrix notation", "numpy"],
    ["softmax", "multiclass", "multinomial", "categorical cross-entropy"],
    ["regularization", "regularisation", "L2", "ridge", "weight decay", "penalty"],
    ["hessian", "second derivative", "newton's method", "IRLS"],
    ["NaN", "nan", "overflow", "inf", "log(0)", "numerical stability"],
    ["convex", "convexity", "local minima", "non-convex"],
]

_GREEK = "αalpha βbeta γgamma δdelta εepsilon ζzeta ηeta θtheta ιiota κkappa λlambda μmu νnu ξxi"
_GREEK += " πpi ρrho σsigma τtau υupsilon φphi χchi ψpsi ωomega"
SYMBOLS = {item[1:]: item[0] for item in _GREEK.split()}
SYMBOLS.update({name.capitalize(): sym.upper() for name, sym in SYMBOLS.items()})
# TeX command -> what the search preview shows.
SYMBOLS.update(
    pair.split("=", 1)
    for pair in "varepsilon=ε partial=∂ nabla=∇ sum=Σ prod=Π cdot=· times=× top=ᵀ intercal=ᵀ "
    "infty=∞ leq=≤ geq=≥ le=≤ ge=≥ neq=≠ approx=≈ to=→ rightarrow=→ in=∈ odot=⊙ circ=∘ mid=| "
    "ldots=… cdots=⋯ dots=… log=log ln=ln exp=exp min=min max=max det=det leftarrow=← gets=← "
    "lVert=‖ rVert=‖ Vert=‖ ell=ℓ ne=≠ gtrsim=≳ lesssim=≲".split()
)
_DISPLAY = re.compile(r"\\\[.*?\\\]|\$\$.*?\$\$", re.S)
_INLINE = re.compile(r"\\\((.*?)\\\)", re.S)
_DOLLAR = re.compile(r"(?<!\\)\$(?=\S)([^$\n]*?\S)\$(?!\d)")  # notebook cells keep $...$
_TEXISH = re.compile(r"[\\^_=]")
_CMD = re.compile(r"\\([A-Za-z]+|.)")
FRACTIONS = {"frac", "dfrac", "tfrac"}
ACCENTS = {"hat": "\u0302", "bar": "\u0304", "tilde": "\u0303", "vec": "\u20d7"}
WRAPPERS = (
    dict.fromkeys(
        "mathbf mathrm boldsymbol mathit mathcal mathsf bm operatorname text textrm underbrace "
        "overbrace".split(),
        "",
    )
    | ACCENTS
)
DROPPED = set(
    "left right big Big bigg Bigg bigl bigr Bigl Bigr displaystyle limits quad qquad".split()
)
DROPPED |= {",", ";", ":", "!", " "}


def _take(s: str, i: int) -> tuple[str, int]:
    """The argument starting at s[i]: a {balanced group}, a \\command or one character."""
    while i < len(s) and s[i] == " ":
        i += 1
    if i >= len(s):
        return "", i
    if s[i] == "{":
        depth = 0
        for j in range(i, len(s)):
            depth += {"{": 1, "}": -1}.get(s[j], 0)
            if depth == 0:
                return s[i + 1 : j], j + 1
        return s[i + 1 :], len(s)
    m = _CMD.match(s, i)
    if m:
        return m.group(0), m.end()
    return s[i], i + 1


def _group(part: str) -> str:
    if re.fullmatch(r"[\w∂∇σθᵀ′' ]+", part):
        return part.replace(" ", "")
    if re.fullmatch(r"\([^()]*\)", part):
        return part
    return f"({part})"


def tex_to_text(tex: str) -> str:
    """A readable plain-text approximation of a small TeX formula (for search previews)."""
    out: list[str] = []
    i = 0
    while i < len(tex):
        c = tex[i]
        if c == "\\":
            m = _CMD.match(tex, i)
            name, i = m.group(1), m.end()
            if name in FRACTIONS:
                a, i = _take(tex, i)
                b, i = _take(tex, i)
                out.append(f"{_group(tex_to_text(a))}/{_group(tex_to_text(b))}")
            elif name in WRAPPERS:
                a, i = _take(tex, i)
                out.append(tex_to_text(a) + WRAPPERS[name])
            elif name in DROPPED:
                out.append(" ")
            else:
                symbol = SYMBOLS.get(name, name)
                out.append(f" {symbol}" if symbol in ("Σ", "Π") else symbol)
        elif c in "^_":
            a, i = _take(tex, i + 1)
            a = tex_to_text(a)
            out.append(a if a == "ᵀ" else c + _group(a))
        elif c in "{}":
            i += 1
        else:
            out.append("−" if c == "-" else c)
            i += 1
    return unicodedata.normalize("NFC", " ".join("".join(out).split()))


def clean_search_text(text: str) -> str:
    text = _DISPLAY.sub(" ", text)
    text = _INLINE.sub(lambda m: tex_to_text(m.group(1)), text)
    text = _DOLLAR.sub(
        lambda m: tex_to_text(m.group(1)) if _TEXISH.search(m.group(1)) else m[0], text
    )
    return re.sub(r"[ \t]{2,}", " ", text).strip()


def synonyms_for(text: str) -> list[str]:
    lowered = text.lower()
    found: list[str] = []
    for group, pattern in zip(SYNONYMS, _synonym_patterns(), strict=True):
        if pattern.search(lowered):
            found.extend(w for w in group if w not in found)
    return found


@functools.cache
def _synonym_patterns() -> list[re.Pattern]:
    """One pattern per group: any of its words, as a whole word (a group's words are found
    together, so one search per group and document)."""
    return [
        re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(w.lower()) for w in group) + r")(?![\w-])")
        for group in SYNONYMS
    ]


# The notebook's code cells and outputs mention every topic of the site: index its prose only,
# and rank it below the pages that explain each topic.
NOTEBOOK_PROSE = re.compile(r"<p>.*?</p>|<li>.*?</li>", re.S)
NOTEBOOK_BOOST = 0.5


def rewrite_search_index(data: dict, keywords_by_page: dict[str, list[str]]) -> dict:
    for doc in data.get("docs", []):
        if doc["location"].startswith("notebook/"):
            doc["text"] = " ".join(NOTEBOOK_PROSE.findall(doc.get("text", "")))
            doc["boost"] = NOTEBOOK_BOOST
        doc["title"] = clean_search_text(doc.get("title", ""))
        doc["text"] = clean_search_text(doc.get("text", ""))
        words = (
            list(keywords_by_page.get(doc["location"], [])) if "#" not in doc["location"] else []
        )
        words += synonyms_for(doc["title"] + " " + doc["text"] + " " + " ".join(words))
        if words:
            doc["keywords"] = " ".join(dict.fromkeys(words))
    return data


KEYWORDS_META = re.compile(r'<meta name="keywords" content="([^"]*)"')


def page_keywords(site_dir: Path, location: str) -> list[str]:
    """The front matter keywords of the page at location ('' or 'chain-rule/'), as built."""
    page = site_dir / location / "index.html"
    if not page.is_file():
        return []
    found = KEYWORDS_META.search(page.read_text(encoding="utf-8"))
    return [w.strip() for w in html.unescape(found[1]).split(",") if w.strip()] if found else []


def rewrite_index_file(site_dir: str | Path, docs_dir: str | Path = DOCS) -> None:
    site_dir = Path(site_dir)
    path = site_dir / "search" / "search_index.json"
    if not path.exists():
        return
    data = json.loads(path.read_text(encoding="utf-8"))
    pages = {doc["location"] for doc in data.get("docs", []) if "#" not in doc["location"]}
    keywords = {location: page_keywords(site_dir, location) for location in pages}
    data = rewrite_search_index(data, keywords)
    data = search_steps.enrich_search_index(data, docs_dir, tex_to_text)
    path.write_text(json.dumps(data, separators=(",", ":"), ensure_ascii=False), encoding="utf-8")
