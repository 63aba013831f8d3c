"""Ingest through the CLI: good input, idempotence and every kind of bad input."""

from __future__ import annotations

import json
import random

import pytest

from borderledger.cli import app

from .helpers import STORY, corpus_line, snapshot, write_corpus


def run(runner, *args):
    return runner.invoke(app, [str(a) for a in args])


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "ledger.db"
    return path


@pytest.fixture
def seeded(runner, tmp_path, db):
    """A ledger that already holds one source, so "unchanged" means something."""
    corpus = write_corpus(tmp_path / "seed.jsonl", [{"id": "seed", "published": "2025-01-07"}])
    result = run(runner, "ingest", corpus, "--db", db, "--extractor", "baseline")
    assert result.exit_code == 0, result.output
    return db


def test_ingest_then_again_adds_nothing(runner, tmp_path, db):
    corpus = write_corpus(tmp_path / "c.jsonl", [{"id": "a"}, {"id": "b", "text": STORY + " More."}])
    first = run(runner, "ingest", corpus, "--db", db, "--extractor", "baseline")
    assert first.exit_code == 0 and "ingested 2 new sources" in first.output
    before = snapshot(db)
    second = run(runner, "ingest", corpus, "--db", db, "--extractor", "baseline")
    assert second.exit_code == 0
    assert "ingested 0 new sources, 2 already in the ledger" in " ".join(second.output.split())
    assert snapshot(db)["sources"] == before["sources"] == 2


def test_text_and_html_files_and_directories(runner, tmp_path, db):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "note.txt").write_text(STORY, encoding="utf-8")
    (folder / "sub").mkdir()
    (folder / "sub" / "page.html").write_text(
        "<html><body><article><p>" + " ".join([STORY] * 3) + "</p></article></body></html>")
    result = run(runner, "ingest", folder, "--db", db, "--no-extract")
    assert result.exit_code == 0, result.output
    assert snapshot(db)["sources"] == 2


def _bad_inputs(tmp_path):
    """name → (file to ingest, words the error must contain)."""
    cases = {}
    p = tmp_path / "empty.txt"
    p.write_bytes(b"")
    cases["empty file"] = (p, "empty file")
    p = tmp_path / "garbage.txt"
    p.write_bytes(random.Random(1).randbytes(3000))
    cases["binary garbage"] = (p, "binary")
    p = tmp_path / "malformed.jsonl"
    p.write_text(corpus_line(id="ok1") + "\n{\"id\": \"x\", \"text\": \n" + corpus_line(id="ok2") + "\n")
    cases["malformed line"] = (p, "malformed.jsonl:2")
    p = tmp_path / "noid.jsonl"
    p.write_text(json.dumps({"text": STORY}) + "\n")
    cases["missing id"] = (p, "missing or empty 'id'")
    p = tmp_path / "notext.jsonl"
    p.write_text(json.dumps({"id": "n1"}) + "\n")
    cases["missing text"] = (p, "no 'text'")
    p = write_corpus(tmp_path / "dups.jsonl", [{"id": "d"}, {"id": "d", "text": "Another text."}])
    cases["duplicate ids"] = (p, "duplicate id 'd'")
    p = tmp_path / "huge.txt"
    with p.open("wb") as fh:
        chunk = (STORY + "\n").encode() * 1000
        while fh.tell() < 50 * 1024 * 1024:
            fh.write(chunk)
    cases["50 MB text"] = (p, "file too large")
    p = tmp_path / "data.xyz"
    p.write_text("hello")
    cases["unknown extension"] = (p, "unsupported file type '.xyz'")
    from .text.test_html_pdf import PdfWriter, io  # reuse pypdf for a page with no text
    writer, buf = PdfWriter(), io.BytesIO()
    writer.add_blank_page(width=612, height=792)
    writer.write(buf)
    p = tmp_path / "scan.pdf"
    p.write_bytes(buf.getvalue())
    cases["pdf without text"] = (p, "no text layer")
    cases["missing path"] = (tmp_path / "does-not-exist.txt", "no such file or directory")
    return cases


