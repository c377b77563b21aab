"""Two place names that can name one area (a suburb and its city, a town and its state or country)."""

from __future__ import annotations

import pytest

from storylens.gazetteer import areas, one_area


@pytest.mark.parametrize("a, b, same", [
    ("Malibu", "Los Angeles", True),  # 40 km apart
    ("Brooklyn", "New York", True),  # a borough and its state
    ("Staunton", "Virginia", True),
    ("Paris", "France", True),
    ("U.S.", "Staunton", True),  # an outlet's short form of the country
    ("Fla.", "Key Biscayne", True),  # an AP state abbreviation
    ("Paris", "Dubai", False),
    ("Washington", "Key Biscayne", False),  # no reading of Washington is near Key Biscayne
    ("Iran", "Germany", False),
    ("Cypress Park", "Los Angeles", False),  # unknown to the gazetteer: no say
    ("Italy", "Europe", True),  # a continent holds its countries and their towns
    ("Staunton", "North America", True),
    ("Tokyo", "Europe", False),
    ("Qeshm City", "Qeshm", True),  # a settlement word after a known name
    ("Bam", "Kerman province", True),  # the province Kerman lies in holds Bam, 190 km from the city
    ("Tehran", "Kerman province", False),
    ("Atlanta", "Fulton County", False),  # a US county is not its namesake towns' state: no say
])
def test_one_area(a, b, same):
    assert one_area(a, b) is same


def test_an_ambiguous_name_has_every_reading():
    assert len(areas("Washington")) > 2 and areas("Atlantis Sunk City") == ()
