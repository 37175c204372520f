"""The reader's widget script (widget/precis-summary.js), shipped in the layer for GET /widget.js.

`static/precis-summary.js` links to the file in widget/; `sam build` and wheels copy its
contents, so a deployed stack serves the script with nothing else to host.
"""

from __future__ import annotations

import functools
from importlib import resources
from typing import Any

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.middlewares import NextMiddleware
from aws_lambda_powertools.event_handler.openapi.types import OpenAPIResponse

from precis.api.resolver import conditional_get

WIDGET_MEDIA_TYPE = "text/javascript; charset=utf-8"
# The URL is not versioned: a day fresh, then a week served stale while the ETag revalidates.
WIDGET_CACHE_CONTROL = "public, max-age=86400, stale-while-revalidate=604800"


@functools.cache
def widget_script() -> str:
    """The widget's source (read from the package once per process)."""
    return (resources.files("precis.api") / "static" / "precis-summary.js").read_text("utf-8")


def widget_caching(app: Any, next_middleware: NextMiddleware) -> Response[Any]:
    """Route middleware: the widget's ETag (304 on If-None-Match) and its long Cache-Control."""
    return conditional_get(app, next_middleware, cache_control=WIDGET_CACHE_CONTROL)


WIDGET_RESPONSE = OpenAPIResponse(
    description="The widget's JavaScript (no dependencies; see the README for the two lines).",
    content={
        "text/javascript": {
            "schema": {"type": "string"},
            "examples": {
                "script": {
                    "summary": "The script (its first line)",
                    "value": '/* Précis "No time to read? Get a summary" widget. */',
                }
            },
        }
    },
    headers={
        "ETag": {"description": "Hash of the script.", "schema": {"type": "string"}},
        "Cache-Control": {"description": WIDGET_CACHE_CONTROL, "schema": {"type": "string"}},
    },
)
