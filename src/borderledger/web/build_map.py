"""Build ``static/world-110m.json`` (projected SVG paths per country) from world-atlas.

Run once, by hand, when the geometry should change; the output is committed::

    cd /tmp && npm pack world-atlas && tar xzf world-atlas-*.tgz
    python -m borderledger.web.build_map /tmp/package/countries-110m.json

Geometry: Natural Earth 1:110m admin-0 countries (public domain) via the npm package
``world-atlas`` (ISC). Projection: Natural Earth I. Antarctica is left out.
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

import pycountry

OUT = Path(__file__).with_name("static") / "world-110m.json"
WIDTH = 960.0
#: world-atlas features without an ISO numeric id, or ids pycountry does not know
BY_NAME = {"Kosovo": "XK", "N. Cyprus": None, "Somaliland": None}
SKIP = {"010"}  # Antarctica


def natural_earth(lon: float, lat: float) -> tuple[float, float]:
    """Natural Earth I projection (Šavrič et al.), radians in, unit plane out."""
    lam, phi = math.radians(lon), math.radians(lat)
    p2 = phi * phi
    p4 = p2 * p2
    x = lam * (0.8707 - 0.131979 * p2 + p4 * (-0.013791 + p4 * (0.003971 * p2 - 0.001529 * p4)))
    y = phi * (1.007226 + p2 * (0.015085 + p4 * (-0.044475 + 0.028874 * p2 - 0.005916 * p4)))
    return x, y


def decode_arcs(topo: dict) -> list[list[tuple[float, float]]]:
    sx, sy = topo["transform"]["scale"]
    tx, ty = topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring_points(ring: list[int], arcs) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for index in ring:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        points.extend(arc if not points else arc[1:])
    return points


def _num(v: float) -> str:
    text = f"{v:.1f}".rstrip("0").rstrip(".")
    if text in ("-0", ""):
        return "0"
    return text.replace("0.", ".", 1) if text.startswith(("0.", "-0.")) else text


def relative_path(pts: list[tuple[float, float]]) -> str:
    """``M x,y l dx,dy dx,dy … z``: relative moves, deltas from rounded points (no drift)."""
    out = [f"M{_num(pts[0][0])},{_num(pts[0][1])}l"]
    for (ax, ay), (bx, by) in zip(pts, pts[1:]):
        dx, dy = _num(round(bx - ax, 1)), _num(round(by - ay, 1))
        out.append(f"{dx}{'' if dy.startswith('-') else ','}{dy} ")
    return "".join(out).rstrip() + "z"


def unwrap(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Keep longitudes continuous across the antimeridian (Russia, Fiji): a ring may then
    reach past ±180°, and the SVG viewport clips it, instead of a stripe across the map."""
    out: list[tuple[float, float]] = []
    shift = 0.0
    for lon, lat in points:
        if out:
            prev = out[-1][0]
            while lon + shift - prev > 180:
                shift -= 360
            while lon + shift - prev < -180:
                shift += 360
        out.append((lon + shift, lat))
    return out


def alpha2(geometry: dict) -> str | None:
    name = geometry.get("properties", {}).get("name", "")
    if name in BY_NAME:
        return BY_NAME[name]
    numeric = geometry.get("id")
    if numeric is None:
        return None
    country = pycountry.countries.get(numeric=str(numeric).zfill(3))
    return country.alpha_2 if country else None


def build(source: Path) -> dict:
    topo = json.loads(source.read_text())
    arcs = decode_arcs(topo)
    x0, _ = natural_earth(-180, 0)
    _, ytop = natural_earth(0, 84)
    _, ybot = natural_earth(0, -58)
    scale = WIDTH / (2 * -x0)
    height = round((ytop - ybot) * scale)

    def xy(lon: float, lat: float) -> tuple[float, float]:
        x, y = natural_earth(lon, lat)
        return round((x - x0) * scale, 1), round((ytop - y) * scale, 1)

    countries = []
    for g in topo["objects"]["countries"]["geometries"]:
        if str(g.get("id")) in SKIP or g.get("type") not in ("Polygon", "MultiPolygon"):
            continue
        code = alpha2(g)
        if code is None:
            continue
        polygons = g["arcs"] if g["type"] == "MultiPolygon" else [g["arcs"]]
        d = []
        for polygon in polygons:
            for ring in polygon:
                pts = []
                for lon, lat in unwrap(ring_points(ring, arcs)):
                    p = xy(lon, lat)
                    if not pts or p != pts[-1]:
                        pts.append(p)
                if len(pts) < 3:
                    continue
                d.append(relative_path(pts))
        countries.append({"id": code, "name": g["properties"]["name"], "d": "".join(d)})
    countries.sort(key=lambda c: c["id"])
    return {"width": WIDTH, "height": height, "attribution": "Made with Natural Earth",
            "countries": countries}


def main(argv: list[str]) -> None:
    data = build(Path(argv[0]))
    OUT.write_text(json.dumps(data, separators=(",", ":")))
    print(f"wrote {OUT} ({OUT.stat().st_size // 1024} KB, {len(data['countries'])} countries)")


if __name__ == "__main__":  # pragma: no cover
    main(sys.argv[1:])
