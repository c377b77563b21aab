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


def test_replacement_names_are_drawn_stably_and_share_no_word_with_the_original():
    pool = ["Laurence Mark", "Reggie Bush", "Tony Thompson", "Jim Smith"]
    picked = bench.stable_pick([p for p in pool if not bench._shares_word(p, "Mark Teixeira")], "case-1", 2)
    assert "Laurence Mark" not in picked and len(picked) == 2
    # a name that ranks below the picks, added to or dropped from the pool, changes nothing
    ranked = bench.stable_pick(pool + ["Al Jones"], "case-1", 5)
    later = ranked[-1]
    assert bench.stable_pick([p for p in pool + ["Al Jones"] if p != later], "case-1", 2) == ranked[:2]
