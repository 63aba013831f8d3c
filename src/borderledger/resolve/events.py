"""Event resolution: facts that describe the same occurrence become one event.

Facts are blocked by type and key (the scorer's key plus what tells occurrences apart:
an arrangement's kind, a legal action's action, an enforcement measure), then grouped by
complete linkage: a fact joins an event only if it is compatible with *every* member,
so a chain of near-misses never drifts into one wrong event. Reviewer overrides (merge,
split) are applied last.
"""

from __future__ import annotations

import gc
import hashlib
import json
import math
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from datetime import date
from typing import Any

from .windows import overlaps, parse_period, window_of

KEY_FIELDS = {
    "transfer": ("receiver",),
    "arrangement": ("parties", "kind"),
    "detention": ("country",),
    "legal_action": ("forum", "action"),
    "enforcement": ("country", "measure"),
}
#: Fields whose stated values, when both given and different, mean different occurrences.
DISTINCT_IF_DIFFERENT = ("sender", "via", "facility", "measure", "judge")
COUNT_RATIO = 0.8  # 238 and 252 agree; 14 and 200 do not
SWEEP_DAYS = 7  # how often (in days of the facts' time) groups that have ended are put away


@dataclass(frozen=True, slots=True)
class FactRecord:
    """A fact as resolution sees it: its fields, its document and the document's copy group.

    ``key``, ``period`` (the stated date), ``window`` and ``span`` are worked out once,
    when the record is made.
    """

    id: Any
    doc: str
    type: str
    fields: dict[str, Any]
    published: str | None = None
    group: str | None = None  # near-duplicate group of the document
    recorded_at: Any = None
    first_offset: int = 0
    key: tuple = field(init=False, repr=False, compare=False)
    stated: Any = field(init=False, repr=False, compare=False)  # stated date, as day ordinals
    span: Any = field(init=False, repr=False, compare=False)  # the window, as day ordinals

    def __post_init__(self) -> None:
        key = tuple(_hashable(self.fields.get(k)) for k in KEY_FIELDS[self.type])
        object.__setattr__(self, "key", key)
        period = parse_period(self.fields.get("date"))
        object.__setattr__(self, "stated", (period[0].toordinal(), period[1].toordinal())
                           if period else None)
        w = window_of(period, self.published)
        object.__setattr__(self, "span", (w[0].toordinal(), w[1].toordinal()) if w else None)

    @property
    def window(self) -> tuple[date, date] | None:
        """The range the occurrence can fall in (see ``windows.window``)."""
        return (date.fromordinal(self.span[0]), date.fromordinal(self.span[1])) if self.span else None

    @property
    def period(self) -> tuple[date, date] | None:
        """The period the text states, if any."""
        return (date.fromordinal(self.stated[0]), date.fromordinal(self.stated[1])) if self.stated else None

    @property
    def ref(self) -> str:
        """A name that survives re-extraction: document, type, key and where it is said."""
        return f"{self.doc}#{self.type}:{json.dumps(self.key)}@{self.first_offset}"

    @property
    def order(self) -> tuple:
        """Where the fact is said: sorts like ``ref`` without building the string."""
        return (self.doc, self.type, self.first_offset, repr(self.key))


@dataclass(frozen=True)
class Override:
    """A reviewer's correction: ``merge`` puts facts together, ``split`` takes them apart."""

    kind: str  # "merge" | "split"
    refs: tuple[str, ...]


@dataclass
class Event:
    type: str
    key: tuple
    facts: list[FactRecord] = field(default_factory=list)

    @cached_property
    def id(self) -> str:
        first = min(self.facts, key=lambda f: f.order)
        return "ev-" + hashlib.sha1(first.ref.encode()).hexdigest()[:12]

    @property
    def documents(self) -> list[str]:
        return sorted({f.doc for f in self.facts})

    @property
    def independent_sources(self) -> int:
        """Documents count once per copy group (syndicated copies are one source)."""
        return len({f.group or f.doc for f in self.facts})

    @cached_property
    def valid_time(self) -> tuple[date, date] | None:
        stated = [f.stated for f in self.facts if f.stated]
        if not stated:
            return None
        return (date.fromordinal(min(w[0] for w in stated)),
                date.fromordinal(max(w[1] for w in stated)))

    def field_values(self) -> dict[str, list[dict[str, Any]]]:
        """Per field, every distinct value with the documents that state it (conflicts show)."""
        values: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        for f in self.facts:
            for name, value in f.fields.items():
                if value is None or value == []:
                    continue
                values[name][json.dumps(value, sort_keys=True)].add(f.doc)
        return {
            name: [{"value": json.loads(v), "sources": sorted(docs)}
                   for v, docs in sorted(by_value.items(), key=lambda kv: (-len(kv[1]), kv[0]))]
            for name, by_value in sorted(values.items())
        }

    def conflicts(self) -> list[str]:
        return [name for name, vals in self.field_values().items() if len(vals) > 1]

    def to_dict(self) -> dict[str, Any]:
        vt = self.valid_time
        return {
            "id": self.id, "type": self.type,
            "key": dict(zip(KEY_FIELDS[self.type], [_unhash(k) for k in self.key])),
            "valid_from": vt[0].isoformat() if vt else None,
            "valid_to": vt[1].isoformat() if vt else None,
            "documents": self.documents, "independent_sources": self.independent_sources,
            "facts": [f.id for f in self.facts], "refs": [f.ref for f in self.facts],
            "fields": self.field_values(),
            "conflicts": self.conflicts(),
        }


