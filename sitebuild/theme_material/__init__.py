"""Everything specific to mkdocs-material: the theme boundary.

A move to another theme (material 9.x reaches end of life in May 2027) touches this folder,
mkdocs.yml's `theme:` and the stylesheets' material class names, and nothing else.

- templates/: material's `custom_dir` (mkdocs.yml): main.html (link-preview tags, the palette
  before the first paint, material's script started after the first paint), 404.html,
  partials/search.html (the search dialog's name).
- markup.py: markup material would add in the browser, written at build time (copy buttons,
  table wrappers, step link icons, copyable permalinks).
- asset_edits.py: the remaining edits of material's built CSS and JavaScript, in named groups.
- search_entries.py: under `mkdocs serve`, each page's search sections kept while it is unchanged.
"""

from pathlib import Path

import material

TEMPLATES = Path(__file__).resolve().parent / "templates"
MATERIAL_ASSETS = Path(material.__file__).resolve().parent / "templates" / "assets"


def add_template_globals(env):
    """main.html loads material's script itself: its name (material's base.html writes it out,
    with a hash that changes with each release) as a path under the site."""
    (bundle,) = (MATERIAL_ASSETS / "javascripts").glob("bundle.*.min.js")
    env.globals["material_bundle"] = bundle.relative_to(MATERIAL_ASSETS.parent).as_posix()
    return env
