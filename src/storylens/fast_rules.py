"""A faster stand-in for spaCy's attribute_ruler, with the same output.

In `en_core_web_sm` the `attribute_ruler` (tag -> POS/morphology map plus ~120 word exceptions)
takes a tenth of the pipeline's time (benchmarks/pipeline.py), as much as the parser: spaCy's
`Matcher` tries every pattern at every token. Written here because no library offers it: the same
patterns are indexed by the value of one of their token attributes (a dict lookup per token), and
the matches are written through `Doc.to_array` / `Doc.from_array`, in the ruler's order (later
patterns win). (The rule lemmatizer, next in cost, was tried the same way, caching every lemma:
no gain, since its time goes to the first sight of each word, not to repeats.)

`speed_up(nlp)` swaps it in only where the pipeline's patterns use what is reproduced here
(equality, IN, NOT_IN and REGEX on TAG, LOWER, ORTH, DEP, IS_SPACE; fixed-length patterns);
otherwise spaCy's own component stays.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.parts_of_speech import IDS as POS_IDS
from spacy.tokens import Doc

MATCH_ATTRS = {"TAG": TAG, "LOWER": LOWER, "ORTH": ORTH, "DEP": DEP, "IS_SPACE": IS_SPACE}
SET_ATTRS = {"POS": POS, "MORPH": MORPH, "LEMMA": LEMMA, "TAG": TAG, "DEP": DEP}
ANCHOR_ORDER = ("LOWER", "ORTH", "TAG", "DEP", "IS_SPACE")  # most selective first


class Unsupported(ValueError):
    """A pattern this module does not reproduce: spaCy's component is kept."""


@dataclass(frozen=True, slots=True)
class _Test:
    column: int  # column in the token array
    values: frozenset[int] | None  # hashed values allowed (equality / IN) or, with `negate`, not allowed
    regex: re.Pattern[str] | None  # else a regex on the string value
    negate: bool = False


@dataclass(frozen=True, slots=True)
class _Rule:
    order: int  # later rules win, as in spaCy's AttributeRuler
    tests: tuple[tuple[_Test, ...], ...]  # one tuple of tests per token of the pattern
    anchor: int  # the pattern token whose attribute value indexes the rule
    target: int  # offset of the token whose attributes are set
    sets: tuple[tuple[int, int], ...]  # (column in the output array, value)


