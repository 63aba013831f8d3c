"""WARC in and out: a capture becomes a WARC file; WARC files become units to ingest.

Writing: every HTTP exchange of a capture (redirect hops, then the final answer) becomes a
``request`` + ``response`` record pair, after a ``warcinfo`` record naming the tool. The
response payload is kept exactly as transferred (Content-Encoding and all), so the WARC is
the original; the decoded body goes to the blob store as the source.

Reading: ``read_warc(path)`` streams the file with warcio's ArchiveIterator twice: once to
check it and note where each usable record lies (nothing is kept in memory), then, record by
record when the ingest asks for it, to take the payload. A truncated or corrupt file yields
the good records before the damage and one error naming the rest of the file.
"""

from __future__ import annotations

import io
import zlib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.statusandheaders import StatusAndHeaders
from warcio.timeutils import datetime_to_iso_date, iso_date_to_datetime
from warcio.warcwriter import WARCWriter

from .. import __version__
from ..errors import InputError
from ..model import RawSource
from .fetch import Fetched

WARC_SUFFIXES = (".warc", ".warc.gz")
TEXT_MEDIA = {"text/html": "text/html", "application/xhtml+xml": "text/html",
              "text/plain": "text/plain", "text/markdown": "text/markdown",
              "application/pdf": "application/pdf"}
_HOP_BY_HOP = {"transfer-encoding"}  # the payload is stored de-chunked


def is_warc(path: Path) -> bool:
    name = path.name.lower()
    return name.endswith(WARC_SUFFIXES)


def media_type_of(content_type: str | None, payload: bytes) -> str | None:
    """A media type the text stage reads, from the header or, failing that, the bytes."""
    declared = (content_type or "").split(";", 1)[0].strip().lower()
    if declared in TEXT_MEDIA:
        return TEXT_MEDIA[declared]
    head = payload[:1024].lstrip().lower()
    if head.startswith(b"%pdf-"):
        return "application/pdf"
    if head.startswith((b"<!doctype html", b"<html")) or b"<html" in head:
        return "text/html"
    if declared.startswith("text/"):
        return "text/plain"
    return None


# -- writing -------------------------------------------------------------------------------
def _date(value: datetime) -> str:
    return datetime_to_iso_date(value, use_micros=True)


def warc_for_fetch(fetched: Fetched, *, operator: str | None = None) -> bytes:
    """A gzipped WARC/1.1 file holding every exchange of one capture."""
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True, warc_version="1.1")
    info = {"software": f"BorderLedger/{__version__} (warcio)",
            "format": "WARC File Format 1.1",
            "description": f"Evidence capture of {fetched.requested_url}"}
    if operator:
        info["operator"] = operator
    writer.write_record(writer.create_warcinfo_record(None, info))
    for ex in fetched.exchanges:
        date = _date(ex.started_at)
        headers = [(k, v) if k.lower() not in _HOP_BY_HOP else (f"X-Archive-Orig-{k}", v)
                   for k, v in ex.response_headers]
        protocol = {"HTTP/2": "HTTP/2.0"}.get(ex.http_version, ex.http_version or "HTTP/1.1")
        resp_http = StatusAndHeaders(f"{ex.status} {ex.reason}".strip(), headers,
                                     protocol=protocol)
        response = writer.create_warc_record(
            ex.url, "response", payload=io.BytesIO(ex.raw_body), length=len(ex.raw_body),
            http_headers=resp_http,
            warc_headers_dict={"WARC-Date": date, "WARC-IP-Address": ex.ip},
        )
        target = ex.url.split("://", 1)[-1]
        path = "/" + target.split("/", 1)[1] if "/" in target else "/"
        req_http = StatusAndHeaders(f"{ex.method} {path} {protocol}", ex.request_headers,
                                    is_http_request=True)
        request = writer.create_warc_record(
            ex.url, "request", payload=io.BytesIO(b""), length=0, http_headers=req_http,
            warc_headers_dict={"WARC-Date": date, "WARC-Concurrent-To":
                               response.rec_headers.get_header("WARC-Record-ID")},
        )
        writer.write_record(request)
        writer.write_record(response)
    return buf.getvalue()


def resource_warc(records: list[tuple[str, str, datetime, bytes]]) -> bytes:
    """A gzipped WARC of ``resource`` records: (uri, media type, date, bytes) each."""
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True, warc_version="1.1")
    writer.write_record(writer.create_warcinfo_record(None, {
        "software": f"BorderLedger/{__version__} (warcio)", "format": "WARC File Format 1.1",
        "description": "Original bytes of sources imported from files"}))
    for uri, media_type, date, data in records:
        writer.write_record(writer.create_warc_record(
            uri, "resource", payload=io.BytesIO(data), length=len(data),
            warc_content_type=media_type, warc_headers_dict={"WARC-Date": _date(date)}))
    return buf.getvalue()


# -- reading -------------------------------------------------------------------------------
@dataclass(frozen=True)
class WarcEntry:
    """Where a usable record lies in a WARC file (offset and length of its bytes)."""

    offset: int
    length: int
    number: int  # 1-based record number in the file
    record_id: str
    target_uri: str
    warc_date: str
    media_type: str


@dataclass
class WarcScan:
    entries: list[WarcEntry]
    skipped: int = 0  # records that are not HTML/text/PDF documents
    error: str | None = None
    records: int = 0


def _drain(stream: BinaryIO) -> int:
    n = 0
    while True:
        chunk = stream.read(1 << 16)
        if not chunk:
            return n
        n += len(chunk)


