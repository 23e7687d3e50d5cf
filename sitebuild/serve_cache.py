"""The edit loop of `mkdocs serve`: work whose inputs did not change is kept between rebuilds.

Only sitebuild/hooks.py's serve builds pass a cache folder (``FOLDER``) to the build code; under
`mkdocs build` (make build, make test, CI) it is None and every step runs from scratch, so no
cache can hide an error there. Everything kept is on disk under .cache/serve/: hooks.py reloads
the sitebuild modules before each rebuild, which would reset anything kept in their globals.

- ``keyed_folder``: a folder named after the inputs of what it holds, made once per key; the
  figures, the math font and the notebook's outputs are kept in such folders.
- ``replay_edits``: a step that rewrites files of the built site (material's asset edits:
  seconds, most of it shifting the bundle's source map) runs once per input; `mkdocs serve`
  copies the theme's assets afresh on every rebuild, and the kept result is written instead.
- ``text_once``: a pure function of text (the notebook page's CSS trim), computed once per input.
- ``keep_template_bytecode``: MkDocs makes a new Jinja environment on every rebuild, which
  compiled material's templates again; Jinja's own bytecode cache keeps them, checked against
  each template's source by Jinja itself.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Callable, Iterable
from pathlib import Path

import jinja2

from sitebuild import ROOT

FOLDER = ROOT / ".cache" / "serve"
DONE = ".complete"


def digest_of(*parts: bytes) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(hashlib.sha256(part).digest())
    return digest.hexdigest()[:16]


def write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    tmp.replace(path)


def keyed_folder(
    cache: Path, key: str, make: Callable[[Path], None], keep: int = 1
) -> tuple[Path, bool]:
    """cache/<key>, filled by make(folder) unless a complete one is there, and whether it was
    made now. Only the `keep` most recently used folders of cache stay."""
    folder = cache / key
    made = not (folder / DONE).exists()
    if made:
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        make(folder)
        (folder / DONE).touch()
    os.utime(folder)  # the most recently used
    for stale in sorted(cache.iterdir(), key=lambda p: p.stat().st_mtime, reverse=True)[keep:]:
        shutil.rmtree(stale, ignore_errors=True)
    return folder, made


def replay_edits(
    cache: Path,
    site_dir: str | Path,
    patterns: Iterable[str],
    code: Iterable[Path],
    step: Callable[[Path], None],
    options: str = "",
) -> None:
    """step(site_dir), which may rewrite the site's files matching patterns; its result is kept
    under cache/<key>, the key being those files' bytes, the code's (paths) and options, and
    written again on the next rebuild with the same key instead of running the step."""
    site = Path(site_dir)
    files = sorted({path for pattern in patterns for path in site.glob(pattern)})
    before = {path: path.read_bytes() for path in files}
    parts = [options.encode()]
    for path in files:
        parts += [path.relative_to(site).as_posix().encode(), before[path]]
    parts += [path.read_bytes() for path in code]

    def run_and_keep(folder: Path) -> None:
        step(site)
        for path in files:
            if path.read_bytes() != before[path]:
                write_atomically(folder / path.relative_to(site), path.read_bytes())

    folder, made = keyed_folder(cache, digest_of(*parts), run_and_keep)
    if not made:
        for kept in folder.rglob("*"):
            if kept.is_file() and kept.name != DONE:
                (site / kept.relative_to(folder)).write_bytes(kept.read_bytes())


def text_once(cache: Path | None, compute: Callable[[], str], *key: str, keep: int = 8) -> str:
    """compute(), computed once per distinct key (the texts it depends on); the latest `keep`
    results are kept in cache. With no cache (mkdocs build), computed every time."""
    if cache is None:
        return compute()
    path = cache / f"{digest_of(*(part.encode() for part in key))}.txt"
    if path.exists():
        path.touch()  # the most recently used
        return path.read_text(encoding="utf-8")
    result = compute()
    write_atomically(path, result.encode())
    kept = sorted(cache.glob("*.txt"), key=lambda p: p.stat().st_mtime, reverse=True)
    for stale in kept[keep:]:
        stale.unlink(missing_ok=True)
    return result


def keep_template_bytecode(env: jinja2.Environment, cache: Path) -> jinja2.Environment:
    cache.mkdir(parents=True, exist_ok=True)
    env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(cache))
    return env
