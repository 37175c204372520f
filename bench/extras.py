"""The benchmark's own tools, installed into the running interpreter's environment on demand."""

from __future__ import annotations

import importlib
import subprocess
import sys

EXTRAS = {"rouge_score": "rouge-score==0.1.2", "sumy": "sumy==0.13.0"}


def ensure_extras() -> None:
    """Install rouge-score and sumy with pip when they cannot be imported."""
    missing = []
    for module, requirement in EXTRAS.items():
        try:
            importlib.import_module(module)
        except ImportError:
            missing.append(requirement)
    if missing:
        print(f"installing benchmark extras: {' '.join(missing)}", flush=True)
        subprocess.run(  # noqa: S603 - fixed, pinned arguments
            [sys.executable, "-m", "pip", "install", "-q", "--disable-pip-version-check", *missing],
            check=True,
        )
        importlib.invalidate_caches()
