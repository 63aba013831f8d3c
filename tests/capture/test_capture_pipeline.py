"""capture / watch / WARC ingest through the pipeline: what is stored, with what custody."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from borderledger.capture import Fetcher, FetchPolicy
from borderledger.extract import get_extractor
from borderledger.ledger import custody
from borderledger.ledger.tables import DocumentExtractionRow
from borderledger.pipeline import capture, ingest, store_capture, watch_once
from borderledger.text.pdf import page_label

from ..helpers import snapshot
from .server import rss
from .warcs import truncate, warc_file


@pytest.fixture
def fetcher():
    with Fetcher(FetchPolicy(allow_private=True, max_bytes=1024 * 1024)) as f:
        yield f


def blobs(ledger):
    return sorted(p.name for p in ledger.blobs.root.rglob("*") if p.is_file()) \
        if ledger.blobs.root.exists() else []


def extracted_docs(ledger):
    with ledger.session() as s:
        return s.scalar(select(func.count()).select_from(DocumentExtractionRow))


def test_a_capture_keeps_bytes_warc_text_and_a_custody_event(ledger, site, fetcher):
    site.redirect("/short", "/article.html")
    report = capture(ledger, [site.url("/short")], fetcher=fetcher,
                     extractor=get_extractor("baseline"), actor="analyst@desk")
    assert report.added == 1 and not report.failed and report.facts >= 1
    (rec,) = custody.source_records(ledger)
    assert rec.url == site.url("/article.html") and rec.media_type == "text/html"
    (event,) = rec.events
    assert (event.kind, event.actor, event.method) == ("captured", "analyst@desk", "http")
    assert event.sha256 == rec.sha256 and event.tool.startswith("borderledger ")
    assert event.location == site.url("/short")
    assert event.details["final_url"] == site.url("/article.html")
    assert event.details["redirects"][0]["status"] == 302
    assert ledger.blobs.verify(event.warc_sha256) and ledger.blobs.verify(rec.sha256)


def test_the_same_bytes_again_are_re_verified_not_duplicated(ledger, site, fetcher):
    capture(ledger, [site.url("/article.html")], fetcher=fetcher)
    report = capture(ledger, [site.url("/article.html")], fetcher=fetcher)
    assert report.added == 0 and report.reverified == 1
    (rec,) = custody.source_records(ledger)
    assert [e.kind for e in rec.events] == ["captured", "re-verified"]
    assert rec.events[0].warc_sha256 != rec.events[1].warc_sha256  # each fetch has its WARC


def test_a_failed_capture_stores_nothing(ledger, site, fetcher, tmp_path):
    site.endless("/huge")
    site.bomb("/bomb")
    before = snapshot(tmp_path / "ledger.db")
    report = capture(ledger, [site.url("/huge"), site.url("/bomb"), site.url("/missing")],
                     fetcher=fetcher)
    assert len(report.failed) == 3 and report.added == 0
    assert "size limit" in report.failed[0][1] and "decoded" in report.failed[1][1]
    assert snapshot(tmp_path / "ledger.db") == before and blobs(ledger) == []


def test_a_failure_while_storing_removes_the_blobs_it_wrote(ledger, site, fetcher, monkeypatch):
    fetched = fetcher.fetch(site.url("/article.html"))

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(ledger, "add_source", broken)
    with pytest.raises(RuntimeError):
        store_capture(ledger, fetched, actor="a")
    assert blobs(ledger) == []


def test_one_bad_url_does_not_stop_the_others(ledger, site, fetcher):
    report = capture(ledger, [site.url("/missing"), site.url("/article.html")], fetcher=fetcher)
    assert report.added == 1 and report.failed[0][0] == site.url("/missing")


def test_a_captured_pdf_keeps_its_pages(ledger, site, fetcher):
    capture(ledger, [site.url("/report.pdf")], fetcher=fetcher)
    (rec,) = custody.source_records(ledger)
    (_, doc), = ledger.documents()
    at = doc.text.index("Eswatini")
    assert rec.media_type == "application/pdf" and len(rec.pages) == 2
    assert page_label(rec.pages, at) == "p. 2" and page_label(rec.pages, 0) == "p. 1"


def test_a_broken_pdf_is_a_clear_failure(ledger, site, fetcher):
    site.add("/broken.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog >> garbage", "application/pdf")
    report = capture(ledger, [site.url("/broken.pdf"), site.url("/report.pdf")], fetcher=fetcher)
    assert report.added == 1
    assert "PDF" in report.failed[0][1]


def _feed(site, etag='"v1"'):
    site.add("/feed.xml", rss([("a", site.url("/article.html"), "Flight"),
                               ("b", site.url("/sports.html"), "Derby")]),
             "application/rss+xml", etag=etag)


def test_watch_captures_new_items_and_extracts_only_relevant_ones(ledger, site, fetcher):
    _feed(site)
    report = watch_once(ledger, [site.url("/feed.xml")], fetcher=fetcher,
                        extractor=get_extractor("baseline"), actor="bot")
    assert (report.new_items, report.added, report.not_relevant) == (2, 2, 1)
    assert extracted_docs(ledger) == 1
    verdicts = {r.url.rsplit("/", 1)[1]: custody.screening(ledger, r.id).relevant
                for r in custody.source_records(ledger)}
    assert verdicts == {"article.html": True, "sports.html": False}
    rec = custody.source_records(ledger)[0]
    assert rec.events[0].method == "feed" and rec.events[0].details["feed_url"] == site.url("/feed.xml")


def test_watch_uses_conditional_get_the_second_time(ledger, site, fetcher):
    _feed(site)
    watch_once(ledger, [site.url("/feed.xml")], fetcher=fetcher)
    again = watch_once(ledger, [site.url("/feed.xml")], fetcher=fetcher)
    assert again.not_modified == 1 and again.new_items == 0
    feed_requests = [h for p, h in site.requests if p == "/feed.xml"]
    assert feed_requests[1]["if-none-match"] == '"v1"'


def test_a_failed_item_is_retried_even_when_the_feed_is_unchanged(ledger, site, fetcher):
    site.add("/feed.xml", rss([("x", site.url("/later.html"), "Later")]), "application/rss+xml",
             etag='"v1"')
    first = watch_once(ledger, [site.url("/feed.xml")], fetcher=fetcher)
    assert len(first.failed) == 1
    site.routes["/later.html"] = site.routes["/article.html"]
    second = watch_once(ledger, [site.url("/feed.xml")], fetcher=fetcher)
    assert second.added == 1 and second.not_modified == 0


def test_a_malformed_feed_is_reported_and_the_other_feeds_go_on(ledger, site, fetcher):
    _feed(site)
    site.add("/broken.xml", b"<rss><channel><item><title>cut off", "application/rss+xml")
    report = watch_once(ledger, [site.url("/broken.xml"), site.url("/feed.xml")],
                        fetcher=fetcher)
    assert report.added == 2
    assert report.failed[0][0] == site.url("/broken.xml") and "malformed" in report.failed[0][1]


def test_ingesting_a_warc_screens_records_and_records_custody(ledger, tmp_path):
    path = warc_file(tmp_path / "crawl.warc.gz")
    report = ingest(ledger, [path], extractor=get_extractor("baseline"), skip_bad=True,
                    actor="archivist")
    assert report.added == 2 and report.not_relevant == 1 and extracted_docs(ledger) == 1
    rec = custody.source_records(ledger)[0]
    (event,) = rec.events
    assert (event.kind, event.method, event.actor) == ("imported", "warc", "archivist")
    assert event.details["target_uri"] == "https://news.example.org/flight"
    assert ledger.blobs.verify(event.warc_sha256)


def test_a_truncated_warc_among_good_files_with_skip_bad(ledger, tmp_path):
    good = warc_file(tmp_path / "good.warc.gz", [("https://a.example/x", "text/html",
                                                  b"<html><body><article><p>" + b"Officials said that "
                                                  b"migrants were deported to Panama. " * 5
                                                  + b"</p></article></body></html>")], extras=False)
    cut = truncate(warc_file(tmp_path / "cut.warc.gz", extras=False), 0.8)
    report = ingest(ledger, [cut, good], skip_bad=True)
    assert report.added == 2  # the record before the damage, and the other file
    assert "truncated" in report.failed[0][1] and report.failed[0][0].endswith("cut.warc.gz")


def test_file_ingest_records_an_imported_event(ledger, tmp_path):
    path = tmp_path / "note.txt"
    path.write_text("Officials said 30 people were deported to Guatemala on Monday.")
    ingest(ledger, [path], actor="me")
    (rec,) = custody.source_records(ledger)
    assert rec.events[0].method == "file" and rec.events[0].location == str(path.resolve())
