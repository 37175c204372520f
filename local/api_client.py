"""A tiny HTTP client for the local API (demo, end-to-end tests, load audit): stdlib only."""

from __future__ import annotations

import http.client
import json
import threading
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlsplit


@dataclass(frozen=True)
class Response:
    status: int
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


class ApiClient:
    """Keeps one HTTP/1.1 connection per thread to `base_url` (http://host:port)."""

    def __init__(self, base_url: str, *, timeout: float = 30.0) -> None:
        parts = urlsplit(base_url)
        if parts.scheme != "http" or not parts.hostname:
            raise ValueError(f"not an http:// URL: {base_url}")
        self._host = parts.hostname
        self._port = parts.port or 80
        self._timeout = timeout
        self._local = threading.local()

    def _connection(self) -> http.client.HTTPConnection:
        connection: http.client.HTTPConnection | None = getattr(self._local, "connection", None)
        if connection is None:
            connection = http.client.HTTPConnection(self._host, self._port, timeout=self._timeout)
            self._local.connection = connection
        return connection

    def request(
        self,
        method: str,
        path: str,
        *,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> Response:
        """Send one request (retrying once on a connection the server closed)."""
        for attempt in range(2):
            connection = self._connection()
            try:
                connection.request(method, path, body=body, headers=headers or {})
                raw = connection.getresponse()
                data = raw.read()
            except (http.client.HTTPException, ConnectionError):
                connection.close()
                self._local.connection = None
                if attempt:
                    raise
                continue
            if raw.getheader("Connection", "").lower() == "close":
                connection.close()
                self._local.connection = None
            return Response(raw.status, {k.lower(): v for k, v in raw.getheaders()}, data)
        raise AssertionError("unreachable")

    def get(self, path: str, headers: dict[str, str] | None = None) -> Response:
        return self.request("GET", path, headers=headers)

    def post_json(self, path: str, payload: Any) -> Response:
        return self.request(
            "POST",
            path,
            body=json.dumps(payload).encode("utf-8"),
            headers={"Content-Type": "application/json"},
        )

    def summary(self, article_id: str, **query: str) -> Response:
        """GET /summaries/{article_id} (the id's segments URL-encoded)."""
        suffix = "&".join(f"{quote(k)}={quote(v)}" for k, v in query.items())
        return self.get(f"/summaries/{quote(article_id)}" + (f"?{suffix}" if suffix else ""))

    def close(self) -> None:
        connection = getattr(self._local, "connection", None)
        if connection is not None:
            connection.close()
            self._local.connection = None
