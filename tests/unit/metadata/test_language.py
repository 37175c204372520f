"""Language detection: short news in many languages and scripts, close languages, hints, and
the undetermined cases (short, mixed, numbers and links, languages the model does not know)."""

from __future__ import annotations

import pytest

from precis.metadata import detect_language, language_name, normalize_language

from . import articles

PARAGRAPHS = {
    "en": " ".join(articles.ENGLISH[:2]),
    "es": articles.SPANISH,
    "fr": articles.FRENCH,
    "de": articles.GERMAN,
    "it": articles.ITALIAN,
    "pt": articles.PORTUGUESE,
    "nl": articles.DUTCH,
    "zh": articles.CHINESE,
    "ja": articles.JAPANESE,
    "ko": articles.KOREAN,
    "ru": articles.RUSSIAN,
    "ar": articles.ARABIC,
    "hi": articles.HINDI,
    "el": articles.GREEK,
    "he": articles.HEBREW,
}


# Two sentences of news in each language, written for these tests.
NEWS = {
    "uk": (
        "Міська рада у вівторок схвалила будівництво нового мосту через річку. Роботи "
        "почнуться навесні й триватимуть два роки, повідомив мер."
    ),
    "bg": (
        "Общинският съвет одобри във вторник строежа на нов мост над реката. Работата ще "
        "започне през пролетта и ще продължи две години, каза кметът."
    ),
    "pl": (
        "Rada miasta zatwierdziła we wtorek budowę nowego mostu na rzece. Prace rozpoczną się "
        "wiosną i potrwają dwa lata, powiedział burmistrz."
    ),
    "cs": (
        "Městská rada v úterý schválila stavbu nového mostu přes řeku. Práce začnou na jaře a "
        "potrvají dva roky, řekl starosta."
    ),
    "ro": (
        "Consiliul local a aprobat marți construcția unui pod nou peste râu. Lucrările vor "
        "începe în primăvară și vor dura doi ani, a spus primarul."
    ),
    "tr": (
        "Belediye meclisi salı günü nehir üzerine yeni bir köprü yapılmasını onayladı. "
        "Çalışmalar ilkbaharda başlayacak ve iki yıl sürecek, dedi belediye başkanı."
    ),
    "vi": (
        "Hội đồng thành phố hôm thứ Ba đã phê duyệt việc xây dựng một cây cầu mới bắc qua "
        "sông. Công việc sẽ bắt đầu vào mùa xuân và kéo dài hai năm, thị trưởng cho biết."
    ),
    "sv": (
        "Kommunfullmäktige godkände i tisdags bygget av en ny bro över älven. Arbetet börjar "
        "till våren och pågår i två år, sade kommunalrådet."
    ),
    "fi": (
        "Kaupunginvaltuusto hyväksyi tiistaina uuden sillan rakentamisen joen yli. Työt "
        "alkavat keväällä ja kestävät kaksi vuotta, pormestari sanoi."
    ),
    "hu": (
        "A városi tanács kedden jóváhagyta egy új híd építését a folyó felett. A munkálatok "
        "tavasszal kezdődnek és két évig tartanak, mondta a polgármester."
    ),
    "fa": (
        "شورای شهر روز سه‌شنبه ساخت یک پل جدید روی رودخانه را تصویب کرد. شهردار گفت کار در "
        "بهار آغاز می‌شود و دو سال طول می‌کشد."
    ),
    "ur": (
        "شہر کی کونسل نے منگل کو دریا پر نئے پل کی تعمیر کی منظوری دے دی۔ میئر نے کہا کہ کام "
        "بہار میں شروع ہوگا اور دو سال تک جاری رہے گا۔"
    ),
    "th": (
        "สภาเมืองอนุมัติการก่อสร้างสะพานแห่งใหม่ข้ามแม่น้ำเมื่อวันอังคาร "
        "นายกเทศมนตรีกล่าวว่างานจะเริ่มในฤดูใบไม้ผลิและใช้เวลาสองปี"
    ),
    "bn": (
        "নগর পরিষদ মঙ্গলবার নদীর উপর একটি নতুন সেতু নির্মাণের অনুমোদন দিয়েছে। মেয়র বলেছেন, "
        "কাজ বসন্তে শুরু হবে এবং দুই বছর চলবে।"
    ),
    "ta": (
        "நகர சபை செவ்வாய்க்கிழமை ஆற்றின் மீது புதிய பாலம் கட்ட ஒப்புதல் அளித்தது. பணிகள் "
        "வசந்த காலத்தில் தொடங்கி இரண்டு ஆண்டுகள் நடைபெறும் என்று மேயர் கூறினார்."
    ),
    "ka": (
        "საქალაქო საბჭომ სამშაბათს მდინარეზე ახალი ხიდის მშენებლობა დაამტკიცა. მუშაობა "
        "გაზაფხულზე დაიწყება და ორ წელიწადს გაგრძელდება, განაცხადა მერმა."
    ),
    "hy": (
        "Քաղաքային խորհուրդը երեքշաբթի հաստատեց գետի վրա նոր կամրջի կառուցումը։ Աշխատանքները "
        "կսկսվեն գարնանը և կտևեն երկու տարի, ասաց քաղաքապետը։"
    ),
    "nb": (
        "Bystyret godkjente tirsdag byggingen av en ny bro over elven. Arbeidet starter til "
        "våren og skal vare i to år, sa ordføreren."
    ),
    "id": (
        "Dewan kota pada hari Selasa menyetujui pembangunan jembatan baru di atas sungai. "
        "Pekerjaan akan dimulai setelah musim hujan karena cuaca, kata wali kota, yang "
        "menegaskan bahwa proyek itu penting."
    ),
    "ms": (
        "Majlis bandaraya pada hari Selasa meluluskan pembinaan jambatan baharu merentasi "
        "sungai. Kerja akan bermula selepas musim hujan kerana cuaca, kata datuk bandar, yang "
        "menegaskan bahawa projek itu penting."
    ),
    "hr": (
        "Gradsko vijeće u utorak je odobrilo gradnju novog mosta preko rijeke. Radovi počinju "
        "u ožujku i trajat će dvije godine, a tijekom radova promet će biti preusmjeren, "
        "rekao je gradonačelnik."
    ),
    "bs": (
        "Gradsko vijeće je u utorak odobrilo gradnju novog mosta preko rijeke. Radovi počinju "
        "u martu i trajat će dvije godine, a tokom radova saobraćaj će biti preusmjeren, "
        "rekao je gradonačelnik."
    ),
    "sr": (
        "Gradsko veće je u utorak odobrilo izgradnju novog mosta preko reke. Radovi počinju u "
        "martu i trajaće dve godine, a tokom radova saobraćaj će biti preusmeren, rekao je "
        "gradonačelnik."
    ),
    "af": (
        "Die stadsraad het Dinsdag die bou van 'n nuwe brug oor die rivier goedgekeur. Die "
        "werk begin in die lente en sal twee jaar duur, het die burgemeester gesê."
    ),
}
# Zulu is not among the model's 176 languages.
ZULU = (
    "Umkhandlu wedolobha uvumile ngoLwesibili ukwakhiwa kwebhuloho elisha phezu komfula. "
    "Umsebenzi uzoqala entwasahlobo futhi uzothatha iminyaka emibili, kusho imeya."
)


