"""Imports follow the pipeline: capture → text → extract → resolve → ledger → web/export."""

from __future__ import annotations

import ast
from pathlib import Path

import borderledger

PKG = Path(borderledger.__file__).parent
# stage → stages it must never import
FORBIDDEN = {
    "model": {"capture", "text", "extract", "resolve", "ledger", "web", "export", "cli"},
    "capture": {"extract", "resolve", "ledger", "web", "export", "cli"},
    "text": {"extract", "resolve", "ledger", "web", "export", "cli"},
    "extract": {"capture", "ledger", "web", "export", "cli", "resolve"},
    "resolve": {"ledger", "web", "export", "cli"},
    "ledger": {"web", "export", "cli"},
    "export": {"web", "cli"},
    "web": {"cli"},
}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    rel = path.relative_to(PKG).parts
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = list(rel[:-1])[: len(rel) - node.level]
                parts = base + (node.module.split(".") if node.module else [])
                if parts:
                    found.add(parts[0])
                else:
                    found.update(a.name.split(".")[0] for a in node.names)
            elif node.module and node.module.startswith("borderledger."):
                found.add(node.module.split(".")[1])
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("borderledger."):
                    found.add(alias.name.split(".")[1])
    return found


def test_stages_import_only_downstream():
    problems = []
    for path in PKG.rglob("*.py"):
        stage = path.relative_to(PKG).parts[0].removesuffix(".py")
        bad = _imports(path) & FORBIDDEN.get(stage, set())
        if bad:
            problems.append(f"{path.relative_to(PKG)} imports {sorted(bad)}")
    assert problems == []


def test_public_api_is_named():
    assert set(borderledger.__all__) >= {"Document", "Fact", "Span", "RawSource", "__version__"}
    for name in borderledger.__all__:
        assert hasattr(borderledger, name)
