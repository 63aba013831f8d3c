"""Read-side tables for the web (migrations 0002_web and 0009_web_counts), kept in step with
``facts`` (and ``event_facts``) by triggers.

Nothing writes these from Python: the database derives them, so every writer stays unaware.
"""

from __future__ import annotations

from sqlalchemy import ForeignKey, Index, Integer, String, Text, column, table
from sqlalchemy.orm import Mapped, mapped_column

from .tables import Base

#: roles a country can play in a fact (see migration 0002_web)
ROLES = ("sender", "receiver", "via", "country", "funder", "requester", "party", "respondent",
         "nationality")
#: roles that make a fact "about" a country (nationality alone does not)
INVOLVED_ROLES = tuple(r for r in ROLES if r != "nationality")


class FactMetaRow(Base):
    """One row per fact: what the web filters and sorts on."""

    __tablename__ = "fact_meta"

    fact_id: Mapped[int] = mapped_column(ForeignKey("facts.id", ondelete="CASCADE"),
                                         primary_key=True, autoincrement=False)
    document_id: Mapped[int] = mapped_column(Integer)
    run_id: Mapped[int] = mapped_column(Integer)
    type: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(20))
    date: Mapped[str | None] = mapped_column(String(10))  # the fact's own date
    sort_date: Mapped[str | None] = mapped_column(String(10))  # its date, else published
    current: Mapped[int] = mapped_column(Integer)  # 1: from the document's latest run

    __table_args__ = (
        Index("ix_fact_meta_sort", "sort_date", "fact_id", "current", "status", "type"),
        Index("ix_fact_meta_type_sort", "type", "sort_date", "fact_id", "current", "status"),
        Index("ix_fact_meta_document", "document_id", "run_id"),
    )


class FactCountryRow(Base):
    """One row per (fact, country, role)."""

    __tablename__ = "fact_countries"

    fact_id: Mapped[int] = mapped_column(ForeignKey("facts.id", ondelete="CASCADE"),
                                         primary_key=True, autoincrement=False)
    country: Mapped[str] = mapped_column(String(8), primary_key=True)
    role: Mapped[str] = mapped_column(String(20), primary_key=True)
    type: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(20))
    sort_date: Mapped[str | None] = mapped_column(String(10))
    current: Mapped[int] = mapped_column(Integer)

    __table_args__ = (
        Index("ix_fact_countries_country", "country", "type", "role", "sort_date", "fact_id",
              "current", "status"),
        Index("ix_fact_countries_type", "type", "role", "country", "current", "status",
              "fact_id"),
    )


class WebStateRow(Base):
    """A counter bumped by every change the web reads; cache keys use it."""

    __tablename__ = "web_state"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version: Mapped[int] = mapped_column(Integer)


class TypeCountRow(Base):
    """Current facts per (type, review status) (migration 0009, SQLite triggers)."""

    __tablename__ = "web_type_counts"

    type: Mapped[str] = mapped_column(String(20), primary_key=True)
    status: Mapped[str] = mapped_column(String(20), primary_key=True)
    n: Mapped[int] = mapped_column(Integer)


class CountryCountRow(Base):
    """Current facts involving a country (any role but nationality, each fact once), per
    type, status and month (``YYYY-MM``; '' when the fact has no month)."""

    __tablename__ = "web_country_counts"

    country: Mapped[str] = mapped_column(String(8), primary_key=True)
    type: Mapped[str] = mapped_column(String(20), primary_key=True)
    status: Mapped[str] = mapped_column(String(20), primary_key=True)
    month: Mapped[str] = mapped_column(String(7), primary_key=True)
    n: Mapped[int] = mapped_column(Integer)


class RoleCountRow(Base):
    """Current ``fact_countries`` rows per (country, type, role, status)."""

    __tablename__ = "web_role_counts"

    country: Mapped[str] = mapped_column(String(8), primary_key=True)
    type: Mapped[str] = mapped_column(String(20), primary_key=True)
    role: Mapped[str] = mapped_column(String(20), primary_key=True)
    status: Mapped[str] = mapped_column(String(20), primary_key=True)
    n: Mapped[int] = mapped_column(Integer)


class NationalityCountRow(Base):
    """Current transfers with ``country`` as receiver, sender or via, per nationality stated."""

    __tablename__ = "web_nat_counts"

    country: Mapped[str] = mapped_column(String(8), primary_key=True)
    role: Mapped[str] = mapped_column(String(20), primary_key=True)
    nationality: Mapped[str] = mapped_column(String(8), primary_key=True)
    status: Mapped[str] = mapped_column(String(20), primary_key=True)
    n: Mapped[int] = mapped_column(Integer)


class EventCountryRow(Base):
    """The countries an event's facts involve (any role but nationality), with its start."""

    __tablename__ = "event_countries"

    event_id: Mapped[str] = mapped_column(String(40), primary_key=True)
    country: Mapped[str] = mapped_column(String(8), primary_key=True)
    valid_from: Mapped[str | None] = mapped_column(String(10))

    __table_args__ = (Index("ix_event_countries_country", "country", "valid_from", "event_id"),)


#: the SQLite FTS5 table over documents (rowid = documents.id); absent on PostgreSQL
doc_fts = table("doc_fts", column("rowid", Integer), column("title", Text), column("text", Text))
