"""Server-side SVG: the world choropleth and the monthly bar chart (data for templates)."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib.resources import files

from . import countries

NICE = (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000, 50000, 100000)
TYPE_ORDER = ("transfer", "arrangement", "detention", "legal_action", "enforcement")


@lru_cache(maxsize=1)
def world() -> dict:
    return json.loads(files("borderledger.web").joinpath("static/world-110m.json").read_text())


def breaks(maximum: int, buckets: int = 5) -> list[int]:
    """Lower bounds of the shaded classes, e.g. ``[1, 2, 5, 10, 20]``; at most ``buckets``."""
    if maximum <= 0:
        return [1]
    nice = [n for n in NICE if n <= maximum]
    if len(nice) <= buckets:
        return nice
    step = (len(nice) - 1) / (buckets - 1)
    return sorted({nice[round(i * step)] for i in range(buckets)})


def legend(bounds: list[int], maximum: int) -> list[tuple[str, str]]:
    items = [("b0", "none")]
    for i, lo in enumerate(bounds):
        hi = bounds[i + 1] - 1 if i + 1 < len(bounds) else None
        if hi is None:
            label = f"{lo:,}+" if maximum > lo else f"{lo:,}"
        else:
            label = f"{lo:,}" if hi == lo else f"{lo:,}–{hi:,}"
        items.append((f"b{i + 1}", label))
    return items


def choropleth(counts: dict[str, int]) -> dict:
    """Map data: every country with its path, count, class and accessible label."""
    data = world()
    maximum = max(counts.values(), default=0)
    bounds = breaks(maximum)
    shapes = []
    for c in data["countries"]:
        n = counts.get(c["id"], 0)
        cls = "b0"
        for i, lo in enumerate(bounds):
            if n >= lo:
                cls = f"b{i + 1}"
        nm = countries.name(c["id"])
        noun = "transfer or arrangement" if n == 1 else "transfers and arrangements"
        shapes.append({"id": c["id"], "name": nm, "d": c["d"], "n": n, "cls": cls,
                       "label": f"{nm}: {n:,} {noun}"})
    return {"width": data["width"], "height": data["height"], "countries": shapes,
            "legend": legend(bounds, maximum), "attribution": data["attribution"]}


def month_bars(months: dict[str, dict[str, int]], width: int = 720, height: int = 180) -> dict:
    """Stacked bars by month (``{"2025-03": {"transfer": 4}}``), every month in range shown."""
    if not months:
        return {"bars": [], "width": width, "height": height}
    keys = sorted(months)
    first, last = keys[0], keys[-1]
    span = []
    y, m = int(first[:4]), int(first[5:7])
    while f"{y:04d}-{m:02d}" <= last and len(span) < 600:
        span.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    top = max(sum(months.get(k, {}).values()) for k in span) or 1
    pad_left, pad_bottom, pad_top = 34, 22, 8
    plot_h = height - pad_bottom - pad_top
    slot = (width - pad_left) / len(span)
    bar_w = max(1.0, min(slot * 0.8, 48.0))
    bars = []
    for i, key in enumerate(span):
        x = pad_left + i * slot + (slot - bar_w) / 2
        y0 = height - pad_bottom
        segs = []
        for t in TYPE_ORDER:
            n = months.get(key, {}).get(t, 0)
            if not n:
                continue
            h = n / top * plot_h
            y0 -= h
            segs.append({"type": t, "n": n, "y": round(y0, 1), "h": round(h, 1)})
        total = sum(s["n"] for s in segs)
        label_every = max(1, len(span) // 8)
        bars.append({"month": key, "x": round(x, 1), "w": round(bar_w, 1), "segs": segs,
                     "total": total, "label": key if i % label_every == 0 else None,
                     "lx": round(x + bar_w / 2, 1)})
    return {"bars": bars, "width": width, "height": height, "top": top,
            "base": height - pad_bottom, "ytop": pad_top, "left": pad_left}
