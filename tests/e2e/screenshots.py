"""Screenshots of the main pages at phone and desktop widths, taken from a running server.

Not a test. Start a server with the demo scenario loaded (`make run`, or `PORT=8020 make run`),
then:

    .venv/bin/python tests/e2e/screenshots.py http://127.0.0.1:8020 --out /tmp/shots
    .venv/bin/python tests/e2e/screenshots.py http://127.0.0.1:8020 --out docs/screenshots \
        --pages committee federation --widths 360 1280

Each page is saved as <page>-<width>.png, or <page>-<width>-es.png in Spanish. The join page
needs a live invitation link: the script makes one as the hospital committee's chair, through
the invitation page like any chair would.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent))
from browser import chromium_launch  # run as a script, its folder is on the path

DEMO_PASSWORD = "solidarity-forever"
HOSPITAL = "hennepin-general-hospital-workers-committee"
# page name -> (who is logged in, or None, and the path; the join path is made at run time)
PAGES: dict[str, tuple[str | None, str]] = {
    "login": (None, "/account/login/"),
    "committees": ("marisol", "/committees/"),
    "committee": ("marisol", "/c/heywood-bus-garage-rank-and-file-committee/"),
    "federation": (
        "marisol",
        "/c/international-workers-alliance-of-rank-and-file-committees/federation/",
    ),
    "join": (None, ""),
    "settings": ("marisol", "/account/settings/"),
}


def log_in(page: Page, base_url: str, handle: str, password: str) -> None:
    page.goto(f"{base_url}/account/login/")
    page.get_by_label("Handle").fill(handle)
    page.get_by_label("Password").fill(password)
    page.locator("main button[type=submit]").click()
    page.wait_for_url(f"{base_url}/committees/")


def invitation_path(browser: Browser, base_url: str, password: str) -> str:
    """A fresh link into the hospital committee, made by its chair on the invitation page."""
    context = browser.new_context()
    page = context.new_page()
    log_in(page, base_url, "keisha", password)
    page.goto(f"{base_url}/c/{HOSPITAL}/invitations/")
    page.get_by_label("Note for yourself (who is it for?)").fill("screenshots")
    page.get_by_role("button", name="Create a link").click()
    link = page.locator("input.copy").input_value()
    context.close()
    return link.removeprefix(base_url)


def new_context(browser: Browser, width: int, language: str, base_url: str) -> BrowserContext:
    context = browser.new_context(viewport={"width": width, "height": 800})
    context.add_cookies([{"name": "django_language", "value": language, "url": base_url}])
    return context


def take(
    *,
    browser: Browser,
    base_url: str,
    out: Path,
    pages: list[str],
    widths: list[int],
    languages: list[str],
    password: str,
) -> list[Path]:
    paths = dict(PAGES)
    if "join" in pages:
        paths["join"] = (None, invitation_path(browser, base_url, password))
    written = []
    for language in languages:
        for width in widths:
            contexts: dict[str | None, BrowserContext] = {}
            for name in pages:
                handle, path = paths[name]
                if handle not in contexts:
                    contexts[handle] = new_context(browser, width, "en", base_url)
                    if handle is not None:
                        log_in(contexts[handle].new_page(), base_url, handle, password)
                    contexts[handle].add_cookies(
                        [{"name": "django_language", "value": language, "url": base_url}]
                    )
                page = contexts[handle].new_page()
                page.goto(f"{base_url}{path}")
                suffix = "" if language == "en" else f"-{language}"
                target = out / f"{name}-{width}{suffix}.png"
                page.screenshot(path=str(target), full_page=True)
                page.close()
                written.append(target)
            for context in contexts.values():
                context.close()
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base_url", help="for example http://127.0.0.1:8020")
    parser.add_argument("--out", type=Path, required=True, help="folder for the PNG files")
    parser.add_argument("--pages", nargs="+", choices=list(PAGES), default=list(PAGES))
    parser.add_argument("--widths", nargs="+", type=int, default=[360, 1280])
    parser.add_argument("--languages", nargs="+", default=["en"])
    parser.add_argument("--password", default=DEMO_PASSWORD)
    options = parser.parse_args()
    options.out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = chromium_launch(playwright)
        written = take(
            browser=browser,
            base_url=options.base_url.rstrip("/"),
            out=options.out,
            pages=options.pages,
            widths=options.widths,
            languages=options.languages,
            password=options.password,
        )
        browser.close()
    for path in written:
        print(path)  # noqa: T201


if __name__ == "__main__":
    main()
