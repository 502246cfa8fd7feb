"""Fixtures of the browser tests: one Chromium per test module, its pages watched by axe-core, and
the demo data of `make run`."""

import os
from pathlib import Path

import pytest

from concentric.shell.demo import load_demo
from conftest import reseed_dictionaries
from tests.browser.helpers import AXE_TAGS, CHROMIUM, CHROMIUM_ARGS, new_page

# Expectations retry for up to this long: the live server shares two cores with the other tests.
EXPECT_TIMEOUT_MS = 15_000


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium package (make test does as root)")
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=EXPECT_TIMEOUT_MS)

    # Playwright's sync API keeps an event loop running in this thread while the tests (and the
    # database fixtures' teardown) use the ORM: Django must allow that for as long as it runs.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            yield browser
            browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def demo(browser, transactional_db, settings):
    """The demo data of `make run`: the Hubin tree and one account per role, over the rows the
    migrations write (the dictionaries), which a transactional test before may have flushed."""
    reseed_dictionaries()
    settings.DEBUG = True
    result = load_demo()
    return {c.account.username: c.password for c in result.credentials}


@pytest.fixture
def open_page(browser):
    """``open_page(viewport=...)``: a new page (see helpers.new_page), closed after the test."""
    pages = []

    def open_(**options):
        _context, page = new_page(browser, **options)
        pages.append(page)
        return page

    open_.pages = pages
    yield open_
    for page in pages:
        page.context.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    """A browser test that passed fails still if axe-core found a serious or critical violation on
    a page it showed."""
    result = yield
    opener = getattr(item, "funcargs", {}).get("open_page")
    found = "\n".join(filter(None, (page.a11y.finish() for page in opener.pages))) if opener else ""
    if found:
        pytest.fail(f"axe-core ({', '.join(AXE_TAGS)}) found serious or critical violations:\n{found}", pytrace=False)
    return result
