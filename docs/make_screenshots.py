"""Regenerate docs/screenshots/{overview,dossier,event}.png from the small test ledger.

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
        sample_ledger.add_corroboration(ledger)  # and group the facts into events
        from borderledger.ledger.queries import event_of_fact, event_refs

        event = event_of_fact(ledger, 1)
        sample_ledger.set_status(ledger, max(event_refs(ledger, event)), "confirmed")
        with serve(create_app(ledger=ledger)) as base, sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(base + "/")
            page.screenshot(path=str(OUT / "overview.png"), full_page=True)
            page.goto(base + "/country/SV")
            page.screenshot(path=str(OUT / "dossier.png"), full_page=True)
            page.goto(base + f"/event/{event}")
            page.screenshot(path=str(OUT / "event.png"), full_page=True)
            browser.close()
        ledger.close()
    print(f"wrote {OUT / 'overview.png'}, {OUT / 'dossier.png'} and {OUT / 'event.png'}")


if __name__ == "__main__":
    main()
