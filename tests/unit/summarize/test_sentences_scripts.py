"""Sentence ends in the scripts of the languages the identifier names (own texts)."""

from __future__ import annotations

import pytest

from precis.summarize.sentences import split_sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Правительство объявило во вторник о новом законе. Оппозиция против! Что дальше?",
            [
                "Правительство объявило во вторник о новом законе.",
                "Оппозиция против!",
                "Что дальше?",
            ],
        ),
        (
            "Міська рада схвалила будівництво мосту. Роботи почнуться навесні.",
            ["Міська рада схвалила будівництво мосту.", "Роботи почнуться навесні."],
        ),
        (
            "قال الوزير إن القانون سيدخل حيز التنفيذ. هل توافق المعارضة؟ لا.",
            ["قال الوزير إن القانون سيدخل حيز التنفيذ.", "هل توافق المعارضة؟", "لا."],
        ),
        (
            "مجلس قانون جدید را تصویب کرد. آیا اجرا می‌شود؟ بله.",
            ["مجلس قانون جدید را تصویب کرد.", "آیا اجرا می‌شود؟", "بله."],
        ),
        (
            "وزیر نے کہا کہ قانون نافذ ہوگا۔ اپوزیشن نے مخالفت کی۔ کیا ہوگا؟",
            ["وزیر نے کہا کہ قانون نافذ ہوگا۔", "اپوزیشن نے مخالفت کی۔", "کیا ہوگا؟"],
        ),
        (
            "सरकार ने नया कानून पारित किया। विपक्ष ने विरोध किया॥ आगे क्या होगा?",
            ["सरकार ने नया कानून पारित किया।", "विपक्ष ने विरोध किया॥", "आगे क्या होगा?"],
        ),
        (
            "নগর পরিষদ নতুন সেতুর অনুমোদন দিয়েছে।কাজ বসন্তে শুরু হবে।",
            ["নগর পরিষদ নতুন সেতুর অনুমোদন দিয়েছে।", "কাজ বসন্তে শুরু হবে।"],
        ),
        (
            "政府发布了新法律。反对派表示反对！接下来会怎样？",
            ["政府发布了新法律。", "反对派表示反对！", "接下来会怎样？"],
        ),
        (
            "市議会は新しい橋を承認した。工事は春に始まる！",
            ["市議会は新しい橋を承認した。", "工事は春に始まる！"],
        ),
        (
            "Η κυβέρνηση ανακοίνωσε νέο νόμο. Τι θα γίνει; Κανείς δεν ξέρει.",
            ["Η κυβέρνηση ανακοίνωσε νέο νόμο.", "Τι θα γίνει;", "Κανείς δεν ξέρει."],
        ),
        (
            "အစိုးရက ဥပဒေသစ် ထုတ်ပြန်သည်။ အတိုက်အခံက ကန့်ကွက်သည်။",
            ["အစိုးရက ဥပဒေသစ် ထုတ်ပြန်သည်။", "အတိုက်အခံက ကန့်ကွက်သည်။"],
        ),
        (
            "រដ្ឋាភិបាលបានប្រកាសច្បាប់ថ្មី។ គណបក្សប្រឆាំងបានជំទាស់។",
            ["រដ្ឋាភិបាលបានប្រកាសច្បាប់ថ្មី។", "គណបក្សប្រឆាំងបានជំទាស់។"],
        ),
    ],
    ids=[
        "russian", "ukrainian", "arabic", "persian", "urdu", "hindi", "bengali", "chinese",
        "japanese", "greek", "burmese", "khmer",
    ],
)  # fmt: skip
def test_each_script_ends_its_sentences_with_its_own_marks(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected


def test_thai_sentences_end_at_a_space_between_thai_words() -> None:
    text = "สภาเมืองอนุมัติสะพานใหม่เมื่อวันอังคาร งานจะเริ่มในฤดูใบไม้ผลิ"

    assert split_sentences(text) == ["สภาเมืองอนุมัติสะพานใหม่เมื่อวันอังคาร", "งานจะเริ่มในฤดูใบไม้ผลิ"]


def test_thai_abbreviation_mark_keeps_its_sentence_going() -> None:
    text = "นายกฯ กล่าวว่างานจะเริ่มในฤดูใบไม้ผลิ"

    assert split_sentences(text) == [text]


def test_a_space_in_latin_text_is_no_sentence_end() -> None:
    assert split_sentences("The council met on Tuesday and approved the bridge") == [
        "The council met on Tuesday and approved the bridge"
    ]


def test_a_semicolon_outside_greek_is_no_sentence_end() -> None:
    assert split_sentences("He said yes; then he left. Fine.") == [
        "He said yes; then he left.",
        "Fine.",
    ]
