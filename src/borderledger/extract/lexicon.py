"""Load the data files in ``borderledger/data`` once, and compile word lists to regexes."""

from __future__ import annotations

import csv
import re
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

import yaml

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


@lru_cache(maxsize=None)
def load(name: str) -> Any:
    """Parse ``data/<name>`` (YAML or CSV with ``#`` header comments); cached."""
    path = DATA_DIR / name
    with path.open(encoding="utf-8") as fh:
        if name.endswith(".csv"):
            return list(csv.DictReader(line for line in fh if not line.startswith("#")))
        return yaml.safe_load(fh)


def triggers(*path: str) -> list[str]:
    """A word list from ``triggers.yaml`` by key path, e.g. ``triggers("transfer", "send")``."""
    node: Any = load("triggers.yaml")
    for key in path:
        node = node[key]
    return list(node)


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of phrases, longest first, whitespace-tolerant."""
    parts = []
    for w in sorted(set(words), key=len, reverse=True):
        parts.append(r"\s+".join(re.escape(p) for p in w.split()))
    return "(?:" + "|".join(parts) + ")"


@lru_cache(maxsize=None)
def word_regex(key: tuple[str, ...], flags: int = re.IGNORECASE) -> re.Pattern[str]:
    """Compiled ``\\b(?:…)\\b`` regex over the word list at ``key`` in triggers.yaml."""
    return phrase_regex(tuple(triggers(*key)), flags)


@lru_cache(maxsize=None)
def phrase_regex(words: tuple[str, ...], flags: int = re.IGNORECASE) -> re.Pattern[str]:
    return re.compile(r"(?<![\w-])" + alternation(words) + r"(?![\w])", flags)


def default(key: str) -> Any:
    """A domain default from ``data/defaults.yaml`` (``None`` when unset): e.g. ``default("transfer_sender")``."""
    node = load("defaults.yaml") or {}
    return (node.get("defaults") or {}).get(key)
