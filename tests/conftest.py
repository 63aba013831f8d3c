"""Shared fixtures: a fresh ledger on disk and a CLI runner."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from borderledger.ledger import Ledger


@pytest.fixture
def ledger(tmp_path):
    with Ledger(str(tmp_path / "ledger.db")) as lg:
        yield lg


@pytest.fixture
def runner():
    return CliRunner()
