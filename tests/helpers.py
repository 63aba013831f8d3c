"""Small builders shared by tests (texts are our own words)."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import text

STORY = ("A chartered plane carrying 64 deported migrants from the United States landed in "
         "San Pedro Sula on Tuesday, Honduran officials said.")


def corpus_line(**record) -> str:
    record.setdefault("text", STORY)
    return json.dumps(record, ensure_ascii=False)


def write_corpus(path: Path, records: list[dict]) -> Path:
    path.write_text("\n".join(corpus_line(**r) for r in records) + "\n", encoding="utf-8")
    return path


def snapshot(db_path: Path) -> dict[str, int]:
    """Row counts of every ledger table, to prove a failed run changed nothing."""
    import sqlite3

    if not db_path.exists():
        return {}
    con = sqlite3.connect(db_path)
    try:
        tables = [r[0] for r in con.execute(
            "select name from sqlite_master where type='table' and name not like 'sqlite_%'"
            " and name not like '%_fts%'")]
        return {t: con.execute(f'select count(*) from "{t}"').fetchone()[0] for t in tables}
    finally:
        con.close()
