"""What the browser tests share besides the fixtures: screenshots and axe-core."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "var" / "test-artifacts"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
"""axe-core from npm (package.json), injected into the page under test."""


def shot(page: Page, name: str) -> None:
    """A full-page screenshot saved as a test artifact."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def serious_violations(page: Page) -> list[str]:
    """axe-core's serious and critical findings on the page."""
    page.evaluate(AXE.read_text())  # through DevTools: the site's CSP allows no inline script
    violations = page.evaluate("async () => (await axe.run(document)).violations")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in violations
        if v["impact"] in ("serious", "critical")
    ]


def tab_to_search_box(page: Page) -> None:
    """Press Tab from the top of the page until the search box has the focus."""
    for _ in range(20):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "q":
            return
    raise AssertionError("the search box is not reached with Tab")


def fits(page: Page) -> bool:
    """Nothing wider than the 360 px screen (no sideways scrolling of the page)."""
    return bool(page.evaluate("document.documentElement.scrollWidth <= 360"))
