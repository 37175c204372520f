"""CORS headers that stay right behind a shared cache or CDN.

`CorsPolicy` turns the `CORS_ORIGINS` setting into the headers of one answer:

- `*` (any origin): `Access-Control-Allow-Origin: *` on every answer, whoever asks, so the
  answer is the same for every caller and nothing varies;
- a list: the caller's `Origin` is echoed only when it is listed, and every answer (listed,
  unlisted or no Origin; 200, 304, errors, preflights) says `Vary: Origin`, so a cache never
  hands site A's answer to site B.

Preflights (`OPTIONS`) are answered by the resolver (Powertools) with these headers too.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from dataclasses import dataclass
from typing import Any

ANY_ORIGIN = "*"
ALLOW_ORIGIN = "Access-Control-Allow-Origin"
EXPOSE_HEADERS = "Access-Control-Expose-Headers"
VARY = "Vary"


@dataclass(frozen=True)
class CorsPolicy:
    """Which browser origins may read the API's answers, and the headers that say so."""

    origins: tuple[str, ...]
    exposed_headers: tuple[str, ...] = ()

    @classmethod
    def from_setting(cls, setting: str, *, exposed_headers: tuple[str, ...] = ()) -> CorsPolicy:
        """The policy of a `CORS_ORIGINS` value: `*`, or comma-separated origins."""
        origins = tuple(o.strip() for o in setting.split(",") if o.strip())
        return cls(origins=origins, exposed_headers=exposed_headers)

    @property
    def any_origin(self) -> bool:
        return ANY_ORIGIN in self.origins

    def allowed(self, origin: str | None) -> str | None:
        """The Access-Control-Allow-Origin value for a request from `origin`, if any."""
        if self.any_origin:
            return ANY_ORIGIN
        return origin if origin in self.origins else None

    def apply(self, headers: MutableMapping[str, Any], origin: str | None) -> None:
        """Set the CORS and Vary headers of one answer to a request from `origin`."""
        allowed = self.allowed(origin)
        if allowed is not None:
            headers[ALLOW_ORIGIN] = allowed
            if self.exposed_headers:
                headers[EXPOSE_HEADERS] = ",".join(self.exposed_headers)
        else:
            headers.pop(ALLOW_ORIGIN, None)
        if self.origins and not self.any_origin:
            current = headers.get(VARY) or ""
            joined = ",".join(current) if isinstance(current, list) else str(current)
            varied = [v.strip() for v in joined.split(",") if v.strip()]
            if "origin" not in {v.lower() for v in varied}:
                headers[VARY] = ", ".join([*varied, "Origin"])
