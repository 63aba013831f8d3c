from __future__ import annotations

from borderledger.cli import app
from borderledger.extract.persons import find_persons
from borderledger.ledger import Ledger, Run
from borderledger.ledger.entities import list_matches, review_match
from borderledger.ledger.privacy import masker
from borderledger.ledger.resolution import resolve
from borderledger.model import Fact, RawSource, Span

TEXTS = {
    "a": ("Officials said 238 men were flown to El Salvador and taken to Cecot on Sunday. "
          "Nayib Buekele posted a video.", "Cecot"),
    "b": ("A US flight took 240 Venezuelans to the Terrorism Confinement Center on Sunday.",
          "Terrorism Confinement Center"),
}


def _fill(lg):
    run = Run("t", "1")
    for doc, (text, facility) in TEXTS.items():
        fact = Fact("transfer", {"sender": "US", "receiver": "SV", "count": 238 if doc == "a" else 240,
                                 "date": "2025-03-16", "facility": facility}, [Span.of(text, 0, 30)])
        lg.add_source(RawSource(text.encode(), "text/plain", corpus_id=doc, published="2025-03-17"),
                      text, "given", facts=[fact], run=run, mentions=find_persons(text))


def test_facility_spellings_become_one_event(ledger):
    _fill(ledger)
    (event,) = resolve(ledger)
    assert event.documents == ["a", "b"]
    assert [v["value"] for v in event.field_values()["facility"]] == ["CECOT"]


def test_a_misspelled_official_is_recognised_and_not_masked(ledger):
    _fill(ledger)
    doc_rows = {doc.id: row for row, doc in ledger.documents()}
    text = TEXTS["a"][0]
    assert "Nayib Buekele" in masker(ledger).mask(doc_rows["a"], text)
    (fuzzy,) = list_matches(ledger, fuzzy_only=True)
    assert (fuzzy.surface, fuzzy.entity_name, fuzzy.status) == ("Nayib Buekele", "Nayib Bukele", "proposed")


def test_a_rejected_match_is_not_applied_again(ledger):
    _fill(ledger)
    resolve(ledger)
    cecot = next(m for m in list_matches(ledger) if m.surface == "Cecot")
    review_match(ledger, cecot.id, "rejected", "rita", "a different prison")
    assert len(resolve(ledger)) == 2


def test_entities_cli(runner, tmp_path):
    db = tmp_path / "l.db"
    with Ledger(str(db)) as lg:
        _fill(lg)
    listing = runner.invoke(app, ["entities", "list", "--fuzzy", "--json", "--db", str(db)])
    assert '"surface": "Nayib Buekele"' in listing.output
    bad = runner.invoke(app, ["entities", "confirm", "999", "--actor", "rita", "--db", str(db)])
    assert bad.exit_code == 2 and "no entity match" in bad.output
    assert runner.invoke(app, ["verify", "--db", str(db)]).exit_code == 0
