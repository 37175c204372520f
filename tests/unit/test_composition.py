"""Each function's composition root: settings read once, collaborators wired from them lazily."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

from precis.aws.eventbridge import EventBridgePublisher, NullPublisher
from precis.config import Settings
from precis.store.dynamodb import DynamoSummaryStore

ROOT = Path(__file__).resolve().parents[2]


def load(function: str) -> ModuleType:
    path = ROOT / "functions" / function / "app.py"
    spec = importlib.util.spec_from_file_location(f"{function}_app_composition", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def summarize(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    monkeypatch.setenv("TABLE_NAME", "first-table")
    monkeypatch.setenv("EVENT_BUS_NAME", "precis-bus")
    monkeypatch.delenv("SUMMARY_ENGINE", raising=False)
    return load("summarize")


def test_the_summarize_root_reads_the_environment_once(
    summarize: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = summarize.collaborators
    first = root.settings

    monkeypatch.setenv("TABLE_NAME", "second-table")

    assert root.settings is first and first.table_name == "first-table"
    assert summarize.Collaborators().settings.table_name == "second-table"


def test_the_ingestor_is_wired_from_the_roots_own_pieces_without_a_client(
    summarize: ModuleType,
) -> None:
    root = summarize.collaborators

    ingestor = root.ingestor

    assert ingestor is root.ingestor
    assert ingestor.reader is root.reader and ingestor.summarizer is root.summarizer
    assert ingestor.settings is root.settings
    assert isinstance(ingestor.store, DynamoSummaryStore)
    assert ingestor.store.table_name == "first-table" and ingestor.store._client is None
    assert isinstance(ingestor.publisher, EventBridgePublisher)
    assert ingestor.publisher.bus_name == "precis-bus" and ingestor.publisher._client is None


def test_a_root_built_from_given_settings_uses_them(summarize: ModuleType) -> None:
    root = summarize.Collaborators(Settings(table_name="given", event_bus_name="off"))

    assert root.ingestor.store.table_name == "given"
    assert isinstance(root.ingestor.publisher, NullPublisher)


def test_the_api_root_makes_its_store_on_first_use(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TABLE_NAME", "api-table")
    api = load("api")

    store = api.summary_store()

    assert store is api.summary_store() is api.collaborators.store
    assert isinstance(store, DynamoSummaryStore)
    assert store.table_name == "api-table" and store._client is None
