"""Screenshots of the main screens, on the sample decrees, for the README.

Run from the repository root: `.venv/bin/python docs/make_screenshots.py`
(needs Debian's chromium at /usr/bin/chromium). Writes docs/screenshots/*.png.
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from playwright.sync_api import Page, sync_playwright  # noqa: E402

from tests.web.data import IKM_CONCEPT, PASSWORD, build_store  # noqa: E402
from tests.web.live import CHROMIUM, CHROMIUM_ARGS, chromium_missing, serve  # noqa: E402
from web.app import create_app  # noqa: E402

OUT = ROOT / "docs" / "screenshots"


def log_in(page: Page, name: str) -> None:
    page.goto("/login")
    page.get_by_label("Nama").fill(name)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url("**/queue")


def correct(page: Page, row_index: int, field: str, value: str) -> None:
    cell = page.locator(f"textarea[data-field={field}]").nth(row_index)
    cell.click()
    cell.fill(value)
    cell.press("Control+s")
    page.locator("#message", has_text="tersimpan").wait_for()


def main() -> None:
    missing = chromium_missing()
    if missing:
        sys.exit(f"cannot take screenshots: {missing}")
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder, serve(create_app(build_store(Path(folder)))) as url, \
            sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page(base_url=url, viewport={"width": 1440, "height": 900})
        page.goto("/login")
        page.screenshot(path=OUT / "login.png")
        log_in(page, "olivia")

        page.locator("table.queue tr", has_text="Camplong").get_by_role("link", name="periksa").click()
        correct(page, 0, "target", "85 (nilai IKM)")
        correct(page, 2, "sumber_data", "Seksi Pemerintahan")
        page.locator("tr[data-row-key]").nth(3).locator("button.split").click()
        page.screenshot(path=OUT / "split.png")
        page.keyboard.press("Escape")

        page.goto("/queue")
        page.screenshot(path=OUT / "queue.png", full_page=True)

        page.goto("/queue?q=ponggok")
        page.locator("table.queue a", has_text=".pdf").click()
        page.locator("td.low textarea, tr[data-row-key] textarea").first.click()  # a low-confidence cell if any
        page.wait_for_load_state("networkidle")
        page.screenshot(path=OUT / "review.png")
        for _ in range(3):
            page.locator("#zoom-in").click()
        page.wait_for_load_state("networkidle")
        page.screenshot(path=OUT / "review-zoom.png")

        page.goto("/history")
        page.screenshot(path=OUT / "history.png", full_page=True)

        page.goto("/bulk?field=sumber_data&find=Seksi+Pemerintahan&mode=whole")
        page.screenshot(path=OUT / "bulk.png", full_page=True)

        page.goto("/compare")
        page.screenshot(path=OUT / "compare.png", full_page=True)

        page.goto(f"/compare?view=list&concept={IKM_CONCEPT}")
        page.screenshot(path=OUT / "compare-list.png", full_page=True)

        page.goto("/charts")
        page.screenshot(path=OUT / "charts.png", full_page=True)

        page.goto("/concepts")
        page.locator("#assign-form button").click()
        for _ in range(60):  # the grouping runs behind the screen; the list says when it has ended
            page.wait_for_timeout(1000)
            page.goto("/concepts")
            if page.locator("p.ok#regroup-state").count():
                break
        page.screenshot(path=OUT / "concepts.png", full_page=True)
        page.locator("table.concepts tbody a").first.click()
        page.screenshot(path=OUT / "concept.png", full_page=True)
        browser.close()
    for path in sorted(OUT.glob("*.png")):
        print(path.relative_to(ROOT))


if __name__ == "__main__":
    main()
