"""Parallel extraction gives exactly what serial extraction gives."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from borderledger.ledger import Ledger
from borderledger.pipeline import extract_all, ingest

pytest.importorskip("dask.bag")
DEMO = Path(__file__).resolve().parents[1] / "samples" / "demo" / "corpus.jsonl"


def _current(lg):
    return sorted(json.dumps([doc, f.type, f.fields, [(e.start, e.end) for e in f.evidence]],
                             sort_keys=True) for doc, f in lg.current_facts())


def test_dask_processes_match_serial_extraction(tmp_path):
    from borderledger.extract import get_extractor

    extractor = get_extractor("rules")
    with Ledger(str(tmp_path / "l.db")) as lg:
        ingest(lg, [DEMO], extractor=extractor)
        serial = _current(lg)
        report = extract_all(lg, extractor, workers=2)
        assert report.documents == 20 and serial
        assert _current(lg) == serial
        assert lg.stats()["runs"] == 2


def test_dask_cluster_address(tmp_path):
    distributed = pytest.importorskip("distributed")
    from borderledger.extract import get_extractor

    extractor = get_extractor("rules")
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster, \
            Ledger(str(tmp_path / "l.db")) as lg:
        ingest(lg, [DEMO], extractor=extractor)
        serial = _current(lg)
        extract_all(lg, extractor, scheduler=cluster.scheduler_address)
        assert _current(lg) == serial
