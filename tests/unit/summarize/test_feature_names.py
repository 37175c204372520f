"""Each ranker feature, by name: what it says about a sentence (own hand-written articles)."""

from __future__ import annotations

import pytest

from precis.models import Document, Sentence
from precis.summarize.features import FEATURE_NAMES, compute_features
from precis.summarize.ranking import pick_order
from precis.summarize.sentences import split_document

ARTICLE = (
    "Storm closes the coastal railway line for a week of repairs.",
    '"We have never seen waves like this," the station master said on Monday. '
    "They damaged two bridges and a signal box near the harbour. "
    "Engineers will inspect 12 bridges before trains run again. "
    "Will the line reopen in time for the summer?",
    "Buses replace trains between the two towns until repairs are done. "
    "A small cafe on the pier stayed open all week "
    "Photo caption words run on here without any final stop at all and keep going on "
    "and on for a long while",
)


def features(title: str | None = "Storm closes railway line") -> list[dict[str, float]]:
    document = Document(title=title, paragraphs=ARTICLE)
    sentences = split_document(document)
    table = compute_features(document, sentences)
    return [dict(zip(FEATURE_NAMES, row, strict=True)) for row in table.rows]


def column(name: str) -> list[float]:
    return [row[name] for row in features()]


def test_every_feature_is_named_once() -> None:
    assert len(set(FEATURE_NAMES)) == len(FEATURE_NAMES)
    assert FEATURE_NAMES[0] == "bias"
    assert set(column("bias")) == {1.0}


@pytest.mark.parametrize(
    ("name", "index"),
    [("position_0", 0), ("position_1", 1), ("position_2", 2), ("position_3", 3), ("position_4", 4)],
)
def test_position_codes_mark_their_own_sentence(name: str, index: int) -> None:
    values = column(name)
    assert values[index] == 1.0
    assert sum(values) == 1.0


def test_position_ranges_and_scales() -> None:
    assert column("position_5_7") == [0.0] * 5 + [1.0, 1.0]
    assert sum(column("position_8_11")) == 0.0  # a seven-sentence article has none
    log_position = column("log_position")
    assert log_position == sorted(log_position) and log_position[0] == 0.0
    relative = column("relative_position")
    assert relative[0] == 0.0 and all(0.0 <= value < 1.0 for value in relative)


def test_paragraph_start_marks_first_sentences_of_paragraphs() -> None:
    assert column("paragraph_start") == [1.0, 1.0, 0.0, 0.0, 0.0, 1.0, 0.0]


def test_centrality_features_rank_the_on_topic_sentences_above_the_off_topic() -> None:
    rows = features()
    cafe = 6  # the cafe sentence with a caption glued on (no restart to split at)
    for name in ("centrality", "centrality_relative", "degree_relative"):
        values = [row[name] for row in rows]
        assert values[3] > values[cafe], name  # the bridges sentence is central, the cafe not
    assert max(column("centrality_relative")) == pytest.approx(1.0)
    assert max(column("degree_relative")) == pytest.approx(1.0)
    # Lead-only and after-only parts: zero outside the lead, zero for the last sentence.
    assert all(value == 0.0 for value in column("centrality_in_lead")[3:])
    assert column("centrality_after")[-1] == pytest.approx(0.0)
    assert column("centrality_after_prior")[-1] == pytest.approx(0.0)


def test_lead_and_title_overlap() -> None:
    with_title = [row["lead_overlap"] for row in features()]
    without = [row["lead_overlap"] for row in features(title=None)]
    assert with_title[0] == 0.0  # the lead is not compared with itself
    assert with_title[4] > 0.0  # shares "line" with the title and the lead
    assert with_title[1] == without[1] == 0.0
    assert all(a >= b for a, b in zip(with_title, without, strict=True))
    lead3 = column("lead3_overlap")
    assert lead3[3] > 0.0  # "bridges" is in the lead (sentence 2)
    assert all(0.0 <= value <= 1.0 for value in lead3)
    assert all(value > 0.0 for value in column("term_frequency")[:6])


