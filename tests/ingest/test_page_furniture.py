"""Page furniture of scraped tabloid and aggregator pages: boilerplate never reads as body.

The fixture texts are written for these tests (invented outlets and people, real places).
"""

from __future__ import annotations

import pytest

from fogline.ingest.clean import classify_paragraphs


def _kind(text: str, start: str) -> str:
    """Kind of the one paragraph of ``text`` that starts with ``start``."""
    [kind] = [p.kind for p in classify_paragraphs(text) if text[p.start : p.end].startswith(start)]
    return kind


FURNITURE = [
    "Scroll down for video",
    "SCROLL DOWN FOR VIDEOS",
    "Video loading",
    "Poll loading …",
    "View gallery",
    "With additional reporting by Amara Okafor and Jon Reyes.",
    "With reports from Lena Fischer and Omar Haddad",
    "With files from The Sahel Wire",
    "(With the Associated Press)",
    "Edited by Ruth Mensah",
    "Contributing: The Associated Press",
    "Additional reporting: Tomas Berg",
    "Harbour Times writer Ada Klein in Mombasa contributed reporting.",
    "What do YOU think? Is the truce going to hold? Sound off in today's Courier poll.",
    "Have something to add to this story? Share it in the comments.",
    "Sorry we are not currently accepting comments on this article.",
    "(Who leads the militia? Get caught up with our primer)",
    "(Peace talks in Doha: Read more about the negotiations)",
    "MORE: Fisherman rescued after three days adrift off Lamu",
    "PHOTOS: The floods that swept through Beledweyne",
    "Read more Ten things we learned from the Addis summit",
    "Related roundup: Horn of Africa",
    "Follow us: @HarbourTimes on Twitter | HarbourTimes on Facebook",
    ">> Follow Ada Klein (@adaklein) on Twitter",
    "— Ada Klein (@adaklein) October 12, 2014",
    "A photo posted by Harbour Times (@harbourtimes) on Oct 12, 2014 at 9:01am PDT",
    "[h/t Coastal Wire]",
    "This is a developing story. Check back for updates.",
    "More to come.",
    "brightcove.createExperiences();",
    "<!-- ad_slot = 'top'; //-->",
]


@pytest.mark.parametrize("line", FURNITURE)
def test_page_furniture_lines_are_boilerplate(line):
    text = (
        "Militants attacked a police post near Garissa on Monday, killing two officers, the "
        f"county commissioner said.\n\n{line}\n\n"
        "Police said reinforcements had been sent from Nairobi."
    )
    assert _kind(text, line) == "boilerplate"


@pytest.mark.parametrize(
    "paragraph",
    [
        "Reports from the scene said at least 15 bodies had been recovered from the site.",
        "Via the same channel, she explained, the commanders sent their orders.",
        "(He later said he had not seen the letter, which was related to another case.)",
        "A number of factors probably contributed to the collapse of the talks:",
        "The poll, conducted for the Courier, shows most residents oppose the curfew.",
        "Follow-up raids in the district led to six arrests, police said.",
    ],
)
def test_running_text_that_resembles_furniture_stays_body(paragraph):
    text = f"Rebels seized the town of Garissa on Monday.\n\n{paragraph}"
    assert _kind(text, paragraph) == "body"


# A tabloid page: summary bullets and photo captions without a final full stop, run-in caption
# labels, between punctuated body paragraphs (invented story).
TABLOID = "\n\n".join(
    [
        "Rebel commander Idris Kamara is said to have been killed in an air strike near Bunia",
        "Six fighters died when a drone hit their pick-up truck on a road outside the town",
        "The army has not yet confirmed that Kamara is among the dead",
        "Army drones are believed to have killed a rebel commander whose fighters raided "
        "a gold mine near Bunia last month, officials said.",
        "Officials said the strike hit a two-car convoy on Sunday night on the road to Mongbwalu.",
        "Scroll down for video",
        "Kamara is believed to have led the raid on the Mongbwalu mine, though officials "
        "have not confirmed his death",
        "Feared: Even after they were pushed out of Bunia, his fighters kept attacking "
        "villages along the lake",
        "A local chief said residents heard two loud explosions shortly before midnight.",
        "'We saw the fire from the hills,' the chief said.",
        "Soldiers and police later closed the road to traffic while they searched the area.",
        "Cleared: Soldiers reopened the road on Monday morning after searching the burnt vehicles.",
        "The army said it would publish the names of the dead once they had been identified.",
        "Aid groups said thousands of people had fled the area in the past month.",
        "With reports from Amara Okafor and Jon Reyes",
    ]
)


