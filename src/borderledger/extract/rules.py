"""The rules extractor: Document → list[Fact], pure and deterministic.

Pipeline: ``context`` (segment, gazetteer, dates, dateline, focus state) → one small
assembler per fact type → ``merge`` (same fact mentioned several times) → finishing
links between types (a detention inherits the count of the transfer it follows; an
arrangement in force is dated by its first transfer; funding) → ``Fact``.
"""

from __future__ import annotations

import re

from ..model import Document, Fact
from . import arrangement, detention, enforcement, legal, transfer
from .arrangement import KIND_ORDER
from .common import Draft, doc_authority
from .context import DocContext
from .merge import merge


class RulesExtractor:
    """Rule-based extractor over the data files in ``borderledger/data``."""

    name = "rules"
    version = "0.8.0"

    def extract(self, doc: Document) -> list[Fact]:
        if not doc.text or not doc.text.strip():
            return []
        ctx = DocContext.build(doc)
        transfers = transfer.assemble(ctx, {})
        transfers = _fold_vias(ctx, transfers)
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


_THERE = re.compile(r"^\s*(?:There|From\s+there|At\s+the\s+base|Once\s+there),?\s+(?:they|the\s+\w+)\b")


def _fold_vias(ctx: DocContext, transfers: list[Draft]) -> list[Draft]:
    """'Their plane landed at <another country>' after a flight 'bound for X' is a stopover; so is X when
    the next sentence goes on 'There they were handed to … and flown on to Y'."""
    transfers = _fold_landings(transfers)
    out: list[Draft] = []
    for d in transfers:
        prev = out[-1] if out else None
        if (prev is not None and d.sent_index == prev.sent_index + 1 and prev.fields["via"] is None
                and prev.fields["receiver"] != d.fields["receiver"]
                and d.fields["sender"] in (prev.fields["sender"], prev.fields["receiver"])
                and prev.fields["status"] == d.fields["status"] == "occurred"
                and _THERE.match(ctx.sents[d.sent_index].text)):
            prev.fields["via"] = prev.fields["receiver"]
            prev.fields["receiver"] = d.fields["receiver"]
            prev.fields["facility"] = d.fields["facility"]
            for k in ("count", "date"):
                if prev.fields[k] is None and d.fields[k] is not None:
                    prev.fields[k] = d.fields[k]
                    if k == "count":
                        prev.fields["count_kind"] = d.fields["count_kind"]
            prev.fields["nationalities"] = list(dict.fromkeys(prev.fields["nationalities"] + d.fields["nationalities"]))
            prev.rule += " + onward leg in the next sentence (via)"
            prev.evidence.extend(d.evidence)
            continue
        if ("anaphoric" in d.flags and prev is not None and "bound_for" in prev.flags
                and prev.fields["receiver"] != d.fields["receiver"] and d.sent_index - prev.sent_index <= 4):
            prev.fields["via"] = prev.fields["via"] or d.fields["receiver"]
            prev.evidence.extend(d.evidence)
            continue
        out.append(d)
    return out


def _fold_landings(transfers: list[Draft]) -> list[Draft]:
    """A landing with no people of its own ('A US aircraft landed at Soto Cano air base') followed within two
    sentences by people flown on elsewhere ('The deportees were flown on to Caracas') is that movement's
    stopover: one transfer to the final destination, via the landing's state, from the landing's sender."""
    out: list[Draft] = []
    skip: set[int] = set()
    for i, d in enumerate(transfers):
        if i in skip:
            continue
        if "bare_landing" in d.flags:
            nxt = next((j for j in range(i + 1, len(transfers))
                        if 0 < transfers[j].sent_index - d.sent_index <= 2), None)
            if nxt is not None:
                e = transfers[nxt]
                f, g = d.fields, e.fields
                if g["receiver"] != f["receiver"] and g["via"] is None and g["status"] == f["status"]:
                    g["via"] = f["receiver"]
                    if g["sender"] in (f["receiver"], None) and f["sender"] != g["receiver"]:
                        g["sender"] = f["sender"]
                    for k in ("date", "authority"):
                        if g[k] is None and f[k] is not None:
                            g[k] = f[k]
                    e.evidence[:0] = d.evidence
                    e.rule += " + earlier landing as stopover (via)"
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