def _gzip_member_complete(path: Path, offset: int, length: int) -> bool:
    with path.open("rb") as fh:
        fh.seek(offset)
        data = fh.read(length)
    d = zlib.decompressobj(zlib.MAX_WBITS | 16)
    try:
        while data:
            d.decompress(data, 1 << 20)
            data = d.unconsumed_tail
    except zlib.error:
        return False
    return d.eof


def _usable(record) -> tuple[bool, str | None]:
    """(is a document to ingest, its media type) for a response or resource record."""
    if record.rec_type == "response":
        if record.http_headers is None:
            return False, None
        status = record.http_headers.get_statuscode()
        if status != "200":
            return False, None
        ctype = record.http_headers.get_header("Content-Type")
    elif record.rec_type == "resource":
        ctype = record.rec_headers.get_header("Content-Type")
    else:
        return False, None
    return True, ctype


def scan_warc(path: Path, *, max_bytes: int) -> WarcScan:
    """Check a WARC file end to end and list its documents; never raises for bad data."""
    scan = WarcScan([])
    size = path.stat().st_size
    gz = path.name.lower().endswith(".gz")
    end = last_offset = 0
    where = "at the start"
    try:
        with path.open("rb") as fh:
            it = ArchiveIterator(fh, arc2warc=False, ensure_http_headers=False)
            for record in it:
                scan.records += 1
                where = f"in record {scan.records}"
                usable, ctype = _usable(record)
                declared = record.length or 0
                if usable and declared > max_bytes + 65536:
                    usable = False
                    scan.skipped += 1
                    ctype = None
                head = b""
                if usable:
                    head = record.raw_stream.read(1024)
                _drain(record.raw_stream)
                if getattr(record.raw_stream, "limit", 0):
                    raise ArchiveLoadFailed("the record is cut short")
                offset, length = it.get_record_offset(), it.get_record_length()
                end, last_offset = offset + length, offset
                where = f"after record {scan.records}"
                if not usable:
                    continue
                media = media_type_of(ctype, head)
                if media is None:
                    scan.skipped += 1
                    continue
                scan.entries.append(WarcEntry(
                    offset=offset, length=length, number=scan.records,
                    record_id=record.rec_headers.get_header("WARC-Record-ID") or "",
                    target_uri=record.rec_headers.get_header("WARC-Target-URI") or "",
                    warc_date=record.rec_headers.get_header("WARC-Date") or "",
                    media_type=media,
                ))
        if gz and end and not _gzip_member_complete(path, last_offset, end - last_offset):
            end = last_offset
            where = f"in record {scan.records}"
            raise ArchiveLoadFailed("the last gzip member is cut short")
        if end < size:
            with path.open("rb") as fh:
                fh.seek(end)
                rest = fh.read(4096)
            if rest.strip(b"\r\n\x00 "):
                raise ArchiveLoadFailed(f"{size - end:,} bytes after the last whole record "
                                        f"cannot be read as a record")
    except (ArchiveLoadFailed, EOFError, zlib.error, OSError, ValueError) as exc:
        reason = " ".join(str(exc).split()) or type(exc).__name__
        if "non-chunked gzip" in reason:
            scan.entries = []
            scan.error = ("the file is gzipped as one stream, not one gzip member per record, so "
                          "its records cannot be read one by one; fix it with "
                          "`warcio recompress IN OUT` and ingest the new file")
            return scan
        if scan.records <= 1 and not scan.entries and end == 0:
            scan.entries = []
            scan.error = f"not a readable WARC file ({reason})"
            return scan
        # a record that ended inside the damage is not trusted
        scan.entries = [e for e in scan.entries if e.offset + e.length <= end]
        scan.error = (f"truncated or corrupt WARC {where} (byte {end:,} of {size:,}): {reason}; "
                      f"the rest of this file was not read")
    return scan


def record_bytes(path: Path, entry: WarcEntry) -> bytes:
    """The exact bytes of one record as stored in the file (a standalone WARC)."""
    with path.open("rb") as fh:
        fh.seek(entry.offset)
        return fh.read(entry.length)


def load_entry(path: Path, entry: WarcEntry, *, max_bytes: int) -> tuple[RawSource, bytes]:
    """(the record's document as a RawSource, the record's exact bytes)."""
    data = record_bytes(path, entry)
    it = ArchiveIterator(io.BytesIO(data), arc2warc=False, ensure_http_headers=False)
    record = next(iter(it), None)
    if record is None:
        raise InputError(f"record {entry.number} cannot be read again", where=str(path))
    try:
        stream = record.content_stream()
        payload = stream.read(max_bytes + 1)
    except Exception as exc:  # a broken chunked or gzip payload
        raise InputError(f"record {entry.number} ({entry.target_uri}): unreadable payload "
                         f"({exc})") from exc
    if len(payload) > max_bytes:
        raise InputError(f"record {entry.number} ({entry.target_uri}): payload over the size "
                         f"limit of {max_bytes:,} bytes")
    if not payload.strip():
        raise InputError(f"record {entry.number} ({entry.target_uri}): empty payload")
    try:
        retrieved = iso_date_to_datetime(entry.warc_date) if entry.warc_date else None
    except ValueError:
        retrieved = None
    if retrieved is not None and retrieved.tzinfo is not None:
        retrieved = retrieved.replace(tzinfo=None)
    raw = RawSource(data=payload, media_type=entry.media_type, origin=str(path.resolve()),
                    url=entry.target_uri or None, retrieved_at=retrieved)
    return raw, data

