"""What the browser tests share besides fixtures: the articles they upload, screenshots."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "local" / "samples"
# Git-ignored: screenshots for a person to look at after a run.
OUTPUT = ROOT / "test-output" / "browser"
ARTICLE = "browser/harbour-council-vote"
FAILED_ARTICLE = "browser/scanned-notice"
# How Chromium's own network log starts (an HTTP error answer), as opposed to a page's errors.
NETWORK_LOG = "Failed to load resource"


def save_screenshot(page: Page, name: str) -> Path:
    """A full-page screenshot under test-output/browser/."""
    OUTPUT.mkdir(parents=True, exist_ok=True)
    path = OUTPUT / name
    page.screenshot(path=str(path), full_page=True)
    return path
