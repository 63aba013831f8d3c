"""Entity resolution: names as written → stable ids of real-world facilities, people and
organisations, with aliases and misspellings ("Buekele" → Nayib Bukele).

The known entities come from the data files (facilities.yaml; officials in
person_roles.yaml and country_overrides.yaml; agencies.yaml). Exact alias matches come
first; otherwise a fuzzy match (rapidfuzz) above a high threshold is proposed, marked as
fuzzy so that a reviewer can confirm or reject it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml
from rapidfuzz import fuzz, process

FUZZY_CUTOFF = 88
MIN_FUZZY_LENGTH = 5


@dataclass(frozen=True)
class Entity:
    id: str  # "facility:cecot", "person:nayib-bukele", "org:us:ice"
    kind: str  # facility | person | organisation
    name: str
    country: str | None = None


@dataclass(frozen=True)
class Match:
    entity: Entity
    surface: str
    score: float
    method: str  # exact | fuzzy


def fold(text: str) -> str:
    """Lower case, no accents, no punctuation, single spaces, no leading "the"."""
    ascii_ = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    folded = " ".join(re.sub(r"[^\w\s'-]", " ", ascii_.lower()).split())
    return folded[4:] if folded.startswith("the ") else folded


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


class EntityIndex:
    """Aliases of known entities, looked up exactly and then fuzzily, per kind."""

    def __init__(self, entities: list[tuple[Entity, list[str]]]):
        self._exact: dict[tuple[str, str], Entity] = {}
        self._choices: dict[str, list[str]] = {}
        for entity, aliases in entities:
            for alias in {entity.name, *aliases}:
                key = (entity.kind, fold(alias))
                self._exact.setdefault(key, entity)
        for (kind, alias) in self._exact:
            self._choices.setdefault(kind, []).append(alias)
        for kind in self._choices:
            self._choices[kind].sort()

    def resolve(self, surface: str, kind: str) -> Match | None:
        folded = fold(surface)
        if not folded:
            return None
        hit = self._exact.get((kind, folded))
        if hit is not None:
            return Match(hit, surface, 100.0, "exact")
        if len(folded) < MIN_FUZZY_LENGTH:
            return None
        best = process.extractOne(folded, self._choices.get(kind, []), scorer=fuzz.ratio,
                                  score_cutoff=FUZZY_CUTOFF)
        if best is None or best[0][0] != folded[0]:  # misspellings keep the first letter
            return None
        return Match(self._exact[(kind, best[0])], surface, round(best[1], 1), "fuzzy")


def _data(name: str):
    return yaml.safe_load(resources.files("borderledger").joinpath(f"data/{name}").read_text("utf-8"))


@lru_cache(maxsize=1)
def default_index() -> EntityIndex:
    entities: list[tuple[Entity, list[str]]] = []
    for f in _data("facilities.yaml") or []:
        entities.append((Entity(f"facility:{slug(f['name'])}", "facility", f["name"], f.get("country")),
                         list(f.get("aliases") or [])))
    people: dict[str, tuple[Entity, list[str]]] = {}
    leaders = (_data("country_overrides.yaml") or {}).get("leaders") or {}
    for code, names in leaders.items():
        full = [n for n in names if " " in n]
        for name in full:
            surname = name.split()[-1]
            aliases = [n for n in names if n == surname]
            people.setdefault(slug(name), (Entity(f"person:{slug(name)}", "person", name, code), aliases))
    for name in (_data("person_roles.yaml") or {}).get("public_people") or []:
        people.setdefault(slug(name), (Entity(f"person:{slug(name)}", "person", name), []))
    entities.extend(people.values())
    for code, names in (_data("agencies.yaml") or {}).items():
        if names:
            canonical = names[0]
            entities.append((Entity(f"org:{code.lower()}:{slug(canonical)}", "organisation", canonical, code),
                             list(names)))
    return EntityIndex(entities)
