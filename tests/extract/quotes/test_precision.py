"""Quote records that must not be wrong: fragments, marks, channels, genders and sides."""

from __future__ import annotations

from fogline.model import Quote


def _with(quotes: list[Quote], fragment: str) -> Quote:
    found = [q for q in quotes if fragment in q.text]
    assert found, f"no quote contains {fragment!r}: {[q.text for q in quotes]}"
    return found[0]


def test_a_quoted_word_inside_a_reported_clause_is_no_record_of_its_own(analyze):
    quotes = analyze(
        "Troops heading to the town heard what sounded like a 'thunderclap' as the depots "
        "were hit, the district governor told reporters."
    ).quotes
    assert not [q for q in quotes if q.text.strip("'") == "thunderclap"]
    assert _with(quotes, "'thunderclap'").speaker.name == "district governor"


def test_a_reported_clause_keeps_the_marks_of_the_quotation_it_ends_with(analyze):
    quotes = analyze(
        "The rebel commander said the raid was revenge for the 'greed of their mining firms.'"
    ).quotes
    assert _with(quotes, "greed of their").text.endswith("firms.'")


def test_a_reported_clause_keeps_the_marks_of_the_quotation_it_opens_with(analyze):
    quotes = analyze(
        "Ministry spokeswoman Jane Arden said “several aid workers” were still held by the gang."
    ).quotes
    assert _with(quotes, "several aid workers").text.startswith("“several aid workers”")


def test_an_outlet_that_speaks_is_not_the_channel_of_its_own_words(analyze):
    quotes = analyze("Nobody has found the driver of the lorry, Orbit TV claimed on Monday.").quotes
    quote = _with(quotes, "found the driver")
    assert quote.speaker.name == "Orbit TV"
    assert quote.channel is None


def test_a_video_message_is_the_channel(analyze):
    quotes = analyze(
        "In a new video message, rebel leader Tomas Vanek says the hostages have been moved."
    ).quotes
    assert _with(quotes, "hostages have been moved").channel == "video"


def test_she_is_the_sister_not_the_brother_named_before(analyze):
    quotes = analyze(
        "Mr Daniel Hope was kidnapped in the capital last year. His sister Ruth told reporters "
        "that she learned of his death from the police. 'We ask to be left in peace,' she said."
    ).quotes
    assert _with(quotes, "left in peace").speaker.name == "Ruth"


def test_miss_with_a_surname_is_the_woman_of_that_name(analyze):
    quotes = analyze(
        "Ruth Hope said the police had called her. Her brother Daniel Hope was kidnapped last "
        "year. In a video Miss Hope described him as a man who 'always sees the best in people.' "
        "She added: 'Please let him live.'"
    ).quotes
    assert _with(quotes, "let him live").speaker.name == "Ruth Hope"


def test_an_unnamed_official_speaks_for_the_state_named_before_him(analyze):
    quotes = analyze(
        "Yemen's government condemned the raid. The news comes after a suspected U.S. drone "
        "strike in Yemen killed nine militants early Saturday, a security official said."
    ).quotes
    assert _with(quotes, "drone strike").speaker.affiliation == "Yemen"


def test_an_unnamed_speaker_loyal_to_a_group_speaks_for_it(analyze):
    quotes = analyze(
        "The cache included grenades and ammunition, according to a video uploaded by a media "
        "group loyal to al-Shabaab."
    ).quotes
    assert _with(quotes, "cache included").speaker.affiliation == "al-Shabaab"


def test_a_group_named_with_an_indefinite_article_is_no_earlier_group(analyze):
    quotes = analyze(
        "She had worked for aid groups in Chad and Niger. An independent citizens group in the "
        "city told reporters they believed the claims were true."
    ).quotes
    assert "citizens group" in _with(quotes, "claims were true").speaker.name


def test_of_two_subjects_before_the_verb_the_nearer_speaks(blank_nlp):
    from spacy.tokens import Doc

    from fogline.extract.quotes.cues import subject_of

    # the parse of "In her paper, the Ledger, Kowalski said she left": two subjects of "said"
    words = ["In", "her", "paper", ",", "the", "Ledger", ",", "Kowalski", "said", "she", "left"]
    heads = [8, 2, 0, 8, 5, 8, 8, 8, 8, 10, 8]
    deps = ["prep", "poss", "pobj", "punct", "det", "nsubj", "punct", "nsubj", "ROOT",
            "nsubj", "ccomp"]  # fmt: skip
    doc = Doc(blank_nlp.vocab, words=words, heads=heads, deps=deps)
    assert subject_of(doc[8]).text == "Kowalski"


def test_a_nationality_adjective_before_a_person_noun_is_not_the_speaker(analyze):
    quotes = analyze(
        "An American reporter died in a crash days after claiming the secret police had "
        "threatened her."
    ).quotes
    assert _with(quotes, "threatened her").speaker.name == "American reporter"


def test_a_title_given_by_a_copula_gives_the_side(analyze):
    quotes = analyze(
        "Ahmed Warsame is the spiritual leader of al-Shabaab. Warsame said at the time that "
        "the attack was revenge."
    ).quotes
    assert _with(quotes, "attack was revenge").speaker.affiliation == "al-Shabaab"


def test_an_unnamed_official_in_a_report_is_not_on_the_reporters_side(analyze):
    quotes = analyze(
        "John Marsh is senior editor of the Daily Lantern. One official in the report written "
        "by John Marsh said, “There are a number of airliners missing.”"
    ).quotes
    assert _with(quotes, "airliners missing").speaker.affiliation is None
