"""Files and directories → captured sources (bytes + metadata), or clear per-unit errors."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..model import RawSource
from .corpus import read_corpus
from .warc import is_warc, load_entry, scan_warc

MEDIA_TYPES = {
    ".txt": "text/plain", ".text": "text/plain", ".md": "text/markdown",
    ".html": "text/html", ".htm": "text/html", ".xhtml": "text/html",
    ".pdf": "application/pdf",
}
CORPUS_SUFFIXES = {".jsonl", ".ndjson"}
DEFAULT_MAX_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class Unit:
    """One thing to ingest: a source, or the reason it cannot be one.

    WARC records are lazy: ``load`` reads the record when the ingest reaches it and returns
    (RawSource, the record's exact WARC bytes), so a big WARC is never held in memory.
    ``provenance`` says how the unit was obtained, for its chain-of-custody record.
    """

    where: str
    raw: RawSource | None = None
    error: str | None = None
    load: Callable[[], tuple[RawSource, bytes | None]] | None = None
    provenance: dict[str, Any] = field(default_factory=dict)
    screen: bool = False  # pass through the relevance pre-filter before extraction
    record: bool = False  # a corpus.jsonl line: its problems stop an ingest before any write

    def materialize(self) -> tuple[RawSource, bytes | None]:
        """(the source, its WARC bytes or None); may raise InputError for lazy units."""
        if self.raw is not None:
            return self.raw, None
        if self.load is None:
            raise InputError(self.error or "nothing to read", where=self.where)
        return self.load()


def supported(path: Path) -> bool:
    suffix = path.suffix.lower()
    return suffix in MEDIA_TYPES or suffix in CORPUS_SUFFIXES or is_warc(path)


def expand(paths: Iterable[str | Path]) -> Iterator[tuple[Path, str | None]]:
    """Each file to read (directories walked recursively, sorted), or a path error."""
    for given in paths:
        path = Path(given)
        if not path.exists():
            yield path, "no such file or directory"
        elif path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if child.name.startswith("."):
                    continue
                if supported(child):
                    yield child, None
                else:
                    yield child, f"skipped: unsupported file type '{child.suffix or '(none)'}'"
        elif supported(path):
            yield path, None
        else:
            yield path, (f"unsupported file type '{path.suffix or '(none)'}' "
                         f"(use .jsonl, .txt, .md, .html, .htm, .pdf, .warc or .warc.gz)")


def read_units(paths: Iterable[str | Path], *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Unit]:
    """Units from files: one per corpus line, one per other file."""
    for path, problem in expand(paths):
        where = str(path)
        if problem:
            yield Unit(where, error=problem)
            continue
        if is_warc(path):
            yield from read_warc(path, max_bytes=max_bytes)
            continue
        try:
            size = path.stat().st_size
            if size > max_bytes:
                raise InputError(f"file too large ({size / 1e6:.1f} MB; the limit is "
                                 f"{max_bytes / 1e6:.1f} MB, raise it with --max-bytes)")
            if path.suffix.lower() in CORPUS_SUFFIXES:
                yield from read_corpus(path)
                continue
            data = path.read_bytes()
            if not data.strip():
                raise InputError("empty file")
        except InputError as exc:
            yield Unit(where, error=str(exc))
            continue
        except OSError as exc:
            yield Unit(where, error=f"cannot read: {exc.strerror or exc}")
            continue
        yield Unit(where, raw=RawSource(
            data=data, media_type=MEDIA_TYPES[path.suffix.lower()], origin=str(path.resolve()),
            title=None, retrieved_at=datetime.now(UTC).replace(tzinfo=None),
        ), provenance={"method": "file", "path": str(path.resolve())})


def read_warc(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Unit]:
    """One lazy unit per HTML/text/PDF record of a WARC file, then any damage as an error."""
    where = str(path)
    try:
        scan = scan_warc(path, max_bytes=max_bytes)
    except OSError as exc:
        yield Unit(where, error=f"cannot read: {exc.strerror or exc}")
        return
    for entry in scan.entries:
        yield Unit(
            f"{where}#record-{entry.number}",
            load=partial(load_entry, path, entry, max_bytes=max_bytes),
            provenance={"method": "warc", "path": str(path.resolve()),
                        "warc_record_id": entry.record_id, "warc_record_number": entry.number,
                        "warc_offset": entry.offset, "target_uri": entry.target_uri,
                        "warc_date": entry.warc_date},
            screen=True,
        )
    if scan.skipped:
        yield Unit(where, error=f"skipped: {scan.skipped} records that are not HTML, text or "
                                f"PDF documents with status 200")
    if scan.error:
        yield Unit(where, error=scan.error)
    elif not scan.entries and not scan.skipped:
        yield Unit(where, error="no records in this WARC file")
