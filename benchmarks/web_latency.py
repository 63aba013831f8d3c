"""Web latency on a synthetic SQLite ledger of 100k facts (FastAPI TestClient, in-process).

    .venv/bin/python benchmarks/web_latency.py [--facts 100000] [--runs 40] [--db PATH]

Builds the ledger (unless --db names an existing one built by this script), groups its facts
into events (``resolve``), then prints p50/p95 per page. "write" changes the ledger (a fact
reviewed, through ``ledger.review``) before every request, so every cache is stale; "cold"
only clears the aggregate cache; "warm" is the common case of many reads between writes.
Target: p95 < 100 ms.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
import warnings
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import func, insert, select, text

from borderledger.ledger import Ledger
from borderledger.ledger.tables import (
    DocumentExtractionRow, DocumentRow, EvidenceRow, ExtractionRunRow, FactRow, SourceRow,
)

RECEIVERS = ["SV", "CR", "PA", "GT", "HN", "MX", "CU", "SS", "ES", "UG", "RW", "XK", "EC", "PY"]
NATIONALITIES = ["VE", "CN", "IN", "AF", "IR", "UZ", "RU", "SV", "HN", "GT", "CU", "HT", "NI"]
OUTLETS = ["Harbor Courier", "Central Wire", "Isthmus Daily", "Frontera Post", "Andes Ledger"]
WORDS = ("deportation flight court ruling migrants agreement border detention centre officials "
         "government minister said week judge appeal prison hotel camp troops patrol asylum "
         "removal stopover payment million dollars families children lawyers rights").split()
FACILITIES = ["CECOT", "CATEM", "Decapolis hotel", "Guantanamo Bay", "Darien camp", None]


def _fields(rng: random.Random, type_: str, day: str) -> dict:
    cc = rng.choice(RECEIVERS)
    date = rng.choice([day, day[:7], None])
    if type_ == "transfer":
        return {"sender": "US", "receiver": cc, "via": rng.choice([None] * 9 + ["PA"]),
                "count": rng.choice([None, rng.randint(5, 400)]), "count_kind": "exact",
                "nationalities": rng.sample(NATIONALITIES, rng.randint(0, 3)), "date": date,
                "status": rng.choice(["occurred", "planned", "blocked"]),
                "facility": rng.choice(FACILITIES), "authority": None}
    if type_ == "arrangement":
        return {"parties": sorted({"US", cc}), "kind": rng.choice(
            ["transit", "third_country_reception", "detention", "safe_third_country"]),
            "status": rng.choice(["proposed", "agreed", "in_force"]), "date": date,
            "payment_usd": rng.choice([None, None, None, 6000000])}
    if type_ == "detention":
        return {"country": cc, "facility": rng.choice(FACILITIES), "count": None,
                "count_kind": "unknown", "nationalities": [], "date": date,
                "funded_by": rng.choice([None, "US"])}
    if type_ == "legal_action":
        return {"forum": rng.choice(["us_district_court", "iachr", "national_court"]),
                "action": rng.choice(["filed", "order", "ruling"]), "respondent": ["US"],
                "case": None, "judge": None, "date": date}
    return {"country": cc, "measure": "troop_deployment", "count": rng.randint(100, 10000),
            "date": date, "requested_by": "US"}


def build(path: Path, n_facts: int, facts_per_doc: int = 5, seed: int = 7) -> None:
    """Insert sources, documents, one run and facts with evidence through the ORM tables.

    The web's derived tables (fact_meta, fact_countries, doc_fts) are filled by the
    database triggers of migration 0002_web, exactly as for any other writer.
    """
    rng = random.Random(seed)
    ledger = Ledger(str(path))
    n_docs = n_facts // facts_per_doc
    start = datetime(2024, 1, 1)
    t0 = time.perf_counter()
    types = ["transfer"] * 5 + ["arrangement"] * 2 + ["detention", "legal_action", "enforcement"]
    with ledger.engine.begin() as c:
        run_id = c.execute(insert(ExtractionRunRow).values(
            extractor="synthetic", version="1", started_at=start, n_documents=n_docs,
            n_facts=n_facts)).inserted_primary_key[0]
        batch = 1000
        for b in range(0, n_docs, batch):
            sources, docs, dex, facts, evidence = [], [], [], [], []
            for i in range(b, min(b + batch, n_docs)):
                day = (start + timedelta(days=rng.randint(0, 700))).strftime("%Y-%m-%d")
                receiver = rng.choice(RECEIVERS)
                lead = (f"A flight carrying {rng.randint(5, 300)} deported migrants landed in "
                        f"{receiver} on {day}, officials said.")
                body = " ".join(rng.choice(WORDS) for _ in range(rng.randint(120, 260)))
                text = f"{lead}\n\n{body}."
                sources.append({"id": i + 1, "sha256": f"{i:064x}", "media_type": "text/plain",
                                "size": len(text), "corpus_id": f"syn-{i}",
                                "url": f"https://example.org/{i}",
                                "outlet": rng.choice(OUTLETS), "title": f"Report {i}: {lead[:60]}",
                                "published": day, "retrieved_at": start})
                docs.append({"id": i + 1, "source_id": i + 1, "text": text,
                             "text_sha256": f"{i:064x}", "converter": "given",
                             "created_at": start})
                dex.append({"run_id": run_id, "document_id": i + 1, "n_facts": facts_per_doc})
                for k in range(facts_per_doc):
                    fid = i * facts_per_doc + k + 1
                    type_ = rng.choice(types)
                    facts.append({"id": fid, "run_id": run_id, "document_id": i + 1,
                                  "type": type_, "fields": _fields(rng, type_, day),
                                  "status": rng.choice(["proposed"] * 8 + ["confirmed",
                                                                            "rejected"]),
                                  "extractor": "synthetic", "extractor_version": "1",
                                  "confidence": 0.5, "rule": "synthetic", "created_at": start})
                    # one offset per fact: resolution names facts by document, key and offset
                    evidence.append({"fact_id": fid, "document_id": i + 1, "start": k,
                                     "end": len(lead), "quote": lead[k:]})
            c.execute(insert(SourceRow), sources)
            c.execute(insert(DocumentRow), docs)
            c.execute(insert(DocumentExtractionRow), dex)
            c.execute(insert(FactRow), facts)
            c.execute(insert(EvidenceRow), evidence)
    with ledger.engine.connect() as c:
        n = c.scalar(select(func.count()).select_from(FactRow))
    print(f"built {n:,} facts in {n_docs:,} documents in {time.perf_counter() - t0:.1f} s "
          f"→ {path}", file=sys.stderr)
    t0 = time.perf_counter()
    from borderledger.ledger.resolution import resolve

    events = resolve(ledger)
    print(f"resolved {len(events):,} events in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    ledger.close()


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


def measure(path: Path, runs: int, n_facts: int) -> None:
    from fastapi.testclient import TestClient

    from borderledger.web import create_app

    from borderledger.ledger import queries
    from borderledger.ledger.review import review

    app = create_app(str(path))
    client = TestClient(app)
    ledger = app.state.ledger
    rng = random.Random(1)
    with ledger.engine.connect() as c:
        event_ids = c.execute(text("SELECT id FROM events ORDER BY id LIMIT 2000")).scalars().all()
    flips = iter(range(1, n_facts + 1, 97))

    def write():
        """A reviewer reopens or confirms some fact: triggers fire, caches go stale."""
        fact_id = next(flips)
        status = queries.fact(ledger, fact_id, ("proposed", "confirmed", "rejected"),
                              reveal=True)["status"]
        review(ledger, fact_id, "reopen" if status == "confirmed" else "confirm", "bench")

    pages = {
        "overview /": lambda: "/",
        "dossier /country/US (most facts)": lambda: "/country/US",
        "dossier /country/<random>": lambda: f"/country/{rng.choice(RECEIVERS)}",
        "fact /fact/<random>": lambda: f"/fact/{rng.randint(1, n_facts)}",
        "source /source/<random>": lambda: f"/source/{rng.randint(1, n_facts // 5)}",
        "timeline /timeline?type&country": lambda: "/timeline?type=transfer&country=SV",
        "search (common word)": lambda: "/search?q=deported",
        "search (rare words)": lambda: f"/search?q=Report+{rng.randint(1, n_facts // 5)}",
        "search + facet": lambda: "/search?q=hotel+camp&type=detention&country=CR",
        "api /api/facts?country": lambda: "/api/facts?country=PA&limit=100",
        "event /event/<random>": lambda: f"/event/{rng.choice(event_ids)}",
        "dossier US, events page 5": lambda: "/country/US?events=40",
        "api /api/events?country&min_sources": lambda: "/api/events?country=SV&min_sources=2",
    }
    print(f"{'page':38} {'mode':5} {'p50 ms':>8} {'p95 ms':>8}")
    for name, url in pages.items():
        for mode in ("write", "cold", "warm"):
            client.get(url())  # warm the code path
            times = []
            for _ in range(runs):
                if mode == "write":
                    write()
                if mode == "cold":
                    ledger.__dict__.pop("_web_cache", None)
                u = url()
                t = time.perf_counter()
                r = client.get(u)
                times.append((time.perf_counter() - t) * 1000)
                if r.status_code not in (200, 404):
                    raise SystemExit(f"{u}: HTTP {r.status_code}")
            print(f"{name:38} {mode:5} {statistics.median(times):8.1f} "
                  f"{percentile(times, 95):8.1f}")
    app.state.ledger.close()


def main() -> None:
    warnings.simplefilter("ignore")
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--facts", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--db", help="ledger file (reused if it exists)")
    args = parser.parse_args()
    tmp = None
    if args.db:
        path = Path(args.db)
    else:
        tmp = tempfile.TemporaryDirectory()
        path = Path(tmp.name) / "bench.db"
    if not path.exists():
        build(path, args.facts)
    measure(path, args.runs, args.facts)
    if tmp:
        tmp.cleanup()


if __name__ == "__main__":
    main()
