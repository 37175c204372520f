"""Chrome lines go; article sentences that merely share a word with them stay."""

from __future__ import annotations

import pytest

from precis.extract.boilerplate import RULES, match_rule, remove_boilerplate


@pytest.mark.parametrize(
    "line",
    [
        "No time to read?",
        "Get a summary",
        "Previous Article",
        "Next Article",
        "NEXT ARTICLE »",
        "Next article: Ferry fares rise again",
        "Share this article",
        "Share on Facebook",
        "Facebook Twitter Email",
        "Copy link",
        "Subscribe",
        "Subscribe to our newsletter",
        "Sign up for our free daily briefing",
        "Sign up for our newsletter to get the latest news delivered to your inbox.",
        "We use cookies to improve your experience. By continuing you accept our cookie policy.",
        "Accept all",
        "Advertisement",
        "ADVERTISEMENT - Scroll to continue",
        "Story continues below advertisement",
        "Read more",
        "Read more: Council delays harbour wall plan",
        "Continue reading",
        "Related",
        "Related articles",
        "Recommended for you",
        "Most read",
        "You may also like",
        "Click here to download the app",
        "Follow us on Instagram",
        "© 2024 The Coastal Courier",
        "Copyright 2023 Example Media Ltd",
        "The Coastal Courier. All rights reserved.",
        "12 comments",
        "Leave a comment",
        "Comments are closed.",
        "Image caption: Water reached the doors of the fish market",
        "Image source, Getty Images",
        "Photo: Tomas Lindqvist/Reuters",
        "Published 3 hours ago",
        "Reporting by Jane Doe; Editing by John Roe",
        "Associated Press writer Sam Lee contributed to this report.",
        "This article was originally published on The Conversation.",
        "Updated: 12 March 2024, 10:15",
        "5 min read",
        "Skip to content",
        "By Jane Doe and John Roe",
        "Home | World | Business | Sport",
        "* * *",
        "https://courier.example/news/pier-reopens?utm_source=share",
        "newsdesk@courier.example",
        # Cheap equivalents in other languages.
        "Compartir en Twitter",
        "Suscríbete",
        "Leer más",
        "Artículo siguiente",
        "Partager sur Facebook",
        "Abonnez-vous",
        "Lire aussi",
        "Article précédent",
        "Weiterlesen",
        "Jetzt abonnieren",
        "Nächster Artikel",
        "Anzeige",
        "Tous droits réservés",
    ],
)
def test_chrome_lines_are_recognised(line: str) -> None:
    assert match_rule(line) is not None


@pytest.mark.parametrize(
    "line",
    [
        "The next article of the treaty sets out how the border will be monitored.",
        "Next article of the charter obliges the council to balance its books.",
        "Share prices fell sharply after the announcement.",
        "Shares in the company rose 4 percent on Monday.",
        "Search teams found the wreckage of the boat on Tuesday.",
        "Advertising revenue fell 5 percent this year, the publisher said.",
        "Subscribers to the service rose by a tenth in the last quarter.",
        "The newsletter, which has two million readers, apologised for the error.",
        "Published figures show 3 percent growth in 2023.",
        "Readers of the report will find more detail in the appendix.",
        "Related charges were filed against two other executives.",
        "Copyright lawsuits against the company mounted in 2023.",
        "Under paragraph (c) of the law, owners must be notified.",
        "Comments by the minister drew criticism from the opposition.",
        "Loading of the ships began at dawn.",
        "By Tuesday, the storm had passed and the ferries were running again.",
        "Follow-up inspections are planned for the spring.",
        "Home owners near the river were told to prepare sandbags.",
        "Photographers gathered outside the court before the verdict.",
        "Click-through rates on the adverts dropped in the trial.",
        "Reporting by the newspaper prompted an inquiry into the contracts.",
        "Details are at https://council.example/budget for anyone who asks.",
    ],
)
def test_article_sentences_sharing_a_chrome_word_survive(line: str) -> None:
    assert match_rule(line) is None


def test_rules_are_data_with_unique_names() -> None:
    names = [rule.name for rule in RULES]

    assert len(names) == len(set(names))
    assert {"prev-next", "related", "share", "subscribe", "cookies", "comments"} <= set(names)


def test_headlines_after_previous_and_next_article_are_dropped() -> None:
    lines = [
        "The last paragraph of the article ends here with a full stop.",
        "",
        "Previous Article",
        "",
        "Lighthouse Keepers Return to Northern Point",
        "",
        "Next Article",
        "",
        "Ferry Timetable Changes Confuse Travellers",
    ]

    kept = [line for line in remove_boilerplate(lines) if line]

    assert kept == ["The last paragraph of the article ends here with a full stop."]


def test_only_one_headline_follows_next_article() -> None:
    lines = [
        "Next Article",
        "Ferry Timetable Changes Confuse Travellers",
        "The harbour authority said the timetable would be reviewed in May.",
    ]

    assert remove_boilerplate(lines) == [
        "The harbour authority said the timetable would be reviewed in May."
    ]


def test_related_header_drops_its_headline_list_but_not_the_prose_after_it() -> None:
    lines = [
        "Related stories",
        "Fishing fleet stays in port",
        "How the 1953 flood changed the coast",
        "The council will meet again on Thursday to discuss the harbour wall.",
    ]

    assert remove_boilerplate(lines) == [
        "The council will meet again on Thursday to discuss the harbour wall."
    ]


def test_a_menu_of_short_lines_is_dropped_in_plain_text() -> None:
    lines = ["Home", "World", "Business", "Sport", "Weather", "", "The storm hit at noon."]

    assert [line for line in remove_boilerplate(lines) if line] == ["The storm hit at noon."]


def test_short_runs_are_kept_when_structure_is_known() -> None:
    lines = ["Flour", "Eggs", "Milk", "Sugar"]

    assert remove_boilerplate(lines, structural=False) == lines


def test_teaser_headlines_ending_plain_text_are_dropped() -> None:
    lines = [
        "The bridge reopens to traffic on Monday, the county said.",
        "",
        "Lighthouse Keepers Return to Northern Point After Repairs",
        "Ferry Timetable Changes Confuse Weekend Travellers",
    ]

    assert [line for line in remove_boilerplate(lines) if line] == [lines[0]]


def test_a_text_that_is_all_headline_like_lines_is_not_emptied() -> None:
    lines = ["Storm Warning Issued", "", "Ferries Cancelled Until Friday"]

    assert remove_boilerplate(lines) == lines
