"""Where the site lives and where its source is: SITE_URL and REPO_URL (mkdocs.yml, ``!ENV``).

- ``SITE_URL`` (default ``LOCAL_SITE_URL``, what ``make serve`` serves) is the address every
  canonical link, the sitemap, the link-preview tags and the copied step links are built from. A
  build outside ``mkdocs serve`` with the default says so: a warning on GitHub Actions (a strict
  build stops there, so a deploy never publishes local addresses), an info line elsewhere.
- ``REPO_URL`` (default: none) gives each page material's links to its source (``repo_url``,
  ``edit_uri``) and, for a GitHub repository, the notebook page an "Open in Colab" link. Unset,
  no repository link, edit link or Colab link is published.

The Colab link opens the self-contained notebook (sitebuild/notebook_download.py) that the Pages
workflow pushes to the branch COLAB_BRANCH of the repository: the notebook in docs/ imports
snippets/, which Colab does not have.
"""

from __future__ import annotations

import logging
import os
import re

log = logging.getLogger("mkdocs.hooks.site_address")

LOCAL_SITE_URL = "http://127.0.0.1:8000/"
COLAB_BRANCH = "colab-notebook"
COLAB_NOTEBOOK = "notebook.ipynb"
GITHUB_REPO = re.compile(r"^https://github\.com/(?P<owner>[\w.-]+)/(?P<repo>[\w.-]+?)(?:\.git)?/?$")
DOWNLOAD_BUTTON = re.compile(r'<a class="md-button" download="[^"]*" href="[^"]*\.ipynb">.*?</a>')


def configure(config, serving: bool = False) -> None:
    """Normalise the two settings; no edit link without a repository; warn on the default."""
    if not config.repo_url:
        config.repo_url = config.repo_name = config.edit_uri = None
    elif match := GITHUB_REPO.match(config.repo_url):
        config.repo_name = f"{match['owner']}/{match['repo']}"  # not MkDocs' plain "GitHub"
    if not config.site_url:
        raise ValueError("site_url is empty: set SITE_URL to the published address, or unset it")
    if not config.site_url.endswith("/"):
        config.site_url += "/"
    if config.site_url == LOCAL_SITE_URL and not serving:
        message = (
            f"SITE_URL is not set: canonical links, the sitemap, link previews and copied step "
            f"links point to {LOCAL_SITE_URL}. Set SITE_URL to the published address."
        )
        if os.environ.get("GITHUB_ACTIONS") == "true":
            log.warning(message)
        else:
            log.info(message)


def colab_url(repo_url: str | None) -> str | None:
    match = GITHUB_REPO.match(repo_url or "")
    if not match:
        return None
    owner, repo = match["owner"], match["repo"]
    return (
        f"https://colab.research.google.com/github/{owner}/{repo}/blob/"
        f"{COLAB_BRANCH}/{COLAB_NOTEBOOK}"
    )


def add_colab_link(html: str, repo_url: str | None) -> str:
    """After the notebook page's download button, a button that opens the notebook in Colab."""
    url = colab_url(repo_url)
    if url is None:
        return html
    button = f'<a class="md-button" href="{url}" rel="noopener">Open in Colab</a>'
    new, count = DOWNLOAD_BUTTON.subn(lambda m: f"{m[0]}\n{button}", html, count=1)
    if count != 1:
        raise ValueError("the notebook page has no download button to put the Colab link beside")
    return new
