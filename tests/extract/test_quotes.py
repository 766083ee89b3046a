"""Quotes: every quote style and hard case, on short reports written for fogline (fictional
events in real places)."""

from __future__ import annotations

import pytest

from fogline.actordict import ActorDictionary, ActorEntry
from fogline.extract.actors import extract_actors
from fogline.extract.quotes import extract_quotes
from fogline.extract.quotes.marks import find_quote_spans
from fogline.model import Quote

ENTRIES = [
    ActorEntry("alf", "Azawad Liberation Front", "group", "MLIREB", "ML",
               aliases=("ALF",), descriptors=("the rebels", "the group")),
    ActorEntry("mali", "Mali", "state", "MLI", "ML", aliases=("Malian",)),
    ActorEntry("reuters", "Reuters", "media", "MED", "GB"),
]  # fmt: skip


@pytest.fixture(scope="module")
def run():
    from fogline.nlp import load_pipeline

    nlp = load_pipeline()
    dictionary = ActorDictionary(ENTRIES)

    def analyse(text: str) -> list[Quote]:
        doc = nlp(text)
        return extract_quotes(doc, actors=extract_actors(doc, dictionary=dictionary))

    return analyse


def only(quotes: list[Quote], fragment: str) -> Quote:
    found = [q for q in quotes if fragment in q.text]
    assert found, f"no quote contains {fragment!r}: {[q.text for q in quotes]}"
    return found[0]


def spans(text: str) -> list[str]:
    return [text[s.start : s.end] for s in find_quote_spans(text, [(0, len(text))])]


def test_marks_curly_double_and_straight_double():
    assert spans("He said “we hold Gao” and left.") == ["we hold Gao"]
    assert spans('He said "we hold Gao" and left.') == ["we hold Gao"]


def test_marks_guillemets_and_low_nine_quotes():
    assert spans("«Nous tenons Gao», a-t-il dit.") == ["Nous tenons Gao"]
    assert spans("„Wir halten Gao“, sagte er.") == ["Wir halten Gao"]


def test_marks_apostrophe_inside_single_quotes_does_not_close():
    text = "‘The rebels haven’t taken Kidal,’ he said."
    assert spans(text) == ["The rebels haven’t taken Kidal"]


def test_marks_ascii_single_quotes_and_typewriter_doubles():
    assert spans("'We will return,' he said.") == ["We will return"]
    assert spans("''We will return,'' he said.") == ["We will return"]


def test_marks_nested_quote_stays_inside_outer_quote():
    text = "He said: ‘Our answer to the army is ‘no’. We stay.’"
    assert spans(text) == ["Our answer to the army is ‘no’. We stay."]


def test_quote_after_cue_with_title_gives_speaker_role_and_affiliation(run):
    q = only(
        run("‘We hold the bridge at Gao,’ ALF spokesman Moussa Intalla said on Monday."), "bridge"
    )
    assert q.direct and q.cue and q.cue.text == "said"
    assert q.speaker and q.speaker.name == "Moussa Intalla"
    assert (q.speaker.role, q.speaker.affiliation) == ("spokesman", "ALF")


def test_quote_after_colon_cue(run):
    q = only(run('In Mopti, Governor Amadou Traore said: "The road to Gao is open again."'), "road")
    assert q.speaker and q.speaker.name == "Amadou Traore"


def test_inverted_cue_with_apposition(run):
    text = (
        "‘The army will not retreat from Timbuktu,’ said Ibrahim Keita, the commander of the "
        "Malian forces in the north."
    )
    q = only(run(text), "retreat")
    assert q.speaker and q.speaker.name == "Ibrahim Keita"
    assert q.speaker.role == "commander"


def test_quote_across_paragraphs_and_cueless_paragraph_keep_the_speaker(run):
    text = (
        "Rebel commander Ag Bouya told Reuters: ‘We entered Kidal at dawn.\n\n"
        "‘The town is calm and the market will open tomorrow.’\n\n"
        "‘Nobody will be harmed.’"
    )
    quotes = run(text)
    for fragment in ("entered Kidal", "market will open", "Nobody"):
        q = only(quotes, fragment)
        assert q.speaker and q.speaker.name == "Ag Bouya", fragment
    assert only(quotes, "entered Kidal").channel == "Reuters"


