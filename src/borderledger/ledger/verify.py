"""Check the ledger against itself: blobs against their hashes, the audit chain link by
link, and facts and sources against the state the audit trail recorded for them."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from .audit import GENESIS, AuditHeadRow, AuditRow, entry_hash, fact_digest
from .tables import DocumentRow, FactRow, SourceRow


@dataclass
class VerifyReport:
    blobs_checked: int = 0
    entries_checked: int = 0
    facts_checked: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def verify(ledger) -> VerifyReport:
    report = VerifyReport()
    with ledger.session() as s:
        chain_ok = _check_chain(s, ledger, report)
        # with entries missing, "not in the trail" only repeats the chain's problem
        _check_sources(s, ledger, report, complete=chain_ok)
        _check_facts(s, report, complete=chain_ok)
    return report


def _check_chain(s, ledger, report: VerifyReport) -> bool:
    """Walk the chain; True when it is whole."""
    before = len(report.problems)
    prev_hash, expected_id, broken = GENESIS, 1, False
    last = None
    for row in s.scalars(select(AuditRow).order_by(AuditRow.id)):
        report.entries_checked += 1
        if not broken:
            if row.id != expected_id:
                report.problems.append(
                    f"audit entry #{expected_id} is missing (the chain jumps to #{row.id})")
                broken = True
            elif row.prev_hash != prev_hash:
                report.problems.append(
                    f"audit entry #{row.id}: link to the previous entry is broken "
                    f"(entry #{row.id - 1} was altered or replaced)")
                broken = True
            elif entry_hash(row) != row.hash:
                report.problems.append(f"audit entry #{row.id} ({row.action} {row.subject}) "
                                       f"was altered: its content no longer matches its hash")
                broken = True
        prev_hash, expected_id, last = row.hash, row.id + 1, row
    head = s.get(AuditHeadRow, 1)
    last_id, last_hash = (last.id, last.hash) if last else (0, GENESIS)
    if head is not None and (head.last_id, head.hash) != (last_id, last_hash) and not broken:
        report.problems.append(f"audit head says #{head.last_id} but the chain ends at #{last_id}"
                               " (newest entries removed?)")
    cp = ledger.checkpoint_path
    if cp.exists():
        try:
            mark = json.loads(cp.read_text())
            if mark["last_id"] > last_id:
                report.problems.append(f"audit entries #{last_id + 1}..#{mark['last_id']} are "
                                       "missing (the checkpoint file has seen them)")
            else:
                row = s.get(AuditRow, mark["last_id"])
                if row is None or row.hash != mark["hash"]:
                    report.problems.append(f"audit entry #{mark['last_id']} differs from the "
                                           "checkpoint file")
        except (ValueError, KeyError, TypeError):
            report.problems.append(f"checkpoint file {cp} is unreadable")
    return len(report.problems) == before


def _audited(s, action: str) -> list[AuditRow]:
    return list(s.scalars(select(AuditRow).where(AuditRow.action == action).order_by(AuditRow.id)))


def _check_sources(s, ledger, report: VerifyReport, complete: bool) -> None:
    entries = {int(r.subject.split(":")[1]): r for r in _audited(s, "source.add")}
    recorded = dict(entries)
    for src in s.scalars(select(SourceRow).order_by(SourceRow.id)):
        report.blobs_checked += 1
        if not ledger.blobs.exists(src.sha256):
            report.problems.append(f"source {src.id}: original bytes are missing from the blob store")
        elif not ledger.blobs.verify(src.sha256):
            report.problems.append(f"source {src.id}: blob {src.sha256[:16]}… was altered "
                                   "(its bytes no longer hash to its name)")
        entry = recorded.pop(src.id, None)
        if entry is None and complete:
            report.problems.append(f"source {src.id}: not in the audit trail (added around it)")
        elif entry is not None and entry.after.get("sha256") != src.sha256:
            report.problems.append(f"source {src.id}: its SHA-256 differs from audit entry #{entry.id}")
    for sid, entry in recorded.items() if complete else ():
        report.problems.append(f"source {sid}: recorded by audit entry #{entry.id} but deleted")
    for doc in s.scalars(select(DocumentRow).order_by(DocumentRow.id)):
        entry = entries.get(doc.source_id)
        if entry and hashlib.sha256(doc.text.encode("utf-8")).hexdigest() != entry.after.get("text_sha256"):
            report.problems.append(f"document {doc.id}: text differs from what audit entry "
                                   f"#{entry.id} recorded")


def _check_facts(s, report: VerifyReport, complete: bool) -> None:
    expected: dict[int, tuple[str, int]] = {}
    for row in s.scalars(select(AuditRow).where(
            AuditRow.action.in_(["facts.extract", "fact.confirm", "fact.reject", "fact.edit",
                                 "fact.reopen"])).order_by(AuditRow.id)):
        if row.action == "facts.extract":
            for fid, digest in (row.after or {}).get("facts", {}).items():
                expected[int(fid)] = (digest, row.id)
        else:
            expected[int(row.subject.split(":")[1])] = (row.after["digest"], row.id)
    for fact in s.scalars(select(FactRow).options(selectinload(FactRow.evidence)).order_by(FactRow.id)):
        report.facts_checked += 1
        digest = fact_digest(fact.type, fact.fields, fact.status,
                             [(e.start, e.end, e.quote) for e in fact.evidence])
        want = expected.pop(fact.id, None)
        if want is None:
            if complete:
                report.problems.append(f"fact {fact.id}: not in the audit trail (inserted around it)")
        elif want[0] != digest:
            report.problems.append(f"fact {fact.id}: altered outside the ledger (differs from "
                                   f"audit entry #{want[1]})")
    for fid, (_, entry) in sorted(expected.items()) if complete else ():
        report.problems.append(f"fact {fid}: recorded by audit entry #{entry} but deleted")
