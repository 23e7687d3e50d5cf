"""Under `mkdocs serve` (a cache folder given, serve_cache.py): formulas typeset only when new,
the math font cut again only when the characters it draws changed.

The MathML of a formula depends on its TeX, the display flag, tools/typeset.mjs (MathJax's
options and the spacing it writes out) and the MathJax release in package-lock.json. One cache
file per (typeset.mjs, package-lock.json) holds the MathML of each (TeX, display) typeset without
error; a formula MathJax rejects is never cached, so its error is reported on every rebuild.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

from sitebuild import ROOT
from sitebuild.serve_cache import digest_of, keyed_folder, write_atomically

INPUTS = (ROOT / "tools" / "typeset.mjs", ROOT / "package-lock.json")

Item = tuple[str, bool]
Typeset = Callable[[list[Item]], dict]


def typeset_new(items: list[Item], typeset: Typeset, cache: Path, inputs=INPUTS) -> dict:
    """typeset(items)'s result, typesetting only the items the cache does not hold."""
    path = cache / f"{digest_of(*(p.read_bytes() for p in inputs))}.json"
    known: dict[str, str] = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    key = json.dumps
    missing = [item for item in items if key(item) not in known]
    errors: dict[str, str] = {}
    if missing:
        result = typeset(missing)
        failed = {number: message for number, message in result["errors"]}
        for number, (item, markup) in enumerate(zip(missing, result["mathml"], strict=True)):
            if number in failed:
                errors[key(item)] = failed[number]
            known[key(item)] = markup
        for stale in cache.glob("*.json"):
            if stale != path:
                stale.unlink()
        kept = {k: v for k, v in known.items() if k not in errors}
        write_atomically(path, json.dumps(kept).encode())
    return {
        "mathml": [known[key(item)] for item in items],
        "errors": [[n, errors[key(item)]] for n, item in enumerate(items) if key(item) in errors],
    }


Publish = Callable[[list[str], Path], tuple[str, str]]


def publish_font_once(
    formulas: list[str], out_dir: Path, publish: Publish, chars: set[str], inputs, cache: Path
) -> tuple[str, ...]:
    """publish(formulas, out_dir)'s file names; the font is cut again only when the characters
    it must draw (chars), the font or the code (inputs: paths) changed."""
    key = digest_of("".join(sorted(chars)).encode(), *(p.read_bytes() for p in inputs))

    def cut_font(folder: Path) -> None:
        write_atomically(folder / "names.json", json.dumps(publish(formulas, folder)).encode())

    folder, _ = keyed_folder(cache, key, cut_font)
    out_dir.mkdir(parents=True, exist_ok=True)
    kept = json.loads((folder / "names.json").read_text(encoding="utf-8"))
    for name in kept:
        shutil.copyfile(folder / name, out_dir / name)
    return tuple(kept)
