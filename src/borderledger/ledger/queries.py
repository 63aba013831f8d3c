"""Read queries for the web and its JSON API: the only SQL the web relies on.

Every function takes the ``Ledger`` and ``visible``, the review statuses the caller may show
(the web decides it per viewer in one place, ``web.auth.visible``). Only facts of each
document's latest extraction run ("current") are returned. Results are plain dicts and
lists, ready for templates and JSON. Aggregates are cached per ``web_state.version``, which
triggers bump on every write, so a cache entry never outlives the data it was built from.

Private individuals: every function that returns text (document text, quotes, field values,
titles, URLs, search snippets) masks the names of private people unless called with
``reveal=True`` (reviewers and admins only). Masking keeps lengths, so offsets still hold.
Search never reports a hit that only a masked name produced.
"""

from __future__ import annotations

import json
import re
import threading
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, and_, distinct, func, or_, select
from sqlalchemy.engine import Connection

from . import privacy
from .audit import AuditRow
from .privacy import PersonMentionRow
from .tables import DocumentRow, EvidenceRow, FactRow, SourceRow
from .webtables import (
    INVOLVED_ROLES, CountryCountRow, EventCountryRow, FactCountryRow, FactMetaRow,
    NationalityCountRow, RoleCountRow, TypeCountRow, WebStateRow,
)

M = FactMetaRow.__table__
C = FactCountryRow.__table__
F = FactRow.__table__
S = SourceRow.__table__
D = DocumentRow.__table__
E = EvidenceRow.__table__
PM = PersonMentionRow.__table__
TC = TypeCountRow.__table__
CC = CountryCountRow.__table__
RC = RoleCountRow.__table__
NC = NationalityCountRow.__table__

MAX_LIMIT = 500
FACET_MAX = 1000  # facets of a broad search count its best 1,000 matches
HIT_START, HIT_END = "\x02", "\x03"  # snippet markers; never present in escaped output


@dataclass
class Page:
    """One page of a longer result."""

    total: int
    limit: int
    offset: int
    items: list[dict[str, Any]]


# -- plumbing ----------------------------------------------------------------------------------
def _conn(ledger) -> Connection:
    return ledger.engine.connect()


def _is_sqlite(ledger) -> bool:
    return ledger.engine.dialect.name == "sqlite"


def _desc(col, ledger):
    return col.desc() if _is_sqlite(ledger) else col.desc().nulls_last()


_cache_lock = threading.Lock()


def data_version(ledger) -> int:
    with _conn(ledger) as c:
        return c.scalar(select(WebStateRow.version).where(WebStateRow.id == 1)) or 0


def _cached(ledger, key: tuple, build: Callable[[], Any]) -> Any:
    """``build()`` memoized on the ledger object until the data version changes."""
    version = data_version(ledger)
    with _cache_lock:
        store = ledger.__dict__.setdefault("_web_cache", {})
        hit = store.get(key)
        if hit is not None and hit[0] == version:
            return hit[1]
    value = build()
    with _cache_lock:
        if len(store) > 512:
            store.clear()
        store[key] = (version, value)
    return value


def _visible_meta(visible: Sequence[str]):
    return and_(M.c.current == 1, M.c.status.in_(list(visible)))


def _visible_country(visible: Sequence[str]):
    return and_(C.c.current == 1, C.c.status.in_(list(visible)))


def after(until: str) -> str:
    """The first date string past a ``YYYY[-MM[-DD]]`` bound, so ``2025-03`` includes all of
    March: ``"2025-03"`` → ``"2025-04"``, ``"2025-12-31"`` → ``"2026-01-01"``."""
    from datetime import date, timedelta

    parts = [int(p) for p in until.split("-")]
    if len(parts) == 1:
        return f"{parts[0] + 1:04d}"
    if len(parts) == 2:
        y, m = parts
        return f"{y + 1:04d}-01" if m == 12 else f"{y:04d}-{m + 1:02d}"
    return (date(*parts) + timedelta(days=1)).isoformat()


# -- private individuals -----------------------------------------------------------------------
_PARTICLES = {"de", "del", "la", "las", "los", "da", "das", "do", "dos", "van", "von", "der",
              "den", "bin", "ben", "al", "el", "y", "e"}


class PublicMask:
    """Masks private people's names in what one read returns (for anyone but reviewers).

    Text and quotes: every stored private mention (by offset) and every other occurrence of
    a private name as written. Field values, titles and URLs: also each word of a private
    name on its own (``Peraza v. Noem``), case-insensitively.
    """

    def __init__(self, masker: privacy.Masker):
        self.masker = masker
        self._words: dict[int, re.Pattern | None] = {}

    def _word_re(self, doc: int) -> re.Pattern | None:
        if doc not in self._words:
            words = {w for name in self.masker.names.get(doc, ())
                     for w in re.findall(r"[^\W\d_][\w'’-]*", name)
                     if len(w) >= 3 and w.lower() not in _PARTICLES}
            self._words[doc] = (re.compile(
                r"(?<!\w)(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
                + r")(?!\w)", re.IGNORECASE) if words else None)
        return self._words[doc]

    def private(self, doc: int) -> bool:
        return bool(self.masker.spans.get(doc) or self.masker.names.get(doc))

    def text(self, doc: int, text: str | None, offset: int = 0) -> str | None:
        if not text or not self.private(doc):
            return text
        return self.masker.mask_value(doc, self.masker.mask(doc, text, offset))

    def value(self, doc: int, value):
        if isinstance(value, (list, tuple)):
            return [self.value(doc, v) for v in value]
        if not isinstance(value, str) or not self.private(doc):
            return value
        value = self.masker.mask_value(doc, value)
        pattern = self._word_re(doc)
        return pattern.sub(lambda m: privacy.MASK * len(m.group(0)), value) if pattern else value

    def fact(self, f: dict) -> dict:
        doc = f["document_id"]
        if not self.private(doc):
            return f
        f["fields"] = {k: self.value(doc, v) for k, v in f["fields"].items()}
        for ev in f.get("evidence", []):
            ev["quote"] = self.text(doc, ev["quote"], ev["start"])
        if f.get("text") is not None:
            f["text"] = self.text(doc, f["text"])
        self.source(doc, f["source"])
        return f

    def source(self, doc: int | None, src: dict) -> dict:
        if doc is None or not self.private(doc):
            return src
        for key in ("title", "url"):
            if src.get(key):
                src[key] = self.value(doc, src[key])
        return src


def public_mask(ledger, document_ids: Iterable[int]) -> PublicMask:
    return PublicMask(privacy.masker(ledger, [d for d in document_ids if d is not None]))


def _mask_facts(ledger, items: list[dict], reveal: bool) -> list[dict]:
    if reveal or not items:
        return items
    mask = public_mask(ledger, {f["document_id"] for f in items})
    for f in items:
        mask.fact(f)
    return items


# -- facts -------------------------------------------------------------------------------------
def _fact_ids_query(visible, *, type=None, country=None, role=None, since=None, until=None,
                    status=None, source=None) -> Select:
    """Ids (with sort keys) of visible facts matching the filters."""
    if country:
        roles = [role] if role else list(INVOLVED_ROLES)
        q = (select(C.c.fact_id.label("fact_id"), C.c.sort_date.label("sort_date"))
             .where(_visible_country(visible), C.c.country == country, C.c.role.in_(roles)))
        if len(roles) > 1:  # (fact, country, role) is unique: one role needs no DISTINCT
            q = q.distinct()
        col_type, col_status, col_date = C.c.type, C.c.status, C.c.sort_date
        if source is not None:
            q = q.join(M, M.c.fact_id == C.c.fact_id).join(D, D.c.id == M.c.document_id)
    else:
        q = select(M.c.fact_id.label("fact_id"), M.c.sort_date.label("sort_date")).where(
            _visible_meta(visible))
        col_type, col_status, col_date = M.c.type, M.c.status, M.c.sort_date
        if source is not None:
            q = q.join(D, D.c.id == M.c.document_id)
    if type:
        q = q.where(col_type == type)
    if status:
        q = q.where(col_status == status)
    if since:
        q = q.where(col_date >= since)
    if until:
        q = q.where(col_date < after(until))
    if source is not None:
        q = q.where(D.c.source_id == source)
    return q


