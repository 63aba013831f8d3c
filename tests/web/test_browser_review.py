"""A real browser: a reviewer signs in and works the review queue with the keyboard."""

import os
import re

import pytest
from conftest import PASSWORD

from server import CHROMIUM, CHROMIUM_ARGS, serve

playwright = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason=f"{CHROMIUM} is not installed"),
]


@pytest.fixture(scope="module")
def reviewer_page(staff):
    with serve(staff.app) as base, playwright.sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = chromium.new_page(viewport={"width": 1200, "height": 900})
        errors = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        yield page, base, errors
        chromium.close()


def test_reviewer_signs_in_and_confirms_a_fact_with_the_keyboard(reviewer_page, staff):
    from borderledger.ledger.review import history

    page, base, errors = reviewer_page
    page.goto(base + "/review")  # not signed in: sent to the sign-in form
    page.wait_for_url(re.compile(r"/login\?next=%2Freview$"))
    page.keyboard.type("rita")  # the user name field has focus
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/review$"))
    first = page.locator("[data-review-item]").first
    fact_id = first.get_attribute("id").removeprefix("item-")

    page.keyboard.press("j")  # select the first (most consequential) fact
    assert page.evaluate("document.activeElement.id") == f"item-{fact_id}"
    page.keyboard.press("c")  # confirm it
    page.wait_for_url(re.compile(rf"/review\?done=confirm&fact={fact_id}$"))
    assert page.locator("p.notice").inner_text() == f"Fact #{fact_id} confirmed."
    assert page.locator(f"#item-{fact_id}").count() == 0
    assert history(staff.ledger, int(fact_id))[-1]["actor"] == "rita"

    second = page.locator("[data-review-item]").nth(1).get_attribute("id").removeprefix("item-")
    page.keyboard.press("j")
    page.keyboard.press("j")
    page.keyboard.press("r")  # to the reason field of the selected fact
    assert page.evaluate("document.activeElement.id") == f"reason-{second}"
    page.keyboard.type("the source says this was only proposed")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"/review\?done=reject&fact={second}$"))
    assert history(staff.ledger, int(second))[-1]["reason"] == "the source says this was only proposed"
    assert not errors, errors  # no CSP violations or script errors
