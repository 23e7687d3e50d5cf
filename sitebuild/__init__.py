"""The site's build code. sitebuild/hooks.py, the one MkDocs hook file, calls it in build order.

| module | what it does |
| --- | --- |
| `steps` | the `step` and `result` fences: parsed, rendered, and read by the tests |
| `figures` | runs scripts/figures/ at build time; expands `![](figures/<name>.svg)` |
| `previews` | link-preview images and tags; front matter checks |
| `permalinks` | step anchors for link validation; the permalinks.txt registry (command line) |
| `notebook_page` | the notebook page: slimmer inline CSS, plots as image files |
| `postprocess` | the built site's post-processing (math, search index, assets); a command line |
| `typeset_math`, `mathml_core`, `math_fonts` | TeX to MathML Core at build time, its font |
| `serve_cache`, `math_cache`, `notebook_cache` | what `mkdocs serve` keeps between rebuilds |
| `search_index`, `search_steps`, `search_terms` | the search index: formulas, courses' words |
| `checking` | what a page's `derivation:` names, and the SymPy check of its steps |
| `checking.learner_*` | a reader's own steps checked on /check/ (this code, in the browser) |
| `check_page` | /check/'s files (Pyodide, wheels, the checker) and "try it yourself" |
| `theme_material` | everything specific to mkdocs-material (templates, markup, asset edits) |
"""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
