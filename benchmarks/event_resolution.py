"""Event resolution: pairwise merge precision/recall on the events fixture, and scaling.

Run: python benchmarks/event_resolution.py [--extractor rules]

1. Extracts facts from tests/fixtures/events/corpus.jsonl (each document reports one main
   event), resolves them, and counts document pairs put in one event of the main type
   against the truth in truth.json. Targets: precision >= 0.95, recall >= 0.85.
2. Resolves 5k and 50k synthetic facts and prints both times and their ratio (target < 10x).
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

from borderledger.extract import get_extractor
from borderledger.model import Document
from borderledger.resolve import FactRecord, near_duplicate_groups, resolve_events

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "events"


def pairwise(extractor_name: str) -> tuple[float, float, int, int]:
    docs = [json.loads(line) for line in (FIXTURE / "corpus.jsonl").read_text().splitlines() if line.strip()]
    truth = json.loads((FIXTURE / "truth.json").read_text())["events"]
    event_of = {d: e for e, spec in truth.items() for d in spec["docs"]}
    type_of = {d: spec["type"] for spec in truth.values() for d in spec["docs"]}
    groups = near_duplicate_groups({d["id"]: d["text"] for d in docs})
    extractor = get_extractor(extractor_name)
    records = []
    for d in docs:
        doc = Document(d["id"], d["text"], d.get("published"), d.get("title"), d.get("url"), d.get("outlet"))
        for n, fact in enumerate(extractor.extract(doc)):
            records.append(FactRecord(f"{d['id']}/{n}", d["id"], fact.type, fact.normalized_fields(),
                                      d.get("published"), groups[d["id"]],
                                      first_offset=fact.evidence[0].start))
    predicted = set()
    for event in resolve_events(records):
        main = [x for x in event.documents if type_of.get(x) == event.type]
        predicted |= {tuple(sorted(p)) for p in itertools.combinations(main, 2)}
    gold = {tuple(sorted(p)) for spec in truth.values() for p in itertools.combinations(spec["docs"], 2)}
    tp = len(predicted & gold)
    precision = tp / len(predicted) if predicted else 1.0
    recall = tp / len(gold) if gold else 1.0
    wrong = sorted(p for p in predicted - gold)
    for a, b in wrong:
        print(f"  false merge: {a} ({event_of.get(a)}) ~ {b} ({event_of.get(b)})")
    return precision, recall, len(predicted), len(gold)


def synthetic(n: int, seed: int = 7) -> list[FactRecord]:
    rng = random.Random(seed)
    receivers = ["SV", "HN", "GT", "MX", "PA", "CR", "VE", "CO", "EC", "SZ", "SS", "GH", "RW", "UG"]
    start = date(2019, 1, 1)
    out = []
    for i in range(n):
        day = start + timedelta(days=rng.randrange(0, 7 * 365))
        out.append(FactRecord(i, f"doc{i // 3}", "transfer", {
            "sender": "US", "receiver": rng.choice(receivers), "count": rng.randrange(20, 300),
            "date": day.isoformat() if rng.random() < 0.8 else day.isoformat()[:7]},
            (day + timedelta(days=1)).isoformat(), f"g{i // 3}", first_offset=i))
    return out


def scaling() -> tuple[float, float]:
    timings = []
    for n in (5_000, 50_000):
        best = float("inf")
        for _ in range(3):  # best of three, each on fresh records (nothing cached)
            facts = synthetic(n)
            t0 = time.perf_counter()
            resolve_events(facts)
            best = min(best, time.perf_counter() - t0)
        timings.append(best)
    return timings[0], timings[1]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--extractor", default="rules")
    args = ap.parse_args()
    p, r, npred, ngold = pairwise(args.extractor)
    print(f"pairwise merge precision {p:.3f}  recall {r:.3f}  ({npred} predicted pairs, {ngold} true)")
    t5, t50 = scaling()
    print(f"resolve 5k facts {t5:.2f}s, 50k facts {t50:.2f}s, ratio {t50 / t5:.1f}x (target < 10x)")
    ok = p >= 0.95 and r >= 0.85 and t50 / t5 < 10
    print("targets met" if ok else "targets NOT met")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
