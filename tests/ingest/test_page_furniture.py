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
