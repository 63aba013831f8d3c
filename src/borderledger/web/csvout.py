"""CSV downloads of API tables (cells that a spreadsheet would run as formulas are defused)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from fastapi.responses import Response

from ..model import FACT_FIELDS

_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        value = ";".join(str(v) for v in value)
    text = str(value)
    if text.startswith(_FORMULA) and not _is_number(text):
        text = "'" + text
    return text


def _is_number(text: str) -> bool:
    try:
        float(text)
        return True
    except ValueError:
        return False


def respond(rows: Iterable[dict], columns: list[str], filename: str) -> Response:
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([cell(row.get(c)) for c in columns])
    return Response(buf.getvalue(), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})


FIELD_COLUMNS = list(dict.fromkeys(f for fields in FACT_FIELDS.values() for f in fields))
FACT_COLUMNS = (["id", "type", "review_status"] + FIELD_COLUMNS +
                ["source_id", "doc_id", "outlet", "published", "url", "evidence"])


def fact_row(f: dict) -> dict:
    row = {"id": f["id"], "type": f["type"], "review_status": f["status"], **f["fields"],
           "source_id": f["source"]["id"], "doc_id": f["source"]["doc_id"],
           "outlet": f["source"]["outlet"], "published": f["source"]["published"],
           "url": f["source"]["url"],
           "evidence": " | ".join(e["quote"] for e in f.get("evidence", []))}
    return row
