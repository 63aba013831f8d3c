"""Within-document merging: one fact per thing, with every sentence that states it as evidence.

Two drafts of the same type and key merge when their other fields do not conflict
(a value and ``None`` never conflict). The earlier draft absorbs the later one.
"""

from __future__ import annotations

from .arrangement import KIND_ORDER, STATUS_ORDER
from .common import Draft
from .gazetteer import gazetteer


def _same_or_none(a, b) -> bool:
    return a is None or b is None or a == b


def _facility_ok(a, b) -> bool:
    if a is None or b is None or a == b:
        return True
    gaz = gazetteer()
    fa, fb = gaz.facility(a), gaz.facility(b)
    pa = (fa.parent or fa.name) if fa else a
    pb = (fb.parent or fb.name) if fb else b
    return pa == pb


def compatible(x: Draft, y: Draft) -> bool:
    f, g = x.fields, y.fields
    t = x.type
    if t == "transfer":
        return (f["receiver"] == g["receiver"] and f["sender"] == g["sender"] and f["status"] == g["status"]
                and _same_or_none(f["count"], g["count"]) and _same_or_none(f["date"], g["date"])
                and _same_or_none(f["authority"], g["authority"]) and _facility_ok(f["facility"], g["facility"]))
    if t == "detention":
        nat_ok = not f["nationalities"] or not g["nationalities"] or set(f["nationalities"]) & set(g["nationalities"])
        return (f["country"] == g["country"] and _facility_ok(f["facility"], g["facility"])
                and (_same_or_none(f["count"], g["count"]) or "inherited_count" in y.flags
                     or "inherited_count" in x.flags)
                and bool(nat_ok))
    if t == "arrangement":
        if f["parties"] != g["parties"]:
            return False
        if not _same_or_none(f["kind"], g["kind"]):
            return False
        if f["status"] == g["status"] and f["date"] and g["date"] and f["date"] != g["date"]:
            return abs(_days(f["date"]) - _days(g["date"])) <= 7
        if f["status"] == g["status"] == "agreed" and f["date"] and g["date"]:
            return f["date"][:4] == g["date"][:4]
        return True
    if t == "legal_action":
        acts = {f["action"], g["action"]}
        return (f["forum"] == g["forum"] and (f["action"] == g["action"] or acts == {"order", "ruling"})
                and _same_or_none(f["judge"], g["judge"]) and _same_or_none(f["date"], g["date"])
                and _same_or_none(f["case"], g["case"]) and f["respondent"] == g["respondent"])
    if t == "enforcement":
        return (f["country"] == g["country"] and _same_or_none(f["count"], g["count"])
                and _same_or_none(f["date"], g["date"])
                and f["measure"] == g["measure"])
    return False


def _days(v: str) -> int:
    import datetime as dt

    parts = [int(p) for p in v.split("-")] + [1, 1]
    try:
        return dt.date(parts[0], parts[1], parts[2]).toordinal()
    except ValueError:
        return 0


def absorb(x: Draft, y: Draft) -> None:
    f, g = x.fields, y.fields
    t = x.type
    for k, v in g.items():
        if k in ("nationalities", "respondent"):
            f[k] = list(dict.fromkeys(list(f[k]) + list(v)))
        elif k == "status" and t == "arrangement":
            if STATUS_ORDER.index(v) < STATUS_ORDER.index(f[k]):
                f[k] = v
                f["date"] = g["date"] or f["date"]
                for lk in ("in_force_date", "transfer"):
                    if lk in y.links:
                        x.links[lk] = y.links[lk]
        elif k == "kind" and t == "arrangement":
            if f[k] is None or (v is not None and KIND_ORDER.index(v) < KIND_ORDER.index(f[k])):
                f[k] = v
        elif k == "action" and t == "legal_action":
            if v == "order":
                f[k] = v
        elif k == "measure" and t == "enforcement":
            if g.get("count") is not None and f.get("count") is None:
                f[k] = v
        elif k == "count_kind":
            if f[k] == "unknown" or ("inherited_count" in x.flags and "inherited_count" not in y.flags and v != "unknown"):
                f[k] = v
        elif k == "count":
            if f[k] is None or ("inherited_count" in x.flags and "inherited_count" not in y.flags and v is not None):
                f[k] = v
        elif f.get(k) is None and v is not None:
            f[k] = v
    if "inherited_count" in x.flags and "inherited_count" not in y.flags and g.get("count") is not None:
        x.flags.discard("inherited_count")
    for link, v in y.links.items():
        x.links.setdefault(link, v)
    for span in y.evidence:
        if all((s.start, s.end) != (span.start, span.end) for s in x.evidence):
            x.evidence.append(span)
    x.confidence = min(0.95, max(x.confidence, y.confidence) + 0.05)


def merge(drafts: list[Draft]) -> list[Draft]:
    out: list[Draft] = []
    for d in drafts:
        for e in out:
            if e.type == d.type and compatible(e, d):
                absorb(e, d)
                break
        else:
            out.append(d)
    return out
