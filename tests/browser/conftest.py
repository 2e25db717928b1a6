"""A real headless Chromium (Debian's), driven by Playwright; never `playwright install`."""

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("FACILITATION_CHROMIUM", "/usr/bin/chromium")
PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1366, "height": 768}
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
    "--metrics-recording-only",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    """Chromium for the whole session; in CI a missing Chromium fails instead of skipping."""
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        message = f"Chromium not found at {CHROMIUM} (Debian package 'chromium')"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def open_page(browser):
    """Open a page in its own context (own cookies) at a viewport; console errors fail the test."""
    contexts, errors = [], []

    def open_page(url, viewport=LAPTOP, locale="de-DE", error_status=False):
        """``error_status``: the page itself is meant to answer 4xx (e.g. an unknown code)."""
        context = browser.new_context(viewport=viewport, locale=locale)
        contexts.append(context)
        page = context.new_page()

        def on_console(message):
            if message.type != "error":
                return
            if error_status and message.location.get("url") == url:
                return
            errors.append(f"{url}: {message.text}")

        page.on("console", on_console)
        page.on("pageerror", lambda error: errors.append(f"{url}: {error}"))
        page.goto(url)
        return page

    yield open_page
    for context in contexts:
        context.close()
    assert not errors, "errors in the browser console (CSP violations, JS errors):\n" + "\n".join(
        errors
    )


@pytest.fixture
def screenshot():
    """Save a screenshot when FACILITATION_SCREENSHOTS names a folder (for looking at pages)."""
    folder = os.environ.get("FACILITATION_SCREENSHOTS")

    def take(page, name):
        if folder:
            Path(folder).mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)

    return take