def facts(ledger, visible: Sequence[str], *, type: str | None = None,
          country: str | None = None, role: str | None = None, since: str | None = None,
          until: str | None = None, status: str | None = None, source: int | None = None,
          limit: int = 50, offset: int = 0, evidence: bool = False, reveal: bool = False,
          total: int | None = None, as_of=None) -> Page:
    """Visible facts, newest first (by the fact's date, else its source's publication date).

    ``total``: the number of matches when the caller already knows it (from the counts
    tables), which saves counting them. ``as_of`` (a naive UTC ``datetime``): what the
    ledger said then (``facts_as_of``).
    """
    if as_of is not None:
        return facts_as_of(ledger, as_of, visible, type=type, country=country, role=role,
                           since=since, until=until, status=status, limit=limit,
                           offset=offset, evidence=evidence, reveal=reveal)
    limit = max(0, min(limit, MAX_LIMIT))
    ids_q = _fact_ids_query(visible, type=type, country=country, role=role, since=since,
                            until=until, status=status, source=source).subquery()
    with _conn(ledger) as c:
        if total is None:
            total = c.scalar(select(func.count()).select_from(ids_q)) or 0
        ids = c.execute(
            select(ids_q.c.fact_id)
            .order_by(_desc(ids_q.c.sort_date, ledger), ids_q.c.fact_id.desc())
            .limit(limit).offset(offset)
        ).scalars().all()
        items = _load_facts(c, ids, evidence=evidence)
    return Page(total=total, limit=limit, offset=offset, items=_mask_facts(ledger, items, reveal))


def _load_facts(c: Connection, ids: Sequence[int], *, evidence: bool = False) -> list[dict]:
    if not ids:
        return []
    rows = c.execute(
        select(F.c.id, F.c.type, F.c.fields, F.c.status, F.c.confidence, F.c.extractor,
               F.c.extractor_version, F.c.rule, F.c.created_at, F.c.document_id,
               M.c.date, M.c.sort_date, S.c.id.label("source_id"), S.c.title, S.c.outlet,
               S.c.published, S.c.url, S.c.corpus_id, S.c.sha256)
        .join(M, M.c.fact_id == F.c.id)
        .join(D, D.c.id == F.c.document_id)
        .join(S, S.c.id == D.c.source_id)
        .where(F.c.id.in_(list(ids)))
    ).mappings().all()
    by_id = {r["id"]: _fact_dict(r) for r in rows}
    if evidence:
        for ev in c.execute(select(E.c.id, E.c.fact_id, E.c.start, E.c.end, E.c.quote)
                            .where(E.c.fact_id.in_(list(ids))).order_by(E.c.start)).mappings():
            by_id[ev["fact_id"]]["evidence"].append(
                {"id": ev["id"], "start": ev["start"], "end": ev["end"], "quote": ev["quote"]})
    return [by_id[i] for i in ids if i in by_id]


def _fact_dict(r) -> dict[str, Any]:
    return {
        "id": r["id"], "type": r["type"], "fields": dict(r["fields"] or {}),
        "status": r["status"], "date": r["date"], "sort_date": r["sort_date"],
        "confidence": r["confidence"], "extractor": r["extractor"],
        "extractor_version": r["extractor_version"], "rule": r["rule"],
        "created_at": r["created_at"].isoformat() if r["created_at"] else None,
        "document_id": r["document_id"],
        "source": {"id": r["source_id"], "title": r["title"], "outlet": r["outlet"],
                   "published": r["published"], "url": r["url"],
                   "doc_id": r["corpus_id"] or f"sha256:{r['sha256'][:16]}"},
        "evidence": [],
    }


def fact(ledger, fact_id: int, visible: Sequence[str], *, reveal: bool = False) -> dict | None:
    """One visible fact with its evidence and the text of its document."""
    with _conn(ledger) as c:
        ok = c.scalar(select(M.c.fact_id).where(M.c.fact_id == fact_id, _visible_meta(visible)))
        if ok is None:
            return None
        item = _load_facts(c, [fact_id], evidence=True)[0]
        item["text"] = c.scalar(select(D.c.text).where(D.c.id == item["document_id"]))
        src = c.execute(select(S).where(S.c.id == item["source"]["id"])).mappings().one()
        item["source"].update(_source_meta(src))
    return _mask_facts(ledger, [item], reveal)[0]


# -- sources -----------------------------------------------------------------------------------
def _source_meta(r) -> dict[str, Any]:
    return {
        "id": r["id"], "doc_id": r["corpus_id"] or f"sha256:{r['sha256'][:16]}",
        "title": r["title"], "outlet": r["outlet"], "url": r["url"],
        "published": r["published"], "sha256": r["sha256"], "media_type": r["media_type"],
        "size": r["size"],
        "retrieved_at": r["retrieved_at"].isoformat() if r["retrieved_at"] else None,
    }


def sources(ledger, visible: Sequence[str], *, since: str | None = None,
            until: str | None = None, outlet: str | None = None, limit: int = 50,
            offset: int = 0, reveal: bool = False) -> Page:
    """Sources, newest publication first, with their count of visible facts."""
    limit = max(0, min(limit, MAX_LIMIT))
    q = select(S)
    if since:
        q = q.where(S.c.published >= since)
    if until:
        q = q.where(S.c.published < after(until))
    if outlet:
        q = q.where(S.c.outlet == outlet)
    with _conn(ledger) as c:
        total = c.scalar(select(func.count()).select_from(q.subquery())) or 0
        rows = c.execute(q.order_by(_desc(S.c.published, ledger), S.c.id.desc())
                         .limit(limit).offset(offset)).mappings().all()
        items = [_source_meta(r) for r in rows]
        counts = _fact_counts_by_source(c, [i["id"] for i in items], visible)
        docs = dict(c.execute(select(D.c.source_id, D.c.id)
                              .where(D.c.source_id.in_([i["id"] for i in items]))).all()
                    ) if items and not reveal else {}
    for item in items:
        item["n_facts"] = counts.get(item["id"], 0)
    if not reveal and docs:
        mask = public_mask(ledger, docs.values())
        for item in items:
            mask.source(docs.get(item["id"]), item)
    return Page(total=total, limit=limit, offset=offset, items=items)


def _fact_counts_by_source(c: Connection, source_ids: list[int], visible) -> dict[int, int]:
    if not source_ids:
        return {}
    return dict(c.execute(
        select(D.c.source_id, func.count(M.c.fact_id))
        .join(M, M.c.document_id == D.c.id)
        .where(D.c.source_id.in_(source_ids), _visible_meta(visible))
        .group_by(D.c.source_id)).all())


