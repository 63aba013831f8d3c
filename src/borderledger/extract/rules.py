"""The rules extractor: Document → list[Fact], pure and deterministic.

Pipeline: ``context`` (segment, gazetteer, dates, dateline, focus state) → one small
assembler per fact type → ``merge`` (same fact mentioned several times) → finishing
links between types (a detention inherits the count of the transfer it follows; an
arrangement in force is dated by its first transfer; funding) → ``Fact``.
"""

from __future__ import annotations

from ..model import Document, Fact
from . import arrangement, detention, enforcement, legal, transfer
from .arrangement import KIND_ORDER
from .common import Draft, doc_authority
from .context import DocContext
from .merge import merge


class RulesExtractor:
    """Rule-based extractor over the data files in ``borderledger/data``."""

    name = "rules"
    version = "0.4.0"

    def extract(self, doc: Document) -> list[Fact]:
        if not doc.text or not doc.text.strip():
            return []
        ctx = DocContext.build(doc)
        transfers = transfer.assemble(ctx, {})
        transfers = _fold_vias(transfers)
        detentions = detention.assemble(ctx, transfers)
        arrangements = arrangement.assemble(ctx, transfers)
        legals = legal.assemble(ctx)
        enforcements = enforcement.assemble(ctx)

        transfers = merge(transfers)
        detentions = merge(detentions)
        detention.funding(ctx, detentions)
        arrangements = merge(arrangements)
        _finish_arrangements(ctx, arrangements, transfers)
        legals = merge(legals)
        enforcements = merge(enforcements)
        drafts = transfers + detentions + arrangements + legals + enforcements
        return [_to_fact(d) for d in drafts]


def _fold_vias(transfers: list[Draft]) -> list[Draft]:
    """'Their plane landed at <another country>' after a flight 'bound for X' is a stopover."""
    out: list[Draft] = []
    for d in transfers:
        prev = out[-1] if out else None
        if ("anaphoric" in d.flags and prev is not None and "bound_for" in prev.flags
                and prev.fields["receiver"] != d.fields["receiver"] and d.sent_index - prev.sent_index <= 4):
            prev.fields["via"] = prev.fields["via"] or d.fields["receiver"]
            prev.evidence.extend(d.evidence)
            continue
        out.append(d)
    return out


def _finish_arrangements(ctx: DocContext, arrs: list[Draft], transfers: list[Draft]) -> None:
    auth = doc_authority(ctx)
    last_kind = None
    for a in sorted(arrs, key=lambda d: d.sent_index):
        f = a.fields
        if f["kind"] is None:
            if auth == "mpp":
                f["kind"] = "other"
            elif a.links.get("default_kind"):
                f["kind"] = a.links["default_kind"]
            elif last_kind:
                f["kind"] = last_kind
            else:
                t = a.links.get("transfer")
                if t is not None and t.fields["nationalities"] and t.fields["receiver"] not in t.fields["nationalities"]:
                    f["kind"] = "third_country_reception"
                else:
                    f["kind"] = "other"
        last_kind = f["kind"]
        if f["status"] == "in_force":
            t = a.links.get("transfer")
            date = None
            if t is not None:
                # follow the transfer into its merged fact
                for m in transfers:
                    if m is t or any(s in m.evidence for s in t.evidence):
                        date = m.fields["date"]
                        break
            date = date or a.links.get("in_force_date")
            if date:
                f["date"] = date


def _to_fact(d: Draft) -> Fact:
    fields = dict(d.fields)
    if d.type == "arrangement" and fields.get("kind") not in KIND_ORDER:
        fields["kind"] = "other"
    return Fact(d.type, fields, list(d.evidence), confidence=round(d.confidence, 2), rule=d.rule)
