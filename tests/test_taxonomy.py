"""Area hierarchy: what an area holds and what holds it, as the portal's filters use them."""

from __future__ import annotations

from conftest import EXAMPLE
from lpps_cli.loader import load_registry


def test_broader_or_self_is_every_area_that_holds_it():
    areas = load_registry(EXAMPLE).taxonomy.vocabularies["areas"]
    assert any(entry.get("broader") for entry in areas.terms.values()), "the example has a hierarchy"
    for area in areas.terms:
        holders = {other for other in areas.terms if area in areas.narrower_or_self(other)}
        assert areas.broader_or_self(area) == holders
    deepest = max(areas.terms, key=lambda a: len(areas.broader_or_self(a)))
    assert len(areas.broader_or_self(deepest)) >= 2
    assert areas.broader_or_self("no-such-area") == {"no-such-area"}