def source(ledger, source_id: int, visible: Sequence[str], *,
           reveal: bool = False) -> dict | None:
    """One source with its text and its visible current facts (with evidence)."""
    with _conn(ledger) as c:
        row = c.execute(select(S).where(S.c.id == source_id)).mappings().one_or_none()
        if row is None:
            return None
        item = _source_meta(row)
        doc = c.execute(select(D.c.id, D.c.text, D.c.converter, D.c.text_sha256)
                        .where(D.c.source_id == source_id)).mappings().one_or_none()
        item["text"] = doc["text"] if doc else ""
        item["converter"] = doc["converter"] if doc else None
        ids = []
        if doc:
            ids = c.execute(select(M.c.fact_id).where(M.c.document_id == doc["id"],
                                                      _visible_meta(visible))
                            .order_by(M.c.fact_id)).scalars().all()
        item["facts"] = _load_facts(c, ids, evidence=True)
    if doc and not reveal:
        mask = public_mask(ledger, [doc["id"]])
        item["text"] = mask.text(doc["id"], item["text"])
        mask.source(doc["id"], item)
        for f in item["facts"]:
            mask.fact(f)
    return item


# -- overview and countries --------------------------------------------------------------------
def counts_maintained(ledger) -> bool:
    """Are the count tables of migration 0009 kept by triggers here? (SQLite: yes.)"""
    return _is_sqlite(ledger)


def headline(ledger, visible: Sequence[str]) -> dict[str, Any]:
    """Counts for the front page: facts by type, sources, countries involved."""
    def build():
        with _conn(ledger) as c:
            if counts_maintained(ledger):
                by_type = {t: n for t, n in c.execute(
                    select(TC.c.type, func.sum(TC.c.n)).where(TC.c.status.in_(list(visible)))
                    .group_by(TC.c.type)).all() if n}
            else:
                by_type = dict(c.execute(select(M.c.type, func.count())
                                         .where(_visible_meta(visible)).group_by(M.c.type)).all())
            n_sources = c.scalar(select(func.count()).select_from(S)) or 0
        return {"by_type": by_type, "facts": sum(by_type.values()), "sources": n_sources,
                "countries": len(countries(ledger, visible))}
    return _cached(ledger, ("headline", tuple(visible)), build)


def map_counts(ledger, visible: Sequence[str]) -> dict[str, int]:
    """Per country: transfers and arrangements it takes part in (any role but nationality)."""
    out = {}
    for entry in countries(ledger, visible):
        n = entry["by_type"].get("transfer", 0) + entry["by_type"].get("arrangement", 0)
        if n:
            out[entry["country"]] = n
    return out


def countries(ledger, visible: Sequence[str]) -> list[dict[str, Any]]:
    """Every country a visible fact involves, with counts per fact type, most facts first."""
    def build():
        with _conn(ledger) as c:
            if counts_maintained(ledger):
                rows = c.execute(
                    select(CC.c.country, CC.c.type, func.sum(CC.c.n))
                    .where(CC.c.status.in_(list(visible))).group_by(CC.c.country, CC.c.type)
                ).all()
            else:
                rows = c.execute(
                    select(C.c.country, C.c.type, func.count(distinct(C.c.fact_id)))
                    .where(_visible_country(visible), C.c.role.in_(list(INVOLVED_ROLES)))
                    .group_by(C.c.country, C.c.type)).all()
        out: dict[str, dict] = {}
        for cc, type_, n in rows:
            if not n:
                continue
            entry = out.setdefault(cc, {"country": cc, "by_type": {}, "total": 0})
            entry["by_type"][type_] = n
            entry["total"] += n
        return sorted(out.values(), key=lambda e: (-e["total"], e["country"]))
    return _cached(ledger, ("countries", tuple(visible)), build)


def country_summary(ledger, cc: str, visible: Sequence[str]) -> dict[str, Any]:
    """Aggregates for one country's dossier: counts per section, nationalities, months.

    Read from the count tables (a few hundred rows at most), so it stays cheap right
    after a write; elsewhere (PostgreSQL) aggregated from ``fact_countries`` and cached.
    """
    if counts_maintained(ledger):
        return _country_summary_counts(ledger, cc, visible)
    return _cached(ledger, ("country", cc, tuple(visible)),
                   lambda: _country_summary_live(ledger, cc, visible))


def _summary(cc, by_type, by_type_role, nats, months, undated) -> dict[str, Any]:
    per_month: dict[str, dict[str, int]] = defaultdict(dict)
    for m, type_, n in months:
        if n:
            per_month[m][type_] = n
    return {
        "country": cc,
        "by_type": {t: n for t, n in by_type.items() if n},
        "total": sum(by_type.values()),
        "by_type_role": {f"{t}:{r}": n for t, r, n in by_type_role if n},
        "nationalities": {role: [(k, n) for k, n in rows if n] for role, rows in nats.items()},
        "months": dict(sorted(per_month.items())),
        "undated": undated,
    }


def _country_summary_counts(ledger, cc: str, visible: Sequence[str]) -> dict[str, Any]:
    vis = list(visible)
    with _conn(ledger) as c:
        rows = c.execute(select(CC.c.type, CC.c.month, func.sum(CC.c.n))
                         .where(CC.c.country == cc, CC.c.status.in_(vis))
                         .group_by(CC.c.type, CC.c.month)).all()
        by_type_role = c.execute(
            select(RC.c.type, RC.c.role, func.sum(RC.c.n))
            .where(RC.c.country == cc, RC.c.status.in_(vis)).group_by(RC.c.type, RC.c.role)).all()
        nats = {}
        for role in ("receiver", "sender", "via"):
            total = func.sum(NC.c.n)
            nats[role] = c.execute(
                select(NC.c.nationality, total)
                .where(NC.c.country == cc, NC.c.role == role, NC.c.status.in_(vis))
                .group_by(NC.c.nationality).having(total > 0)
                .order_by(total.desc(), NC.c.nationality).limit(12)).all()
    by_type: dict[str, int] = defaultdict(int)
    for type_, _, n in rows:
        by_type[type_] += n
    undated = sum(n for _, m, n in rows if m == "")
    return _summary(cc, by_type, by_type_role, nats,
                    [(m, t, n) for t, m, n in rows if m], undated)


def _country_summary_live(ledger, cc: str, visible: Sequence[str]) -> dict[str, Any]:
    with _conn(ledger) as c:
        vis = and_(_visible_country(visible), C.c.country == cc)
        by_type_role = c.execute(
            select(C.c.type, C.c.role, func.count()).where(vis).group_by(C.c.type, C.c.role)
        ).all()
        by_type = dict(c.execute(
            select(C.c.type, func.count(distinct(C.c.fact_id)))
            .where(vis, C.c.role.in_(list(INVOLVED_ROLES))).group_by(C.c.type)).all())
        N = C.alias("n")
        nats = {}
        for role in ("receiver", "sender", "via"):
            nats[role] = c.execute(
                select(N.c.country, func.count())
                .select_from(C.join(N, and_(N.c.fact_id == C.c.fact_id,
                                            N.c.role == "nationality")))
                .where(vis, C.c.type == "transfer", C.c.role == role)
                .group_by(N.c.country).order_by(func.count().desc(), N.c.country)
                .limit(12)).all()
        months = c.execute(
            select(func.substr(C.c.sort_date, 1, 7).label("m"), C.c.type,
                   func.count(distinct(C.c.fact_id)))
            .where(vis, C.c.role.in_(list(INVOLVED_ROLES)), C.c.sort_date.is_not(None),
                   func.length(C.c.sort_date) >= 7)
            .group_by("m", C.c.type)).all()
        undated = c.scalar(
            select(func.count(distinct(C.c.fact_id)))
            .where(vis, C.c.role.in_(list(INVOLVED_ROLES)),
                   or_(C.c.sort_date.is_(None), func.length(C.c.sort_date) < 7))) or 0
    return _summary(cc, by_type, by_type_role, nats, months, undated)


