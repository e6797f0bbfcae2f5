"""Area hierarchy: what an area holds and what holds it, as the portal's filters use them."""

from __future__ import annotations

from conftest import EXAMPLE

from lpps_cli.model.term_match import broader_chain
from lpps_cli.reading.loader import load_registry


def test_an_area_and_its_broader_chain_are_every_area_that_holds_it():
    """What the portal's area filter uses in place of asking every term what it holds."""
    taxonomy = load_registry(EXAMPLE).taxonomy
    areas = taxonomy.vocabularies["areas"]

    def holders_of(area: str) -> set[str]:
        return {area, *broader_chain(taxonomy, "areas", area)}

    assert any(entry.get("broader") for entry in areas.terms.values()), "the example has a hierarchy"
    for area in areas.terms:
        assert holders_of(area) == {other for other in areas.terms if area in areas.narrower_or_self(other)}
    deepest = max(areas.terms, key=lambda a: len(holders_of(a)))
    assert len(holders_of(deepest)) >= 2
    assert holders_of("no-such-area") == {"no-such-area"}