def _hashable(value):
    return tuple(sorted(value)) if isinstance(value, (list, tuple)) else value


def _unhash(value):
    return list(value) if isinstance(value, tuple) else value


def compatible(a: FactRecord, b: FactRecord) -> bool:
    """Could these two facts report the same occurrence?"""
    if a.type != b.type or a.key != b.key:
        return False
    if not overlaps(a.span, b.span):
        return False
    fa, fb = a.fields, b.fields
    ca, cb = fa.get("count"), fb.get("count")
    if isinstance(ca, int) and isinstance(cb, int) and ca and cb:
        if min(ca, cb) / max(ca, cb) < COUNT_RATIO:
            return False
    na, nb = set(fa.get("nationalities") or []), set(fb.get("nationalities") or [])
    if na and nb and not na & nb:
        return False
    for name in DISTINCT_IF_DIFFERENT:
        va, vb = fa.get(name), fb.get(name)
        if va and vb and _hashable(va) != _hashable(vb):
            return False
    return True


class _Group:
    """An event being built, with the aggregates that make complete linkage O(1) per check:
    a fact is compatible with every member iff it is compatible with these bounds."""

    def __init__(self, fact: FactRecord):
        self.facts: list[FactRecord] = []
        self.max_start = self.min_end = None
        self.min_count = self.max_count = None
        self.nationality_sets: set[frozenset] = set()
        self.values: dict[str, set] = {name: set() for name in DISTINCT_IF_DIFFERENT}
        self.add(fact)

    def add(self, fact: FactRecord) -> None:
        self.facts.append(fact)
        start, end = fact.span
        self.max_start = start if self.max_start is None else max(self.max_start, start)
        self.min_end = end if self.min_end is None else min(self.min_end, end)
        count = fact.fields.get("count")
        if isinstance(count, int) and count:
            self.min_count = count if self.min_count is None else min(self.min_count, count)
            self.max_count = count if self.max_count is None else max(self.max_count, count)
        nats = frozenset(fact.fields.get("nationalities") or [])
        if nats:
            self.nationality_sets.add(nats)
        for name in DISTINCT_IF_DIFFERENT:
            if fact.fields.get(name):
                self.values[name].add(_hashable(fact.fields[name]))

    def accepts(self, fact: FactRecord) -> bool:
        """Same answer as ``all(compatible(fact, m) for m in self.facts)``, in constant time."""
        start, end = fact.span
        if start > self.min_end or end < self.max_start:
            return False
        count = fact.fields.get("count")
        if isinstance(count, int) and count and self.min_count is not None:
            if min(count, self.min_count) / max(count, self.min_count) < COUNT_RATIO:
                return False
            if min(count, self.max_count) / max(count, self.max_count) < COUNT_RATIO:
                return False
        nats = set(fact.fields.get("nationalities") or [])
        if nats and any(not nats & s for s in self.nationality_sets):
            return False
        for name in DISTINCT_IF_DIFFERENT:
            value = fact.fields.get(name)
            if value and self.values[name] - {_hashable(value)}:
                return False
        return True


BUCKETS_PER_RATIO = 4  # finer buckets: fewer groups to try per fact
_BUCKET_WIDTH = -math.log(COUNT_RATIO) / BUCKETS_PER_RATIO


def _bucket(count) -> int | None:
    """Counts within COUNT_RATIO of each other fall within BUCKETS_PER_RATIO buckets."""
    if not isinstance(count, int) or count <= 0:
        return None
    return int(math.log(count) / _BUCKET_WIDTH)


def _near(bucket: int) -> tuple:
    return tuple(range(bucket - BUCKETS_PER_RATIO, bucket + BUCKETS_PER_RATIO + 1)) + (None,)


