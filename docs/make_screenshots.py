"""Regenerate docs/screenshots/{overview,dossier}.png from the small test ledger.

    .venv/bin/python docs/make_screenshots.py

Needs playwright (Python) and Debian's chromium at /usr/bin/chromium (never `playwright install`).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "web"))

from playwright.sync_api import sync_playwright  # noqa: E402

import sample_ledger  # noqa: E402
from borderledger.web import create_app  # noqa: E402
from server import CHROMIUM, CHROMIUM_ARGS, serve  # noqa: E402

OUT = ROOT / "docs" / "screenshots"


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        ledger, _ = sample_ledger.build(Path(tmp) / "ledger.db")
        with serve(create_app(ledger=ledger)) as base, sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(base + "/")
            page.screenshot(path=str(OUT / "overview.png"), full_page=True)
            page.goto(base + "/country/SV")
            page.screenshot(path=str(OUT / "dossier.png"), full_page=True)
            browser.close()
        ledger.close()
    print(f"wrote {OUT / 'overview.png'} and {OUT / 'dossier.png'}")


if __name__ == "__main__":
    main()