def arrangements(ledger, cc: str, visible: Sequence[str], limit: int = 200, *,
                 reveal: bool = False) -> dict[str, Any]:
    """A country's arrangements grouped by (other parties, kind), newest report first.

    Each group says what the sources state and, explicitly, what none of them states.
    """
    page = facts(ledger, visible, type="arrangement", country=cc, role="party", limit=limit,
                 reveal=reveal)
    groups: dict[tuple, dict] = {}
    for f in page.items:
        fields = f["fields"]
        partners = tuple(sorted(p for p in (fields.get("parties") or []) if p != cc))
        key = (partners, fields.get("kind") or "other")
        g = groups.setdefault(key, {"partners": list(partners), "kind": key[1], "facts": [],
                                    "statuses": Counter(), "payments": [], "dates": []})
        g["facts"].append(f)
        g["statuses"][fields.get("status") or "unknown"] += 1
        if fields.get("payment_usd") is not None:
            g["payments"].append((fields["payment_usd"], f["id"]))
        if fields.get("date"):
            g["dates"].append((fields["date"], fields.get("status"), f["id"]))
    out = []
    for g in groups.values():
        g["statuses"] = dict(g["statuses"])
        g["dates"].sort()
        latest = max(g["facts"], key=lambda f: (f["fields"].get("date") or "",
                                                f["sort_date"] or ""))
        g["latest_status"] = latest["fields"].get("status")
        out.append(g)
    out.sort(key=lambda g: -len(g["facts"]))
    return {"total": page.total, "shown": len(page.items), "groups": out}


# -- search ------------------------------------------------------------------------------------
_TERM = re.compile(r"\w", re.UNICODE)


def fts_query(q: str) -> str:
    """User words → a safe FTS5 query: each term a quoted phrase (AND), ``word*`` a prefix."""
    parts = []
    for raw in q.split():
        prefix = raw.endswith("*")
        term = raw.rstrip("*")
        if not _TERM.search(term):
            continue
        phrase = '"' + term.replace('"', '""') + '"'
        parts.append(phrase + (" *" if prefix else ""))
    return " ".join(parts[:32])


def search(ledger, q: str, visible: Sequence[str], *, type: str | None = None,
           country: str | None = None, limit: int = 20, offset: int = 0,
           reveal: bool = False) -> dict[str, Any]:
    """Full text over source titles and texts, filtered to sources with matching facts.

    Returns ``{"total", "items", "facets": {"type": [...], "country": [...]}}``; each item's
    ``snippet`` is a list of ``(text, is_hit)`` pieces for the caller to escape.

    Unless ``reveal``, the index (which holds unmasked text) is not trusted on its own: a
    source whose match depends on a private person's name is left out, as if the name were
    not there, and snippets of sources naming private people are cut from the masked text.
    """
    limit = max(0, min(limit, MAX_LIMIT))
    match = fts_query(q)
    empty = {"total": 0, "limit": limit, "offset": offset, "items": [],
             "facets": {"type": [], "country": []}, "facets_over": 0, "query": match}
    if not match:
        return empty
    fact_docs = None
    if type or country:
        if country:
            fact_docs = (select(M.c.document_id).select_from(C.join(M, M.c.fact_id == C.c.fact_id))
                         .where(C.c.country == country, C.c.role.in_(list(INVOLVED_ROLES)),
                                _visible_country(visible)).distinct())
            if type:
                fact_docs = fact_docs.where(C.c.type == type)
        else:
            fact_docs = select(M.c.document_id).where(_visible_meta(visible),
                                                      M.c.type == type).distinct()
    sqlite = _is_sqlite(ledger)
    with _conn(ledger) as c:
        hidden = set() if reveal else _hidden_by_masking(c, ledger, q, sqlite)
        if sqlite:
            hits = _search_sqlite(c, match, fact_docs, limit, offset, hidden)
        else:
            hits = _search_ilike(c, q, fact_docs, limit, offset, hidden)
        total, ranked, doc_ids_all = hits
        facet_base = doc_ids_all[:FACET_MAX]
        doc_ids = [d for d, _ in ranked]
        meta = {r["doc_id"]: r for r in c.execute(
            select(D.c.id.label("doc_id"), S).join(S, S.c.id == D.c.source_id)
            .where(D.c.id.in_(doc_ids))).mappings()}
        counts = _fact_counts_by_source(c, [meta[d]["id"] for d in doc_ids if d in meta],
                                        visible)
        facets = _facets(c, facet_base, visible)
        mask = None if reveal else public_mask(ledger, doc_ids)
        texts = {}
        if mask is not None:
            private_docs = [d for d in doc_ids if mask.private(d)]
            if private_docs:
                texts = dict(c.execute(select(D.c.id, D.c.text)
                                       .where(D.c.id.in_(private_docs))).all())
    terms = [t.strip("*") for t in q.split() if _TERM.search(t)][:32]
    items = []
    for doc_id, snippet in ranked:
        if doc_id not in meta:
            continue
        item = _source_meta(meta[doc_id])
        if doc_id in texts:  # cut from the masked text, never from the index's copy
            snippet = _python_snippet(mask.text(doc_id, texts[doc_id]), terms, width=200)
        if mask is not None:
            mask.source(doc_id, item)
        item["snippet"] = snippet
        item["n_facts"] = counts.get(item["id"], 0)
        items.append(item)
    return {"total": total, "limit": limit, "offset": offset, "items": items,
            "facets": facets, "facets_over": len(facet_base), "query": match}


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def _tokens(text: str) -> list[str]:
    """Words as FTS5's ``unicode61 remove_diacritics 2`` sees them (near enough)."""
    return re.findall(r"[^\W_]+", _fold(text or ""))


def _query_terms(q: str) -> list[tuple[list[str], bool]]:
    """The query as ``fts_query`` reads it: per term its tokens and whether it is a prefix."""
    out = []
    for raw in q.split():
        term = raw.rstrip("*")
        if not _TERM.search(term):
            continue
        tokens = _tokens(term)
        if tokens:
            out.append((tokens, raw.endswith("*")))
    return out[:32]


def _phrase_in(tokens: list[str], prefix: bool, words: list[str]) -> bool:
    n = len(tokens)
    for i in range(len(words) - n + 1):
        if words[i:i + n - 1] == tokens[:-1] and (
                words[i + n - 1].startswith(tokens[-1]) if prefix else words[i + n - 1] == tokens[-1]):
            return True
    return False


def _matches(q: str, title: str, text: str, sqlite: bool) -> bool:
    """Would the search match this (masked) title and text? Token phrases for FTS5,
    substrings for the ILIKE fallback."""
    if sqlite:
        columns = [_tokens(title), _tokens(text)]
        return all(any(_phrase_in(toks, prefix, col) for col in columns)
                   for toks, prefix in _query_terms(q))
    haystacks = [(title or "").casefold(), (text or "").casefold()]
    return all(any(t.casefold() in h for h in haystacks)
               for t in (r.strip("*") for r in q.split() if _TERM.search(r)))


