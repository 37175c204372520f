"""Generate (or check) the API's OpenAPI document from the API function's resolver.

    python -m local.openapi --write docs/openapi.json   # regenerate the committed document
    python -m local.openapi --check docs/openapi.json   # exit 1 when it is stale
    python -m local.openapi                             # print it

The document is built by Powertools from the route declarations in functions/api/app.py
(see `precis.api.resolver.openapi_document`), so it cannot drift from the code unless nobody
regenerates it, which `--check` (and a unit test) catches.
"""

from __future__ import annotations

import argparse
import difflib
import importlib.util
import json
import sys
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

from local.runtime import patched_environ
from precis.config import ENVIRONMENT

ROOT = Path(__file__).resolve().parents[1]
API_APP = ROOT / "functions" / "api" / "app.py"
DEFAULT_PATH = ROOT / "docs" / "openapi.json"


@cache
def api_module() -> ModuleType:
    """functions/api/app.py, loaded under a name of its own (both functions have an app.py).

    Loaded with none of the functions' settings in the environment, so the document describes
    a default deployment (body limit, ReadAuth / WriteAuth), whatever the shell exports.
    """
    spec = importlib.util.spec_from_file_location("precis_api_app", API_APP)
    if spec is None or spec.loader is None:  # pragma: no cover - the file is in the repository
        raise RuntimeError(f"cannot load {API_APP}")
    module = importlib.util.module_from_spec(spec)
    # The module's composition root reads the settings while it loads.
    with patched_environ(dict.fromkeys(ENVIRONMENT)):
        spec.loader.exec_module(module)
    return module


def document() -> dict[str, Any]:
    """The OpenAPI document as JSON data."""
    data: dict[str, Any] = api_module().api_document()
    return data


def render() -> str:
    """The document as committed: indented, keys in generation order, trailing newline."""
    return json.dumps(document(), indent=2, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m local.openapi", description=__doc__)
    action = parser.add_mutually_exclusive_group()
    action.add_argument("--write", type=Path, metavar="PATH", help="write the document to PATH")
    action.add_argument("--check", type=Path, metavar="PATH", help="fail when PATH is stale")
    args = parser.parse_args(argv)

    text = render()
    if args.write:
        args.write.parent.mkdir(parents=True, exist_ok=True)
        args.write.write_text(text, encoding="utf-8")
        print(f"wrote {args.write}")
        return 0
    if args.check:
        current = args.check.read_text(encoding="utf-8") if args.check.exists() else ""
        if current == text:
            print(f"{args.check} is up to date")
            return 0
        diff = difflib.unified_diff(
            current.splitlines(), text.splitlines(), str(args.check), "generated", lineterm=""
        )
        print("\n".join(list(diff)[:60]))
        print(f"{args.check} is stale: run `make openapi`", file=sys.stderr)
        return 1
    sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
