"""Fixtures for the API handler: the app loaded under a unique name, an in-memory store, events."""

from __future__ import annotations

import copy
import importlib.util
import json
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from local.runtime import LambdaContext
from precis.record import EngineRef, ErrorInfo, Status, StoredSentence, SummaryRecord
from precis.store.memory import InMemorySummaryStore

ROOT = Path(__file__).resolve().parents[3]
APP_PATH = ROOT / "functions" / "api" / "app.py"
EVENTS = ROOT / "events"
SECRET = "unit-test-cursor-secret-0123456789abcdef"


def load_api_app(name: str = "api_app_under_test") -> ModuleType:
    """A fresh copy of functions/api/app.py (both functions have an `app.py`)."""
    spec = importlib.util.spec_from_file_location(name, APP_PATH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


LAMBDA_REQUEST_ID = "lambda-request-id"


def lambda_context() -> LambdaContext:
    """The context the local runtime passes to the API function, with a fixed request id."""
    return LambdaContext(function_name="precis-api", aws_request_id=LAMBDA_REQUEST_ID)


@pytest.fixture
def api_env(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("CURSOR_SECRET", SECRET)
    monkeypatch.setenv("CORS_ORIGINS", "https://news.example.com")
    monkeypatch.setenv("MAX_REQUEST_BYTES", "4096")
    monkeypatch.setenv("DEFAULT_SUMMARY_SENTENCES", "3")
    # The API adds no metrics of its own: Powertools warns about that on every flush.
    warnings.filterwarnings("ignore", message="No application metrics", category=UserWarning)
    yield


@pytest.fixture
def api(api_env: None) -> ModuleType:
    return load_api_app()


@pytest.fixture
def store(api: ModuleType) -> Iterator[InMemorySummaryStore]:
    fake = InMemorySummaryStore()
    api.app.dependency_overrides[api.summary_store] = lambda: fake
    yield fake
    api.app.dependency_overrides.clear()


RecordFactory = Callable[..., SummaryRecord]


def completed_record(article_id: str = "world/peace-talks", **changes: Any) -> SummaryRecord:
    """A COMPLETED record whose ranking has 6 sentences; pick order differs from article order."""
    # Pick order (best first) as positions: 4, 0, 2, 5, 1, 3; the single best is position 2.
    picks = [4, 0, 2, 5, 1, 3]
    ranked = [
        StoredSentence(position=p, text=f"Sentence {p}.", score=round(1 - i / 10, 2))
        for i, p in enumerate(picks)
    ]
    values: dict[str, Any] = {
        "article_id": article_id,
        "status": Status.COMPLETED,
        "title": "Peace talks resume",
        "summary": "Sentence 0. Sentence 2. Sentence 4.",
        "ranked_sentences": ranked,
        "single_sentence": StoredSentence(position=2, text="Sentence 2.", score=0.8),
        "keywords": ["peace", "talks"],
        "language": "en",
        "word_count": 420,
        "sentence_count": 18,
        "reading_time_minutes": 2,
        "engine": EngineRef(name="extractive", version="1.0"),
        "created_at": "2026-11-26T09:00:00Z",
        "updated_at": "2026-11-26T09:00:01Z",
    }
    values.update(changes)
    return SummaryRecord(**values)


def failed_record(article_id: str = "broken", **changes: Any) -> SummaryRecord:
    values: dict[str, Any] = {
        "article_id": article_id,
        "status": Status.FAILED,
        "error": ErrorInfo(code="UNSUPPORTED_TYPE", message="'.pdf' files are not supported"),
        "attempts": 1,
        "created_at": "2026-11-26T09:00:00Z",
        "updated_at": "2026-11-26T09:00:02Z",
    }
    values.update(changes)
    return SummaryRecord(**values)


@pytest.fixture
def make_record() -> RecordFactory:
    return completed_record


@pytest.fixture
def make_failed() -> RecordFactory:
    return failed_record


def load_event(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((EVENTS / name).read_text())
    return data


def make_event(
    method: str,
    path: str,
    *,
    query: dict[str, str] | None = None,
    body: str | None = None,
    headers: dict[str, str] | None = None,
    path_parameters: dict[str, str] | None = None,
    base64: bool = False,
) -> dict[str, Any]:
    """An API Gateway REST proxy event shaped like events/api_health.json."""
    event = copy.deepcopy(load_event("api_health.json"))
    all_headers = {**event["headers"], **(headers or {})}
    event.update(
        httpMethod=method,
        path=path,
        resource=path,
        headers=all_headers,
        multiValueHeaders={k: [v] for k, v in all_headers.items()},
        queryStringParameters=query,
        multiValueQueryStringParameters={k: [v] for k, v in query.items()} if query else None,
        pathParameters=path_parameters,
        body=body,
        isBase64Encoded=base64,
    )
    event["requestContext"]["httpMethod"] = method
    event["requestContext"]["path"] = "/Prod" + path
    return event


class Reply:
    """A proxy response with the accessors the tests need."""

    def __init__(self, raw: dict[str, Any]) -> None:
        self.raw = raw
        self.status: int = raw["statusCode"]
        self.text: str = raw.get("body") or ""

    @property
    def json(self) -> Any:
        return json.loads(self.text)

    def header(self, name: str) -> str | None:
        """A header, whichever form (single or multi-value) the resolver used."""
        for key, value in (self.raw.get("multiValueHeaders") or {}).items():
            if key.lower() == name.lower():
                return str(value[0]) if isinstance(value, list) else str(value)
        for key, value in (self.raw.get("headers") or {}).items():
            if key.lower() == name.lower():
                return str(value)
        return None

    def error(self, status: int, code: str) -> dict[str, Any]:
        """Asserts this is the API's error JSON with `status` and `code`; returns the error."""
        assert self.status == status, self.text
        document = self.json
        assert set(document) == {"error"}, document
        error: dict[str, Any] = document["error"]
        assert error["code"] == code, error
        assert isinstance(error["message"], str) and error["message"]
        assert error["request_id"] == self.header("X-Request-Id")
        return error


class Client:
    """Sends API Gateway events through the handler."""

    def __init__(self, module: ModuleType) -> None:
        self.module = module

    def send(self, event: dict[str, Any]) -> Reply:
        return Reply(self.module.handler(event, lambda_context()))

    def request(self, method: str, path: str, **kwargs: Any) -> Reply:
        return self.send(make_event(method, path, **kwargs))

    def get(self, path: str, **kwargs: Any) -> Reply:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, payload: Any = None, **kwargs: Any) -> Reply:
        if payload is not None:
            kwargs["body"] = json.dumps(payload)
            kwargs.setdefault("headers", {"Content-Type": "application/json"})
        return self.request("POST", path, **kwargs)


@pytest.fixture
def client(api: ModuleType, store: InMemorySummaryStore) -> Client:
    return Client(api)
