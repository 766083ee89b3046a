"""Fixtures shared by the extractor tests."""

from __future__ import annotations

import pytest

PUBLISHED = "2024-03-04"  # a Monday: the report date of the event tests


@pytest.fixture(scope="module")
def analyze(analyzer):
    """``analyze(text, published=PUBLISHED)``: the whole pipeline on one text."""

    def run(text: str, published: str = PUBLISHED):
        return analyzer.analyze(text, published=published)

    return run