def _hidden_by_masking(c: Connection, ledger, q: str, sqlite: bool) -> set[int]:
    """Documents that match ``q`` only through a private person's name.

    Only documents naming someone whose name shares a word with the query can be affected;
    each of those is checked again against its masked title and text.
    """
    terms = _query_terms(q)
    if not terms:
        return set()
    wanted = [(toks, prefix) for toks, prefix in terms]
    substrings = [t.strip("*").casefold() for t in q.split() if _TERM.search(t)]

    def touches(name: str) -> bool:
        words = _tokens(name)
        if not sqlite:
            folded = name.casefold()
            return any(s and (s in folded or folded in s) for s in substrings) or any(
                w in s for s in substrings for w in words)
        return any(w == t or (prefix and i == len(toks) - 1 and w.startswith(t))
                   for toks, prefix in wanted for i, t in enumerate(toks) for w in words)

    names = [n for n in c.execute(select(PM.c.name).distinct()).scalars() if touches(n)]
    if not names:
        return set()
    candidates: set[int] = set()
    for i in range(0, len(names), 500):
        candidates.update(c.execute(select(PM.c.document_id).distinct()
                                    .where(PM.c.name.in_(names[i:i + 500]))).scalars())
    mask = public_mask(ledger, candidates)
    check = [d for d in candidates if mask.private(d)]
    hidden = set()
    for i in range(0, len(check), 500):
        rows = c.execute(select(D.c.id, D.c.text, S.c.title).join(S, S.c.id == D.c.source_id)
                         .where(D.c.id.in_(check[i:i + 500]))).all()
        for doc, text, title in rows:
            if not _matches(q, mask.value(doc, title or ""), mask.text(doc, text), sqlite):
                hidden.add(doc)
    return hidden


def _split_snippet(s: str) -> list[tuple[str, bool]]:
    pieces, hit = [], False
    for part in re.split(f"([{HIT_START}{HIT_END}])", s or ""):
        if part == HIT_START:
            hit = True
        elif part == HIT_END:
            hit = False
        elif part:
            pieces.append((part.replace(HIT_START, "").replace(HIT_END, ""), hit))
    return pieces


def _search_sqlite(c: Connection, match: str, fact_docs, limit: int, offset: int,
                   hidden: set[int] = frozenset()):
    """(total, page of (doc id, snippet), best matches for facets), ranked by bm25 with
    titles weighing 5×. Unfiltered searches never pull every match into Python."""
    rank = "ORDER BY bm25(doc_fts, 5.0, 1.0)"
    try:
        if fact_docs is None:
            total = c.exec_driver_sql("SELECT count(*) FROM doc_fts WHERE doc_fts MATCH ?",
                                      (match,)).scalar() or 0
            if hidden:
                marks = ",".join("?" * len(hidden))
                total -= c.exec_driver_sql(
                    f"SELECT count(*) FROM doc_fts WHERE doc_fts MATCH ? AND rowid IN ({marks})",
                    (match, *hidden)).scalar() or 0
            best = [r[0] for r in c.exec_driver_sql(
                f"SELECT rowid FROM doc_fts WHERE doc_fts MATCH ? {rank} LIMIT ?",
                (match, max(FACET_MAX, offset + limit) + len(hidden))) if r[0] not in hidden]
        else:  # intersect in Python: FTS5 with "rowid IN (…)" probes the index per row
            allowed = set(c.execute(fact_docs).scalars()) - hidden
            best = [r[0] for r in c.exec_driver_sql(
                f"SELECT rowid FROM doc_fts WHERE doc_fts MATCH ? {rank}", (match,))
                if r[0] in allowed]
            total = len(best)
        page = best[offset:offset + limit]
        snippets = {}
        if page:
            marks = ",".join("?" * len(page))
            snippets = dict(c.exec_driver_sql(
                f"SELECT rowid, snippet(doc_fts, 1, '{HIT_START}', '{HIT_END}', '…', 24) "
                f"FROM doc_fts WHERE doc_fts MATCH ? AND rowid IN ({marks})",
                (match, *page)).all())
    except Exception:  # noqa: BLE001 - a query FTS5 cannot parse means "no results"
        c.rollback()
        return 0, [], []
    return total, [(d, _split_snippet(snippets.get(d, ""))) for d in page], best


def _search_ilike(c: Connection, q: str, fact_docs, limit: int, offset: int,
                  hidden: set[int] = frozenset()):
    """The PostgreSQL fallback: every term must appear in the title or the text."""
    terms = [t.strip("*") for t in q.split() if _TERM.search(t)][:32]
    stmt = select(D.c.id, D.c.text).join(S, S.c.id == D.c.source_id)
    for t in terms:
        pat = "%" + t.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        stmt = stmt.where(or_(D.c.text.ilike(pat, escape="\\"), S.c.title.ilike(pat, escape="\\")))
    if fact_docs is not None:
        stmt = stmt.where(D.c.id.in_(fact_docs))
    if hidden:
        stmt = stmt.where(D.c.id.not_in(list(hidden)))
    all_ids = c.execute(stmt.with_only_columns(D.c.id)).scalars().all()
    rows = c.execute(stmt.order_by(S.c.published.desc().nulls_last(), D.c.id.desc())
                     .limit(limit).offset(offset)).all()
    return len(all_ids), [(r[0], _python_snippet(r[1], terms)) for r in rows], all_ids


