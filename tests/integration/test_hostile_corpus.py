"""The hostile corpus: every odd upload ends COMPLETED or FAILED with a specific code, in one
batch run, without failing its neighbours or being retried."""

from __future__ import annotations

from typing import TYPE_CHECKING

from samples import HostileCase, hostile_corpus

from precis.pipeline.notifications import InvalidKey, article_id_for_key
from precis.record import Status

if TYPE_CHECKING:
    from conftest import Pipeline

MAX_BYTES = 256 * 1024


def expected_article_id(case: HostileCase) -> str | None:
    try:
        return article_id_for_key(case.key)
    except InvalidKey:
        return None


def test_corpus_is_large_enough() -> None:
    cases = hostile_corpus(MAX_BYTES)
    assert len(cases) >= 30
    assert len({case.key for case in cases}) == len(cases)


def test_every_hostile_upload_ends_completed_or_failed_with_a_code(
    pipeline: Pipeline, monkeypatch: object
) -> None:
    ingestor = pipeline.app.collaborators.ingestor
    ingestor.settings = ingestor.settings.model_copy(update={"max_article_bytes": MAX_BYTES})
    cases = hostile_corpus(MAX_BYTES)
    for case in cases:
        pipeline.put(case.key, case.body, case.content_type)

    first_pass_failures: list[str] = []
    while True:
        event, failed = pipeline.run_once()
        if not event["Records"]:
            break
        first_pass_failures.extend(failed)

    assert first_pass_failures == []
    outcomes = {}
    for case in cases:
        article_id = expected_article_id(case)
        if article_id is None:
            outcomes[case.name] = "INVALID_KEY"
            continue
        record = pipeline.record(article_id)
        assert record is not None, case.name
        if record.status == Status.COMPLETED:
            assert record.summary, case.name
            assert record.ranked_sentences, case.name
            outcomes[case.name] = "COMPLETED"
        else:
            assert record.status == Status.FAILED, case.name
            assert record.error is not None and record.error.message, case.name
            assert record.attempts == 1, case.name
            outcomes[case.name] = record.error.code
    expected = {
        case.name: outcomes[case.name] if outcomes[case.name] == case.also else case.expect
        for case in cases
    }
    assert outcomes == expected
    assert pipeline.dlq_bodies() == []
