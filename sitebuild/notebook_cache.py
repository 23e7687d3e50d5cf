"""Under `mkdocs serve`, a notebook runs again only when it or a snippet it imports changed.

mkdocs-jupyter's own cache is keyed on the notebook alone (and its options), so mkdocs.yml turns
it off: an edit to snippets/ would not run the notebook again. Under serve, hooks.py turns it on
with a cache folder named after the notebooks and the snippet files they import, through other
snippets too (notebook_download.site_modules), so a change to one of them starts a fresh folder.
The latest KEEP folders are kept, so an undo does not run the notebook again (mkdocs-jupyter
evicts from its folder every entry the build did not use: one folder per version of the inputs).
"""

from __future__ import annotations

from pathlib import Path

import nbformat

from sitebuild import notebook_download
from sitebuild.serve_cache import digest_of, keyed_folder

KEEP = 4


def inputs_key(docs_dir: str | Path) -> str:
    parts = []
    for notebook in sorted(Path(docs_dir).rglob("*.ipynb")):
        parts.append(notebook.read_bytes())
        nb = nbformat.read(notebook, as_version=4)
        code = [cell.source for cell in nb.cells if cell.cell_type == "code"]
        for name, path in notebook_download.site_modules(code):
            parts += [name.encode(), path.read_bytes()]
    return digest_of(*parts)


def configure(config, cache: Path) -> None:
    plugin = config.plugins.get("mkdocs-jupyter")
    if plugin is None:
        return
    # mkdocs-jupyter fills the folder during the build
    folder, _ = keyed_folder(cache, inputs_key(config.docs_dir), lambda folder: None, keep=KEEP)
    plugin.config["cache"] = True
    plugin.config["cache_dir"] = str(folder)
