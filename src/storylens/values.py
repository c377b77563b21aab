"""Numbers and dates read from parsed sentences, normalised so two reports can be compared.

A quantity is anchored to the noun it counts ("14 people" -> people) or the verb it completes
("killing 14" -> kill): only quantities with the same anchor are compared, and an approximate one
("nearly 100") matches any value within 15 %. Ages ("Reid, 33," / "He was 75."), which spaCy tags
DATE or CARDINAL, are quantities too, anchored to the person's name (or to "age" after a pronoun);
any other bare number of up to three digits that spaCy tags DATE ("Green had 14") is a count.
A number hyphened to a unit before a noun ("a 7 - yard touchdown pass") measures that one thing:
a MEASURE, anchored to unit and noun, never compared with a total ("passes for 364 yards"),
except "a 40 - year - old American", an age. A range ("three or four robbers", "five to seven")
agrees with any value inside it; a breakdown by nationality ("12 Somali and 11 Yemeni pirates")
anchors each count to its nationality.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from storylens.speakers import SUBJECT_DEPS

NUMERIC_LABELS = {"CARDINAL", "MONEY", "PERCENT"}  # QUANTITY mixes units: anchored to its unit
MAX_AGE = 120
AGE_TOLERANCE = 1  # years: "Sixty-year-old" / "61-year-old" may be a birthday between two reports
# Counts of the same outcome worded differently ("Three killed" / "eight dead" / "14 people died")
# share one anchor: death and injury tolls are the numbers readers compare most.
TOLL_ANCHORS = {"kill": "dead", "die": "dead", "dead": "dead", "death": "dead", "life": "dead",
                "fatality": "dead", "suffocate": "dead", "drown": "dead", "perish": "dead",
                "asphyxiate": "dead", "injure": "injured", "injured": "injured", "wound": "injured",
                "wounded": "injured", "hurt": "injured"}
NOT_ONE_COUNT = re.compile(r"\d\s*[:\-/]|[:\-/]\s*\d|\d(?:st|nd|rd|th)\b")  # times, scores, ranges, ordinals
FUSED = re.compile(r"\d[a-z]{2,}")  # a number grown into a word is a name: "the 76ers", "49ers"
APPROX = {"nearly", "about", "around", "almost", "roughly", "approximately", "some", "over",
          "more", "less", "fewer", "least", "most", "up", "estimated", "close", "under",
          "upwards", "than", "some", "roughly", "circa", "c.", "~", "dozens", "hundreds",
          "thousands", "millions", "several", "few"}
APPROX_TOLERANCE = 0.15
# A running count ("has won 100 delegates so far", "as of Tuesday, 12 people had died") holds at
# one moment of a story that moves: read like an approximate one, it bounds rather than contradicts.
RUNNING = re.compile(r"\b(?:so far|thus far|to date|as of|up to now|until now|running (?:total|tally))\b", re.IGNORECASE)
# "fell a further 2 percent", "another 5 people were killed": a change on top of an earlier figure,
# not the total another report gives ("have fallen 9 percent since"). Like a superlative
# (`_picked_out`), it qualifies the anchor: "fall|further" meets only another "fall|further".
INCREMENT = {"further", "another", "additional", "extra"}
# "seven AK-47 rifles, two other rifles": the rest of a set counts something else than the set.
REST_OF_SET = {"other"}
WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen".split())}
WORDS.update({w: 10 * (i + 2) for i, w in enumerate(
    "twenty thirty forty fifty sixty seventy eighty ninety".split())})
WORDS.update({"a": 1, "an": 1})
SCALES = {"dozen": 12, "hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
          "trillion": 10**12, "k": 1_000, "m": 1_000_000, "bn": 1_000_000_000, "mm": 1_000_000}
MONTHS = {m: i + 1 for i, m in enumerate(
    "january february march april may june july august september october november december".split())}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9
WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}


@dataclass(frozen=True, slots=True)
class Quantity:
    anchor: str  # lemma of the counted noun or completed verb, with the unit kind
    about: str  # "number of people killed"
    text: str  # as written: "nearly 100"
    value: float
    approx: bool
    upper: float | None = None  # the top of a range ("three or four robbers": 3 to 4)


# Separators a tokenised corpus spaces out inside one number ("1, 400", "6. 4"); within one entity
# they still join its digits: summed as words are, they would read 401 and 10.
SPACED_THOUSANDS = re.compile(r"(?<=\d), (?=\d{3}(?!\d))")
SPACED_DECIMAL = re.compile(r"(?<=\d)\. (?=\d)")


def parse_number(text: str) -> float | None:
    """"14", "1,200", "2.6 million", "two", "twenty-one", "$108m" -> float; None if not a number."""
    total, current, seen = 0.0, 0.0, False
    text = SPACED_DECIMAL.sub(".", SPACED_THOUSANDS.sub(",", text))
    for word in re.findall(r"\d[\d,]*(?:\.\d+)?|[a-z]+", text.lower().replace("-", " ")):
        if word[0].isdigit():
            current += float(word.replace(",", ""))
        elif word in WORDS and not (word in {"a", "an"} and seen):
            current += WORDS[word]
        elif word in SCALES and (seen or current):
            current = (current or 1) * SCALES[word]
            if SCALES[word] >= 1000:
                total, current = total + current, 0.0
        else:
            continue
        seen = True
    return total + current if seen else None


def same_quantity(x: Quantity, y: Quantity) -> bool:
    if x.value == y.value:
        return True
    if x.anchor.startswith("AGE:") and abs(x.value - y.value) <= AGE_TOLERANCE:
        return True  # a birthday between two reports
    if x.upper is not None or y.upper is not None:
        # a range agrees with any value or range it overlaps: "three or four" / "four"
        return x.value <= (y.upper or y.value) and y.value <= (x.upper or x.value)
    if x.approx or y.approx:
        return abs(x.value - y.value) <= APPROX_TOLERANCE * max(abs(x.value), abs(y.value))
    return _rounded(x.value, y.value) or _rounded(y.value, x.value)


ROUNDING_TOLERANCE = 0.05


def _rounded(round_value: float, exact: float) -> bool:
    """`round_value` is `exact` rounded ("600 were killed" / "killing 612"): it rounds to it at the
    unit of its trailing zeros, within 5% ("1,000" is no rounding of 1,400)."""
    if round_value < 100 or round_value != int(round_value):
        return False
    unit = 10 ** (len(str(int(round_value))) - len(str(int(round_value)).rstrip("0")))
    return unit >= 10 and abs(round_value - exact) <= min(unit / 2, ROUNDING_TOLERANCE * round_value)


def quantities(doc: Any) -> list[Quantity]:
    found = magnitudes(doc.text)
    spans = [(q.start, q.end) for q in found] + [(n.start, n.end) for n in numbered_names(doc.text, doc)]
    out: list[Quantity] = list(found)
    ages = {ent.start: age for ent in doc.ents if (age := _any_age(ent))}
    tops = {ent.start: top for ent in doc.ents if (top := _range_top(ent)) is not None}
    closing = {top.i for top in tops.values()}
    running = bool(RUNNING.search(doc.text))
    nationalities = _nationality_counts(doc)
    for ent in doc.ents:
        if any(ent.start <= i < ent.end for i in closing):
            continue  # "four" of "three or four": the top of a range read with its bottom
        if any(start < ent.end_char and ent.start_char < end for start, end in spans):
            continue  # a magnitude, read whole above, or the number of a name ("Flight 370"): no count
        if ent.label_ in {"QUANTITY", "CARDINAL", "DATE"} and (hyphened := _hyphen_measure(doc, ent)):
            out.append(hyphened)  # "a 7 - yard pass", "a 57 - year - old woman": one measure
            continue
        if ent.label_ == "QUANTITY":
            out += [q for q in [_measure(ent)] if q]
            continue
        if ent.label_ == "DATE" and (term := _term(ent)) is not None:
            out.append(term)  # "The MPs' term of office is five years"
            continue
        if ent.start in ages or not (ent.label_ in NUMERIC_LABELS or _bare_count(ent)):
            continue
        if NOT_ONE_COUNT.search(ent.text) or FUSED.search(ent.text) or _joined(doc, ent) or _not_a_count(ent) \
                or _rank_or_member(doc, ent):
            continue  # clock times, scores, ranges, "15, 800 - square - metre": not one count
        if ent.label_ == "MONEY" and _conversion(doc, ent):
            continue  # "85 million euros ($108 million)": the same sum in another currency
        value = parse_number(ent.text)
        anchor = nationalities.get(ent.end) or _anchor(ent)
        if value is None or anchor is None:
            continue
        top = tops.get(ent.start)
        upper = parse_number(top.text) if top is not None else None
        if (bounds := _range_bounds(ent.text)) is not None:
            value, upper = bounds
        words = {t.lower_ for t in ent} | {t.lower_ for t in doc[max(0, ent.start - 2) : ent.start]}
        approx = running or bool(words & APPROX)
        if (increment := min(words & INCREMENT, default=None)) and "|" not in anchor[0]:
            anchor = (f"{anchor[0]}|{increment}", f"{anchor[1]} ({increment})")
        elif _whole_of_part(ent) and "|" not in anchor[0]:
            anchor = (f"{anchor[0]}|whole", f"{anchor[1]} (in all)")
        elif (means := _by_means(ent)) and "|" not in anchor[0]:
            anchor = (f"{anchor[0]}|by {means}", f"{anchor[1]} (by {means})")
        label = "CARDINAL" if ent.label_ == "DATE" else ent.label_
        if label == "MONEY":
            label += f"-{currency(doc, ent)}"  # euros are compared with euros only
        text = doc[ent.start : top.i + 1].text if top is not None else ent.text
        out.append(Quantity(f"{label}:{anchor[0]}", anchor[1], text, value, approx,
                            upper if upper is not None and upper > value else None))
    return out + list(ages.values())


# Nouns counted in the singular ("26 Somali crew", "300 staff", "two aircraft").
SINGULAR_COUNTS = frozenset({"crew", "staff", "personnel", "aircraft", "cattle", "livestock", "sheep", "deer", "fish"})


def _not_a_count(ent: Any) -> bool:
    """A whole number before a singular noun ("a 999 call": a count would make it plural) or a
    difference ("five rounds sooner", "10 points higher"): neither counts what the noun names. A
    number after its noun, a decimal or a number on a scale is a value ("Flight 370", "a 5.1
    tremor", "a magnitude 6 quake") and stays."""
    root, head = ent.root, ent.root.head
    value = parse_number(ent.text)
    scaled = any(c.dep_ in {"nmod", "compound"} and c.i < root.i for c in head.children)  # "a magnitude 6 quake"
    if ent.label_ == "CARDINAL" and head.tag_ == "NN" and root.dep_ == "nummod" and root.i < head.i \
            and value is not None and value != 1 and value == int(value) and not scaled \
            and head.lemma_.lower() not in SINGULAR_COUNTS:
        return True
    return head.dep_ == "npadvmod" and head.head.tag_ in {"JJR", "RBR"}


RANK_WORDS = {"no.", "no", "number", "#"}


def _rank_or_member(doc: Any, ent: Any) -> bool:
    """"the No. 2 official" ranks; "one of the most intriguing mysteries" picks a member of a
    set: neither counts anything."""
    words = [t.lower_ for t in doc[max(ent.start - 2, 0) : ent.start]]
    if words and (words[-1] in RANK_WORDS or words[-2:] == ["no", "."]):
        return True  # the tokenizer may split "No." in two
    member = any(c.dep_ == "prep" and c.lower_ == "of" for c in ent.root.children)
    return member and parse_number(ent.text) == 1


CURRENCY_WORDS = {"dollar": "usd", "euro": "eur", "pound": "gbp", "sterling": "gbp", "yen": "jpy", "yuan": "cny",
                  "renminbi": "cny", "rupee": "inr", "ruble": "rub", "rouble": "rub", "franc": "chf", "won": "krw"}
CURRENCY_SIGNS = {"$": "usd", "€": "eur", "£": "gbp", "¥": "jpy", "₹": "inr"}


def currency(doc: Any, ent: Any) -> str:
    """The currency of a sum ("usd", "eur", "c$" …), from its sign or word; "" when it names none."""
    for tok in list(ent) + ([doc[ent.end]] if ent.end < len(doc) else []):
        word = tok.lower_
        if word.endswith("$") and len(word) > 1:
            return word  # "US$", "C$", "HK$": dollars of a country
        if (code := _currency_code(word)) is not None:
            return code
    return ""


def _currency_code(word: str) -> str | None:
    """The currency a lower-case sign or word names ("€", "euros"), if any."""
    return CURRENCY_SIGNS.get(word) or CURRENCY_WORDS.get(word.removesuffix("s"))


def _conversion(doc: Any, ent: Any) -> bool:
    """A sum in brackets right after another sum: its conversion ("85 million euros ($108
    million)", "(74 million pounds)")."""
    i = ent.start - 1
    if i < 1 or doc[i].text != "(":
        return False
    before = doc[i - 1]
    return before.ent_type_ == "MONEY" or _currency_code(before.lower_) is not None


def _whole_of_part(ent: Any) -> bool:
    """The whole a part is taken from ("missing 10 of the Saints' 16 games", "44 of the 50
    delegates", "all 14 companies"): the set's size, never a count of what the part counts."""
    before = ent.doc[ent.start - 1] if ent.start > 0 else None
    if before is not None and before.lower_ == "all":
        return True  # "All 14 companies are now eligible": the whole set, not the five just added
    noun = ent.root.head
    return noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.like_num


def _by_means(ent: Any) -> str | None:
    """How the counted things came about, when the count says so ("51 wins coming by way of
    knockout", "30 goals by penalty"): those are some of all the wins or goals, not a count of
    them all ("a career record of 58 wins"). An agent ("arrested by police") qualifies nothing."""
    noun = ent.root.head
    if ent.root.dep_ != "nummod":
        return None
    for holder in (noun, *(c for c in noun.children if c.dep_ == "acl")):
        for prep in holder.children:
            if prep.dep_ == "prep" and prep.lower_ in {"by", "via"}:
                means = next((c for c in prep.children if c.dep_ == "pobj"), None)
                while means is not None and means.lower_ == "way":
                    means = next((p for c in means.children if c.dep_ == "prep" and c.lower_ == "of"
                                  for p in c.children if p.dep_ == "pobj"), None)
                if means is not None:
                    return means.lemma_.lower()
    return None


RANGE_WORDS = {"or", "to"}
RANGE_TEXT = re.compile(rf"^(.+?)\s+(?:{'|'.join(sorted(RANGE_WORDS))})\s+(.+)$", re.IGNORECASE)


def _range_bounds(text: str) -> tuple[float, float] | None:
    """Bottom and top of a range spaCy made one entity ("65 to 125", "$2 million or $3
    million"); `parse_number` would add the two."""
    found = RANGE_TEXT.match(text)
    if found is None:
        return None
    low, high = parse_number(found.group(1)), parse_number(found.group(2))
    return (low, high) if low is not None and high is not None and low < high else None


def _range_top(ent: Any) -> Any:
    """The number that closes a range opened by this one ("three or four robbers", "five to
    seven"): spaCy makes it a conjunct of the first, in an entity of its own."""
    root = ent.root
    if not root.like_num:
        return None
    after = root.doc[root.i + 1] if root.i + 1 < len(root.doc) else None
    if root.dep_ == "quantmod" and root.head.like_num and root.head.i >= ent.end and after is not None \
            and after.lower_ in RANGE_WORDS:
        return root.head  # "Five to seven people": "Five" and "to" modify "seven"
    if not any(c.dep_ == "cc" and c.lower_ in RANGE_WORDS for c in root.children):
        return None
    return next((c for c in root.children if c.dep_ == "conj" and c.like_num and c.i >= ent.end), None)


def _nationality_counts(doc: Any) -> dict[int, tuple[str, str]]:
    """A breakdown by nationality ("12 Somali and 11 Yemeni pirates"): each count is anchored to
    its nationality, whatever noun the parser hangs it from (it hangs "12" from "Somali" and "11"
    from "nationals" in "12 Somali and 11 Yemeni nationals"). Keyed by the end of the number's
    entity; only where two or more numbers each precede a different nationality."""
    out: dict[int, tuple[str, str]] = {}
    for ent in doc.ents:
        after = doc[ent.end] if ent.end < len(doc) else None
        if ent.label_ == "CARDINAL" and after is not None and after.ent_type_ == "NORP" and after.pos_ in {"ADJ", "PROPN"}:
            out[ent.end] = (after.lemma_.lower(), f"number of {after.text}")
    return out if len({anchor for anchor, _ in out.values()}) >= 2 else {}


BARE_NUMBER = re.compile(r"\d{1,3}")  # a number alone, as spaCy tags ages and some counts DATE


def _bare_count(ent: Any) -> bool:
    """A number alone that spaCy tagged DATE ("Danny Green had 14"): a count, unless it is a year."""
    return ent.label_ == "DATE" and bool(BARE_NUMBER.fullmatch(ent.text))


def _joined(doc: Any, ent: Any) -> bool:
    """Part of a wider number the tokenizer split ("20 - 13", "13 - play", "4, 183", "5. 2")."""
    after = doc[ent.end : ent.end + 2]
    before = doc[max(0, ent.start - 2) : ent.start]
    return (len(after) >= 1 and after[0].text in {"-", "–", ":", "/", ",", "."} and len(after) == 2
            and (after[1].like_num or after[0].text in {"-", "–"} and after[1].is_alpha and after[1].is_lower)) or (
        len(before) == 2 and before[1].text in {"-", "–", ":", "/", ",", "."} and before[0].like_num)


HYPHENS = {"-", "–"}


def _hyphen_measure(doc: Any, ent: Any) -> Quantity | None:
    """A number hyphened to its unit before a noun ("a 7 - yard touchdown pass", "a 57 - year -
    old woman", spaCy spacing the hyphens): a measure of that noun, anchored to unit and noun so
    that only the same thing's measure meets it ("9 - yard touchdown pass", never "35 - yard
    field goal"), and kept apart from totals ("passes for 364 yards": MEASURE, not QUANTITY).
    Ranges and scores ("20 - 13") have a digit after the hyphen: no measure."""
    number = next((t for t in ent if t.like_num), None)
    if number is None or number.i > 0 and (doc[number.i - 1].text in HYPHENS | {":", "/"}):
        return None
    if number.i > 1 and doc[number.i - 1].text == "," and doc[number.i - 2].like_num:
        return None  # "1, 400 - year": a tokenised thousand; "On Friday, 36 - year - old X" is an age
    words, i = [], number.i + 1  # the unit, and "old" after "year"
    while len(words) < 2 and i + 1 < len(doc) and doc[i].text in HYPHENS and doc[i + 1].is_lower and doc[i + 1].is_alpha:
        words.append(doc[i + 1])
        i += 2
    if not words or i < len(doc) and doc[i].text in HYPHENS:
        return None
    noun = words[-1]
    while not (noun.pos_ in {"NOUN", "PROPN"} and noun.i > words[-1].i):
        if noun.head.i == noun.i or noun.head.i < number.i:
            return None  # "took 13 - play": no noun measured
        noun = noun.head
    value = parse_number(number.text)
    if value is None:
        return None
    unit = "-".join(w.lower_ for w in words)
    approx = bool({t.lower_ for t in doc[max(0, number.i - 2) : number.i]} & APPROX)
    if unit == "year-old" and not approx:
        # "the 40 - year - old American", "61-year-old Sharron Smith": an age, compared like "Smith, 61"
        return Quantity(f"AGE:{noun.lemma_.lower()}", "age", f"{number.text}-year-old", value, False)
    # "the seven-year offers" (other teams') are several things: never the one "eight-year offer"
    several = "|several" if noun.tag_ in {"NNS", "NNPS"} else ""
    return Quantity(f"MEASURE:{unit}:{noun.lemma_.lower()}{several}", f"{unit} {noun.text}",
                    f"{number.text}-{unit}", value, approx)


TERM = re.compile(r"(\S+) (year|month|week|day|season)s?", re.IGNORECASE)
TERM_PREPOSITIONS = {"to", "for"}  # "sentenced to five years", "banned for two years"; not "in two years"


def _term(ent: Any) -> Quantity | None:
    """A length of time that is what the sentence gives ("the term is five years", "sentenced to
    ten years", "banned for two years"): a measure of the subject's or the verb's, compared as a term's
    ("a five-year term", `_hyphen_measure`). A span that dates something ("in two years", "five
    years ago", "for the past two years") is none."""
    match = TERM.fullmatch(ent.text)
    # a number with a glyph lost in encoding ("4\ufffd months" for 4½) is no number to compare
    value = parse_number(match.group(1)) if match and "\ufffd" not in match.group(1) else None
    root = ent.root
    if value is None or any(t.lower_ in {"ago", "old", "later", "earlier", "before", "after"} for t in root.children):
        return None
    if root.dep_ == "attr":
        owner = next((c for c in root.head.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    elif root.dep_ == "dobj" or root.dep_ == "pobj" and root.head.lower_ in TERM_PREPOSITIONS:
        owner = root.head if root.dep_ == "dobj" else root.head.head
    else:
        return None
    if owner is None or owner.pos_ not in {"NOUN", "PROPN", "VERB"}:
        return None
    unit = match.group(2).lower()
    return Quantity(f"MEASURE:{unit}:{owner.lemma_.lower()}", f"{unit} {owner.text}", ent.text, value, False)


def _measure(ent: Any) -> Quantity | None:
    """"205 yards" -> anchored to its unit and what it measures, so km never meets miles."""
    digits = " ".join(t.text for t in ent if t.like_num)
    value = parse_number(digits) if digits and not NOT_ONE_COUNT.search(ent.text) else None
    anchor = _anchor(ent)
    if value is None or anchor is None:
        return None
    unit = ent[-1].lemma_.lower()
    approx = bool({t.lower_ for t in ent} & APPROX)
    return Quantity(f"QUANTITY:{unit}:{anchor[0]}", f"{unit} {anchor[1].removeprefix('number ')}", ent.text, value, approx)


def _age(ent: Any) -> Quantity | None:
    """A bare number (tagged DATE or CARDINAL) that is someone's age: "Reid, 33, ..." or "He was 75."."""
    if ent.label_ not in {"DATE", "CARDINAL"} or not BARE_NUMBER.fullmatch(ent.text):
        return None
    if not 0 < int(ent.text) <= MAX_AGE:
        return None
    head, doc = ent.root.head, ent.doc
    named = ent.start >= 2 and doc[ent.start - 1].text == "," and doc[ent.start - 2].ent_type_ == "PERSON" \
        and ent.end < len(doc) and doc[ent.end].pos_ == "AUX"  # not a record: "Klitschko, 58 - 3"
    if ent.root.dep_ == "appos" and head.pos_ == "PROPN":
        anchor = head.lemma_.lower()  # the surname: "Lo Presti, 52" and "Gaetano Lo Presti, 52"
    elif named:
        anchor = doc[ent.start - 2].lemma_.lower()  # "Andrew Lopez, 20 was found guilty", its comma left out
    elif ent.root.dep_ in {"attr", "acomp"} and head.lemma_ == "be" and any(
        c.dep_ == "nsubj" and c.pos_ in {"PRON", "PROPN"} for c in head.children
    ):
        anchor = "age"
    else:
        return None
    return Quantity(f"AGE:{anchor}", "age", ent.text, float(ent.text), False)


AGE_PHRASE = re.compile(r"(?:the )?age (?:of )?(\d{1,3})", re.IGNORECASE)
DEATH_WORDS = frozenset({"die", "dies", "died", "dead"})  # "died at 95": the number after "at" is an age


def _stated_age(ent: Any) -> tuple[Quantity, Any] | None:
    """An age the words say is one ("died at the age of 95", "has died at age 95", "dies at 91",
    "Smith, aged 75,", "died on Monday aged 75"), and whose it is: the subject of the verb it hangs
    on, or the noun "aged" or "dead" follows. The words make it an age, so no bound applies (a
    report's "at age 152" is a figure to check, not a count). Anchored like `_age`: a name's last
    word, else "age"."""
    root, holder = ent.root, None
    if (match := AGE_PHRASE.fullmatch(ent.text)) is not None:
        value = float(match.group(1))
        if root.dep_ == "pobj" and root.head.dep_ == "prep":
            holder = _subject(root.head.head)
    elif BARE_NUMBER.fullmatch(ent.text) and root.dep_ == "pobj" and root.head.lower_ == "at" \
            and root.head.head.lower_ in DEATH_WORDS:
        # "Esther Williams, swimming star, dies at 91", "… dead at 95": an age, not a toll of 91
        value, died = float(ent.text), root.head.head
        holder = died.head if died.pos_ == "ADJ" else _subject(died)
    elif BARE_NUMBER.fullmatch(ent.text) and root.head.lower_ == "aged":
        value, aged = float(ent.text), root.head
        # "Smith, aged 75,": the name; "died in her sleep aged 91": the subject of the verb
        holder = aged.head if aged.head.pos_ == "PROPN" else _subject(next(
            (t for t in aged.ancestors if t.pos_ in {"VERB", "AUX"}), aged))
    else:
        return None
    if holder is not None and holder.pos_ != "PROPN":
        # "Golden girl of screen and pool, Esther Williams, has died": the name set beside it
        holder = next((c for c in holder.children if c.dep_ == "appos" and c.pos_ == "PROPN"), holder)
    anchor = holder.lemma_.lower() if holder is not None and holder.pos_ == "PROPN" else "age"
    return Quantity(f"AGE:{anchor}", "age", ent.text, value, False), holder


def stated_ages(doc: Any) -> list[Quantity]:
    """The ages a sentence's words say are ages (`_stated_age`)."""
    return [stated[0] for ent in doc.ents if (stated := _stated_age(ent)) is not None]


def _any_age(ent: Any) -> Quantity | None:
    stated = _stated_age(ent)
    return stated[0] if stated is not None else _age(ent)


def _subject(verb: Any) -> Any:
    """The verb's subject, or that of the verb it is joined to ("X crossed the line and died")."""
    while True:
        subject = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
        if subject is not None or verb.dep_ != "conj":
            return subject
        verb = verb.head


def person_ages(doc: Any) -> list[tuple[str, Quantity]]:
    """(full name, age) for each person given an age by name: "John Jenkin, 23," or "61-year-old
    Sharron Smith". A surname alone is left out: in a family story it names several people."""
    people = [e for e in doc.ents if e.label_ == "PERSON" and len(e) >= 2]
    out = []
    for ent in doc.ents:
        if (stated := _stated_age(ent)) is not None:
            age, holder = stated
        else:
            age = _age(ent) if ent.root.dep_ == "appos" else _hyphen_measure(doc, ent)
            if age is None or not age.anchor.startswith("AGE:"):
                continue
            holder = ent.root.head if ent.root.dep_ == "appos" else _measured_noun(doc, ent)
        person = next((p for p in people if holder is not None and p.start <= holder.i < p.end), None)
        if person is not None:
            out.append((person.text, age))
    return out


def _measured_noun(doc: Any, ent: Any) -> Any:
    """The noun a "23 - year - old" measure modifies: the next proper noun's head within reach,
    also after one common noun naming the person's role ("her 20-year-old daughter Kathryn")."""
    i = ent.end
    while i < len(doc) and (doc[i].text in HYPHENS or doc[i].lower_ in {"year", "years", "old"}):
        i += 1
    if i + 1 < len(doc) and doc[i].pos_ == "NOUN" and doc[i + 1].pos_ == "PROPN":
        i += 1
    return doc[i] if i < len(doc) and doc[i].pos_ == "PROPN" else None


KIN_WORDS = {"mom": "mother", "mum": "mother", "mommy": "mother", "mummy": "mother", "dad": "father", "daddy": "father"}


def _anchor(ent: Any) -> tuple[str, str] | None:
    """(anchor lemma, readable "what it counts") for a numeric entity, or None if unattached."""
    inside = {t.i for t in ent}
    head = ent.root
    toll = [c for c in head.children if c.i not in inside and c.lemma_.lower() in TOLL_ANCHORS]
    if toll:  # headlines parse "Three killed", "Ten dead" with the number as the root
        anchor = TOLL_ANCHORS[toll[0].lemma_.lower()]
        return anchor, f"number {anchor}"
    if (counted := _partitive(head)) is not None:
        return counted.lemma_.lower(), f"number of {counted.text}"  # "on three of the skiffs": skiffs
    while head.i in inside or head.pos_ in {"NUM", "SYM", "ADP", "ADJ"}:
        if head.i not in inside and head.lemma_.lower() in TOLL_ANCHORS:
            break  # "eight dead"
        if head.head.i == head.i:
            return None
        head = head.head
    lemma = head.lemma_.lower()
    lemma = KIN_WORDS.get(lemma, lemma)  # "a mom of 12" / "a mother of 12": one count of her children
    if lemma in TOLL_ANCHORS:
        return TOLL_ANCHORS[lemma], f"number {TOLL_ANCHORS[lemma]}"
    if head.pos_ in {"NOUN", "PROPN"}:
        verb = head.head
        about = f"number of {head.text}"
        if head.dep_ in {"nsubj", "nsubjpass", "dobj"} and verb.lemma_.lower() in TOLL_ANCHORS:
            toll = TOLL_ANCHORS[verb.lemma_.lower()]  # "14 people were killed" = "killing 14"
            return toll, f"number {toll}"
        if head.dep_ in {"nsubj", "nsubjpass"} and verb.pos_ == "VERB":
            about += f" {verb.text}"
        picked = _picked_out(head)
        return (f"{lemma}|{picked}", f"{about} ({picked})") if picked else (lemma, about)
    if head.pos_ == "VERB":
        return lemma, f"number {head.text}"
    return None


def _partitive(number: Any) -> Any:
    """The plural noun a number picks its part of ("three [of the skiffs]", "nine of them" has
    none): the part is a count of those things, whatever the phrase hangs on."""
    if number.pos_ != "NUM":
        return None
    of = next((c for c in number.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    noun = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    return noun if noun is not None and noun.tag_ in {"NNS", "NNPS"} else None


def _picked_out(noun: Any) -> str | None:
    """The superlative or ordinal that picks one member out of a set ("the strongest, a magnitude
    5.1 tremor", "the largest aftershock, a 5.1 tremor", "the second victim"): its number is that
    member's, never the plain one's ("the magnitude 6.4 tremor"); likewise "other" (`REST_OF_SET`)."""
    for word in [noun] + ([noun.head] if noun.dep_ == "appos" else []):
        for t in [word, *(c for c in word.children if c.dep_ == "amod")]:
            if t.tag_ == "JJS" or t.ent_type_ == "ORDINAL" or t.lower_ in REST_OF_SET:
                return t.lower_
    return None


@dataclass(frozen=True, slots=True)
class DateValue:
    text: str
    year: int | None
    month: int | None
    day: int | None
    weekday: str | None
    end: DateValue | None = None  # the last day of a span ("from October 26 to November 20")

    def clashes(self, other: DateValue) -> bool:
        """Disagree at a granularity both give; "Monday" vs "March 3" never clashes. Two spans
        clash where their first or last days do; a day and a span where the day lies outside it."""
        if self.end is not None or other.end is not None:
            return _spans_clash(self, other)
        if self.year and other.year and self.year != other.year:
            return True
        if self.month and other.month:
            if self.month != other.month:
                return True
            return bool(self.day and other.day and self.day != other.day)
        # Two weekdays name two different days whatever else is given ("Saturday" / "Monday, July
        # 24"); a weekday against a bare date never clashes ("Monday" / "March 3").
        return bool(self.weekday and other.weekday and self.weekday != other.weekday)


def _first_day(span: DateValue) -> DateValue:
    return replace(span, end=None)


def _spans_clash(x: DateValue, y: DateValue) -> bool:
    if x.end is not None and y.end is not None:
        return _first_day(x).clashes(_first_day(y)) or x.end.clashes(y.end)
    span, day = (x, y) if x.end is not None else (y, x)
    first, last = _first_day(span), span.end or span
    if not (day.clashes(first) and day.clashes(last)):
        return False  # the span's first or last day, or a day no grain tells apart
    if not (first.month and day.month and last.month):
        return False  # "Monday to Friday" / "Wednesday": inside or not, the words do not say
    with_years = bool(first.year and day.year and last.year)
    start, at, end = (_calendar_key(v, with_years) for v in (first, day, last))
    return not start <= at <= end


def _calendar_key(value: DateValue, with_year: bool) -> tuple[int, ...]:
    """(year,) month, day to order the days of one span by (a month alone: its first day)."""
    return ((value.year or 0,) if with_year else ()) + (value.month or 0, value.day or 1)


# "from October 26 to November 20", "Oct. 26-Nov. 20", "between January and February", "3 to 5 June"
SPAN = re.compile(r"\s+(?:to|through|thru|until|till|and)\s+|\s*[-–]\s*(?=[A-Za-z])", re.IGNORECASE)


def date_value(text: str) -> DateValue | None:
    """A calendar date or weekday named in a DATE entity, or a span of them (its first day, with
    its last as `end`); None for ages, lengths of time, "last week"."""
    parts = SPAN.split(text, maxsplit=1)
    if len(parts) == 2 and (last := _one_date(parts[1])) is not None:
        first = _one_date(parts[0])
        if first is None and last.month and (day := re.fullmatch(r"\D*(\d{1,2})\D*", parts[0])):
            first = replace(last, day=int(day.group(1)))  # "3 to 5 June": the month is the last day's
        if first is not None:
            if first.year is None and last.year is not None and first.month and last.month:
                # "October 26 to November 20, 2011": the year is the last day's (the one before,
                # where the span turns the year: "December 20 to January 5, 2012")
                first = replace(first, year=last.year - (first.month > last.month))
            return replace(first, text=text, end=last)
    return _one_date(text)


def _one_date(text: str) -> DateValue | None:
    words = re.findall(r"[a-z]+|\d+", text.lower())
    if {"old", "years", "days", "weeks", "months", "ago", "decades", "hours"} & set(words):
        return None
    month = next((MONTHS[w] for w in words if w in MONTHS and w != "may" or w == "may"
                  and len(words) > 1), None)
    year = next((int(w) for w in words if w.isdigit() and len(w) == 4 and 1800 < int(w) < 2200), None)
    day = next((int(w) for w in words if w.isdigit() and len(w) <= 2 and 1 <= int(w) <= 31), None)
    weekday = next((w for w in words if w in WEEKDAYS), None)
    if month is None:
        day = None  # a bare number next to "Monday" is not a day of the month
    if not (year or month or weekday):
        return None
    return DateValue(text, year, month, day, weekday)


# Words a publication stamp holds besides its date ("Published: July 28, 2004 11:10 am EDT").
STAMP_WORDS = {"published", "updated", "posted", "last", "at", "gmt", "bst", "et", "est", "edt", "pm", "am", "p", "m"}


def stamp_date(text: str) -> DateValue | None:
    """The date of a publication stamp or dateline ("Published July 28, 2004", "WASHINGTON, DC,
    April 28, 2009": a date with at most one other word besides stamp words and an upper-case
    city); None for any other line."""
    words = [w for w in re.findall(r"[A-Za-z]+", text)
             if w.lower() not in MONTHS and w.lower() not in WEEKDAYS and w.lower() not in STAMP_WORDS
             and not (len(w) > 1 and w.isupper())]
    return date_value(text) if len(words) <= 1 else None


def stamps_disagree(a: DateValue | None, b: DateValue | None) -> bool:
    """Two publication stamps (`stamp_date`) of different days: two articles' dates, not one fact."""
    return a is not None and b is not None and a.clashes(b)


# --- magnitudes and numbered names ------------------------------------------------------------

# A quake's magnitude, however worded: "a 6.4-magnitude quake", "a magnitude 6.4 quake", "with a
# magnitude of 6.2", "measuring 6.4 on the Richter scale", "registered 6.1". spaCy cuts these
# into pieces anchored apart ("6.4-magnitude" a QUANTITY of the quake, "6.2" of nothing), so one
# quake's strength never met itself in another wording. A pattern, like clock times below.
MAGNITUDE_VALUE = r"(?P<{}>\d(?:\.\s?\d)?)(?!\s*[,.]?\s*\d)"  # "6.4"; a tokenised corpus writes "6. 4"
MAGNITUDE = re.compile(
    r"\bmagnitude(?:\s*-\s*|\s+of\s+|\s+at\s+|\s+)" + MAGNITUDE_VALUE.format("after")
    + r"|\b(?:measur|register)(?:ing|ed|es|s)?\s+(?:(?P<hedge>at\s+least|about|around|nearly|some)\s+)?"
    r"(?:magnitude\s*-?\s*)?" + MAGNITUDE_VALUE.format("measured")
    + r"|(?<![\d.,]\s)(?<![\d.,])" + MAGNITUDE_VALUE.format("before")  # not the tail of "31, 000"
    + r"\s*(?:-\s*)?(?:magnitude\b|(?:degrees\s+)?on\s+the\s+Richter\b)",
    re.IGNORECASE,
)
QUAKE = re.compile(r"\b(?:quake|earthquake|tremor|temblor|shock|aftershock|Richter)s?\b", re.IGNORECASE)
AFTERSHOCK = re.compile(r"\baftershocks?\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Magnitude(Quantity):
    start: int = 0  # character offsets in the sentence
    end: int = 0


def magnitudes(text: str) -> list[Magnitude]:
    """The quake magnitudes a sentence gives, all on one anchor. A sentence that speaks of
    aftershocks anchors its magnitudes apart: an aftershock's strength is not the quake's."""
    if not QUAKE.search(text) and "magnitude" not in text.lower():
        return []
    anchor = "CARDINAL:magnitude" + ("|aftershock" if AFTERSHOCK.search(text) else "")
    out = []
    for m in MAGNITUDE.finditer(text):
        group = next(g for g in ("after", "measured", "before") if m.group(g))
        if group == "measured" and not QUAKE.search(text):
            continue  # "measuring 6 feet"
        value = float(re.sub(r"\s", "", m.group(group)))
        before = re.findall(r"[a-z]+", text[max(0, m.start() - 20) : m.start()].lower())[-2:]
        approx = bool(m.group("hedge")) or bool(APPROX & set(before))
        out.append(Magnitude(anchor, "magnitude", m.group(group), value, approx, None, m.start(group), m.end(group)))
    return out


# A name with a number that says which one ("Internet Explorer 8", "IE8", "Flight 370", "Windows
# 8.1", "Category 4"): it counts nothing, and spaCy tags the number a count of nothing. A list
# shares the name: "Internet Explorer 8 and 9". Not a date ("March 8"), a year, a sentence's first
# word ("In 2003"), a score or a share ("Sixers 43 - 39", "Obama 52 percent").
NUMBERED = re.compile(
    r"(?<![\w.])(?P<name>(?:[A-Z][\w&]*\s){0,2}[A-Z][A-Za-z&]*?)\s?(?P<number>\d{1,4}(?:\.\d+)?){AFTER}"
    r"(?P<more>(?:\s*(?:,\s*(?:and\b|or\b)?|\band\b|\bor\b|&|\bto\b|\bthrough\b|\bthru\b)\s*\d{1,4}(?:\.\d+)?{AFTER})*)".replace(
        "{AFTER}", r"(?![\w%]|[.,]\d|\s*-\s*\d|\s*(?:percent|per\s+cent|points?)\b)")
)
NOT_A_NAME = {"in", "on", "at", "by", "of", "the", "and", "or", "to", "for", "from", "since", "until", "after",
              "before", "about", "around", "over", "under", "with", "no", "all", "some", "only", "just", "nearly",
              "almost", "more", "than", "page", "chapter", "section", "article", "paragraph"}
NOT_A_NAME |= set(MONTHS) | WEEKDAYS | {d[:3] for d in WEEKDAYS}


@dataclass(frozen=True, slots=True)
class NumberedName:
    name: str  # "Internet Explorer"
    numbers: frozenset[str]  # {"8", "9"}
    text: str  # as written: "Internet Explorer 8 and 9"
    start: int = 0  # character offsets of its numbers in the sentence
    end: int = 0
    begin: int = 0  # and of its name


# What a name's number may number: "IE 8 and IE 13 versions" still names versions.
VERSION_NOUNS = {"version", "edition", "model", "release", "update", "series"}


def numbered_names(text: str, doc: Any = None) -> list[NumberedName]:
    """The numbered names a sentence gives, one per name and list; with the sentence's parse
    (`doc`), not a name followed by a count of something else ("into Kessler Bay 212 times")."""
    out = []
    for m in NUMBERED.finditer(text):
        if doc is not None and _counts_what_follows(doc, m.start("number")):
            continue
        words = m.group("name").split()
        while words and words[0].casefold() in NOT_A_NAME:
            words = words[1:]  # "In Windows 8" -> Windows
        numbers = [m.group("number")] + re.findall(r"\d{1,4}(?:\.\d+)?", m.group("more"))
        if RANGE.search(m.group("more")) and all(k.isdigit() for k in numbers):
            numbers = [str(k) for k in range(int(numbers[0]), int(numbers[-1]) + 1)]  # "IE6 to 10"
        if not words or words[-1].casefold() in NOT_A_NAME or len(words[-1]) < 2 or any(YEAR.fullmatch(n) for n in numbers):
            continue  # "A 32-year-old", "In 2003", "March 8"
        name = " ".join(words)
        begin = m.start("name") + m.group("name").rfind(name)
        out.append(NumberedName(name, frozenset(numbers), text[begin : m.end()], m.start("number"), m.end(), begin))
    return out


def _counts_what_follows(doc: Any, start: int) -> bool:
    """The number starting at this character is a count of a noun after it ("212 times")."""
    token = next((t for t in doc if t.idx == start), None)
    return token is not None and token.head.i > token.i and token.head.pos_ == "NOUN" \
        and token.head.lemma_.lower() not in VERSION_NOUNS


def numbered_by_name(text: str, doc: Any = None) -> list[NumberedName]:
    """A sentence's numbered names, one per name: "IE 8 and IE 13" is IE {8, 13}; "from IE6 to
    IE11" and "IE 6 through to the latest IE 11" are every version between."""
    merged: dict[str, NumberedName] = {}
    for n in numbered_names(text, doc):
        if (seen := merged.get(n.name)) is not None:
            numbers = seen.numbers | n.numbers
            if RANGE.search(text[seen.end : n.start]) and all(k.isdigit() for k in numbers):
                numbers = frozenset(str(k) for k in range(min(map(int, numbers)), max(map(int, numbers)) + 1))
            n = NumberedName(n.name, numbers, text[seen.begin : n.end], seen.start, n.end, seen.begin)
        merged[n.name] = n
    return list(merged.values())


YEAR = re.compile(r"(?:1[89]|20)\d\d")
RANGE = re.compile(r"\b(?:to|through|thru|until)\b")


def same_numbered_name(x: str, y: str) -> bool:
    """"Internet Explorer" / "IE" / "Explorer": one name, by its last word or its initials."""
    wx, wy = x.split(), y.split()
    if wx[-1].casefold() == wy[-1].casefold():
        return True
    def initials(words: list[str]) -> str:
        return "".join(w[0] for w in words).upper()
    return any(len(one) == 1 and one[0].isupper() and len(one[0]) >= 2 and one[0] == initials(other)
               for one, other in ((wx, wy), (wy, wx)))


# --- clock times -------------------------------------------------------------------------------

# "10:24 a.m.", "8:39am", "2 p.m.", "13:53", "1023 GMT", "noon", "midnight", with the zone after it
# ("GMT", "local time", "ET"). Written by hand: spaCy tags these TIME, DATE or CARDINAL at random
# ("8:39am" CARDINAL, "1353" DATE), and dateparser reads no zone-less military time.
ZONES = r"GMT|UTC|BST|CET|IST|[ECMP][SD]?T|local(?:\s+time)?"
CLOCK = re.compile(
    r"(?<![\w.:,])(?:(?P<h12>1[0-2]|0?[1-9])(?::(?P<m12>[0-5]\d))?\s*(?P<ampm>[ap])\.?\s?m\b\.?"
    r"|(?P<h24>[01]?\d|2[0-3]):(?P<m24>[0-5]\d)(?![\d:])"
    r"|(?P<hm>(?:[01]\d|2[0-3])[0-5]\d)(?=\s*(?:\((?:[01]\d|2[0-3])[0-5]\d\s*(?:GMT|UTC)\)|(?:GMT|UTC|hrs|hours)\b))"
    r"|(?P<word>noon|midnight))"
    rf"(?:\s*\(?(?P<zone>{ZONES})\b)?",
    re.IGNORECASE,
)
# Words that make a time a bound or a guess: "shortly after 2 p.m.", "about 10 a.m.", "by noon".
CLOCK_HEDGES = {"about", "around", "approximately", "roughly", "nearly", "almost", "shortly", "just", "after",
                "before", "by", "until", "till", "since", "from", "between", "and", "to", "late", "early",
                "circa", "some"}


@dataclass(frozen=True, slots=True)
class ClockTime:
    text: str
    start: int  # character offsets in the sentence
    end: int
    minutes: int  # minutes after midnight
    zone: str  # "local" where none is written
    before: tuple[str, ...]  # the two words before it, lower-cased ("shortly", "after")

    @property
    def approx(self) -> bool:
        return bool(CLOCK_HEDGES & set(self.before))


def clock_times(text: str) -> list[ClockTime]:
    """The times of day a sentence gives: "struck at 1353 (1023 GMT)" -> 13:53 local, 10:23 GMT."""
    out = []
    for m in CLOCK.finditer(text):
        if m.group("word"):
            minutes = 12 * 60 if m.group("word").lower() == "noon" else 0
        elif m.group("ampm"):
            hour = int(m.group("h12")) % 12 + (12 if m.group("ampm").lower() == "p" else 0)
            minutes = hour * 60 + int(m.group("m12") or 0)
        elif m.group("h24"):
            minutes = int(m.group("h24")) * 60 + int(m.group("m24"))
        else:
            minutes = int(m.group("hm")[:2]) * 60 + int(m.group("hm")[2:])
        zone = (m.group("zone") or "local").upper().replace("LOCAL TIME", "LOCAL").replace("UTC", "GMT")
        before = tuple(re.findall(r"[a-z]+", text[max(0, m.start() - 25) : m.start()].lower())[-2:])
        out.append(ClockTime(m.group(0).strip(" ("), m.start(), m.end(), minutes, zone.lower(), before))
    return out