def test_partial_quote_governed_by_cue_is_attributed(run):
    text = "Amadou Traore said the fighters would ‘hold every road’ into Gao until the talks."
    q = [q for q in run(text) if q.direct][0]
    assert q.text == "hold every road" and q.speaker and q.speaker.name == "Amadou Traore"


def test_scare_quote_without_cue_is_unattributed(run):
    q = only(run("The junta has promised a more ‘inclusive’ transition in Bamako."), "inclusive")
    assert q.speaker is None


def test_pronoun_speaker_is_resolved_but_keeps_its_span(run):
    text = (
        "Amadou Traore, the governor of Mopti, visited the camp on Sunday.\n\n"
        "‘The wells are dry,’ he said."
    )
    q = only(run(text), "wells")
    assert q.speaker and q.speaker.name == "Amadou Traore"
    assert text[q.speaker.start : q.speaker.end] == "he"


def test_indirect_speech_said_that_and_according_to(run):
    text = (
        "Amadou Traore said that the convoy had reached Gao. The bridge was destroyed on "
        "Friday, according to the Azawad Liberation Front."
    )
    quotes = run(text)
    said = only(quotes, "convoy had reached Gao")
    assert not said.direct and said.speaker and said.speaker.name == "Amadou Traore"
    according = only(quotes, "bridge was destroyed")
    assert according.cue and according.cue.text == "according to"
    assert according.speaker and according.speaker.actor_id == "alf"


def test_told_outlet_is_the_channel(run):
    q = only(run("A spokesman for the ALF told Reuters that the rebels held Kidal."), "held Kidal")
    assert q.channel == "Reuters"
    assert q.speaker and q.speaker.affiliation == "ALF"


@pytest.mark.parametrize(
    ("sentence", "channel"),
    [
        ("The ALF tweeted that its fighters had taken Kidal.", "Twitter"),
        ("Amadou Traore said in a Facebook post that Gao was calm.", "Facebook"),
        ("Amadou Traore said on Telegram that Gao was calm.", "Telegram"),
        ("Amadou Traore told a press conference that Gao was calm.", "press conference"),
        ("Amadou Traore said in an interview that Gao was calm.", "interview"),
        ("The ALF said in a statement that Gao was calm.", "statement"),
    ],
)
def test_channels(run, sentence, channel):
    q = [q for q in run(sentence) if q.speaker][0]
    assert q.channel == channel


def test_passive_reported_form(run):
    q = only(run("Amadou Traore was quoted as saying that the road to Gao was closed."), "road")
    assert q.speaker and q.speaker.name == "Amadou Traore"


def test_statement_read_is_attributed_to_its_author(run):
    text = (
        "In a statement on Monday, ALF spokesman Moussa Intalla warned civilians in Kidal: "
        "‘Stay indoors and away from the airport,’ the statement read."
    )
    q = only(run(text), "Stay indoors")
    assert q.speaker and q.speaker.name == "Moussa Intalla"
    assert text[q.speaker.start : q.speaker.end] == "the statement"


def test_the_group_resolves_to_the_last_group(run):
    text = (
        "The Azawad Liberation Front (ALF) said its fighters were near Gao.\n\n"
        "The group also tweeted: ‘Our flag flies over Kidal.’"
    )
    q = only(run(text), "flag flies")
    assert q.speaker and q.speaker.actor_id == "alf"
    assert q.channel == "Twitter"


def test_quote_text_is_the_document_text_at_its_offsets(run):
    text = "‘We hold the bridge,’ ALF spokesman Moussa Intalla said. He added that Gao was calm."
    for q in run(text):
        assert text[q.start : q.end] == q.text
        if q.cue:
            assert text[q.cue.start : q.cue.end] == q.cue.text


def test_quotes_date_comes_from_the_cue_sentence(analyzer):
    text = (
        "Fighting went on around Kidal.\n\n"
        "‘We will hold the airport,’ army spokesman Colonel Moussa Diarra told Radio Mali on "
        "Saturday.\n\n‘Nothing has changed since Monday,’ said a resident.\n"
    )
    analysis = analyzer.analyze(text, published="2024-03-05")
    by_text = {q.text: q for q in analysis.quotes}
    assert by_text["We will hold the airport"].date == "2024-03-02"
    assert by_text["Nothing has changed since Monday"].date is None  # the date is inside the quote
