"""capture, watch, WARC ingest and evidence bundles through the CLI (local server only)."""

from __future__ import annotations

import zipfile

import pytest

from borderledger.cli import app
from borderledger.export.bundle import verify_bundle

from .capture.conftest import site  # noqa: F401  (the local HTTP server fixture)
from .capture.server import rss
from .capture.warcs import truncate, warc_file
from .helpers import snapshot


def run(runner, *args):
    return runner.invoke(app, [str(a) for a in args])


def flat(result) -> str:
    return " ".join(result.output.split())


@pytest.fixture
def db(tmp_path):
    return tmp_path / "ledger.db"


def test_capture_a_page_and_a_pdf(runner, site, db):
    result = run(runner, "capture", site.url("/article.html"), site.url("/report.pdf"),
                 "--db", db, "--allow-private", "--extractor", "baseline", "--actor", "me")
    assert result.exit_code == 0, result.output
    assert "captured 2 new sources" in flat(result)
    counts = snapshot(db)
    assert counts["sources"] == 2 and counts["custody_events"] == 2


@pytest.mark.parametrize("url", ["http://127.0.0.1:{port}/article.html", "http://10.0.0.1/",
                                 "http://[::1]:{port}/article.html",
                                 "http://169.254.169.254/latest/meta-data/"])
def test_capture_refuses_private_addresses_without_the_flag(runner, site, db, url):
    result = run(runner, "capture", url.format(port=site.port), "--db", db, "--no-extract",
                 "--timeout", "2")
    assert result.exit_code == 1
    assert "refusing to fetch" in flat(result) and "--allow-private" in flat(result)
    assert snapshot(db).get("sources", 0) == 0 and site.requests == []


def test_an_oversized_response_fails_clearly_and_stores_nothing(runner, site, db):
    site.endless("/huge")
    site.bomb("/bomb")
    result = run(runner, "capture", site.url("/huge"), site.url("/bomb"), "--db", db,
                 "--allow-private", "--no-extract", "--max-bytes", 1_000_000)
    assert result.exit_code == 1
    out = flat(result)
    assert "exceeds the size limit of 1,000,000 bytes" in out and "decoded response" in out
    assert "Traceback" not in result.output and snapshot(db).get("sources", 0) == 0


def test_a_failed_url_is_reported_and_the_rest_are_kept(runner, site, db):
    result = run(runner, "capture", site.url("/missing"), site.url("/article.html"), "--db", db,
                 "--allow-private", "--no-extract")
    assert result.exit_code == 1
    assert "HTTP 404" in flat(result) and "1 new sources" in flat(result) and "1 failed" in flat(result)
    assert snapshot(db)["sources"] == 1


def test_watch_once_then_again_uses_the_etag(runner, site, db):
    site.add("/feed.xml", rss([("a", site.url("/article.html"), "Flight"),
                               ("b", site.url("/sports.html"), "Derby")]),
             "application/rss+xml", etag='"1"')
    args = ("watch", site.url("/feed.xml"), "--db", db, "--allow-private", "--once",
            "--extractor", "baseline")
    first = run(runner, *args)
    assert first.exit_code == 0, first.output
    assert "2 new items" in flat(first) and "1 not relevant" in flat(first)
    second = run(runner, *args)
    assert second.exit_code == 0 and "1 unchanged, 0 new items" in flat(second)


def test_watch_reports_a_malformed_feed_and_goes_on(runner, site, db):
    site.add("/bad.xml", b"<rss><channel><item><title>cut", "application/rss+xml")
    site.add("/good.xml", rss([("a", site.url("/article.html"), "Flight")]), "application/rss+xml")
    result = run(runner, "watch", site.url("/bad.xml"), site.url("/good.xml"), "--db", db,
                 "--allow-private", "--once", "--no-extract")
    assert result.exit_code == 1
    assert "malformed feed" in flat(result) and "1 new sources" in flat(result)


def test_watch_rejects_a_bad_interval(runner, db):
    result = run(runner, "watch", "http://example.org/feed", "--db", db, "--every", "soon")
    assert result.exit_code == 2 and "not an interval" in flat(result)


def test_ingest_a_warc_file(runner, tmp_path, db):
    path = warc_file(tmp_path / "crawl.warc.gz")
    result = run(runner, "ingest", path, "--db", db, "--extractor", "baseline", "--skip-bad")
    assert result.exit_code == 0, result.output
    assert "ingested 2 new sources" in flat(result)
    assert "1 screened out as not relevant" in flat(result)


def test_a_truncated_warc_is_reported_and_the_batch_goes_on(runner, tmp_path, db):
    cut = truncate(warc_file(tmp_path / "cut.warc.gz", extras=False), 0.8)
    other = tmp_path / "note.txt"
    other.write_text("Officials said 20 people were deported to Panama on Friday.")
    result = run(runner, "ingest", cut, other, "--db", db, "--no-extract")
    assert result.exit_code == 1  # something asked for did not go in
    assert "the rest of this file was not read" in flat(result) and "truncated" in flat(result)
    assert "ingested 2 new sources" in flat(result)  # the good record and the note
    assert snapshot(db)["sources"] == 2


def test_export_bundle_of_one_source_and_of_all(runner, site, db, tmp_path):
    run(runner, "capture", site.url("/article.html"), site.url("/report.pdf"), "--db", db,
        "--allow-private", "--no-extract")
    one = tmp_path / "one.wacz"
    result = run(runner, "export", "bundle", "2", "-o", one, "--db", db)
    assert result.exit_code == 0, result.output
    assert "bundle of 1 sources" in flat(result)
    assert verify_bundle(one).ok
    with zipfile.ZipFile(one) as zf:
        assert sum(n.startswith("originals/") for n in zf.namelist()) == 1
    every = tmp_path / "all.zip"
    result = run(runner, "export", "bundle", "--all", "-o", every, "--db", db)
    assert result.exit_code == 0 and verify_bundle(every).sources_checked == 2


@pytest.mark.parametrize("args", [[], ["1", "--all"]])
def test_export_bundle_needs_exactly_one_selection(runner, db, tmp_path, args):
    result = run(runner, "export", "bundle", *args, "-o", tmp_path / "x.zip", "--db", db)
    assert result.exit_code == 2 and "SOURCE_ID or --all" in flat(result)
