"""The perturbations of benchmarks/compare.py: a planted change must be exactly the one meant."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import compare as bench  # noqa: E402


def test_a_person_is_renamed_throughout_with_surname_and_first_name():
    text = "Vincent Jackson caught two passes. Jackson said Vincent was fine."
    assert bench._renamed(text, "Vincent Jackson", "Reggie Bush", person=True) == \
        "Reggie Bush caught two passes. Bush said Reggie was fine."


def test_a_new_name_sharing_a_word_with_the_old_is_not_rewritten_again():
    text = "The Angels offered first baseman Mark Teixeira a deal. Teixeira declined."
    assert bench._renamed(text, "Mark Teixeira", "Laurence Mark", person=True) == \
        "The Angels offered first baseman Laurence Mark a deal. Mark declined."


def test_a_place_is_renamed_whole_only():
    text = "Santa Rosa police said Rosa Street was closed."
    assert bench._renamed(text, "Santa Rosa", "Key Biscayne", person=False) == \
        "Key Biscayne police said Rosa Street was closed."
