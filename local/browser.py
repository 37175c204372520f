"""Headless Chromium for the widget's browser tests and benchmark: the system's package, never
a browser that Playwright downloads (`make browser` installs it; `PRECIS_CHROMIUM` names
another build).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from playwright.sync_api import Browser, Playwright

# Debian's real binary first: /usr/bin/chromium is a shell wrapper around it.
CANDIDATES = ("/usr/lib/chromium/chromium", "chromium", "chromium-browser", "google-chrome")


class NoChromium(RuntimeError):
    """No Chromium on this machine."""


def chromium_executable() -> str:
    """The Chromium to drive: $PRECIS_CHROMIUM, else the first of CANDIDATES found.

    Raises NoChromium with what to do about it.
    """
    named = os.environ.get("PRECIS_CHROMIUM", "").strip()
    if named:
        if not Path(named).is_file():
            raise NoChromium(f"PRECIS_CHROMIUM={named} is not a file")
        return named
    for candidate in CANDIDATES:
        found = candidate if Path(candidate).is_file() else shutil.which(candidate)
        if found:
            return found
    raise NoChromium("no Chromium found: run `make browser` (apt-get install chromium)")


def launch(playwright: Playwright) -> Browser:
    """Headless Chromium from this machine."""
    return playwright.chromium.launch(
        executable_path=chromium_executable(),
        headless=True,
        # Containers and CI runners have a small /dev/shm and often no user namespaces.
        args=["--disable-dev-shm-usage", "--no-sandbox"],
    )