@pytest.mark.parametrize(
    ("start", "kind"),
    [
        ("Rebel commander Idris Kamara is said", "highlight"),
        ("Six fighters died when a drone", "highlight"),
        ("The army has not yet confirmed", "highlight"),
        ("Army drones are believed", "body"),
        ("Officials said the strike hit", "body"),
        ("Scroll down for video", "boilerplate"),
        ("Kamara is believed to have led", "caption"),
        ("Feared: Even after they were pushed out", "caption"),
        ("Cleared: Soldiers reopened the road", "caption"),
        ("A local chief said", "body"),
        ("'We saw the fire", "body"),
        ("Soldiers and police later closed", "body"),
        ("The army said it would publish", "body"),
        ("With reports from", "boilerplate"),
    ],
)
def test_tabloid_captions_and_top_bullets_without_full_stops(start, kind):
    assert _kind(TABLOID, start) == kind


def _punctuated_story(extra: str, *, at: int = 3) -> str:
    body = [
        f"Officials said militants attacked the village of Kamango on day {i}, killing {i} people."
        for i in range(1, 8)
    ]
    body.insert(at, extra)
    return "\n\n".join(body)


def test_one_paragraph_without_a_full_stop_is_body_text_that_lost_it():
    text = _punctuated_story("The army said reinforcements were on their way to the district")
    assert _kind(text, "The army said reinforcements") == "body"


def test_headlines_subheads_and_tweets_without_full_stops_stay_body():
    extras = [
        "Army Retakes Key Town After Week Of Heavy Fighting In The East",  # Title Case
        "ARMY RETAKES KEY TOWN AFTER A WEEK OF FIGHTING",  # capitals
        "Residents say the fighting has stopped for now #Kamango pic.twitter.com/abc123",
        "3. The army has retaken the town after a week of heavy fighting",  # a numbered item
        "Nine injured as drones hit the city",  # a short heading in sentence case
    ]
    text = _punctuated_story("\n\n".join(extras))
    for extra in extras:
        assert _kind(text, extra) == "body", extra


def test_a_text_without_punctuated_body_is_left_alone():
    text = "\n\n".join(
        f"Militants attacked the village of Kamango on day {i} and killed {i} people"
        for i in range(1, 8)
    )
    assert {p.kind for p in classify_paragraphs(text)} == {"body"}


def test_run_in_labels_that_are_datelines_speakers_or_speech_stay_body():
    story = [
        "Beirut: Security forces detained a woman near the border, officials said on Tuesday.",
        "Police said she was travelling with two children and a driver.",
        "Fled: Residents leave the border village on foot after the shelling",
        "Stranded: A family waits for a bus at the edge of the village on Monday",
        "Omar Haddad: We did not know who she was when she came to the checkpoint.",
        "The minister added: 'We will say more once the tests are complete.'",
        "The statement read: \u201cThe woman is being questioned by investigators.\u201d",
        "Doctors said the tests would take several days to complete.",
        "A charity said the children had been placed in its care.",
    ]
    text = "\n\n".join(story)
    kinds = [_kind(text, s[:12]) for s in story]
    assert kinds == ["body", "body", "caption", "caption"] + ["body"] * 5


def test_a_headline_and_an_outlet_line_at_the_top_are_not_summary_bullets():
    text = _punctuated_story(
        "Kamango: what we know after four days of fighting\n\nGreat Lakes Monitor - weekly brief",
        at=0,
    )
    assert [p.kind for p in classify_paragraphs(text)][:2] == ["body", "body"]
