"""Country codes and names for display (ISO 3166-1 alpha-2, plus Kosovo ``XK``)."""

from __future__ import annotations

import re
from functools import lru_cache

import pycountry

#: short names people use, where pycountry's are long or official
SHORT_NAMES = {
    "BO": "Bolivia", "BN": "Brunei", "CD": "DR Congo", "CG": "Congo", "CI": "Côte d'Ivoire",
    "CZ": "Czechia", "FM": "Micronesia", "GB": "United Kingdom", "IR": "Iran", "KP": "North Korea",
    "KR": "South Korea", "LA": "Laos", "MD": "Moldova", "MK": "North Macedonia", "PS": "Palestine",
    "RU": "Russia", "SY": "Syria", "TW": "Taiwan", "TZ": "Tanzania", "US": "United States",
    "VE": "Venezuela", "VN": "Vietnam", "XK": "Kosovo", "SZ": "Eswatini", "TR": "Türkiye",
}
_CODE = re.compile(r"^[A-Za-z]{2}$")


@lru_cache(maxsize=None)
def name(code: str | None) -> str:
    """``"SV"`` → ``"El Salvador"``; unknown codes come back as given."""
    if not code:
        return ""
    code = code.upper()
    if code in SHORT_NAMES:
        return SHORT_NAMES[code]
    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return code
    return getattr(country, "common_name", None) or country.name


@lru_cache(maxsize=None)
def is_known(code: str) -> bool:
    if not _CODE.match(code or ""):
        return False
    code = code.upper()
    return code == "XK" or pycountry.countries.get(alpha_2=code) is not None


@lru_cache(maxsize=1)
def all_codes() -> list[str]:
    return sorted([c.alpha_2 for c in pycountry.countries] + ["XK"], key=name)