@pytest.mark.parametrize(("expected", "text"), PARAGRAPHS.items(), ids=list(PARAGRAPHS))
def test_paragraph_is_detected_as_its_language(expected: str, text: str) -> None:
    assert detect_language(text) == expected


@pytest.mark.parametrize(
    ("expected", "text"),
    [
        ("es", "¿Dónde está la estación de tren más cercana?"),
        ("pt", "Não sei onde fica a estação de comboios."),
        ("de", "Ich weiß nicht, wo der Bahnhof ist."),
        ("en", "I do not know where the station is."),
    ],
)
def test_single_sentence_is_enough_for_common_languages(expected: str, text: str) -> None:
    assert detect_language(text) == expected


@pytest.mark.parametrize("text", ["", "   ", "12345 678", "!!! ??? ...", "Hello", "Barack Obama"])
def test_too_short_or_letterless_text_is_undetermined(text: str) -> None:
    assert detect_language(text) == "und"


def test_hint_is_used_when_detection_is_unsure() -> None:
    assert detect_language("Barack Obama", hint="en-US") == "en"
    assert detect_language("2024", hint="fr") == "fr"


def test_hint_agreeing_with_detection_keeps_the_language() -> None:
    assert detect_language(articles.SPANISH, hint="es-MX") == "es"


def test_confident_detection_overrides_a_contradicting_hint() -> None:
    assert detect_language(articles.GERMAN, hint="en") == "de"