BAD = ["empty file", "binary garbage", "malformed line", "missing id", "missing text",
       "duplicate ids", "50 MB text", "unknown extension", "pdf without text", "missing path"]


@pytest.mark.parametrize("case", BAD)
def test_bad_input_fails_clearly_and_changes_nothing(runner, tmp_path, seeded, case):
    path, words = _bad_inputs(tmp_path)[case]
    before = snapshot(seeded)
    result = run(runner, "ingest", path, "--db", seeded, "--extractor", "baseline")
    assert result.exit_code != 0
    assert words in " ".join(result.output.split())
    assert "Traceback" not in result.output
    assert snapshot(seeded) == before


def test_skip_bad_ingests_the_good_lines_and_names_the_bad(runner, tmp_path, db):
    path, _ = _bad_inputs(tmp_path)["malformed line"]
    result = run(runner, "ingest", path, "--db", db, "--skip-bad", "--extractor", "baseline")
    assert result.exit_code == 0
    assert "malformed.jsonl:2" in result.output
    assert snapshot(db)["sources"] == 2


def test_bad_file_among_good_ones_is_reported_and_the_rest_goes_in(runner, tmp_path, db):
    good = write_corpus(tmp_path / "good.jsonl", [{"id": "g1"}])
    bad = tmp_path / "nope.txt"
    bad.write_bytes(random.Random(3).randbytes(2000))
    result = run(runner, "ingest", bad, good, "--db", db, "--extractor", "baseline")
    assert result.exit_code == 1
    assert "nope.txt: binary" in " ".join(result.output.split())
    assert snapshot(db)["sources"] == 1
    again = run(runner, "ingest", bad, good, "--db", db, "--extractor", "baseline", "--skip-bad")
    assert again.exit_code == 0 and snapshot(db)["sources"] == 1


def test_a_bad_corpus_line_stops_the_whole_batch_before_writing(runner, tmp_path, db):
    good = write_corpus(tmp_path / "good.jsonl", [{"id": "g1"}])
    path, _ = _bad_inputs(tmp_path)["malformed line"]
    result = run(runner, "ingest", good, path, "--db", db, "--extractor", "baseline")
    assert result.exit_code == 1 and "before writing anything" in " ".join(result.output.split())
    assert snapshot(db).get("sources", 0) == 0


def test_latin1_and_utf16_text_files_are_read(runner, tmp_path, db):
    text = "Un vuelo con 40 deportados aterrizó en San José el jueves, según el ministerio. " * 3
    (tmp_path / "latin.txt").write_bytes(text.encode("latin-1"))
    (tmp_path / "wide.txt").write_bytes(text.encode("utf-16"))
    result = run(runner, "ingest", tmp_path / "latin.txt", tmp_path / "wide.txt", "--db", db,
                 "--no-extract")
    assert result.exit_code == 0, result.output
    from borderledger.ledger import Ledger

    with Ledger(str(db)) as lg:
        texts = sorted(doc.text for _, doc in lg.documents())
    assert texts == [text, text] or texts == sorted([text, text.replace("\n", "")])


def test_db_defaults_to_the_environment_variable(runner, tmp_path, monkeypatch):
    target = tmp_path / "env.db"
    monkeypatch.setenv("BORDERLEDGER_DB", str(target))
    corpus = write_corpus(tmp_path / "c.jsonl", [{"id": "a"}])
    assert run(runner, "ingest", corpus, "--no-extract").exit_code == 0
    assert snapshot(target)["sources"] == 1


def test_unknown_extractor_is_a_usage_error(runner, tmp_path, db):
    corpus = write_corpus(tmp_path / "c.jsonl", [{"id": "a"}])
    result = run(runner, "ingest", corpus, "--db", db, "--extractor", "nonsense")
    assert result.exit_code == 2 and "unknown extractor" in result.output
