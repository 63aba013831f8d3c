"""Files and directories → captured sources (bytes + metadata), or clear per-unit errors."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from ..errors import InputError
from ..model import RawSource
from .corpus import read_corpus

MEDIA_TYPES = {
    ".txt": "text/plain", ".text": "text/plain", ".md": "text/markdown",
    ".html": "text/html", ".htm": "text/html", ".xhtml": "text/html",
    ".pdf": "application/pdf",
}
CORPUS_SUFFIXES = {".jsonl", ".ndjson"}
DEFAULT_MAX_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class Unit:
    """One thing to ingest: a source, or the reason it cannot be one."""

    where: str
    raw: RawSource | None = None
    error: str | None = None


def supported(path: Path) -> bool:
    suffix = path.suffix.lower()
    return suffix in MEDIA_TYPES or suffix in CORPUS_SUFFIXES


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
                         f"(use .jsonl, .txt, .md, .html, .htm or .pdf)")


def read_units(paths: Iterable[str | Path], *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Unit]:
    """Units from files: one per corpus line, one per other file."""
    for path, problem in expand(paths):
        where = str(path)
        if problem:
            yield Unit(where, error=problem)
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
        ))
