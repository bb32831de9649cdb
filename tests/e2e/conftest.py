"""Browser journeys: Playwright driving Debian's Chromium, pages checked by axe-core."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from allauth.mfa.totp.internal.auth import (
    format_hotp_value,
    hotp_value,
    yield_hotp_counters_from_time,
)
from playwright.sync_api import Browser, Locator, Page, Playwright, sync_playwright
from playwright.sync_api import Error as PlaywrightError

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as instance:
        yield instance


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


#: fake camera and microphone for the live room (WebRTC on loopback)
MEDIA_ARGS = [
    "--use-fake-ui-for-media-stream",
    "--use-fake-device-for-media-stream",
    "--allow-loopback-in-peer-connection",
    "--autoplay-policy=no-user-gesture-required",
]


@pytest.fixture(scope="session")
def media_browser(playwright: Playwright) -> Iterator[Browser]:
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS + MEDIA_ARGS)
    yield browser
    browser.close()


def _pages(
    browser: Browser, base_url: str, permissions: list[str] | None = None
) -> Iterator[Callable[..., Page]]:
    contexts = []

    def make(viewport: dict[str, int] = DESKTOP) -> Page:
        context = browser.new_context(
            viewport=viewport, base_url=base_url, permissions=permissions or []
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        page.console_errors = []  # type: ignore[attr-defined]
        page.on("console", lambda m: m.type == "error" and page.console_errors.append(m.text))  # type: ignore[attr-defined]
        return page

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def new_page(browser: Browser, live_server: Any) -> Iterator[Callable[..., Page]]:
    yield from _pages(browser, live_server.url)


@cache
def _axe_source() -> str:
    return AXE.read_text(encoding="utf-8")


def assert_no_axe_violations(page: Page) -> None:
    """Run axe-core on the page as it is now; fail listing every violation."""
    # Evaluated through DevTools, not a <script> tag: the page's CSP stays strict.
    # A click just before may still be navigating: wait for the new document, and
    # start again if it replaces the one axe was reading.
    for attempt in range(3):
        page.wait_for_load_state("load")
        try:
            if not page.evaluate("typeof window.axe !== 'undefined'"):
                page.evaluate(_axe_source())
            result = page.evaluate(
                "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
            )
            break
        except PlaywrightError as error:
            navigated = any(
                sign in str(error)
                for sign in ("documentElement", "context was destroyed", "axe is not defined")
            )
            if not navigated or attempt == 2:
                raise
    violations = [
        {"id": v["id"], "impact": v["impact"], "help": v["help"],
         "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
    ]  # fmt: skip
    assert violations == [], f"{page.url}: " + json.dumps(violations, indent=1)


PAGE_WEIGHT_LIMIT = 100 * 1024


def assert_light_page(page: Page) -> None:
    """The CSS and JavaScript the page loaded, uncompressed, stay under 100 KB."""
    sizes: dict[str, int] = page.evaluate(
        """() => Object.fromEntries(performance.getEntriesByType('resource')
            .filter(e => /\\.(css|js)(\\?|$)/.test(new URL(e.name).pathname))
            .map(e => [e.name, e.decodedBodySize]))"""
    )
    assert sizes, f"{page.url}: no CSS or JavaScript was measured"
    assert sum(sizes.values()) < PAGE_WEIGHT_LIMIT, f"{page.url}: {sizes}"
    here = urlsplit(page.url).netloc
    assert all(urlsplit(url).netloc == here for url in sizes), f"not served locally: {sizes}"


def assert_no_console_errors(page: Page) -> None:
    # A form sent back with field errors answers 400 by design; Chromium logs that.
    errors = [
        e
        for e in page.console_errors  # type: ignore[attr-defined]
        if "responded with a status of 400" not in e
    ]
    assert errors == [], f"{page.url}: console errors {errors}"


def open_menu(page: Page) -> None:
    """On a phone the menu is behind a toggle; on a desktop it is already open."""
    toggle = page.locator(".menu-toggle")
    if toggle.is_visible():
        toggle.click()


def follow(page: Page, link: Locator) -> None:
    """Click a link and wait until the page it leads to has loaded."""
    with page.expect_navigation():
        link.click()


def sign_in(page: Page, email: str, password: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign In").click()


def totp_code(secret: str, *, margin: float = 8.0) -> str:
    """The authenticator code for now, waiting for a fresh 30-second period when the
    current one ends within ``margin`` seconds (a slow page must not cross it)."""
    left = 30 - time.time() % 30
    if left < margin:
        time.sleep(left + 0.1)
    counter = next(iter(yield_hotp_counters_from_time()))
    return format_hotp_value(hotp_value(secret, counter))


@pytest.fixture
def asgi_server(transactional_db: Any) -> Iterator[str]:
    """Tandem under uvicorn in a thread (websockets need ASGI; the live_server
    fixture is WSGI). Its threads use the test database."""
    import socket
    import threading

    import uvicorn

    from tandem.asgi import application

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = uvicorn.Config(application, host="127.0.0.1", port=port, lifespan="off",
                            log_level="warning", ws="websockets-sansio")  # fmt: skip
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(10)


@pytest.fixture
def new_asgi_page(browser: Browser, asgi_server: str) -> Iterator[Callable[..., Page]]:
    yield from _pages(browser, asgi_server)


@pytest.fixture
def new_media_page(media_browser: Browser, asgi_server: str) -> Iterator[Callable[..., Page]]:
    """Pages under uvicorn with a fake camera and microphone they may use."""
    yield from _pages(media_browser, asgi_server, ["camera", "microphone"])
