"""Benchmark (not a test): Lighthouse, mobile preset, on every page of a fresh strict build.

    .venv/bin/python bench/bench_lighthouse.py [--site-dir DIR] [--pages / /matrix/ ...] [--runs N]

The built site is served on 127.0.0.1 the way a static host serves it: text responses
gzip-compressed (GitHub Pages does the same). Lighthouse (npm, pinned in package.json) drives
/usr/bin/chromium with its default mobile preset: simulated slow 4G and a 4x CPU slowdown. Prints
a markdown table with the four category scores, total blocking time, largest contentful paint,
cumulative layout shift and the page weight as transferred (compressed bytes), and whether each
budget (issue 9) is met.
Total blocking time varies by a few hundred milliseconds from run to run on the same build:
--runs N audits every page N times and reports the median of each number.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from helpers import LIGHTHOUSE, failed_audits, find_chromium, run_lighthouse  # noqa: E402

CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
COMPRESSIBLE = re.compile(r"^(text/|application/(javascript|json|xml|manifest))|svg\+xml")

# Issue 9: the budget every page must meet.
BUDGET = {
    "performance": 95,
    "accessibility": 100,
    "best-practices": 100,
    "seo": 100,
    "tbt_ms": 150,
    "lcp_ms": 2500,
    "cls": 0.02,
    "bytes": 600_000,
}


def configured_site_url() -> str:
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    default = re.search(r'^site_url: !ENV \[SITE_URL, "([^"]+)"\]', text, re.M)[1]
    return os.environ.get("SITE_URL") or default


class GzipSiteHandler(http.server.SimpleHTTPRequestHandler):
    """A static host: gzip for text when the client accepts it."""

    def send_head(self):
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            if not self.path.split("?", 1)[0].endswith("/"):
                return super().send_head()  # the redirect to the trailing slash
            path = os.path.join(path, "index.html")
        ctype = self.guess_type(path)
        accepts_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not os.path.isfile(path) or not accepts_gzip:
            return super().send_head()
        body = Path(path).read_bytes()
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        if accepts_gzip and COMPRESSIBLE.search(ctype):
            body = gzip.compress(body, compresslevel=6, mtime=0)
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        return _BytesBody(body)

    def log_message(self, format, *args):
        pass


class _BytesBody:
    def __init__(self, data: bytes):
        self.data = data

    def read(self, *args):
        data, self.data = self.data, b""
        return data

    def close(self):
        pass


def serve(site_dir: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Starts a server for site_dir in a thread; returns it and its base URL (no slash)."""
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(GzipSiteHandler, directory=str(site_dir))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_port}"


def summarize(lhr: dict) -> dict:
    audits = lhr["audits"]
    row = {c: round(100 * (lhr["categories"][c]["score"] or 0)) for c in CATEGORIES}
    row["tbt_ms"] = audits["total-blocking-time"]["numericValue"]
    row["lcp_ms"] = audits["largest-contentful-paint"]["numericValue"]
    row["cls"] = audits["cumulative-layout-shift"]["numericValue"]
    row["bytes"] = audits["total-byte-weight"]["numericValue"]
    row["failed"] = {c: failed_audits(lhr, c) for c in CATEGORIES}
    return row


def median_row(rows: list[dict]) -> dict:
    """Each number the median over the runs; the audits that cost points, from every run."""
    row = {key: statistics.median(r[key] for r in rows) for key in rows[0] if key != "failed"}
    row["failed"] = {c: sorted({a for r in rows for a in r["failed"][c]}) for c in CATEGORIES}
    return row


def meets(key: str, value: float) -> bool:
    limit = BUDGET[key]
    return value >= limit if key in CATEGORIES else value <= limit


def sitemap_pages(site_dir: Path) -> list[str]:
    text = (site_dir / "sitemap.xml").read_text(encoding="utf-8")
    base = configured_site_url()
    return ["/" + loc.removeprefix(base) for loc in re.findall(r"<loc>([^<]+)</loc>", text)]


def build(out: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(out)],
        cwd=ROOT,
        check=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )


def table(rows: dict[str, dict]) -> str:
    def cell(key, value, text):
        return text if meets(key, value) else f"**{text}** ✗"

    lines = [
        "| page | perf | a11y | best pr. | SEO | TBT ms | LCP s | CLS | KB (gzip) | budget |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for page, r in rows.items():
        missed = [k for k in BUDGET if not meets(k, r[k])]
        lines.append(
            "| "
            + " | ".join(
                [
                    f"`{page}`",
                    *(cell(c, r[c], f"{r[c]:g}") for c in CATEGORIES),
                    cell("tbt_ms", r["tbt_ms"], f"{r['tbt_ms']:.0f}"),
                    cell("lcp_ms", r["lcp_ms"], f"{r['lcp_ms'] / 1000:.2f}"),
                    cell("cls", r["cls"], f"{r['cls']:.3f}"),
                    cell("bytes", r["bytes"], f"{r['bytes'] / 1000:.0f}"),
                    "met" if not missed else "missed: " + ", ".join(missed),
                ]
            )
            + " |"
        )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site-dir", type=Path, help="an existing build (default: build now)")
    parser.add_argument("--pages", nargs="*", help="URL paths (default: every page in sitemap)")
    parser.add_argument("--runs", type=int, default=1, help="audits per page; the median is shown")
    args = parser.parse_args()
    if find_chromium() is None or not LIGHTHOUSE.exists():
        print("skipped: needs Chromium (apt-get install chromium) and lighthouse (`npm ci`)")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        site_dir = args.site_dir
        if site_dir is None:
            site_dir = Path(tmp) / "site"
            build(site_dir)
        server, base = serve(site_dir)
        rows = {}
        try:
            for page in args.pages or sitemap_pages(site_dir):
                runs = [
                    summarize(run_lighthouse(base + page, CATEGORIES)) for _ in range(args.runs)
                ]
                rows[page] = median_row(runs)
                print(f"  {page}: done", file=sys.stderr, flush=True)
        finally:
            server.shutdown()
    print(
        "Lighthouse mobile preset (simulated slow 4G, 4x CPU slowdown), "
        f"{'one run' if args.runs == 1 else f'median of {args.runs} runs'} per page. "
        "Bytes: total transferred, gzip-compressed as served. ✗ marks a missed budget "
        "(perf >= 95, a11y/best practices/SEO = 100, TBT <= 150 ms, LCP <= 2.5 s, CLS <= 0.02, "
        "<= 600 KB).\n"
    )
    print(table(rows))
    lost = {
        f"{page} {cat}": ids
        for page, r in rows.items()
        for cat, ids in r["failed"].items()
        if ids and cat != "performance"
    }
    if lost:
        print("\nAudits that cost points:")
        for key, ids in lost.items():
            print(f"- {key}: {', '.join(ids)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
