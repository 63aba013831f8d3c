"""The fact schema (data/fact_schema.yaml): labels, keys and field validation."""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

_COUNTRY = re.compile(r"^[A-Z]{2}$")
_DATE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")


@lru_cache(maxsize=1)
def schema() -> dict[str, Any]:
    text = resources.files("borderledger").joinpath("data/fact_schema.yaml").read_text("utf-8")
    return yaml.safe_load(text)


def field_specs(fact_type: str) -> dict[str, dict[str, Any]]:
    try:
        fields = schema()["types"][fact_type]["fields"]
    except KeyError:
        raise ValueError(f"unknown fact type {fact_type!r}") from None
    return {name: spec if isinstance(spec, dict) else {"kind": spec} for name, spec in fields.items()}


def validate_fields(fact_type: str, fields: dict[str, Any]) -> dict[str, Any]:
    """Check every field against its kind; return the fields or raise ValueError naming the first bad one."""
    specs = field_specs(fact_type)
    vocab = schema()["vocabularies"]
    for name, value in fields.items():
        if name not in specs:
            raise ValueError(f"{fact_type} has no field {name!r}")
        spec = specs[name]
        kind = spec["kind"]
        if value is None or value == []:
            if spec.get("required"):
                raise ValueError(f"{name} is required")
            continue
        ok = {
            "country": lambda v: isinstance(v, str) and bool(_COUNTRY.match(v)),
            "countries": lambda v: isinstance(v, list) and all(isinstance(c, str) and _COUNTRY.match(c) for c in v),
            "date": lambda v: isinstance(v, str) and bool(_DATE.match(v)),
            "count": lambda v: isinstance(v, int) and not isinstance(v, bool) and v >= 0,
            "money": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool) and v >= 0,
            "text": lambda v: isinstance(v, str) and 0 < len(v) <= 300,
        }.get(kind, lambda v: v in vocab.get(kind, ()))(value)
        if not ok:
            raise ValueError(f"{name}: {value!r} is not a valid {kind.replace('_', ' ')}")
    return fields
