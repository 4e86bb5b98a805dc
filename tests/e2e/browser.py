"""How the end-to-end tests and the screenshot script start Chromium: Debian's build, headless.

Playwright's own browser download is never used: it would fetch a binary from a third-party host.
"""

from __future__ import annotations

from playwright.sync_api import Browser, Playwright

CHROMIUM_PATH = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def chromium_launch(playwright: Playwright) -> Browser:
    return playwright.chromium.launch(
        executable_path=CHROMIUM_PATH, args=CHROMIUM_ARGS, headless=True
    )