def _python_snippet(body: str, terms: list[str], width: int = 160) -> list[tuple[str, bool]]:
    low = body.lower()
    pos = min((p for p in (low.find(t.lower()) for t in terms) if p >= 0), default=0)
    start = max(0, pos - width // 2)
    window = body[start:start + width]
    pattern = re.compile("|".join(re.escape(t) for t in terms), re.IGNORECASE) if terms else None
    pieces, last = [], 0
    for m in (pattern.finditer(window) if pattern else []):
        pieces += [(window[last:m.start()], False), (m.group(0), True)]
        last = m.end()
    pieces.append((window[last:], False))
    prefix = [("…", False)] if start else []
    return prefix + [p for p in pieces if p[0]] + [("…", False)]


def _facets(c: Connection, doc_ids: Iterable[int], visible) -> dict[str, list]:
    doc_ids = list(doc_ids)
    if not doc_ids:
        return {"type": [], "country": []}
    # chunk to stay under SQLite's variable limit on very broad queries
    by_type: Counter = Counter()
    by_country: Counter = Counter()
    for i in range(0, len(doc_ids), 20000):
        chunk = doc_ids[i:i + 20000]
        for t, n in c.execute(select(M.c.type, func.count(distinct(M.c.document_id)))
                              .where(_visible_meta(visible), M.c.document_id.in_(chunk))
                              .group_by(M.c.type)):
            by_type[t] += n
        for cc, n in c.execute(
                select(C.c.country, func.count(distinct(M.c.document_id)))
                .join(M, M.c.fact_id == C.c.fact_id)
                .where(_visible_meta(visible), M.c.document_id.in_(chunk),
                       C.c.role.in_(list(INVOLVED_ROLES)))
                .group_by(C.c.country)):
            by_country[cc] += n
    return {"type": by_type.most_common(), "country": by_country.most_common(20)}


# -- review (reviewers and admins only: nothing here is masked) --------------------------------
def review_queue(ledger, *, limit: int = 50, offset: int = 0) -> Page:
    """Proposed facts, most consequential first (``ledger.review.queue``), each with its
    evidence and the text of its document, for quotes in context."""
    from .review import queue

    limit = max(0, min(limit, MAX_LIMIT))
    ranked = [f.id for f in queue(ledger, limit=10**9)]
    ids = ranked[offset:offset + limit]
    with _conn(ledger) as c:
        items = _load_facts(c, ids, evidence=True)
        texts = dict(c.execute(select(D.c.id, D.c.text).where(
            D.c.id.in_({f["document_id"] for f in items}))).all()) if items else {}
    for f in items:
        f["text"] = texts.get(f["document_id"], "")
    return Page(total=len(ranked), limit=limit, offset=offset, items=items)


def fact_audit(ledger, fact_id: int) -> list[dict[str, Any]]:
    """The audit trail's entries about one fact, oldest first."""
    with _conn(ledger) as c:
        rows = c.execute(select(AuditRow.id, AuditRow.at, AuditRow.actor, AuditRow.action,
                                AuditRow.before, AuditRow.after, AuditRow.hash)
                         .where(AuditRow.subject == f"fact:{fact_id}")
                         .order_by(AuditRow.id)).mappings().all()
    return [{**r, "at": r["at"].isoformat(timespec="seconds") if r["at"] else None,
             "reason": (r["after"] or {}).get("reason") if isinstance(r["after"], dict) else None}
            for r in rows]


# -- as of a past moment -----------------------------------------------------------------------
#: fact field → role in ``fact_countries`` (as migration 0002_web derives them)
SCALAR_ROLES = {"sender": "sender", "receiver": "receiver", "via": "via", "country": "country",
                "funded_by": "funder", "requested_by": "requester"}
LIST_ROLES = {"parties": "party", "respondent": "respondent", "nationalities": "nationality"}


def fact_roles(fields: dict) -> set[tuple[str, str]]:
    """(country, role) pairs a fact's fields state, as ``fact_countries`` holds them."""
    out = set()
    for name, role in SCALAR_ROLES.items():
        if isinstance(fields.get(name), str):
            out.add((fields[name], role))
    for name, role in LIST_ROLES.items():
        if isinstance(fields.get(name), list):
            out.update((v, role) for v in fields[name] if isinstance(v, str))
    return out


def _involves(fields: dict, country: str, role: str | None) -> bool:
    roles = fact_roles(fields)
    if role:
        return (country, role) in roles
    return any(cc == country and r in INVOLVED_ROLES for cc, r in roles)


def states_as_of(ledger, as_of) -> list[dict[str, Any]]:
    """Every fact the ledger held at ``as_of`` (a naive UTC datetime), in the state it had then.

    Only sources retrieved and extraction runs started by then count (each document's
    latest such run is "current"), and facts recorded by then. Status and fields are those
    of the fact's latest version by then (``fact_versions``; a fact never reviewed has no
    versions and is as it is now). Each: id, document_id, source_id, type, status, fields,
    date, sort_date, published.
    """
    from .review import FactVersionRow
    from .tables import latest_runs

    V = FactVersionRow.__table__
    latest = latest_runs(as_of)
    last = (select(V.c.fact_id, func.max(V.c.version).label("version"))
            .where(V.c.at <= as_of).group_by(V.c.fact_id).subquery())
    stmt = (select(F.c.id, F.c.document_id, F.c.type, F.c.status, F.c.fields,
                   V.c.status.label("v_status"), V.c.fields.label("v_fields"),
                   S.c.published, S.c.id.label("source_id"))
            .join(latest, and_(F.c.document_id == latest.c.document_id,
                               F.c.run_id == latest.c.run_id))
            .join(D, D.c.id == F.c.document_id).join(S, S.c.id == D.c.source_id)
            .outerjoin(last, last.c.fact_id == F.c.id)
            .outerjoin(V, and_(V.c.fact_id == F.c.id, V.c.version == last.c.version))
            .where(F.c.created_at <= as_of, S.c.retrieved_at <= as_of))
    out = []
    with _conn(ledger) as c:
        for r in c.execute(stmt).mappings():
            fields = dict((r["v_fields"] if r["v_status"] is not None else r["fields"]) or {})
            date = fields.get("date") if isinstance(fields.get("date"), str) else None
            out.append({"id": r["id"], "document_id": r["document_id"],
                        "source_id": r["source_id"], "type": r["type"],
                        "status": r["v_status"] or r["status"], "fields": fields,
                        "date": date, "sort_date": date or r["published"],
                        "published": r["published"]})
    return out


def _cached_as_of(ledger, key: tuple, build: Callable[[], Any]) -> Any:
    return _cached(ledger, ("as_of",) + key, build)


def facts_as_of(ledger, as_of, visible: Sequence[str], *, type: str | None = None,
                country: str | None = None, role: str | None = None, since: str | None = None,
                until: str | None = None, status: str | None = None, limit: int = 50,
                offset: int = 0, evidence: bool = False, reveal: bool = False) -> Page:
    """``facts`` as the ledger stated them at ``as_of`` (see ``states_as_of``)."""
    limit = max(0, min(limit, MAX_LIMIT))
    states = _cached_as_of(ledger, ("states", as_of), lambda: states_as_of(ledger, as_of))
    hi = after(until) if until else None
    chosen = [f for f in states
              if f["status"] in visible and (not status or f["status"] == status)
              and (not type or f["type"] == type)
              and (not country or _involves(f["fields"], country, role))
              and (not since or (f["sort_date"] or "") >= since)
              and (not hi or (f["sort_date"] is not None and f["sort_date"] < hi))]
    chosen.sort(key=lambda f: (f["sort_date"] is not None, f["sort_date"] or "", f["id"]),
                reverse=True)
    page = chosen[offset:offset + limit]
    with _conn(ledger) as c:
        items = _load_facts(c, [f["id"] for f in page], evidence=evidence)
    then = {f["id"]: f for f in page}
    for item in items:
        state = then[item["id"]]
        item.update(status=state["status"], fields=dict(state["fields"]), date=state["date"],
                    sort_date=state["sort_date"])
    return Page(total=len(chosen), limit=limit, offset=offset,
                items=_mask_facts(ledger, items, reveal))


# -- events ------------------------------------------------------------------------------------
def _event_tables():
    from .events import EventFactRow, EventOverrideRow, EventRow, SourceGroupRow

    return (EventRow.__table__, EventFactRow.__table__, SourceGroupRow.__table__,
            EventOverrideRow.__table__)


def events_stored(ledger) -> int:
    """How many events the latest ``borderledger resolve`` stored (0: never resolved)."""
    EV = _event_tables()[0]
    with _conn(ledger) as c:
        return c.scalar(select(func.count()).select_from(EV)) or 0


def _canonical_facilities(c: Connection, surfaces: Iterable[str]) -> dict[str, str]:
    """Written facility names → the known facility resolution took them for (read only:
    the matches ``resolve`` recorded, unless a reviewer rejected them)."""
    from .entities import EntityMatchRow

    EM = EntityMatchRow.__table__
    surfaces = sorted({s for s in surfaces if isinstance(s, str)})
    if not surfaces:
        return {}
    return dict(c.execute(select(EM.c.surface, EM.c.entity_name).where(
        EM.c.kind == "facility", EM.c.status != "rejected", EM.c.surface.in_(surfaces))).all())


def _groups(c: Connection, source_ids: Iterable[int]) -> dict[int, int]:
    """Source → its near-duplicate group (syndicated copies count as one source)."""
    SG = _event_tables()[2]
    ids = sorted(set(source_ids))
    out = {i: i for i in ids}
    for i in range(0, len(ids), 900):
        out.update(c.execute(select(SG.c.source_id, SG.c.group_source_id)
                             .where(SG.c.source_id.in_(ids[i:i + 900]))).all())
    return out


def _event_view(event_id: str, type_: str, key: dict, members: list[dict],
                refs: dict | None = None) -> dict[str, Any]:
    """An event as one viewer sees it, from the facts they may see (``members``: loaded,
    masked fact dicts with ``event_fields`` and ``group``). Per field every distinct value
    with the documents, facts and independent sources stating it: conflicts stand side by side."""
    from ..resolve import Event, FactRecord

    records = [FactRecord(id=f["id"], doc=f["source"]["doc_id"], type=type_,
                          fields=f["event_fields"], published=f["source"]["published"],
                          group=str(f["group"])) for f in members]
    ev = Event(type_, tuple(key.values()), records)
    vt = ev.valid_time
    values: dict[str, dict[str, dict]] = defaultdict(dict)
    for f in members:
        for name, value in f["event_fields"].items():
            if value is None or value == [] or value == "":
                continue
            token = json.dumps(value, sort_keys=True)
            slot = values[name].setdefault(token, {"value": value, "sources": set(),
                                                   "facts": [], "groups": set()})
            slot["sources"].add(f["source"]["doc_id"])
            slot["facts"].append(f["id"])
            slot["groups"].add(f["group"])
    fields = {}
    for name in sorted(values):
        ranked = sorted(values[name].items(), key=lambda kv: (-len(kv[1]["groups"]), kv[0]))
        fields[name] = [{"value": v["value"], "sources": sorted(v["sources"]),
                         "facts": sorted(v["facts"]), "independent_sources": len(v["groups"])}
                        for _, v in ranked]
    statuses = {f["status"] for f in members}
    return {
        "id": event_id, "type": type_, "key": key,
        "valid_from": vt[0].isoformat() if vt else None,
        "valid_to": vt[1].isoformat() if vt else None,
        "documents": ev.documents, "independent_sources": ev.independent_sources,
        "n_facts": len(members), "facts": [f["id"] for f in members],
        "refs": [refs[f["id"]] for f in members if refs and f["id"] in refs],
        "status": "confirmed" if statuses == {"confirmed"} else (
            "rejected" if statuses == {"rejected"} else "proposed"),
        "fields": fields,
        "conflicts": [name for name, vals in fields.items() if len(vals) > 1],
    }


def _members(ledger, c: Connection, fact_ids: list[int], *, reveal: bool, evidence: bool,
             states: dict[int, dict] | None = None) -> dict[int, dict]:
    """Loaded facts (masked unless ``reveal``) with what resolution compares: ``event_fields``
    (facility names as resolution took them) and the source's copy ``group``. ``states``:
    status and fields to use instead of today's (as-of views)."""
    items = _load_facts(c, fact_ids, evidence=evidence)
    if states:
        for f in items:
            st = states[f["id"]]
            f.update(status=st["status"], fields=dict(st["fields"]), date=st["date"],
                     sort_date=st["sort_date"])
    canon = _canonical_facilities(c, (f["fields"].get("facility") for f in items))
    groups = _groups(c, (f["source"]["id"] for f in items))
    for f in items:
        f["event_fields"] = dict(f["fields"])
        if f["fields"].get("facility") in canon:
            f["event_fields"]["facility"] = canon[f["fields"]["facility"]]
        f["group"] = groups.get(f["source"]["id"], f["source"]["id"])
    if not reveal and items:
        mask = public_mask(ledger, {f["document_id"] for f in items})
        for f in items:
            mask.fact(f)
            doc = f["document_id"]
            f["event_fields"] = {k: mask.value(doc, v) for k, v in f["event_fields"].items()}
    return {f["id"]: f for f in items}


def _visible_members(c: Connection, event_ids: list[str], visible) -> dict[str, list[int]]:
    EF = _event_tables()[1]
    out: dict[str, list[int]] = defaultdict(list)
    if not event_ids:
        return out
    for eid, fid in c.execute(select(EF.c.event_id, EF.c.fact_id)
                              .join(M, M.c.fact_id == EF.c.fact_id)
                              .where(EF.c.event_id.in_(event_ids), _visible_meta(visible))
                              .order_by(EF.c.event_id, EF.c.fact_id)):
        out[eid].append(fid)
    return out


def _views(ledger, c: Connection, rows, visible, *, reveal: bool, evidence: bool = False,
           max_facts: int | None = None) -> list[dict]:
    """Stored event rows → what this viewer sees of each (events left with no visible
    fact are dropped). ``max_facts`` caps the facts read per event (listings)."""
    members = _visible_members(c, [r["id"] for r in rows], visible)
    wanted = [fid for r in rows for fid in members.get(r["id"], [])[:max_facts]]
    loaded = _members(ledger, c, wanted, reveal=reveal, evidence=evidence)
    out = []
    for r in rows:
        ids = members.get(r["id"], [])
        if not ids:
            continue
        summary = r["summary"] or {}
        refs = dict(zip(summary.get("facts", []), summary.get("refs", [])))
        view = _event_view(r["id"], r["type"], r["key"] or {},
                           [loaded[i] for i in ids[:max_facts] if i in loaded], refs)
        view["n_facts"] = len(ids)
        view["facts"] = ids
        out.append(view)
    return out


def _event_filter(visible, *, type=None, country=None, since=None, until=None,
                  min_sources=None):
    """Ids and sort keys of stored events this viewer may see that match the filters."""
    EV, EF, SG, _ = _event_tables()
    EC = EventCountryRow.__table__
    M2 = M.alias("m2")
    seen = (select(EF.c.event_id).join(M2, M2.c.fact_id == EF.c.fact_id)
            .where(EF.c.event_id == EV.c.id, M2.c.current == 1,
                   M2.c.status.in_(list(visible))).exists())
    q = select(EV.c.id, EV.c.valid_from).where(seen)
    if country:
        # Driven by event_countries' (country, valid_from, event_id) index, latest first, so
        # a page of a large country's events checks a page of events, not all of them. The
        # "+" keeps SQLite from reading every fact of the country for each event.
        C2 = C.alias("c2")
        EF2 = EF.alias("ef2")
        involved = (select(EF2.c.event_id).join(C2, C2.c.fact_id == EF2.c.fact_id)
                    .where(EF2.c.event_id == EC.c.event_id,
                           C2.c.country.concat("") == country,
                           C2.c.role.in_(list(INVOLVED_ROLES)), C2.c.current == 1,
                           C2.c.status.in_(list(visible))).exists())
        q = (select(EC.c.event_id.label("id"), EC.c.valid_from.label("valid_from"))
             .join(EV, EV.c.id == EC.c.event_id).where(EC.c.country == country, involved))
    if type:
        q = q.where(EV.c.type == type)
    if since:
        q = q.where(EV.c.valid_to >= since)
    if until:
        q = q.where(EV.c.valid_from < after(until))
    if min_sources and min_sources > 1:
        EF3, M3 = EF.alias("ef3"), M.alias("m3")
        n_sources = (select(func.count(distinct(func.coalesce(SG.c.group_source_id,
                                                              D.c.source_id))))
                     .select_from(EF3.join(M3, M3.c.fact_id == EF3.c.fact_id)
                                  .join(D, D.c.id == M3.c.document_id)
                                  .outerjoin(SG, SG.c.source_id == D.c.source_id))
                     .where(EF3.c.event_id == EV.c.id, M3.c.current == 1,
                            M3.c.status.in_(list(visible))).scalar_subquery())
        q = q.where(EV.c.independent_sources >= min_sources, n_sources >= min_sources)
    return q


def events(ledger, visible: Sequence[str], *, type: str | None = None,
           country: str | None = None, since: str | None = None, until: str | None = None,
           min_sources: int | None = None, limit: int = 50, offset: int = 0,
           reveal: bool = False, as_of=None, count: bool = True) -> Page:
    """Events (of the latest resolution) with at least one fact this viewer may see, latest
    first, each computed from those facts only. ``country``: events whose visible facts
    involve it (any role but nationality). ``since``/``until``: events whose time overlaps.
    ``count=False`` skips the total (``-1``) and reads one extra row to tell if more follow.
    ``as_of``: resolved on the fly from what the ledger said then (``events_as_of``)."""
    if as_of is not None:
        return events_as_of(ledger, as_of, visible, type=type, country=country, since=since,
                            until=until, min_sources=min_sources, limit=limit, offset=offset,
                            reveal=reveal)
    EV = _event_tables()[0]
    limit = max(0, min(limit, MAX_LIMIT))
    ids_q = _event_filter(visible, type=type, country=country, since=since, until=until,
                          min_sources=min_sources).subquery()
    with _conn(ledger) as c:
        total = c.scalar(select(func.count()).select_from(ids_q)) or 0 if count else -1
        ids = c.execute(select(ids_q.c.id)
                        .order_by(_desc(ids_q.c.valid_from, ledger), _desc(ids_q.c.id, ledger))
                        .limit(limit + (0 if count else 1)).offset(offset)).scalars().all()
        rows = {r["id"]: r for r in c.execute(
            select(EV.c.id, EV.c.type, EV.c.key, EV.c.summary).where(EV.c.id.in_(ids))
        ).mappings()}
        items = _views(ledger, c, [rows[i] for i in ids if i in rows], visible, reveal=reveal,
                       max_facts=200)
    return Page(total=total, limit=limit, offset=offset, items=items)


def event(ledger, event_id: str, visible: Sequence[str], *, reveal: bool = False,
          as_of=None) -> dict | None:
    """One event as this viewer sees it, with its visible facts (and their evidence)."""
    if as_of is not None:
        found = [e for e in _resolved_as_of(ledger, as_of, visible, reveal)
                 if e["id"] == event_id]
        if not found:
            return None
        ev = found[0]
        with _conn(ledger) as c:
            states = {f["id"]: f for f in _cached_as_of(
                ledger, ("states", as_of), lambda: states_as_of(ledger, as_of))}
            members = _members(ledger, c, ev["facts"], reveal=reveal, evidence=True,
                               states={i: states[i] for i in ev["facts"]})
        return {**ev, "members": [members[i] for i in ev["facts"] if i in members]}
    EV = _event_tables()[0]
    with _conn(ledger) as c:
        row = c.execute(select(EV.c.id, EV.c.type, EV.c.key, EV.c.summary, EV.c.resolved_at)
                        .where(EV.c.id == event_id)).mappings().one_or_none()
        if row is None:
            return None
        views = _views(ledger, c, [row], visible, reveal=reveal)
        if not views:
            return None
        view = views[0]
        members = _members(ledger, c, view["facts"], reveal=reveal, evidence=True)
    view["members"] = [members[i] for i in view["facts"] if i in members]
    view["resolved_at"] = row["resolved_at"].isoformat(timespec="seconds") \
        if row["resolved_at"] else None
    return view


def event_of_fact(ledger, fact_id: int) -> str | None:
    """The stored event a fact belongs to (after a re-resolution, to follow it)."""
    EF = _event_tables()[1]
    with _conn(ledger) as c:
        return c.scalar(select(EF.c.event_id).where(EF.c.fact_id == fact_id))


def event_refs(ledger, event_id: str) -> dict[int, str] | None:
    """Fact id → its resolution ref, for every fact of a stored event (reviewers' overrides)."""
    EV = _event_tables()[0]
    with _conn(ledger) as c:
        summary = c.scalar(select(EV.c.summary).where(EV.c.id == event_id))
    if summary is None:
        return None
    return dict(zip(summary.get("facts", []), summary.get("refs", [])))


def _resolved_as_of(ledger, as_of, visible, reveal: bool) -> list[dict]:
    """Events as resolution would have grouped the facts the ledger held at ``as_of`` (in
    their state then, with the overrides made by then), each seen through ``visible``."""
    def resolve_then():
        from ..resolve import FactRecord, Override, resolve_events
        from ..resolve.events import KEY_FIELDS

        states = _cached_as_of(ledger, ("states", as_of), lambda: states_as_of(ledger, as_of))
        alive = [f for f in states if f["status"] != "rejected"]
        _, _, _, OV = _event_tables()
        with _conn(ledger) as c:
            ids = [f["id"] for f in alive]
            first: dict[int, int] = {}
            for i in range(0, len(ids), 900):
                first.update(c.execute(select(E.c.fact_id, func.min(E.c.start))
                                       .where(E.c.fact_id.in_(ids[i:i + 900]))
                                       .group_by(E.c.fact_id)).all())
            docs = dict(c.execute(select(S.c.id, func.coalesce(
                S.c.corpus_id, "sha256:" + func.substr(S.c.sha256, 1, 16)))).all())
            canon = _canonical_facilities(c, (f["fields"].get("facility") for f in alive))
            groups = _groups(c, (f["source_id"] for f in alive))
            ovs = [Override(k, tuple(r)) for k, r in c.execute(
                select(OV.c.kind, OV.c.refs).where(OV.c.created_at <= as_of).order_by(OV.c.id))]
        records = []
        for f in alive:
            fields = f["fields"]
            if fields.get("facility") in canon:
                fields = {**fields, "facility": canon[fields["facility"]]}
            records.append(FactRecord(
                id=f["id"], doc=docs[f["source_id"]], type=f["type"], fields=fields,
                published=f["published"], group=str(groups.get(f["source_id"], f["source_id"])),
                first_offset=first.get(f["id"], 0)))
        return [(e.id, e.type,
                 dict(zip(KEY_FIELDS[e.type], [list(k) if isinstance(k, tuple) else k
                                               for k in e.key])),
                 [r.id for r in e.facts], {r.id: r.ref for r in e.facts})
                for e in resolve_events(records, ovs)]

    return _cached_as_of(ledger, ("views", as_of, tuple(visible), reveal),
                         lambda: _views_as_of(ledger, as_of, visible, reveal,
                                              _cached_as_of(ledger, ("events", as_of),
                                                            resolve_then)))


def _views_as_of(ledger, as_of, visible, reveal: bool, resolved: list) -> list[dict]:
    states = {f["id"]: f for f in _cached_as_of(ledger, ("states", as_of),
                                                 lambda: states_as_of(ledger, as_of))}
    shown = [(eid, t, key, [i for i in ids if states[i]["status"] in visible], refs)
             for eid, t, key, ids, refs in resolved]
    shown = [s for s in shown if s[3]]
    with _conn(ledger) as c:
        wanted = [i for s in shown for i in s[3]]
        members = {}
        for i in range(0, len(wanted), 900):
            chunk = wanted[i:i + 900]
            members.update(_members(ledger, c, chunk, reveal=reveal, evidence=False,
                                    states={j: states[j] for j in chunk}))
    return [_event_view(eid, t, key, [members[i] for i in ids if i in members], refs)
            for eid, t, key, ids, refs in shown]


def events_as_of(ledger, as_of, visible: Sequence[str], *, type=None, country=None, since=None,
                 until=None, min_sources=None, limit: int = 50, offset: int = 0,
                 reveal: bool = False) -> Page:
    """``events`` as resolution would have given them at ``as_of``."""
    limit = max(0, min(limit, MAX_LIMIT))
    hi = after(until) if until else None
    chosen = []
    for e in _resolved_as_of(ledger, as_of, visible, reveal):
        if type and e["type"] != type:
            continue
        if since and not (e["valid_to"] and e["valid_to"] >= since):
            continue
        if hi and not (e["valid_from"] and e["valid_from"] < hi):
            continue
        if min_sources and e["independent_sources"] < min_sources:
            continue
        if country and not any(country == v["value"] or (isinstance(v["value"], list)
                                                         and country in v["value"])
                               for name, vals in e["fields"].items()
                               if name in SCALAR_ROLES or (name in LIST_ROLES
                                                           and name != "nationalities")
                               for v in vals):
            continue
        chosen.append(e)
    chosen.sort(key=lambda e: (e["valid_from"] is None, _neg(e["valid_from"]), e["id"]))
    return Page(total=len(chosen), limit=limit, offset=offset,
                items=chosen[offset:offset + limit])


def _neg(text_: str | None) -> tuple:
    """A sort key putting later ISO dates first."""
    return tuple(-ord(ch) for ch in text_ or "")
