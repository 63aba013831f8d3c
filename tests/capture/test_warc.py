"""WARC files: written for each capture, read (streamed, lazily) for ingest."""

from __future__ import annotations

import io

from warcio.archiveiterator import ArchiveIterator

from borderledger.capture import Fetcher, FetchPolicy, read_units, warc_for_fetch

from .server import ARTICLE
from .warcs import one_stream_gzip, truncate, warc_file


def test_a_capture_becomes_request_and_response_records_for_every_hop(site):
    site.redirect("/go", "/article.html")
    with Fetcher(FetchPolicy(allow_private=True)) as f:
        fetched = f.fetch(site.url("/go"))
    records = []
    for rec in ArchiveIterator(io.BytesIO(warc_for_fetch(fetched, operator="tester"))):
        payload = rec.content_stream().read() if rec.rec_type == "response" else b""
        records.append((rec.rec_type, rec.rec_headers.get_header("WARC-Target-URI"),
                        rec.rec_headers.get_header("WARC-IP-Address"), payload))
    assert [r[0] for r in records] == ["warcinfo", "request", "response", "request", "response"]
    assert records[2][1] == site.url("/go") and records[4][1] == site.url("/article.html")
    assert records[4][2] == "127.0.0.1" and records[4][3] == ARTICLE.encode()


def test_html_records_become_lazy_units_and_others_are_counted(tmp_path):
    path = warc_file(tmp_path / "crawl.warc.gz")
    units = list(read_units([path]))
    docs = [u for u in units if u.error is None]
    assert len(docs) == 2 and all(u.raw is None and u.screen for u in docs)
    raw, record = docs[0].materialize()
    assert raw.url == "https://news.example.org/flight" and raw.media_type == "text/html"
    assert raw.data == ARTICLE.encode() and raw.retrieved_at.year == 2025
    assert next(iter(ArchiveIterator(io.BytesIO(record)))).rec_type == "response"
    assert docs[0].provenance["warc_record_id"].startswith("<urn:uuid:")
    (note,) = [u for u in units if u.error]
    assert note.error.startswith("skipped: 1 records")


def test_uncompressed_warc_files_are_read_too(tmp_path):
    path = warc_file(tmp_path / "crawl.warc", compress=False)
    assert len([u for u in read_units([path]) if u.error is None]) == 2


def test_a_truncated_warc_keeps_the_records_before_the_damage(tmp_path):
    path = truncate(warc_file(tmp_path / "cut.warc.gz", extras=False), 0.8)
    units = list(read_units([path]))
    good = [u for u in units if u.error is None]
    (bad,) = [u for u in units if u.error]
    assert len(good) == 1 and good[0].materialize()[0].url.endswith("/flight")
    assert "truncated or corrupt WARC" in bad.error and "the rest of this file" in bad.error


def test_a_warc_cut_inside_the_last_gzip_trailer_is_caught(tmp_path):
    path = warc_file(tmp_path / "tail.warc.gz", extras=False)
    path.write_bytes(path.read_bytes()[:-6])
    units = list(read_units([path]))
    assert len([u for u in units if u.error is None]) == 1
    assert any(u.error and "truncated" in u.error for u in units)


def test_a_truncated_uncompressed_warc_is_caught(tmp_path):
    path = truncate(warc_file(tmp_path / "cut.warc", compress=False, extras=False), 0.9)
    units = list(read_units([path]))
    assert len([u for u in units if u.error is None]) == 1
    assert any(u.error and "truncated" in u.error for u in units)


def test_a_warc_gzipped_as_one_stream_gets_a_fix_it_message(tmp_path):
    src = warc_file(tmp_path / "a.warc.gz")
    path = one_stream_gzip(src, tmp_path / "whole.warc.gz")
    errors = [u.error for u in read_units([path]) if u.error and not u.error.startswith("skipped")]
    assert errors and "warcio recompress" in errors[0]


def test_a_file_that_is_not_a_warc_is_named(tmp_path):
    path = tmp_path / "notes.warc"
    path.write_text("these are my notes, not an archive\n" * 20)
    (unit,) = read_units([path])
    assert "WARC" in unit.error
