"""The portals in a real browser: Debian's Chromium driven by Playwright against the portal's BFF
on the spine. Screenshots go to .run/artifacts/portal/ (git-ignored); axe-core (from the web
application's npm dependencies, served from disk) checks each main page."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.async_api import Browser, ConsoleMessage, Page, async_playwright, expect

from ..conftest import Spine

ROOT = Path(__file__).resolve().parents[3]
ARTIFACTS = ROOT / ".run" / "artifacts" / "portal"
AXE = ROOT / "services" / "portal" / "web" / "node_modules" / "axe-core" / "axe.min.js"
DEMO_PASSWORD = "e2e-demo-password"
PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1366, "height": 900}
expect.set_options(timeout=15_000)


@pytest.fixture(scope="session")
async def browser() -> AsyncIterator[Browser]:
    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if executable is None:
        raise RuntimeError("no chromium: apt-get install chromium (./platform test installs it)")
    async with async_playwright() as playwright:
        launched = await playwright.chromium.launch(executable_path=executable, headless=True)
        try:
            yield launched
        finally:
            await launched.close()


@dataclass
class BrowserUser:
    page: Page
    username: str
    csp_violations: list[str] = field(default_factory=list)

    async def screenshot(self, name: str) -> None:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        await self.page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)

    async def check_accessibility(self, name: str) -> None:
        """axe-core on the page as it is: no serious or critical violation."""
        await self.page.evaluate(AXE.read_text())
        results: dict[str, Any] = await self.page.evaluate(
            "async () => await axe.run(document, {resultTypes: ['violations']})"
        )
        serious = [
            f"{v['id']} ({v['impact']}): {v['help']} — "
            + "; ".join(n["target"][0] for n in v["nodes"][:3])
            for v in results["violations"]
            if v["impact"] in ("serious", "critical")
        ]
        assert not serious, f"{name}: accessibility violations {serious}"

    async def menu(self, label: str) -> None:
        await self.page.get_by_role("menuitem", name=label).click()

    async def choose(self, label: str, option: str) -> None:
        """Pick an option of the Ant Design select labelled `label`."""
        await self.page.get_by_label(label, exact=True).click()
        await (
            self.page.locator(".ant-select-dropdown:visible .ant-select-item-option")
            .filter(has_text=re.compile(f"^{re.escape(option)}"))
            .first.click()
        )


@dataclass
class Portal:
    url: str
    browser: Browser
    spine: Spine

    async def open_as(
        self, username: str, *, phone: bool = False, english: bool = False
    ) -> BrowserUser:
        context = await self.browser.new_context(
            viewport=PHONE if phone else DESKTOP,
            is_mobile=phone,
            has_touch=phone,
            device_scale_factor=1,
            locale="en-US" if english else "zh-CN",
        )
        page = await context.new_page()
        page.set_default_timeout(15_000)
        user = BrowserUser(page, username)
        page.on(
            "console",
            lambda message: _note_csp(user, message),
        )
        await page.goto(self.url)
        await expect(page.locator("form")).to_be_visible()
        shell_ms = await page.evaluate(FIRST_PAINT_OF_FORM)
        if english:
            await page.get_by_role("button", name="English").click()
        labels = ("Username", "Password", "Log in") if english else ("用户名", "密码", "登录")
        await page.get_by_label(labels[0]).fill(username)
        await page.get_by_label(labels[1]).fill(DEMO_PASSWORD)
        await page.get_by_role("button", name=labels[2]).click()
        await expect(page.get_by_text(username, exact=True)).to_be_attached()
        await expect(page.get_by_role("heading", level=2)).to_be_visible()
        await self._measure_first_load(username, page, phone, shell_ms)
        return user

    async def _measure_first_load(
        self, username: str, page: Page, phone: bool, shell_ms: float
    ) -> None:
        """The user's first page opened again, logged in, with a cold cache (a new context
        holding only the session cookie): until its heading shows, its data read through the
        BFF. A measurement, not a test."""
        cold = await self.browser.new_context(
            storage_state=await page.context.storage_state(), viewport=PHONE if phone else DESKTOP
        )
        try:
            again = await cold.new_page()
            await again.goto(page.url)
            await expect(again.get_by_role("heading", level=2)).to_be_visible()
            first_page_ms = await again.evaluate("performance.now()")
        finally:
            await cold.close()
        _record_first_load(username, phone, shell_ms, first_page_ms)

    async def token(self, username: str) -> str:
        async with self.spine.client("identity") as client:
            response = await client.post(
                "/auth/token", json={"username": username, "password": DEMO_PASSWORD}
            )
        assert response.status_code == 200, response.text
        token: str = response.json()["access_token"]
        return token

    async def api(
        self, username: str, service: str, method: str, path: str, body: Any = None
    ) -> httpx.Response:
        async with self.spine.client(service, await self.token(username)) as client:
            return await client.request(method, path, json=body)


# Cold cache (a new context per user): the application shell from navigation start until the
# login form is there. A measurement, not a test.
FIRST_PAINT_OF_FORM = "performance.now()"


def _record_first_load(username: str, phone: bool, shell_ms: float, portal_ms: float) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    line = {
        "user": username,
        "phone": phone,
        "shell_ms": round(shell_ms),
        "first_page_ms": round(portal_ms),
    }
    with (ARTIFACTS / "first-load.jsonl").open("a") as out:
        out.write(json.dumps(line) + "\n")


def _note_csp(user: BrowserUser, message: ConsoleMessage) -> None:
    if "Content Security Policy" in message.text:
        where = message.location
        source = f"{where['url']}:{where['lineNumber']}:{where['columnNumber']}"
        user.csp_violations.append(f"{message.text} (on {user.page.url}, from {source})")


@pytest.fixture
async def portal_users(
    portal: str, browser: Browser, spine: Spine, request: pytest.FixtureRequest
) -> AsyncIterator[Portal]:
    """Each test's browser contexts are closed after it, each page's last state kept as a
    screenshot (what a failed test saw)."""
    contexts_before = set(browser.contexts)
    yield Portal(portal, browser, spine)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for n, context in enumerate(set(browser.contexts) - contexts_before):
        for page in context.pages:
            await page.screenshot(path=str(ARTIFACTS / f"last-{request.node.name}-{n}.png"))
        await context.close()