def test_languages_sharing_a_script_are_told_apart() -> None:
    ukrainian = "Уряд оголосив у вівторок, що новий закон набуде чинності навесні."
    russian = "Правительство объявило во вторник, что новый закон вступит в силу весной."
    assert detect_language(ukrainian) == "uk"
    assert detect_language(russian) == "ru"


@pytest.mark.parametrize(("expected", "text"), NEWS.items(), ids=list(NEWS))
def test_news_in_many_languages_and_scripts_is_detected(expected: str, text: str) -> None:
    assert detect_language(text) == expected


def test_norwegian_is_named_by_its_written_standard() -> None:
    assert detect_language(NEWS["nb"]) == "nb"
    assert normalize_language("no") == "nb"


def test_close_languages_without_telling_words_are_undetermined() -> None:
    # Croatian and Bosnian alike: no word tells them apart, so no code is guessed.
    shared = "Gradsko vijeće je u utorak odobrilo gradnju novog mosta preko rijeke."
    assert detect_language(shared) == "und"
    assert detect_language(shared, hint="bs") == "bs"
    assert detect_language(shared, hint="hr") == "hr"


def test_a_language_the_model_does_not_know_is_undetermined_not_guessed() -> None:
    assert detect_language(ZULU) == "und"


def test_text_in_two_languages_is_undetermined() -> None:
    english = (
        "The city council approved a new bridge over the river on Tuesday after a long "
        "debate about its cost. Work will start in the spring and last two years."
    )
    french = (
        "Le conseil municipal a approuvé mardi un nouveau pont sur le fleuve après un long "
        "débat sur son coût. Les travaux commenceront au printemps et dureront deux ans."
    )
    assert detect_language(english) == "en"
    assert detect_language(french) == "fr"
    assert detect_language(f"{english} {french}") == "und"


def test_a_quoted_phrase_does_not_change_the_language() -> None:
    text = (
        "The minister said the reform was, in her words, a question of savoir-faire, and she "
        "promised that the new rules would reach every school before the autumn term."
    )
    assert detect_language(text) == "en"


@pytest.mark.parametrize(
    "text",
    [
        "https://example.com/news/2024/05/bridge?id=123 www.example.org",
        "+44 20 7946 0958, 12.05.2024, 3.5%, 1,200,000",
        "contact@example.com @precis #bridge 2024",
    ],
)
def test_numbers_and_links_only_are_undetermined(text: str) -> None:
    assert detect_language(text) == "und"


def test_links_and_numbers_do_not_hide_the_language_of_the_words() -> None:
    text = f"https://example.com/2024/05/12 {NEWS['pl']} 12.05.2024 +48 22 123 45 67"
    assert detect_language(text) == "pl"


def test_script_decides_over_a_few_latin_words() -> None:
    mixed = "NASA и ESA объявили во вторник, что новый спутник запустят весной."
    assert detect_language(mixed) == "ru"


def test_japanese_is_told_from_chinese_by_kana() -> None:
    assert detect_language("東京都は新しい計画を発表しました。") == "ja"
    assert detect_language("北京市政府发布了新的交通计划和城市规划。") == "zh"


@pytest.mark.parametrize(
    ("tag", "expected"),
    [("en-GB", "en"), ("pt_BR", "pt"), ("DE", "de"), (" fr ", "fr"), ("und", None), ("", None)],
)
def test_language_tags_are_normalized_to_their_primary_subtag(
    tag: str, expected: str | None
) -> None:
    assert normalize_language(tag) == expected


def test_garbage_hint_is_ignored() -> None:
    assert normalize_language("english!") is None
    assert detect_language("12345", hint="not a language") == "und"


def test_legacy_language_codes_are_normalized() -> None:
    assert normalize_language("iw") == "he"
    assert normalize_language("in-ID") == "id"


@pytest.mark.parametrize(
    ("code", "name"),
    [("en", "English"), ("pt-BR", "Portuguese"), ("nb", "Norwegian Bokmål"), ("ceb", "Cebuano")],
)
def test_language_names(code: str, name: str) -> None:
    assert language_name(code) == name


def test_every_code_the_identifier_can_return_has_a_name() -> None:
    from precis.metadata import identifier
    from precis.metadata.language_codes import code_of_label

    labels = identifier.labels()

    assert len(labels) == 176
    # "sh" (Serbo-Croatian) is never returned: the text's words settle it, or it is "und".
    assert [label for label in labels if not language_name(code_of_label(label))] == ["sh"]
