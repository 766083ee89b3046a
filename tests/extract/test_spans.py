"""entity_of finds a token's entity from its tags, as Doc.ents would, without scanning."""

from __future__ import annotations

from fogline.extract.spans import entity_of


def test_entity_of_agrees_with_doc_ents(analyzer):
    doc = analyzer.nlp(
        "Fighters of the Coordination of Azawad Movements seized Kidal in northern Mali on "
        "Sunday, Colonel Souleymane Dembélé of the Malian army told Reuters."
    )
    for tok in doc:
        expected = next((e for e in doc.ents if e.start <= tok.i < e.end), None)
        found = entity_of(tok)
        if expected is None:
            assert found is None, tok
        else:
            assert (found.start, found.end, found.label_) == (
                expected.start,
                expected.end,
                expected.label_,
            )
