"""A real browser (Debian's chromium via playwright): overview → map → dossier → fact → source."""

import os
import re

import pytest

from server import CHROMIUM, CHROMIUM_ARGS, serve

playwright = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason=f"{CHROMIUM} is not installed"),
]


@pytest.fixture(scope="module")
def browser(app):
    with serve(app) as base, playwright.sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium, base
        chromium.close()


@pytest.fixture(scope="module")
def browser_page(browser):
    chromium, base = browser
    page = chromium.new_page(viewport={"width": 1200, "height": 900})
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    yield page, base, errors
    page.close()


def test_click_through_from_map_to_highlighted_source(browser_page):
    page, base, errors = browser_page
    page.goto(base + "/")
    assert page.title() == "Overview · BorderLedger"
    page.locator('svg.world a[href="/country/SV"]').click()
    page.wait_for_url(re.compile(r"/country/SV$"))
    assert page.locator("h1").inner_text().startswith("El Salvador")
    page.locator('a[href="/fact/1"]').first.click()
    page.wait_for_url(re.compile(r"/fact/1$"))
    assert page.locator("blockquote mark").first.inner_text().startswith("238 Venezuelan men")
    page.get_by_role("link", name="Show in the full source").first.click()
    page.wait_for_url(re.compile(r"/source/1#ev-\d+$"))
    current = page.locator("mark.current")  # app.js emphasises the linked span
    current.first.wait_for()
    assert "238 Venezuelan men landed in El Salvador" in " ".join(current.all_inner_texts())
    assert current.first.is_visible()
    assert not errors, errors  # no CSP violations or script errors


def test_pages_work_without_javascript(browser):
    chromium, base = browser
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base + "/source/1#ev-1")
    assert page.locator("div.doc mark").count() >= 6
    page.goto(base + "/timeline")
    page.select_option("#f-type", "detention")
    page.click("form.filters button[type=submit]")
    page.wait_for_url(re.compile(r"type=detention"))
    assert page.locator("table.facts tbody tr").count() == 3
    context.close()


def test_keyboard_skip_link_and_focus(browser_page):
    page, base, _ = browser_page
    page.goto(base + "/country/CR")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_print_stylesheet_hides_navigation(browser_page):
    page, base, _ = browser_page
    page.goto(base + "/country/SV")
    page.emulate_media(media="print")
    assert not page.locator("header.site").is_visible()
    assert page.locator("h1").is_visible()
    page.emulate_media(media="screen")


def test_narrow_screen_has_no_horizontal_scroll(browser_page):
    page, base, _ = browser_page
    page.set_viewport_size({"width": 380, "height": 800})
    page.goto(base + "/country/SV")
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    page.set_viewport_size({"width": 1200, "height": 900})
    assert overflow <= 1
