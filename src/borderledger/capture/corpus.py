"""corpus.jsonl (see spec/facts.md) → one unit per line, every problem named by file:line."""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from ..errors import InputError
from ..model import RawSource

if TYPE_CHECKING:
    from .files import Unit

MEDIA_TYPE = "application/vnd.borderledger.corpus-record+json"
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_OPTIONAL = ("url", "title", "outlet", "published")


def canonical_bytes(record: dict) -> bytes:
    """The bytes stored for a record: canonical JSON, so equal records hash equal."""
    return json.dumps(record, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def parse_record(line: str) -> dict:
    """Validate one corpus line; raise InputError naming what is wrong."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(f"malformed JSON ({exc.msg} at column {exc.colno})") from exc
    if not isinstance(record, dict):
        raise InputError("a corpus line must be a JSON object")
    rid = record.get("id")
    if not isinstance(rid, str) or not rid.strip():
        raise InputError("missing or empty 'id'")
    text = record.get("text")
    if not isinstance(text, str):
        raise InputError(f"record {rid!r} has no 'text' string")
    if not text.strip():
        raise InputError(f"record {rid!r} has empty 'text'")
    for key in _OPTIONAL:
        if record.get(key) is not None and not isinstance(record[key], str):
            raise InputError(f"record {rid!r}: '{key}' must be a string")
    published = record.get("published")
    if published:
        try:
            if not _DATE.match(published):
                raise ValueError
            date.fromisoformat(published)
        except ValueError:
            raise InputError(f"record {rid!r}: 'published' must be YYYY-MM-DD, got {published!r}")
    return record


def read_corpus(path: Path) -> Iterator["Unit"]:
    from .files import Unit

    seen: dict[str, int] = {}
    now = datetime.now(UTC).replace(tzinfo=None)
    try:
        with path.open("r", encoding="utf-8-sig") as fh:
            lines = list(fh)
    except UnicodeDecodeError as exc:
        yield Unit(str(path), error=f"corpus is not UTF-8 text ({exc.reason} at byte {exc.start})")
        return
    for number, line in enumerate(lines, 1):
        where = f"{path}:{number}"
        if not line.strip():
            continue
        try:
            record = parse_record(line)
            rid = record["id"]
            if rid in seen:
                raise InputError(f"duplicate id {rid!r} (first on line {seen[rid]})")
            seen[rid] = number
        except InputError as exc:
            yield Unit(where, error=str(exc), record=True)
            continue
        yield Unit(where, raw=RawSource(
            data=canonical_bytes(record), media_type=MEDIA_TYPE, origin=str(path.resolve()),
            corpus_id=record["id"], url=record.get("url"), outlet=record.get("outlet"),
            title=record.get("title"), published=record.get("published") or None,
            retrieved_at=now, text=record["text"],
        ))
