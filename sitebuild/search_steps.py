"""The search index speaks every course's language and lands on the step.

Runs over the index mkdocs-material's search plugin wrote (after sitebuild/search_index.py has
turned its math into readable text), without MkDocs:

- every derivation step becomes an entry of its own, ``chain-rule/#step-4``, titled with its
  equation as readable text and with its reason as the excerpt, so a result opens on the step;
- every entry gets, in its hidden ``keywords`` field, the courses' names for the quantities it
  mentions (sitebuild/search_terms.py) and the words a formula is typed with: ``exp`` where ``e^``
  appears, ``transpose`` where ``ᵀ`` does, ``dJ`` for ``∂J``, ``theta`` for ``θ``.

What the reader types is turned into those words in the browser
(sitebuild/theme_material/templates/assets/javascripts/search_query.js).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from sitebuild.search_terms import CROSSWALK, course_names
from sitebuild.steps import steps_in_markdown

TexToText = Callable[[str], str]

# A step entry outranks nothing by its title alone: its title is a formula, whose letters
# (f, y, z) are in most queries about the derivation.
STEP_BOOST = 0.2

GREEK_NAMES = dict(
    pair.split("=")
    for pair in "α=alpha β=beta δ=delta ε=epsilon η=eta θ=theta λ=lambda μ=mu π=pi σ=sigma "
    "φ=phi Φ=phi ϕ=phi ℓ=ell ∇=nabla Σ=sum".split()
)

_MATH = re.compile(r"\$([^$]+)\$")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]+\)")
_MARKUP = re.compile(r"\*\*|(?<!\w)\*|\*(?!\w)|`")
_PARTIAL = re.compile(r"∂(\w)")


def readable(markdown_text: str, tex_to_text: TexToText) -> str:
    """A step's reason as the excerpt shows it: math as text, links as their words."""
    text = _MATH.sub(lambda m: tex_to_text(m.group(1)), markdown_text)
    text = _LINK.sub(r"\1", text)
    return " ".join(_MARKUP.sub("", text).split())


def formula_words(text: str) -> list[str]:
    """The words a learner types for the symbols in ``text``: e^ -> exp, ᵀ -> transpose ..."""
    words: dict[str, None] = {}
    if re.search(r"\be\^|\bexp\b", text):
        words["exp"] = None
    if "ᵀ" in text or re.search(r"\.T\b", text):
        words["transpose"] = None
    for symbol, name in GREEK_NAMES.items():
        if symbol in text:
            words[name] = None
    for letter in _PARTIAL.findall(text):
        words[f"d{letter}"] = None
    return list(words)


def _group_end(tex: str, i: int) -> int:
    """Index just past the balanced {group} that starts at tex[i] (tex[i] == "{")."""
    depth = 0
    for j in range(i, len(tex)):
        depth += {"{": 1, "}": -1}.get(tex[j], 0)
        if depth == 0:
            return j + 1
    return len(tex)


def without_brace_labels(tex: str) -> str:
    r"""``\underbrace{a}_{\text{step 8}}`` -> ``a``: the label is a note, not the formula."""
    out, i = [], 0
    for m in re.finditer(r"\\(?:under|over)brace\s*(?=\{)", tex):
        if m.start() < i:
            continue
        body_end = _group_end(tex, m.end())
        out.append(tex[i : m.start()] + tex[m.end() : body_end])
        i = body_end
        label = re.match(r"\s*[_^]\s*(?=\{)", tex[i:])
        if label:
            i = _group_end(tex, i + label.end())
    return "".join(out) + tex[i:]


def page_source(location: str, docs_dir: Path) -> Path | None:
    """'chain-rule/' -> docs/chain-rule.md; '' -> docs/index.md; None for other pages."""
    slug = location.strip("/") or "index"
    path = docs_dir / f"{slug}.md"
    return path if path.is_file() else None


def step_entries(location: str, markdown_text: str, tex_to_text: TexToText) -> list[dict]:
    """One index entry per step (and named result) of a page: its anchor, equation, reason."""
    entries = []
    previous_lhs = ""
    for step in steps_in_markdown(markdown_text):
        if step.id is None:
            continue
        equation = tex_to_text(without_brace_labels(step.tex))
        if step.kind == "result":  # a boxed result: no number, no reason
            entries.append(
                {"location": f"{location}#{step.id}", "title": equation, "text": "", "boost": 1}
            )
            continue
        if step.is_continuation:
            equation = f"{previous_lhs} {equation}".strip()
        else:
            previous_lhs = equation.split("=", 1)[0].strip()
        entries.append(
            {
                "location": f"{location}#{step.id}",
                "title": f"({step.number}) {equation}",
                "text": readable(step.why, tex_to_text),
                "boost": STEP_BOOST,
            }
        )
    return entries


def add_keywords(entry: dict, words: list[str], separator: re.Pattern) -> None:
    """Adds ``words`` to the hidden field as the tokens search splits them into, each once."""
    text = " ".join([entry.get("keywords", ""), *words])
    tokens = dict.fromkeys(t for t in separator.split(text.lower()) if t)
    if tokens:
        entry["keywords"] = " ".join(tokens)


def enrich_search_index(data: dict, docs_dir: str | Path, tex_to_text: TexToText) -> dict:
    """Step entries after each page's own, and every entry's course names and formula words."""
    docs: list[dict] = []
    for entry in data.get("docs", []):
        docs.append(entry)
        location = entry["location"]
        if "#" in location:
            continue
        source = page_source(location, Path(docs_dir))
        if source is not None:
            # after the page's own entry: material makes the first entry of a page its parent
            docs.extend(step_entries(location, source.read_text(encoding="utf-8"), tex_to_text))
    separator = re.compile(data["config"]["separator"])
    for entry in docs:
        title, text = entry.get("title", ""), entry.get("text", "")
        # An entry gets the courses' names of what its title is about: a quantity mentioned in
        # passing would make every page answer every symbol (a step's title is its equation).
        # The crosswalk page gets the names of everything it lists.
        whole = entry["location"].startswith(CROSSWALK)
        about = f"{title} {text}" if whole else title
        add_keywords(entry, course_names(about) + formula_words(f"{title} {text}"), separator)
    data["docs"] = docs
    return data
