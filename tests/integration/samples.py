"""Articles written for these tests (never copied from elsewhere) and the hostile corpus."""

from __future__ import annotations

import io
import json
import zipfile
from dataclasses import dataclass

HARBOUR = """Harbour reopens after storm repairs

The city harbour reopened on Monday after three weeks of repairs to the sea wall that the
October storm had breached. Engineers replaced two hundred metres of concrete and fitted new
drainage channels behind the quay.

Fishing crews, who had moored in a neighbouring town since the storm, returned the same
morning. Several skippers said the closure had cost them most of a season's income.

The port authority said the work came in under budget and ahead of the schedule agreed with
the council. A second phase, covering the ferry terminal and its car park, starts in spring.

Local traders welcomed the news. The harbour market will reopen on Saturday with a festival
of seafood stalls, music and boat tours for families.
"""

LIBRARY = """Village library doubles its opening hours

The village library will open six days a week from next month, after volunteers agreed to
staff the building on Tuesdays, Thursdays and Saturdays. Until now it opened on three days.

The parish council approved a small grant to heat the reading room in winter. The librarian
said the extra hours would help pupils who have no quiet place to do homework.

A new children's corner with picture books and a weekly story hour is planned for the
autumn. Donations of books in good condition are welcome at the front desk.
"""

LIBRARY_V2 = """Library extension approved by council

Councillors approved a two-storey extension to the village library on Wednesday evening,
ending a year of debate about the cost of the project.

The extension will hold a study room, a small cafe and a lift for visitors who cannot use
the stairs. Building work is expected to take nine months.

Opponents argued the money should go to road repairs instead. The council said the grant
can only be spent on community buildings.
"""

RAIL = """<html><head><title>New rail line opens</title><script>var ads = 1;</script></head>
<body><nav><a href="/">Home</a> | <a href="/news">News</a></nav>
<article><h1>New rail line opens between the two valleys</h1>
<p>A new rail line linking the two valleys opened to passengers on Friday, cutting the journey
between the market towns from ninety minutes by bus to thirty-five minutes by train.</p>
<p>The line runs every half hour during the day and hourly in the evening. Tickets cost the
same as the bus fare for the first month.</p>
<p>Commuters on the first train said the views of the river were a welcome bonus. The
operator expects four thousand journeys a day by the end of the year.</p>
</article><footer>Subscribe to our newsletter. Share this article.</footer></body></html>
"""


def long_article(sentences: int = 40) -> str:
    lines = [
        f"Report number {i} says the survey of the valley found {i + 3} new species of beetle."
        for i in range(sentences)
    ]
    return "Survey of the valley\n\n" + " ".join(lines)


@dataclass(frozen=True)
class HostileCase:
    """One bad (or odd) upload and how it must end: COMPLETED, or FAILED with `code`."""

    name: str
    key: str
    body: bytes
    expect: str  # "COMPLETED", "INVALID_KEY" (not stored), or the FAILED record's code
    # Another code that is just as specific, where extraction may reasonably give either.
    also: str | None = None
    content_type: str | None = None


def _png() -> bytes:
    return b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(range(256)) * 4


def _pdf() -> bytes:
    return b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n" + bytes(range(256)) * 4 + b"%%EOF"


def _zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("article.txt", HARBOUR)
    return buffer.getvalue()


ZH = (
    "城市港口在三周的修复工作后于周一重新开放。工程师更换了两百米的混凝土。渔民当天早上返回。港务局表示工程低于预算。"
    "第二阶段工程将于春季开始。"
)
AR = (
    "أعيد فتح ميناء المدينة يوم الاثنين بعد ثلاثة "
    "أسابيع من الإصلاحات. استبدل المهندسون مئتي متر "
    "من الخرسانة. عاد الصيادون في الصباح نفسه. قالت "
    "سلطة الميناء إن العمل جاء ضمن الميزانية."
)
RU = (
    "Городская гавань вновь открылась в понедельник "
    "после трёх недель ремонта. Инженеры заменили "
    "двести метров бетона. Рыбаки вернулись в то же "
    "утро. Портовое управление заявило, что работы "
    "уложились в бюджет."
)
HI = (
    "शहर का बंदरगाह तीन सप्ताह की मरम्मत के बाद सोमवार "
    "को फिर से खुल गया। इंजीनियरों ने दो सौ मीटर कंक्रीट "
    "बदली। मछुआरे उसी सुबह लौट आए। बंदरगाह प्राधिकरण "
    "ने कहा कि काम बजट के भीतर पूरा हुआ।"
)
EMOJI = (
    "Harbour reopens 🎉⚓. Fishing crews returned 🚤 "
    "the same morning! Traders 🐟 welcomed the news "
    "👏. The market reopens on Saturday 🎶."
)


