"""The built site's post-processing: a function over a site directory, and a command line.

sitebuild/hooks.py calls it at the end of every build; it needs nothing of MkDocs. A site is
post-processed once (its math is TeX before, MathML after), so to run it on its own, for
example to work on the math without building again, build without it and keep a copy:

    SITEBUILD_NO_POSTPROCESS=1 .venv/bin/python -m mkdocs build --site-dir /tmp/raw
    cp -r /tmp/raw /tmp/site && .venv/bin/python -m sitebuild.postprocess /tmp/site
"""

from __future__ import annotations

import argparse
import functools
import logging
from pathlib import Path
from urllib.parse import urlsplit

from sitebuild import ROOT, notebook_download, search_index, serve_cache, typeset_math
from sitebuild.theme_material import asset_edits


def postprocess(
    site_dir: str | Path,
    site_url: str = "/",
    edit_groups=tuple(asset_edits.GROUPS),
    cache: Path | None = None,
):
    """Math typeset to MathML with its font, the search index rewritten, material's assets
    edited (the named groups of sitebuild/theme_material/asset_edits.py), the downloadable
    notebook made self-contained. A cache folder (mkdocs serve only, serve_cache.py) keeps
    formulas, the font and the asset edits whose inputs did not change."""
    site = Path(site_dir)
    typeset_math.typeset_site(site, urlsplit(site_url or "/").path or "/", cache)
    search_index.rewrite_index_file(site)
    if cache is None:
        asset_edits.apply(site, edit_groups)
    else:
        code = sorted((ROOT / "sitebuild" / "theme_material").glob("*.py"))
        edit = functools.partial(asset_edits.apply, groups=edit_groups)
        patterns = ["assets/**/*.min.js", "assets/**/*.min.css", "assets/**/*.map"]
        options = ",".join(edit_groups)
        serve_cache.replay_edits(cache / "asset-edits", site, patterns, code, edit, options)
    notebook_download.rewrite_downloads(site)  # the notebook a reader downloads runs alone


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m sitebuild.postprocess", description=__doc__)
    parser.add_argument("site_dir", type=Path)
    parser.add_argument("--site-url", default="/", help="the site's address (its path counts)")
    parser.add_argument(
        "--asset-edits",
        default=",".join(asset_edits.GROUPS),
        help=f"comma-separated groups of {list(asset_edits.GROUPS)}; empty for none",
    )
    args = parser.parse_args(argv)
    if "assets/math/font." in (args.site_dir / "index.html").read_text(encoding="utf-8"):
        parser.error(f"{args.site_dir} is post-processed already (its math is MathML)")
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(message)s")
    groups = [name for name in args.asset_edits.split(",") if name]
    postprocess(args.site_dir, args.site_url, groups)


if __name__ == "__main__":
    main()
