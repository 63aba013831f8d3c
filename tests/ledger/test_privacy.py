from __future__ import annotations

import json
from pathlib import Path

from borderledger.cli import app
from borderledger.extract.persons import find_persons
from borderledger.ledger import Ledger, Run
from borderledger.ledger.privacy import MASK, mask_text, masker, people, set_public
from borderledger.model import Fact, RawSource, Span

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "private_names"
TEXT = ("Judge Harriet Cole heard the case of Rafael Ignacio Soto, a cook flown to El Salvador "
        "in March. Soto v. Noem is pending.")


def _add(lg: Ledger, text: str = TEXT, doc: str = "p1") -> None:
    i = text.index("Rafael")
    fact = Fact("legal_action", {"forum": "us_district_court", "action": "hearing",
                                 "case": "Soto v. Noem", "judge": "Cole"},
                [Span.of(text, 0, i + len("Rafael Ignacio Soto"))])
    lg.add_source(RawSource(text.encode(), "text/plain", corpus_id=doc), text, "given",
                  facts=[fact], run=Run("t", "1"), mentions=find_persons(text))


def test_mask_keeps_length_and_spaces():
    assert mask_text("said Ana Cruz today", [(5, 13)]) == f"said {MASK * 3} {MASK * 4} today"
    assert mask_text("Cruz today", [(5, 13)], offset=9) == f"{MASK * 4} today"


def test_private_names_are_masked_and_officials_are_not(ledger):
    _add(ledger)
    (doc_row, _), = list(ledger.documents())
    masked = masker(ledger).mask(doc_row, TEXT)
    assert len(masked) == len(TEXT)
    assert "Rafael" not in masked and "Soto" not in masked and "Ignacio" not in masked
    assert "Harriet Cole" in masked and "Noem" in masked


def test_a_reviewer_can_make_a_person_public(ledger):
    _add(ledger)
    (person,) = people(ledger, private_only=True)
    assert person["name"] == "Rafael Ignacio Soto"
    set_public(ledger, person["key"], True, "rita", reason="named himself in court filings")
    (doc_row, _), = list(ledger.documents())
    assert masker(ledger).mask(doc_row, TEXT) == TEXT
    assert people(ledger, private_only=True) == []


def test_public_export_masks_quotes_and_case_names(runner, tmp_path):
    db = tmp_path / "l.db"
    with Ledger(str(db)) as lg:
        _add(lg)
    full, public = tmp_path / "full.jsonl", tmp_path / "public.jsonl"
    assert runner.invoke(app, ["export", "facts", "--db", str(db), "-o", str(full)]).exit_code == 0
    assert runner.invoke(app, ["export", "facts", "--db", str(db), "-o", str(public),
                               "--public"]).exit_code == 0
    assert "Rafael Ignacio Soto" in full.read_text()
    line = json.loads(public.read_text())
    assert "Rafael" not in public.read_text() and "Soto" not in public.read_text()
    assert line["judge"] == "Cole" and line["case"].endswith(" v. Noem")
    ev = line["evidence"][0]
    assert len(ev["quote"]) == ev["end"] - ev["start"]


def test_fixture_names_never_reach_a_public_export(runner, tmp_path):
    names = json.loads((FIXTURE / "names.json").read_text())
    db = tmp_path / "l.db"
    with Ledger(str(db)) as lg:
        for line in (FIXTURE / "corpus.jsonl").read_text().splitlines():
            rec = json.loads(line)
            _add(lg, rec["text"] + " " + TEXT, rec["id"])
    out = tmp_path / "public.jsonl"
    runner.invoke(app, ["export", "facts", "--db", str(db), "-o", str(out), "--public"])
    exported = out.read_text()
    for name in names["private"]:
        assert name not in exported
        assert not any(part in exported for part in name.split() if len(part) > 3)