def _in_time_order(facts: list[FactRecord]) -> list[FactRecord]:
    """Facts by window (then document and offset), undatable last. Grouping by window first
    keeps this near-linear: there are only so many distinct days."""
    by_span: dict = defaultdict(list)
    for f in facts:
        by_span[f.span].append(f)
    ordered = []
    for span in sorted((s for s in by_span if s is not None)) + ([None] if None in by_span else []):
        same = by_span[span]
        ordered.extend(same if len(same) == 1 else sorted(same, key=lambda f: (f.doc, f.first_offset)))
    return ordered


def _cluster(block: list[FactRecord]) -> list[list[FactRecord]]:
    """Complete-linkage grouping in time order.

    Only groups still open in time are tried, and of those only the ones whose counts
    are near the fact's (or that have no count), so each fact meets a handful of groups.
    """
    block = _in_time_order(block)
    done: list[list[FactRecord]] = []
    open_groups: dict[int | None, list[_Group]] = defaultdict(list)
    swept = None

    def sweep(today: int) -> None:
        """Close groups that ended before ``today`` (facts come in time order, so for good)."""
        for key, groups in open_groups.items():
            alive = [g for g in groups if g.min_end >= today]
            if len(alive) < len(groups):
                done.extend(g.facts for g in groups if g.min_end < today)
                open_groups[key] = alive

    for fact in block:
        w = fact.span
        if w is None:  # undatable: no merge (precision over recall)
            done.append([fact])
            continue
        if swept is None or w[0] - swept >= SWEEP_DAYS:  # a closed group fails accepts() anyway
            sweep(w[0])
            swept = w[0]
        bucket = _bucket(fact.fields.get("count"))
        keys = list(open_groups) if bucket is None else _near(bucket)
        fitting = [g for key in keys for g in open_groups.get(key, ()) if g.accepts(fact)]
        best = fitting[0] if len(fitting) == 1 else None
        if len(fitting) > 1:  # the group whose first members agree most with the fact
            best = max(fitting, key=lambda g: sum(_agreement(fact, o) for o in g.facts[:5]))
        if best is None:
            open_groups[bucket].append(_Group(fact))
        else:
            had_count = best.min_count is not None
            best.add(fact)
            if not had_count and best.min_count is not None:  # re-file under its count
                open_groups[None].remove(best)
                open_groups[_bucket(best.min_count)].append(best)
    return done + [g.facts for groups in open_groups.values() for g in groups]


def _agreement(a: FactRecord, b: FactRecord) -> int:
    return sum(1 for k, v in a.fields.items() if v not in (None, []) and b.fields.get(k) == v)


@contextmanager
def batch():
    """Pause the cyclic garbage collector while building and resolving many records.

    Resolution allocates many small objects and frees none: the collector would rescan
    them again and again as they pile up (superlinear), so it waits until the batch ends.
    """
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def resolve_events(facts: list[FactRecord], overrides: list[Override] = ()) -> list[Event]:
    """Group facts into events; deterministic for the same input."""
    with batch():
        return _resolve(facts, overrides)


def _resolve(facts, overrides) -> list[Event]:
    blocks: dict[tuple, list[FactRecord]] = defaultdict(list)
    for f in facts:
        blocks[(f.type, f.key)].append(f)
    groups: list[list[FactRecord]] = []
    for (_type, _key), block in sorted(blocks.items(), key=lambda kv: json.dumps(kv[0], default=str)):
        groups.extend(_cluster(block))
    groups = _apply_overrides(groups, overrides)
    events = [Event(g[0].type, g[0].key, g) for g in groups if g]
    events.sort(key=lambda e: (e.valid_time or (date.max,), e.type, e.id))
    seen: dict[str, int] = {}
    for event in events:  # two facts said at the same place with the same key share a ref
        n = seen[event.id] = seen.get(event.id, 0) + 1
        if n > 1:
            event.id = f"{event.id}-{n}"
    return events


def _apply_overrides(groups: list[list[FactRecord]], overrides) -> list[list[FactRecord]]:
    for ov in overrides:
        refs = set(ov.refs)
        if ov.kind == "split":
            moved = [f for g in groups for f in g if f.ref in refs]
            groups = [[f for f in g if f.ref not in refs] for g in groups]
            groups.append(moved)
        elif ov.kind == "merge":
            touched = [g for g in groups if any(f.ref in refs for f in g)]
            rest = [g for g in groups if not any(f.ref in refs for f in g)]
            groups = rest + [[f for g in touched for f in g]]
        else:
            raise ValueError(f"unknown override kind {ov.kind!r}")
    return [g for g in groups if g]