def test_length_bins_and_the_long_unit_prior() -> None:
    rows = features()
    caption = rows[-1]
    assert caption["words_25_34"] == 1.0 or caption["words_35_44"] == 1.0
    question = rows[4]
    assert question["words_8_14"] == 1.0
    assert all(row["words_under_8"] == 0.0 for row in rows)
    assert rows[0]["log_words"] < caption["log_words"]
    assert caption["relative_words"] > 1.0 > rows[4]["relative_words"]
    long_one = Document(title=None, paragraphs=(" ".join(["word"] * 70) + ".",))
    long_row = dict(
        zip(
            FEATURE_NAMES, compute_features(long_one, split_document(long_one)).rows[0], strict=True
        )
    )
    assert long_row["words_60_plus"] == 1.0 and long_row["words_45_59"] == 0.0
    fifty = Document(title=None, paragraphs=(" ".join(["word"] * 50) + ".",))
    fifty_row = dict(
        zip(FEATURE_NAMES, compute_features(fifty, split_document(fifty)).rows[0], strict=True)
    )
    assert fifty_row["words_45_59"] == 1.0 and fifty_row["words_60_plus"] == 0.0


def test_surface_features_by_name() -> None:
    rows = features()
    assert [row["starts_with_quote"] for row in rows][:3] == [0.0, 1.0, 0.0]
    assert rows[1]["quote_in_lead"] == 1.0
    assert rows[1]["attribution"] == 1.0 and rows[3]["attribution"] == 0.0
    assert rows[2]["starts_with_reference"] == 1.0  # "They damaged ..."
    assert rows[2]["reference_first"] == 0.0  # only the first sentence can set it
    assert rows[3]["number"] == 1.0 and rows[0]["number"] == 0.0
    assert rows[4]["question"] == 1.0 and rows[3]["question"] == 0.0
    assert rows[-1]["no_terminal"] == 1.0 and rows[0]["no_terminal"] == 0.0
    assert rows[-1]["long_no_terminal"] == 1.0
    assert all(row["long_no_terminal"] == 0.0 for row in rows[:-1])


def test_reference_first_marks_an_article_opening_with_a_pronoun() -> None:
    document = Document(title=None, paragraphs=("They came at dawn. The town woke up.",))
    rows = compute_features(document, split_document(document)).rows
    assert rows[0][FEATURE_NAMES.index("reference_first")] == 1.0
    assert rows[1][FEATURE_NAMES.index("reference_first")] == 0.0


def test_document_level_features() -> None:
    rows = features()
    assert len({row["log_sentences"] for row in rows}) == 1
    assert rows[0]["first_x_log_sentences"] == rows[0]["log_sentences"]
    assert all(row["first_x_log_sentences"] == 0.0 for row in rows[1:])
    assert {row["short_document"] for row in rows} == {0.0}
    short = Document(title=None, paragraphs=("One fact here. Another fact there.",))
    short_rows = compute_features(short, split_document(short)).rows
    assert short_rows[0][FEATURE_NAMES.index("short_document")] == 1.0


def test_a_dangling_pronoun_opener_waits_for_its_antecedent() -> None:
    sets = [frozenset("ab"), frozenset("cd"), frozenset("ef"), frozenset("gh")]
    leans = [False, False, True, False]
    scores = [0.9, 0.5, 0.8, 0.75]
    # Without the penalty the opener at 2 is picked on its own, before 3.
    assert pick_order(scores, sets, limit=2, redundancy=0.0) == [0, 2]
    # With it, 3 comes first; once 1 (its antecedent) is picked the penalty is gone.
    assert pick_order(scores, sets, limit=2, redundancy=0.0, leans_back=leans, dangling=0.1) == [
        0,
        3,
    ]
    assert pick_order(
        [0.9, 0.85, 0.8, 0.75], sets, limit=3, redundancy=0.0, leans_back=leans, dangling=0.1
    ) == [0, 1, 2]


def test_sentence_type_is_what_features_read() -> None:
    sentence = Sentence(0, 0, "Plain sentence.")
    assert compute_features(Document(None, ("Plain sentence.",)), [sentence]).leans_back == [False]
