"""Throughput of the relevance pre-filter against a plain ``bytes.count`` scan.

    .venv/bin/python benchmarks/prefilter_speed.py [MEGABYTES]   (default 100)

Generates news-like text (common English words, with place names and trigger words mixed
in at about the rate of a news wire), cuts it into ~5 KB documents, and times
``Prefilter.screen`` over every document (the real use: one verdict per page). Beside it,
the MB/s of ``bytes.count`` for one keyword over the same bytes: the practical ceiling of
any scan in CPython.
"""

from __future__ import annotations

import random
import sys
import time

from borderledger.extract.prefilter import load_prefilter

COMMON = ("the of and to in a said on for that with was were by at from as his her their "
          "officials government people week city court report police statement minister "
          "plans new year two three after before during told members public office country "
          "local health market school water power company price rain team match season "
          "policy justice ministry ice chad turkey").split()
SIGNAL = ("deported deportation asylum migrants border Honduras Guatemalan El Salvador "
          "detention ICE Mexico refugees Panama removal flight Venezuelans CBP").split()


def generate(megabytes: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    words = COMMON * 40 + SIGNAL  # ~1 signal word in 100
    docs, total, target = [], 0, megabytes * 1_000_000
    while total < target:
        text = " ".join(rng.choices(words, k=850)) + "."
        docs.append(text)
        total += len(text)
    return docs


def main() -> None:
    megabytes = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    t = time.perf_counter()
    docs = generate(megabytes)
    size = sum(len(d) for d in docs) / 1e6
    print(f"generated {size:.0f} MB in {len(docs):,} documents ({time.perf_counter() - t:.1f} s)")
    prefilter = load_prefilter()
    print(f"pre-filter: {prefilter.size} terms")

    t = time.perf_counter()
    relevant = sum(prefilter.screen(d).relevant for d in docs)
    pf = time.perf_counter() - t

    blob = "\n".join(docs).encode()
    t = time.perf_counter()
    count = blob.count(b"deport")
    bc = time.perf_counter() - t

    print(f"pre-filter   {size / pf:8.1f} MB/s  ({pf:.2f} s, {relevant:,} of {len(docs):,} "
          f"documents relevant)")
    print(f"bytes.count  {size / bc:8.1f} MB/s  ({bc:.3f} s, {count:,} hits of one keyword)")
    print(f"the pre-filter runs at {100 * bc / pf:.1f}% of the bytes.count ceiling")


if __name__ == "__main__":
    main()
