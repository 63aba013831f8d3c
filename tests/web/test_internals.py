"""Helpers behind the pages: FTS quoting, span pieces, map classes, sanitising, map data."""

import json
from importlib.resources import files

from borderledger.ledger.queries import fts_query
from borderledger.web import highlight, svg
from borderledger.web.sanitize import clean_html


def test_fts_query_quotes_every_term():
    assert fts_query("deportation flights") == '"deportation" "flights"'
    assert fts_query('say "hi') == '"say" """hi"'
    assert fts_query("deport*") == '"deport" *'
    assert fts_query('" ( ) * -- ^') == ""
    assert fts_query("NEAR(a b) OR c") == '"NEAR(a" "b)" "OR" "c"'


def test_pieces_split_overlapping_spans():
    text = "abcdefghij"
    out = highlight.pieces(text, [(2, 6, "x"), (4, 8, "y")])
    assert [(p.text, p.covers, p.starts) for p in out] == [
        ("ab", [], []), ("cd", ["x"], ["x"]), ("ef", ["x", "y"], ["y"]), ("gh", ["y"], []),
        ("ij", [], [])]
    assert "".join(p.text for p in out) == text


def test_pieces_handle_nested_identical_and_bad_spans():
    text = "0123456789"
    out = highlight.pieces(text, [(1, 9, "a"), (3, 5, "b"), (3, 5, "c"), (7, 99, "bad"),
                                  (5, 5, "empty")])
    assert "".join(p.text for p in out) == text
    assert [p.covers for p in out if p.text == "34"] == [["a", "b", "c"]]
    assert not any("bad" in p.covers or "empty" in p.covers for p in out)


def test_pieces_window_clips_spans():
    out = highlight.pieces("0123456789", [(0, 4, "a")], lo=2, hi=6)
    assert [(p.text, p.covers) for p in out] == [("23", ["a"]), ("45", [])]


def test_map_breaks_and_legend():
    assert svg.breaks(0) == [1]
    assert svg.breaks(3) == [1, 2]
    assert svg.breaks(10) == [1, 2, 5, 10]
    b = svg.breaks(60000)
    assert len(b) == 5 and b[0] == 1
    assert svg.legend([1, 2, 5], 9) == [("b0", "none"), ("b1", "1"), ("b2", "2–4"),
                                        ("b3", "5+")]


def test_choropleth_classes():
    data = svg.choropleth({"SV": 12, "US": 1})
    by = {c["id"]: c for c in data["countries"]}
    assert by["SV"]["cls"] == "b4" and by["US"]["cls"] == "b1" and by["FR"]["cls"] == "b0"


def test_month_bars_fill_gaps():
    chart = svg.month_bars({"2024-11": {"transfer": 2}, "2025-02": {"detention": 1}})
    assert [b["month"] for b in chart["bars"]] == ["2024-11", "2024-12", "2025-01", "2025-02"]


def test_map_data_shape_and_attribution():
    data = json.loads(files("borderledger.web").joinpath("static/world-110m.json").read_text())
    ids = {c["id"] for c in data["countries"]}
    assert {"US", "SV", "CR", "PA", "MX", "GT", "HN", "VE", "XK", "CU"} <= ids
    assert all(c["d"].startswith("M") for c in data["countries"])
    assert data["attribution"] == "Made with Natural Earth"
    assert len(files("borderledger.web").joinpath("static/world-110m.json").read_bytes()) < 120_000


def test_clean_html_removes_scripts_handlers_and_js_links():
    out = str(clean_html('<p onclick="x()">hi<script>alert(1)</script>'
                         '<a href="javascript:alert(1)">a</a><a href="https://e.org">b</a>'
                         '<img src=x onerror=alert(1)></p>'))
    assert "script" not in out and "onclick" not in out and "onerror" not in out
    assert "javascript" not in out and "<img" not in out
    assert 'href="https://e.org"' in out and "noopener" in out
