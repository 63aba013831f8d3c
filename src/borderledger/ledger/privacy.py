"""Private individuals: stored person mentions, reviewers' decisions, and masking.

Names of people classed private (the default for anyone without a public role) are
masked in public pages, the public API and public exports, unless a reviewer marks the
person public. Masking keeps the text's length, so evidence offsets still line up.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String, Text, delete, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from ..extract.persons import PersonMention, find_persons, person_key
from . import audit
from .tables import Base

MASK = "█"


class PersonMentionRow(Base):
    __tablename__ = "person_mentions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"), index=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(300))
    person_key: Mapped[str] = mapped_column(String(300), index=True)
    public_role: Mapped[bool] = mapped_column(Boolean)


class PersonVisibilityRow(Base):
    """A reviewer's decision that a person may (or may not) be named in public."""

    __tablename__ = "person_visibility"

    person_key: Mapped[str] = mapped_column(String(300), primary_key=True)
    public: Mapped[bool] = mapped_column(Boolean)
    actor: Mapped[str] = mapped_column(String(200))
    reason: Mapped[str | None] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(DateTime)


def store_mentions(session: Session, document_id: int, mentions: Iterable[PersonMention]) -> None:
    """Store a document's person mentions. A name that is a known official's, even
    misspelled ("Nayib Buekele"), is filed under that official and is public."""
    from . import entities

    session.execute(delete(PersonMentionRow).where(PersonMentionRow.document_id == document_id))
    known: dict[str, str] = {}  # person key → the known official's key
    for m in mentions:
        if not m.public and " " in m.name and m.key not in known:
            match = entities.canonical(session, m.name, "person")
            if match is not None:
                known[m.key] = person_key(match.entity.name)
    for m in mentions:
        key = known.get(m.key, m.key)
        session.add(PersonMentionRow(document_id=document_id, start=m.start, end=m.end, name=m.name,
                                     person_key=key, public_role=m.public or m.key in known))


def refresh_mentions(ledger) -> int:
    """Find person mentions again in every document (after the role lists change)."""
    n = 0
    for doc_row_id, doc in ledger.documents():
        mentions = find_persons(doc.text)
        with ledger.session() as s:
            store_mentions(s, doc_row_id, mentions)
        n += len(mentions)
    return n


def set_public(ledger, person_key: str, public: bool, actor: str, reason: str | None = None) -> None:
    from .store import utcnow

    with ledger.session() as s:
        row = s.get(PersonVisibilityRow, person_key)
        before = None if row is None else {"public": row.public}
        if row is None:
            row = PersonVisibilityRow(person_key=person_key)
            s.add(row)
        row.public, row.actor, row.reason, row.at = public, actor, reason, utcnow()
        audit.append(s, actor, "person.public" if public else "person.private",
                     f"person:{person_key}", before=before, after={"public": public, "reason": reason})


def people(ledger, *, private_only: bool = False) -> list[dict]:
    """Each person named in the ledger: key, a name as written, mentions, public or not."""
    with ledger.session() as s:
        decided = {r.person_key: r.public for r in s.scalars(select(PersonVisibilityRow))}
        out: dict[str, dict] = {}
        for row in s.scalars(select(PersonMentionRow).order_by(PersonMentionRow.id)):
            p = out.setdefault(row.person_key, {"key": row.person_key, "name": row.name,
                                                "mentions": 0, "public_role": False})
            p["mentions"] += 1
            p["public_role"] |= row.public_role
            if len(row.name) > len(p["name"]):
                p["name"] = row.name
    for p in out.values():
        p["public"] = decided.get(p["key"], p["public_role"])
    result = sorted(out.values(), key=lambda p: (-p["mentions"], p["key"]))
    return [p for p in result if not p["public"]] if private_only else result


def mask_text(text: str, spans: Iterable[tuple[int, int]], offset: int = 0) -> str:
    """``text`` (which starts at ``offset`` of its document) with the spans' letters masked."""
    chars = list(text)
    for start, end in spans:
        for i in range(max(start - offset, 0), min(end - offset, len(chars))):
            if not chars[i].isspace():
                chars[i] = MASK
    return "".join(chars)


class Masker:
    """Masks private names in (parts of) given documents; build it once per page or export."""

    def __init__(self, spans: dict[int, list[tuple[int, int]]],
                 names: dict[int, set[str]] | None = None):
        self.spans = spans
        self.names = names or {}

    def mask_value(self, document_id: int, value):
        """A field value (e.g. a case name) with the document's private names masked."""
        if not isinstance(value, str):
            return value
        for name in sorted(self.names.get(document_id, ()), key=len, reverse=True):
            value = value.replace(name, mask_text(name, [(0, len(name))]))
        return value

    def mask(self, document_id: int, text: str, offset: int = 0) -> str:
        spans = self.spans.get(document_id)
        if not spans:
            return text
        end = offset + len(text)
        return mask_text(text, [(s, e) for s, e in spans if s < end and e > offset], offset)

    def private_spans(self, document_id: int) -> list[tuple[int, int]]:
        return list(self.spans.get(document_id, ()))


def masker(ledger, document_ids: Iterable[int] | None = None) -> Masker:
    """Private-name spans of these documents (all documents if None)."""
    with ledger.session() as s:
        decided = {r.person_key: r.public for r in s.scalars(select(PersonVisibilityRow))}
        stmt = select(PersonMentionRow)
        if document_ids is not None:
            ids = list(set(document_ids))
            if not ids:
                return Masker({})
            stmt = stmt.where(PersonMentionRow.document_id.in_(ids))
        public_keys = {r.person_key for r in s.scalars(stmt.where(PersonMentionRow.public_role.is_(True)))}
        spans: dict[int, list[tuple[int, int]]] = defaultdict(list)
        names: dict[int, set[str]] = defaultdict(set)
        for row in s.scalars(stmt):
            public = decided.get(row.person_key, row.person_key in public_keys)
            if not public:
                spans[row.document_id].append((row.start, row.end))
                names[row.document_id].add(row.name)
    return Masker(dict(spans), dict(names))
