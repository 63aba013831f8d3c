"""Person mentions: find names of people and class them as public-role or private.

Precision here protects people: a name is *public* only when a title stands before it
("Judge …", "Sen. …") or a role follows it in an appositive (", a spokesperson for …").
Everyone else named is a *private* individual by default, and later mentions by surname
alone inherit the class of the full name.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

# patterns used inline below, compiled once
_RX0 = re.compile(r"\b[A-ZÁÉÍÓÚÑ][a-záéíóúñü]+\b")

_WORD = r"[A-ZÁÉÍÓÚÑÜ][a-záéíóúñüçãõâêôàèìòù'’\-]+(?:-[A-ZÁÉÍÓÚÑ][a-záéíóúñü]+)?"
_PARTICLE = r"(?:de|del|de la|da|dos|van|von|bin|al|el|la)"
_NAME = re.compile(rf"\b{_WORD}(?:\s+(?:{_PARTICLE}\s+)?{_WORD}){{1,7}}\b")
MAX_NAME_WORDS = 5


@dataclass(frozen=True)
class PersonMention:
    start: int
    end: int
    name: str
    key: str  # normalised full name, shared by every mention of the person
    public: bool  # public role (official, judge, lawmaker, spokesperson, lawyer …)


@lru_cache(maxsize=1)
def _lexicon() -> dict[str, object]:
    data = yaml.safe_load(resources.files("borderledger").joinpath("data/person_roles.yaml")
                          .read_text("utf-8"))
    titles = sorted(data["titles_before"], key=len, reverse=True)
    public_people = {person_key(n) for n in data.get("public_people", [])}
    return {
        "public_people": public_people,
        "public_surnames": {k.split()[-1] for k in public_people},
        "title_words": {w for t in titles for w in t.split()},
        "title_before": re.compile(r"(?:^|[\s(“\"'])(?:" + "|".join(re.escape(t) for t in titles)
                                   + r")\s*$"),
        "role_after": re.compile(r"^\s*,\s*(?:(?:a|an|the|its|their|his|her)\s+)?(?P<gap>(?:[\w'’.-]+\s+){0,4}?)"
                                 r"(?:" + "|".join(map(re.escape, data["roles_after"])) + r")\b", re.I),
        "not_in_gap": set(data["not_in_appositive"]),
        "not_person": set(data["not_person_words"]),
        "not_start": set(data["not_name_starts"]),
    }


def _role_follows(after: str, lex) -> bool:
    """", a spokesperson for …" but not ", says an officer …"."""
    m = lex["role_after"].match(after)
    return bool(m) and not any(w.lower() in lex["not_in_gap"] for w in m.group("gap").split())


def person_key(name: str) -> str:
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return " ".join(folded.lower().replace("’", "'").split())


def place_spans(text: str) -> list[tuple[int, int]]:
    """Where the gazetteer sees places, agencies and facilities (never people)."""
    from .gazetteer import gazetteer

    return [(m.start, m.end) for m in gazetteer().mentions(text) if m.kind != "leader"]


def find_persons(text: str, *, places: list[tuple[int, int]] | None = None) -> list[PersonMention]:
    """Every person mention in ``text`` (full names, then surnames of those names)."""
    lex = _lexicon()
    if places is None:
        places = place_spans(text)
    found: list[PersonMention] = []
    by_surname: dict[str, PersonMention] = {}
    by_first: dict[str, PersonMention] = {}
    for m in _NAME.finditer(text):
        words = m.group(0).split()
        # leading sentence words, titles and organisation words are not part of the name
        while words and (words[0] in lex["not_start"] or words[0].split("-")[0] in lex["title_words"]
                         or words[0] in lex["not_person"]):
            words = words[1:]
        if not 2 <= len(words) <= MAX_NAME_WORDS or any(w.strip(".,") in lex["not_person"] for w in words):
            continue
        name = " ".join(words)
        start = m.start() + m.group(0).index(words[0])
        end = start + len(name)
        if text[start:end] != name:  # multiple spaces inside: keep the exact span
            end = m.end()
            name = text[start:end]
        if any(ps < end and start < pe for ps, pe in places):
            continue
        key = person_key(name)
        public = bool(key in lex["public_people"]
                      or lex["title_before"].search(text[max(0, start - 40):start])
                      or _role_follows(text[end:end + 90], lex))
        earlier = next((p for p in found if p.key == key), None)
        if earlier is not None:
            public = public or earlier.public
        mention = PersonMention(start, end, name, key, public)
        found.append(mention)
        by_surname.setdefault(words[-1], mention)
        if not public:  # private people are also called by any one of their names ("Wilmer's lawyer")
            for word in words[:-1]:
                if len(word) > 2 and word[0].isupper():
                    by_first.setdefault(word, mention)
    # a person's class is settled by any of their full-name mentions
    public_keys = {p.key for p in found if p.public}
    found = [PersonMention(p.start, p.end, p.name, p.key, p.key in public_keys) for p in found]
    taken = [(p.start, p.end) for p in found]
    for m in _RX0.finditer(text):  # "Bukele said", no full name
        surname = m.group(0)
        if surname in lex["public_surnames"] and surname not in by_surname:
            key = next(k for k in sorted(lex["public_people"]) if k.split()[-1] == surname)
            by_surname[surname] = PersonMention(m.start(), m.end(), surname, key, True)
            public_keys.add(key)
    short_names = {**{k: v for k, v in by_first.items() if v.key not in public_keys}, **by_surname}
    for word, first in short_names.items():
        for m in re.finditer(rf"\b{re.escape(word)}\b", text):
            if any(s <= m.start() < e for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            found.append(PersonMention(m.start(), m.end(), word, first.key, first.key in public_keys))
    return sorted(found, key=lambda p: p.start)
