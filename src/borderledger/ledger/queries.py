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

import re
import threading
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, and_, distinct, func, or_, select, text
from sqlalchemy.engine import Connection

from . import privacy
from .audit import AuditRow
from .privacy import PersonMentionRow
from .tables import DocumentRow, EvidenceRow, FactRow, SourceRow
from .webtables import INVOLVED_ROLES, FactCountryRow, FactMetaRow, WebStateRow, doc_fts

M = FactMetaRow.__table__
C = FactCountryRow.__table__
F = FactRow.__table__
S = SourceRow.__table__
D = DocumentRow.__table__
E = EvidenceRow.__table__
PM = PersonMentionRow.__table__

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
          limit: int = 50, offset: int = 0, evidence: bool = False, reveal: bool = False) -> Page:
    """Visible facts, newest first (by the fact's date, else its source's publication date)."""
    limit = max(0, min(limit, MAX_LIMIT))
    ids_q = _fact_ids_query(visible, type=type, country=country, role=role, since=since,
                            until=until, status=status, source=source).subquery()
    with _conn(ledger) as c:
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
def headline(ledger, visible: Sequence[str]) -> dict[str, Any]:
    """Counts for the front page: facts by type, sources, countries involved."""
    def build():
        with _conn(ledger) as c:
            by_type = dict(c.execute(select(M.c.type, func.count()).where(_visible_meta(visible))
                                     .group_by(M.c.type)).all())
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
            rows = c.execute(
                select(C.c.country, C.c.type, func.count(distinct(C.c.fact_id)))
                .where(_visible_country(visible), C.c.role.in_(list(INVOLVED_ROLES)))
                .group_by(C.c.country, C.c.type)).all()
        out: dict[str, dict] = {}
        for cc, type_, n in rows:
            entry = out.setdefault(cc, {"country": cc, "by_type": {}, "total": 0})
            entry["by_type"][type_] = n
            entry["total"] += n
        return sorted(out.values(), key=lambda e: (-e["total"], e["country"]))
    return _cached(ledger, ("countries", tuple(visible)), build)


def country_summary(ledger, cc: str, visible: Sequence[str]) -> dict[str, Any]:
    """Aggregates for one country's dossier: counts per section, nationalities, months."""
    def build():
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
        per_month: dict[str, dict[str, int]] = defaultdict(dict)
        for m, type_, n in months:
            per_month[m][type_] = n
        return {
            "country": cc,
            "by_type": by_type,
            "total": sum(by_type.values()),
            "by_type_role": {f"{t}:{r}": n for t, r, n in by_type_role},
            "nationalities": {role: [(k, n) for k, n in rows] for role, rows in nats.items()},
            "months": dict(sorted(per_month.items())),
            "undated": undated,
        }
    return _cached(ledger, ("country", cc, tuple(visible)), build)


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
