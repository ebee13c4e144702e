"""First load of each portal's production build in the browser (Debian's Chromium, cold cache):
the application shell until the login form is there, then from the login click until the user's
first page shows its heading (the portal's own chunk loaded, its data read through the BFF).

    .venv/bin/python bench/portal/first_load.py --url http://127.0.0.1:8080 \\
        --password "$(cat .run/secrets/demo-password)" --runs 5

against `./platform up`. Prints one JSON line: p50 and max per user, in milliseconds.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import shutil
import statistics

from playwright.async_api import async_playwright, expect

USERS = ("sh01.consultant1", "sh01.manager", "hq.admin", "finance.partner")


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", default="http://127.0.0.1:8080")
    parser.add_argument("--password", required=True)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if executable is None:
        raise SystemExit("no chromium: apt-get install chromium")
    results: dict[str, dict[str, list[float]]] = {}
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=executable)
        for user in USERS:
            for _ in range(args.runs):
                context = await browser.new_context(locale="zh-CN")
                page = await context.new_page()
                await page.goto(args.url)
                await expect(page.locator("form")).to_be_visible()
                shell = await page.evaluate("performance.now()")
                await page.get_by_label("用户名").fill(user)
                await page.get_by_label("密码").fill(args.password)
                started = await page.evaluate("performance.now()")
                await page.get_by_role("button", name="登录").click()
                await expect(page.get_by_role("heading", level=2)).to_be_visible(timeout=30_000)
                first_page = await page.evaluate("performance.now()") - started
                figures = results.setdefault(user, {"shell_ms": [], "first_page_ms": []})
                figures["shell_ms"].append(shell)
                figures["first_page_ms"].append(first_page)
                await context.close()
        await browser.close()
    print(
        json.dumps(
            {
                user: {
                    name: {"p50": round(statistics.median(v)), "max": round(max(v))}
                    for name, v in figures.items()
                }
                for user, figures in results.items()
            }
        )
    )


if __name__ == "__main__":
    asyncio.run(main())