class FastAttributeRuler:
    """spaCy's AttributeRuler over the same patterns, indexed instead of matched everywhere."""

    def __init__(self, vocab: Any, patterns: list[dict[str, Any]]) -> None:
        self.vocab = vocab
        self.match_columns = sorted({attr for p in patterns for alt in p["patterns"] for tok in alt for attr in tok})
        self.set_columns = sorted({attr for p in patterns for attr in p["attrs"]})
        if not set(self.match_columns) <= MATCH_ATTRS.keys() or not set(self.set_columns) <= SET_ATTRS.keys():
            raise Unsupported("attribute")
        self._index: dict[tuple[int, int], list[_Rule]] = {}
        self._everywhere: list[_Rule] = []  # rules with no fixed value to index by: tried at every token
        self._regex_memo: dict[tuple[str, int], bool] = {}
        for order, pattern in enumerate(patterns):
            sets = tuple((self.set_columns.index(a), self._value(a, v)) for a, v in pattern["attrs"].items())
            for alternative in pattern["patterns"]:
                self._add(order, alternative, pattern.get("index", 0), sets)

    def _hash(self, attr: str, value: Any) -> int:
        if attr == "IS_SPACE":
            return int(bool(value))
        return int(self.vocab.strings.add(value))

    def _value(self, attr: str, value: Any) -> int:
        if attr == "POS":
            return POS_IDS[value]
        if attr == "MORPH":
            return int(self.vocab.morphology.add(value))
        return int(self.vocab.strings.add(value))

    def _test(self, attr: str, spec: Any) -> _Test:
        column = self.match_columns.index(attr)
        if not isinstance(spec, dict):
            return _Test(column, frozenset({self._hash(attr, spec)}), None)
        if set(spec) == {"IN"}:
            return _Test(column, frozenset(self._hash(attr, v) for v in spec["IN"]), None)
        if set(spec) == {"NOT_IN"}:
            return _Test(column, frozenset(self._hash(attr, v) for v in spec["NOT_IN"]), None, negate=True)
        if set(spec) == {"REGEX"} and attr != "IS_SPACE":
            return _Test(column, None, re.compile(spec["REGEX"]))
        raise Unsupported(f"{attr}: {spec}")

    def _add(self, order: int, alternative: list[dict[str, Any]], index: int, sets: tuple) -> None:
        if not alternative or any(not isinstance(tok, dict) or "OP" in tok for tok in alternative):
            raise Unsupported("operator")
        tests = tuple(tuple(self._test(attr, spec) for attr, spec in tok.items()) for tok in alternative)
        target = index if index >= 0 else len(alternative) + index
        if not 0 <= target < len(alternative):
            raise Unsupported("index")
        anchors = [(ANCHOR_ORDER.index(a), pos, a) for pos, tok in enumerate(alternative) for a, s in tok.items()
                   if not isinstance(s, dict) or set(s) == {"IN"}]
        if not anchors:  # only regexes ("^n[ou]thin'$"): rare, and memoised per word
            self._everywhere.append(_Rule(order, tests, 0, target, sets))
            return
        _, pos, attr = min(anchors)
        rule = _Rule(order, tests, pos, target, sets)
        anchor_test = next(t for t in tests[pos] if t.column == self.match_columns.index(attr))
        for value in anchor_test.values or ():
            self._index.setdefault((anchor_test.column, value), []).append(rule)

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        seen = doc.to_array([MATCH_ATTRS[a] for a in self.match_columns]).tolist()
        hits: list[tuple[int, int, _Rule]] = []
        for i, row in enumerate(seen):
            for column, value in enumerate(row):
                for rule in self._index.get((column, value), ()):
                    start = i - rule.anchor
                    if self._matches(rule, seen, start):
                        hits.append((rule.order, start, rule))
            for rule in self._everywhere:
                if self._matches(rule, seen, i):
                    hits.append((rule.order, i, rule))
        if not hits:
            return doc
        out = doc.to_array([SET_ATTRS[a] for a in self.set_columns])
        for _, start, rule in sorted(hits, key=lambda h: (h[0], h[1])):
            for column, value in rule.sets:
                out[start + rule.target, column] = value
        doc.from_array([SET_ATTRS[a] for a in self.set_columns], out)
        return doc

    def _matches(self, rule: _Rule, seen: list[list[int]], start: int) -> bool:
        if start < 0 or start + len(rule.tests) > len(seen):
            return False
        for offset, tests in enumerate(rule.tests):
            row = seen[start + offset]
            for test in tests:
                value = row[test.column]
                if test.values is not None:
                    if (value in test.values) == test.negate:
                        return False
                elif test.regex is None or not self._search(test.regex, value):
                    return False
        return True


    def _search(self, regex: re.Pattern[str], value: int) -> bool:
        key = (regex.pattern, value)
        found = self._regex_memo.get(key)
        if found is None:
            found = self._regex_memo[key] = regex.search(self.vocab.strings[value]) is not None
        return found


FAST_RULER = "storylens_attribute_ruler"


@Language.factory(FAST_RULER, default_config={"patterns": []})
def _make_ruler(nlp: Language, name: str, patterns: list[dict[str, Any]]) -> FastAttributeRuler:
    return FastAttributeRuler(nlp.vocab, patterns)


def speed_up(nlp: Language) -> list[str]:
    """Replace the pipeline's attribute_ruler by the stand-in above where it reproduces it;
    returns the names of the components replaced."""
    replaced = []
    if "attribute_ruler" in nlp.pipe_names:
        patterns = nlp.get_pipe("attribute_ruler").patterns
        try:
            FastAttributeRuler(nlp.vocab, patterns)
        except Unsupported:
            pass
        else:
            nlp.add_pipe(FAST_RULER, before="attribute_ruler", config={"patterns": patterns})
            nlp.remove_pipe("attribute_ruler")
            replaced.append("attribute_ruler")
    return replaced
