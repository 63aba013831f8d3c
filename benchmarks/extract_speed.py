"""Throughput of the rules extractor on one core.

    python benchmarks/extract_speed.py [--mb 2.0]

Builds at least ``--mb`` megabytes of text by repeating the shared dev corpus
(``../shared/eval/dev/corpus.jsonl`` relative to the project root) plus any
``samples/*.jsonl`` in the project, runs ``RulesExtractor`` over every document in
this process, and prints docs/s and MB/s. Each repetition gets a distinct id and a
marker line so no per-text cache can short-cut the work. Besides the raw rates it
reports docs/s normalised to 600-word documents (docs/s × words per doc / 600), the
unit of the project's throughput target (>= 200 docs/s on one core).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from borderledger.extract.rules import RulesExtractor  # noqa: E402
from borderledger.model import Document  # noqa: E402


def load_rows() -> list[dict]:
    paths = [ROOT.parent / "shared" / "eval" / "dev" / "corpus.jsonl", *sorted((ROOT / "samples").glob("*.jsonl"))]
    rows = []
    for p in paths:
        if not p.exists():
            continue
        for line in p.read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if not line:
                continue
            try:
                r = json.loads(line)
            except json.JSONDecodeError:
                continue
            if isinstance(r, dict) and isinstance(r.get("text"), str) and r["text"].strip():
                rows.append(r)
    return rows


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=2.0, help="minimum megabytes of text to process")
    ap.add_argument("--target", type=float, default=200.0, help="docs/s at 600 words/doc to reach")
    a = ap.parse_args()
    rows = load_rows()
    if not rows:
        print("no corpus found")
        return 1
    docs: list[Document] = []
    size = 0
    rep = 0
    while size < a.mb * 1_000_000:
        for r in rows:
            text = f"{r['text']}\n(copy {rep})"
            docs.append(Document(f"{r.get('id', 'doc')}-{rep}", text, r.get("published"), r.get("title")))
            size += len(text.encode("utf-8"))
        rep += 1
    ex = RulesExtractor()
    ex.extract(docs[0])  # warm-up: loads data files once
    words = sum(len(d.text.split()) for d in docs)
    t0, c0 = time.perf_counter(), time.process_time()
    n_facts = 0
    for d in docs:
        n_facts += len(ex.extract(d))
    dt = time.perf_counter() - t0
    cpu = time.process_time() - c0
    wpd = words / len(docs)
    norm_wall = len(docs) / dt * wpd / 600
    norm_cpu = len(docs) / cpu * wpd / 600
    print(f"{len(docs)} docs, {size / 1e6:.2f} MB, {wpd:.0f} words/doc, {n_facts} facts")
    print(f"raw:        {len(docs) / dt:.1f} docs/s  {size / 1e6 / dt:.2f} MB/s  ({dt:.2f} s wall, one core)")
    print(f"raw (CPU):  {len(docs) / cpu:.1f} docs/s  {size / 1e6 / cpu:.2f} MB/s  ({cpu:.2f} s CPU)")
    print(f"normalised to 600 words/doc: {norm_wall:.1f} docs/s wall, {norm_cpu:.1f} docs/s CPU "
          f"(target >= {a.target:.0f}: {'OK' if norm_cpu >= a.target else 'BELOW'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