def hostile_corpus(max_bytes: int) -> list[HostileCase]:
    """At least 30 uploads that must each end COMPLETED or FAILED with a specific code."""
    nested = (
        "<div>" * 5000
        + "<p>Deep inside the page the harbour reopened on Monday.</p>"
        + ("</div>" * 5000)
    )
    cases = [
        HostileCase("zero bytes", "articles/h/empty.txt", b"", "EMPTY"),
        HostileCase("whitespace only", "articles/h/blank.txt", b" \n\t\r\n   \n", "EMPTY"),
        HostileCase("png bytes", "articles/h/image.txt", _png(), "BINARY"),
        HostileCase("png extension", "articles/h/photo.png", _png(), "UNSUPPORTED_TYPE"),
        HostileCase("pdf bytes", "articles/h/paper.txt", _pdf(), "BINARY"),
        HostileCase("zip bytes", "articles/h/archive.txt", _zip(), "BINARY"),
        HostileCase(
            "invalid utf-8",
            "articles/h/latin1.txt",
            "Le port a rouvert lundi après trois semaines de réparations. Les pêcheurs sont "
            "revenus le matin même. Les travaux ont coûté moins que prévu.".encode("latin-1"),
            "COMPLETED",
        ),
        HostileCase("utf-16", "articles/h/utf16.txt", HARBOUR.encode("utf-16"), "COMPLETED"),
        HostileCase(
            "over the cap", "articles/h/huge.txt", b"a " * (max_bytes // 2 + 10), "TOO_LARGE"
        ),
        HostileCase(
            "one sentence",
            "articles/h/one.txt",
            b"The harbour reopened on Monday after repairs.",
            "COMPLETED",
        ),
        HostileCase(
            "no punctuation",
            "articles/h/nopunct.txt",
            b"the harbour reopened on monday after repairs fishing crews returned traders "
            b"welcomed the news and the market reopens on saturday with stalls and music",
            "COMPLETED",
        ),
        HostileCase(
            "100k-character line",
            "articles/h/longline.txt",
            ("harbour " * 12_500).encode(),
            "COMPLETED",
        ),
        HostileCase("deeply nested html", "articles/h/nested.html", nested.encode(), "COMPLETED"),
        HostileCase(
            "scripts-only html",
            "articles/h/scripts.html",
            b"<html><head><script>var a = 1;</script></head><body><script>track();</script>"
            b"<style>p{}</style></body></html>",
            "EMPTY",
        ),
        HostileCase(
            "malformed json", "articles/h/broken.json", b'{"title": "x", "body": ', "MALFORMED"
        ),
        HostileCase(
            "json of the wrong shape",
            "articles/h/list.json",
            b"[1, 2, 3]",
            "MALFORMED",
            also="EMPTY",
        ),
        HostileCase(
            "json with fields of the wrong type",
            "articles/h/types.json",
            json.dumps({"title": 5, "body": {"nested": ["not", "text"]}}).encode(),
            "MALFORMED",
        ),
        HostileCase(
            "json without a body",
            "articles/h/nobody.json",
            json.dumps({"title": "Only a title", "tags": ["a"]}).encode(),
            "MALFORMED",
        ),
        HostileCase("chinese", "articles/h/zh.txt", ZH.encode(), "COMPLETED"),
        HostileCase("arabic", "articles/h/ar.txt", AR.encode(), "COMPLETED"),
        HostileCase("russian", "articles/h/ru.txt", RU.encode(), "COMPLETED"),
        HostileCase("hindi", "articles/h/hi.txt", HI.encode(), "COMPLETED"),
        HostileCase("emoji", "articles/h/emoji.txt", EMOJI.encode(), "COMPLETED"),
        HostileCase(
            "nul bytes",
            "articles/h/nul.txt",
            HARBOUR.encode().replace(b" ", b"\x00", 3),
            "COMPLETED",
        ),
        HostileCase("all nul bytes", "articles/h/nuls.txt", b"\x00" * 2000, "BINARY"),
        HostileCase(
            "key with spaces", "articles/h/key with spaces.txt", HARBOUR.encode(), "COMPLETED"
        ),
        HostileCase(
            "key with plus", "articles/h/c++ news+views.txt", LIBRARY.encode(), "COMPLETED"
        ),
        HostileCase(
            "key with percent", "articles/h/100% sure %20.txt", HARBOUR.encode(), "COMPLETED"
        ),
        HostileCase(
            "unicode key", "articles/h/новости/日本語 é.txt", HARBOUR.encode(), "COMPLETED"
        ),
        HostileCase(
            "1,000-character key", "articles/h/" + "k" * 985 + ".txt", HARBOUR.encode(), "COMPLETED"
        ),
        HostileCase("dot-dot key", "articles/h/../escape.txt", HARBOUR.encode(), "INVALID_KEY"),
        HostileCase(
            "unsupported extension", "articles/h/sheet.xlsx", b"PK\x03\x04 data", "UNSUPPORTED_TYPE"
        ),
        HostileCase(
            "executable extension", "articles/h/run.exe", b"MZ\x90\x00", "UNSUPPORTED_TYPE"
        ),
        HostileCase("html as txt", "articles/h/page.txt", RAIL.encode(), "COMPLETED"),
    ]
    return cases
