"""Conflict detection on a development set larger than the labelled one (ECB+ dev, topics 1-35 only).

    .venv/bin/python benchmarks/conflict_dev.py [--stories 16] [--per-story 12] [--show FILE]

The labelled pairs of `benchmarks/compare.py` give 3 to 16 perturbed cases per kind and half: too
few to develop on. This set is made without labels from the gold stories that neither labelled
file uses: `--stories` of them (seeded), each run through `compare_story`; up to `--per-story`
cross-article sentence pairs that the brief puts in one fact and that align on their own (cosine
at least `align_threshold`) are drawn (seeded), and each pair is
perturbed exactly as `compare.py` does (one number, date, person, place or polarity of b changed)
and must be found in the two-article story. Since the pairs are the aligner's own, the rates are
detection given alignment, and some pairs are loose (two events of one story put in one fact), so
a miss is not always an error. False alarms: the share of the unmodified pairs flagged, and the
share of aligned sentence pairs flagged over the whole stories (real disagreements included).

This set is for development (the conflict rules of 2026-11-26 were written while reading its
misses); `compare.py`'s labelled report half is the number to quote. The remaining unlabelled
stories are run whole, for the share of their aligned sentence pairs flagged. Writes the "conflict_dev"
section of benchmarks/RESULTS.md; `--show FILE` writes every miss and story conflict to FILE.

A third set, labelled (`benchmarks/data/loose_pairs.jsonl`): pairs of these stories below the
align threshold that a reader judged one fact, perturbed alike; development data too.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import compare as labelled  # noqa: E402
from results import markdown_table, write_section  # noqa: E402

from storylens.compare import compare_story  # noqa: E402
from storylens.embed import load_encoder  # noqa: E402
from storylens.model import Article, Brief  # noqa: E402
from storylens.settings import Settings  # noqa: E402

LOOSE_PAIRS = labelled.LABELS / "loose_pairs.jsonl"
LOOSE_BAND = "0.40-0.65"


def unlabelled_stories(count: int) -> list[str]:
    free = _free_stories()
    return sorted(random.Random(12).sample(free, min(count, len(free))))


def other_stories(count: int) -> list[str]:
    """The unlabelled stories `unlabelled_stories(count)` leaves out."""
    return sorted(set(_free_stories()) - set(unlabelled_stories(count)))


def _free_stories() -> list[str]:
    used = {p["story"] for p in labelled.read_jsonl(labelled.LABELS / "alignment_pairs.jsonl")}
    used |= {p["story"] for p in labelled.read_jsonl(labelled.LABELS / "entity_pairs.jsonl")}
    rows = [r for r in labelled.read_jsonl(labelled.DATA) if int(r["topic"]) <= 35]
    return sorted({r["story"] for r in rows} - used)


def story_conflicts(stories: dict[str, list[Article]], settings: Settings, encoder) -> tuple[int, int, list[str], dict[str, Brief]]:
    """(sentence pairs flagged, aligned sentence pairs, each conflict as text, the briefs) over whole stories."""
    n_flagged = n_aligned = 0
    shown, briefs = [], {}
    for story in sorted(stories):
        brief = briefs[story] = compare_story(stories[story], settings, encoder)
        n_flagged += len(labelled.flagged_sentence_pairs(brief.conflicts))
        n_aligned += labelled.aligned_sentence_pairs(brief)
        shown += [f"STORY CONFLICT [{story}] {c.kind} {c.about}: " + " | ".join(f"{x.value}: {x.text}" for x in c.claims)
                  for c in brief.conflicts]
    return n_flagged, n_aligned, shown, briefs


def aligned_pairs(story: str, articles: list[Article], brief: Brief, limit: int, first_id: int,
                  encoder, threshold: float) -> list[dict]:
    """Up to `limit` cross-article sentence pairs of one fact that align on their own (cosine at
    least `threshold`), as `compare.py`'s pair records. Since stop 29 a fact may chain a second
    wording of one article ('Saints place Thomas on IR' / '… placed Thomas on injured reserve
    Wednesday'), and conflicts compare the pairs of such a chain only where they align on their own."""
    by_id = {a.id: a for a in articles}
    candidates = [(x, y) for f in brief.facts for n, x in enumerate(f.evidence) for y in f.evidence[n + 1:]
                  if x.article_id != y.article_id]
    if candidates:
        vectors = encoder.encode([e.text for pair in candidates for e in pair])
        candidates = [pair for k, pair in enumerate(candidates)
                      if float(vectors[2 * k] @ vectors[2 * k + 1]) >= threshold]
    random.Random(story).shuffle(candidates)
    pairs = []
    for x, y in candidates[:limit]:
        a, b = by_id[x.article_id], by_id[y.article_id]
        pairs.append({"id": first_id + len(pairs), "story": story, "a": a.id, "b": b.id, "a_sent": x.sentence,
                      "b_sent": y.sentence, "a_text": a.sentences[x.sentence].text,
                      "b_text": b.sentences[y.sentence].text, "aligned": True})
    return pairs


def kind_counts(cases: list, hits: list[bool]) -> tuple[Counter, Counter]:
    """Cases per kind, and those found."""
    return Counter(c.kind for c in cases), Counter(c.kind for c, h in zip(cases, hits) if h)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=16)
    parser.add_argument("--per-story", type=int, default=12)
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--show", type=Path, help="write every miss and story conflict to this file")
    args = parser.parse_args()
    settings = Settings(n_process=args.processes)
    start = time.perf_counter()
    stories = labelled.load_articles(set(unlabelled_stories(args.stories)), settings)
    others = labelled.load_articles(set(other_stories(args.stories)), settings)
    encoder = load_encoder(settings)
    n_flagged, n_aligned, shown, briefs = story_conflicts(stories, settings, encoder)
    o_flagged, o_aligned, o_shown, o_briefs = story_conflicts(others, settings, encoder)
    pairs: list[dict] = []
    for story in sorted(stories):
        pairs += aligned_pairs(story, stories[story], briefs[story], args.per_story, len(pairs), encoder,
                               settings.align_threshold)
    flagged, two_aligned = labelled.false_conflicts(pairs, stories, settings, encoder)
    cases = labelled.build_cases(pairs, stories)
    hits = labelled.detect(cases, settings, encoder)
    total, found = kind_counts(cases, hits)
    # The other stories' pairs, perturbed alike: a second development set (since stop 22)
    o_pairs: list[dict] = []
    for story in sorted(others):
        o_pairs += aligned_pairs(story, others[story], o_briefs[story], args.per_story, len(o_pairs), encoder,
                                 settings.align_threshold)
    o_cases = labelled.build_cases(o_pairs, others)
    o_hits = labelled.detect(o_cases, settings, encoder)
    o_total, o_found = kind_counts(o_cases, o_hits)
    # Labelled pairs below the align threshold (since stop 32): loose paraphrases, which hold 27 of
    # compare.py's 124 labelled aligned pairs and none of the aligner-chosen pairs above
    loose = [p for p in labelled.read_jsonl(LOOSE_PAIRS) if p["aligned"]]
    everyone = {**stories, **others}
    l_flagged, _ = labelled.false_conflicts(loose, everyone, settings, encoder)
    l_cases = labelled.build_cases(loose, everyone)
    l_hits = labelled.detect(l_cases, settings, encoder)
    l_total, l_found = kind_counts(l_cases, l_hits)
    rows: list[list[object]] = [
        ["false-conflict rate, unmodified pairs", len(pairs), f"{len({p['id'] for p, _ in flagged}) / max(1, len(pairs)):.3f}", "-"],
        ["whole stories: sentence pairs flagged / aligned pairs", n_aligned, f"{n_flagged / max(1, n_aligned):.3f}", "-"],
        [f"whole stories, the other {len(others)} unlabelled stories: sentence pairs flagged / aligned pairs",
         o_aligned, f"{o_flagged / max(1, o_aligned):.3f}", "-"],
    ]
    # A pair is chosen from the whole story's facts, often joined through a third article; run as a
    # two-article story, some unmodified pairs align no more, and their cases are missed whatever
    # the conflict rules do. The last column keeps the cases whose unmodified pair still aligns.
    for kind in labelled.KINDS:
        kept = [h for c, h in zip(cases, hits) if c.kind == kind and c.pair["id"] in two_aligned]
        rows.append([f"recall, one {kind} changed", total[kind], f"{found[kind] / total[kind]:.3f}" if total[kind] else "-",
                     f"{sum(kept) / len(kept):.3f} of {len(kept)}" if kept else "-"])
    for kind in labelled.KINDS:
        rows.append([f"recall, one {kind} changed, the other {len(others)} stories' pairs", o_total[kind],
                     f"{o_found[kind] / o_total[kind]:.3f}" if o_total[kind] else "-", "-"])
    rows.append([f"false-conflict rate, unmodified loose labelled pairs (cosine {LOOSE_BAND})", len(loose),
                 f"{len({p['id'] for p, _ in l_flagged}) / max(1, len(loose)):.3f}", "-"])
    for kind in labelled.KINDS:
        rows.append([f"recall, one {kind} changed, loose labelled pairs", l_total[kind],
                     f"{l_found[kind] / l_total[kind]:.3f}" if l_total[kind] else "-", "-"])
    body = "\n\n".join([
        "## Conflicts on a development set of aligner-chosen pairs (`benchmarks/conflict_dev.py`)",
        f"{len(stories)} ECB+ dev stories (topics 1-35) that no labelled file uses, {len(pairs)} sentence pairs the "
        "brief puts in one fact and that align on their own (cosine at least the align threshold), perturbed as in "
        "`compare.py`. Development data (rules were written reading its misses); quote `compare.py`'s report half instead. Some pairs are loose, so not every miss is an error.",
        markdown_table(["measure", "n", "rate", "rate where the unmodified pair aligns as two articles"], rows),
        "The pairs depend on the aligner. With the batched int8 encoder of before 2026-11-26 (185 pairs), the date, "
        "total and shared-value rules of that day took whole stories 0.044 -> 0.030 and recall number 0.268 -> 0.293, "
        "date 0.132 -> 0.289 (name 0.297, place 0.348, confirm_deny 0.705 unchanged; unmodified pairs 0.005 -> 0). "
        "With the float encoder (180 pairs), the rules of the next session (ages across the story, ranges, terms, "
        "places of the event and the gazetteer, same-role and list names, modal and negative-subject polarity, "
        "side-clause names) took whole stories 0.033 -> 0.026 and recall number 0.300 -> 0.500, name 0.250 -> 0.328, "
        "confirm_deny 0.619 -> 0.643, place 0.327 -> 0.519 and date 0.419 -> 0.722; the last two on changed cases: "
        "since then no date is changed in a dateline (31 -> 18 cases) and no place is replaced by one that holds it.",
        f"The other {len(others)} unlabelled stories were added on 2026-11-26 (next session) to see false alarms "
        "on more stories; their conflicts were read while writing that session's precision rules (two actors' "
        "figures, the day of an announcement, figures both sides state, totals), so they are development data too. "
        "That session's rules for recall: one quote put in two people's mouths, terms of one unit whatever the "
        "noun, an age before a role noun, nicknames (Katie / Kathryn), where each article says the event happened.",
        "Since the session after, the whole-story rates count two claims of one conflict only when their values "
        "differ (the figures above counted claims of one value too); counted so, that session's end gives 0.021 "
        "and 0.045. Its rules read on dated PolNeAR news (a negated verb in a relative clause clashes only with "
        "one about the same antecedent; 'in all' is a total; one disagreement repeated by several facts is one "
        "conflict) left recall unchanged and took the other stories 0.045 -> 0.041; those read on the AEB news "
        "pages (a line without a verb dates nothing, 'all 14 companies' is the whole set, a count in a side clause "
        "set earlier, negative objects, subjunctives) changed neither figure.",
        "The session after that (2026-11-26, stop 16): one title or family tie given to two people by two articles "
        "('head coach X' / 'Coach Y', 'his mother, X' / 'his mother Y'), read across the whole story, took name "
        "recall 0.359 -> 0.422; a plain negation compared without its 'not' against a sentence that names someone "
        "only one side gives took confirm_deny 0.643 -> 0.690; a comparison with 'a year ago' and a rule for 'any' "
        "member of a class changed no figure here. The false-alarm rates did not move.",
        "The next session (stop 17), on a fresh install: a sentence's own parse now tags PERSON the words of a "
        "story person's full name that its article's reading tagged so ('bombed Thompson', ORG read alone), and a "
        "pair found by its words alone needs no shared frame when each name is the one recurring person its "
        "article names and the other never mentions: name recall 25 -> 28 of the 62 name cases that install drew "
        "first. The same session's attribution change (a full name tagged ORG is a person on evidence) changed "
        "the names the analysis gives, so the replacement pools, and the seeded sample redrew the cases (64 name "
        "cases: name 28/64, place 0.500; on the old draw the session's code still found 30 of 52 places). The "
        "draw now ranks the pool by a hash of each case (compare.stable_pick) and a person's replacement shares "
        "no word with the original, so a pool change moves only the cases it ranks first in; the table above is "
        "that draw. Times of day are compared too ('struck at 1353' / "
        "'at 1906'); the two such cases here are number changes, so they count as misses. None of these rules "
        "changed the whole-story conflicts.",
        "The session after (stop 18): a quake's magnitude on one anchor however worded (compared only in "
        "sentences dated alike), the numbers of a numbered name ('IE8 and 9' / 'IE 8 and IE 13'), and a "
        "tokenised corpus's '6. 4' and '1, 400' read as one number took number recall 0.560 -> 0.720; the person "
        "each article names most, unknown to the other, filling one frame in some two sentences ('accused of "
        "killing X' / 'charged with killing Y') took name recall 0.422 -> 0.516; a place the gazetteer lacks "
        "placed elsewhere by its own sentence, a sea or gulf as where the event happened, 'Qeshm City' read as "
        "Qeshm took place recall 0.577 -> 0.654. Whole stories 0.021 -> 0.022: the one new story conflict is a "
        "real disagreement (USGS 6.1 against IRNA 5.9); the other stories did not move. Drafts that flagged a "
        "range of versions, a quake recalled from February and 'Millom' / 'Cumbria' were cut back before this "
        "run.",
        "The session after (stop 20): a post said of a name by a copula, an 'as' phrase or the post's own verb "
        "('X will be this year's Oscar host' / 'unveiled Y as the host' / 'Z will be hosting'), a title the parser "
        "split off as a second object ('firing head coach X'), a title-case headline's verbs kept out of a title "
        "('Fire Coach X'), holders named once left out of a post ('then host Jerry Lewis'), two people tying "
        "for an article's lead both tried in one frame (a brother and sister counted by one surname), and a "
        "syndicated sentence copied word for word but for one name took name recall 0.516 -> 0.625. Precision "
        "rules read on these stories' conflicts: a sum in brackets after another (its conversion), sums in two "
        "currencies, a rank ('the No. 2 official'), 'one of the' mysteries and an age whose closing comma is "
        "missing ('Andrew Lopez, 20 was found guilty') count nothing; the days of two stages of one process "
        "('went on trial Wednesday' / 'was convicted Tuesday', an outage and its repair) are two events' days; "
        "two sentences that each date what they tell, on no shared date, give two events' figures ('a 6.1 quake "
        "in September' / 'a 5.6 quake on Sunday'). Whole stories 0.022 -> 0.019, the other stories 0.041 -> "
        "0.037. A place the parser made a modifier of a time ('filed suit in San Francisco hours after …') says "
        "where it happened: place recall 0.654 -> 0.692. The other rows did not move.",
        "The session after (stop 21): a place case now changes only a place (`compare.is_place`: one the "
        "gazetteer knows, a county, sea or other named feature, or a LOC); the tagger's GPE alone had planted "
        "the organisation 'Earthjustice' here and the film 'New Moon' and 'QB' in compare.py (the filter also "
        "drops 'South Wales' and 'High Street', which GeoNames lacks), and a claim of 'United States' for a planted 'US' "
        "now counts. With the session's old code that redraw found 38 of 52 places (0.731). Rules: 'the town "
        "of X' is X, 'off the Gulf of Aden' is at sea there, a quake's object ('hit Zarand') is where it struck "
        "(not for an article's lead place: 'tremor hits Dubai' tells where it was felt), a local force's or "
        "court's place is where it happened ('a Brooklyn jury', 'a Los Angeles County sheriff's deputy'), and "
        "two sentences dated apart name two events' places ('Bam in December 2003' / 'China on Saturday'; a "
        "'since' date bounds a span and dates no event): place recall 38 -> 44 of 52 (0.846); whole stories "
        "unchanged, the other stories 0.037 -> 0.036. Then the town that opens a police force's or court's "
        "name is tagged a place where spaCy tags the name ORG or nothing ('Qeshm Police arrested', 'Preston "
        "Crown Court'), and a place someone is from ('John Jenkin, of Millom', 'who is from Aberdare', 'the "
        "mayor of Paris') is no place of the fact (without it the newly tagged court met a sister's home town "
        "in one story): place recall 44 -> 45 of 52 (0.865), the false-alarm rows unchanged. The one day two "
        "near copies (cosine >= 0.8) in articles of one day give their statement ('…, police said Saturday' / "
        "'…, officials announced Monday') is compared, unless it is the article's own day ('announced today "
        "(14 October 2011)', which took two Seacom updates for one): date recall 13 -> 15 of 18 (0.833), the "
        "false-alarm rows unchanged. The table's last column (since stop 21) keeps the cases whose unmodified "
        "pair still aligns when its two articles are compared alone: the pairs are drawn from the whole story's "
        "facts, often joined through a third article, and a pair that no longer aligns is a miss whatever the "
        "conflict rules do. A name case now changes only a person (`compare.is_person`: no place the gazetteer "
        "knows, no ship: 'INS Mysore' was changed and 'Bandar Abbas' drawn as people): 64 -> 62 name cases, "
        "recall 40/64 -> 39/62.",
        "The session after (stop 22) drew pairs from the other 17 stories too, perturbed alike (rows 'the other "
        "stories' pairs'; their whole-story conflicts had been read before, so this is development data as well), "
        "and read their misses. Rules: a place right after 'in' / 'at' that the parser hung elsewhere still says "
        "where ('Voters in reclusive Boston elect …'), a place's people act there ('the people of X voted', 'X's "
        "voters'), the area after a town it holds is that town ('a Los Angeles, California, hospital'), a thing "
        "announced on a day dates the announcement itself ('the start of the campaign will be announced on October "
        "5'), a collective noun counted in the singular counts ('26 Somali crew'), 'a total of' sets aside only what "
        "it heads ('a total of 288 candidates run for 125 seats': the seats still compare), and a length of time a "
        "sentence gives is a term ('the term of office is five years', 'sentenced to ten years'; not 'in two "
        "years', nor a number with a lost glyph, '4\ufffd months'). Those stories' recall: number 13 -> 17 of 40, "
        "date 23 -> 25 of 38, place 26 -> 33 of 66 (name 31 of 48 unchanged); the first set's rows and the "
        "false-alarm rates did not move. Then a thing reported or named in the passive is the fact, not a report "
        "of it ('the collapse of walls has (not) been reported', 'it was (not) originally called X'): "
        "confirm_deny there 37 -> 39 of 54, nothing else moved.",
        "The session after (stop 23), reading those stories' misses again: an abridged copy (10+ content words, "
        "three quarters of the shorter sentence's, shared; number words left out like figures) is a near-copy "
        "('While five of them managed to get away, the Sukanya intercepted the remaining three …' of a longer "
        "sentence going on to the arrests); an organisation that is only a route ('through the Internationally "
        "Recognized Transit Corridor') or a lowercase word tagged one ('navy personnel') is no second actor; 'X "
        "island' says where as 'X town' does, a sea's name before a site noun does not ('the Gulf island of "
        "Qeshm'); and sentences of two articles that no cosine aligns but that share four content words and tell "
        "one act (one main verb, not of speech, in one clause, each dating it or counting, no two different "
        "people) are compared on their dates, their counts and whether the act was done "
        "(`ConflictFinder.same_act`: 'the man who killed four people … was sentenced Saturday' / 'Brian Nichols "
        "was sentenced Wednesday morning'; 'was escorting five merchant vessels' / 'was not escorting'; 'the "
        "navy said it had not sunk a mother vessel', the act a verb of speech reports). Those "
        "stories' recall: number 17 -> 21 of 40, date 25 -> 27 of 38, place 33 -> 35 of 66, confirm_deny 39 -> 44"
        " of 54; the first set's rows, both whole-story rates and the flagged story conflicts did not change.",
        "The session after (stop 24), reading the other stories' misses: a number that takes its part 'of' "
        "plural things counts those things whatever the phrase hangs on ('capturing 26 brigands on three of the "
        "skiffs'); a date the parser hangs on a size participle dates the main event ('an earthquake measuring "
        "5.6 … jolted the island on Sunday'), and where a sentence dates two events, the one date of each side's "
        "main event is compared when the other side gives no such day at all ('on Sunday, followed by "
        "aftershocks on Monday' / 'on Wednesday'); whether an act was done is compared though a second verb is "
        "joined to it ('intercepted the three boats and nabbed 26 pirates' / 'did not intercept the remaining "
        "three and carried out …'); and a pair is parsed when the sides' negations differ in number, not only "
        "when one side has none ('… but the results were not yet known' on both). Those stories' recall: number "
        "21 -> 22 of 40, date 27 -> 30 of 38, confirm_deny 44 -> 47 of 54; the first set's confirm_deny 29 -> 30 "
        "of 42; both whole-story rates and the unmodified pairs' rate did not move.",
        "Stop 27 (speakers: a person given as the subject's example, no speaker in a side clause; a quantifier "
        "is no name) added no conflict rule; the names the analysis gives changed, so the name pool: 62 -> 64 "
        "name cases, the two new ones found (39 -> 41), the other rows unchanged. Where each article's opening "
        "sentences say the event happened is now compared from a cosine of 0.3 (was 0.4: leads telling one "
        "election in other words stood at 0.37-0.38): the other stories' place recall 35 -> 37 of 66, no whole "
        "story gained a conflict (nor at 0.2), compare.py's rows did not move.",
        "Stop 29 changed the aligner, so the draw: a fact now also takes a sentence that is the best match of "
        "only one side and up to two sentences of one article (a headline and the lead restating it), while "
        "conflicts still compare the mutually matching sentences of each fact (and, as before, any pair above "
        "the threshold). The pairs are now drawn among those of one fact that align on their own (cosine at "
        "least the align threshold): facts chained through a second wording hold pairs that conflicts compare "
        "only by their other paths (near copies, masked matches); drawn from all of a fact's pairs, the recall "
        "read number 0.537, date 0.529, name 0.419. "
        "On the draw before the change the same rules gave "
        "number 0.720, date 0.833, name 0.641, place 0.865, confirm_deny 0.714 (first set) and 0.550, 0.789, "
        "0.646, 0.561, 0.870 (other stories); the drawn pairs are others (74 of the first set's 180 have a "
        "headline side, 59 before), so the rows are not comparable with earlier sessions'. Whole-story "
        "conflicts did not change (checked: the same 32 conflicts in the first set's stories, same pairs "
        "compared); the rates' denominator, the cross-article pairs facts hold, grew with alignment recall "
        "(2994 -> 6000 and 3207 -> 5806 pairs). The same session's last change, no alignment of two publication "
        "stamps of different days (`values.stamps_disagree`), is in the table above.",
        "Stop 30, reading the misses of this draw (of 64 number and date misses, 49 were pairs the conflict "
        "rules compared and passed over, so the rules, not the pairing, held most back): an age the words "
        "name ('died Thursday at the age of 95', 'has died at age 152', 'died in her sleep aged 91', 'dies at "
        "91', which had read as a toll of 91 dead), held by "
        "the subject of its verb, or of the verb that verb is joined to, or the name set beside a common noun "
        "('Golden girl of screen and pool, Esther Williams, …'); '36 - year - old' after a comma ('On Friday, "
        "36 - year - old Duncan Rait') read as an age, not as the tail of a tokenised thousand; seasons and "
        "days served or spent are terms like years ('spent seven seasons as an assistant coach'); a number "
        "grown into a name ('the 76ers') counts nothing; a named person's age meets that person's age only "
        "(a draft that let it meet another's as a lone value flagged '36-year-old Duncan Rait' against "
        "'31-year-old Robert Buckley' in one story); an agency that reports or cites the event is no actor of "
        "it ('ISNA news agency reported', 'cited by AFP' had kept two tellings of one quake's day apart); and "
        "'a mom of 12' counts what 'a mother of 12' does; a span of days keeps its last day ('from October 26 "
        "to November 20' was read as its first day, so 'to November 28' went unseen and 'will close on "
        "November 20' clashed with it), and a day clashes with a span only outside it; a full name the story "
        "knows as a person's is read as one where spaCy, reading the sentence alone, tagged the very span "
        "otherwise ('that Hugh Jackman will be this year's Oscar host': GPE, so the two hosts of a renamed "
        "copy never met); and where each article's opening sentences put the event, a continent one article "
        "names elsewhere ('The U.S. and Europe are courting Turkmenistan') no longer stands for the other's "
        "country ('The parliament election is over in Germany'). Number recall 17 -> 19 of 44 and name 38 -> "
        "42 of 68 (first set), number 14 -> 16 of 32, date 30 -> 33 of 41 and place 35 -> 36 of 80 (other "
        "stories); the other "
        "rows, the unmodified pairs' "
        "rate and the whole-story conflicts did not change (one story conflict, 'Nine' / 'seven' rifles seized, "
        "gained a fifth claim of a value it already held). compare.py's rows did not move.",
        "Stop 31, reading this draw's misses again: a copy of one sentence, word for word around one "
        "changed number, is a number conflict, though the copy is cut or lengthened elsewhere ('… four "
        "sentences of life without parole plus 485 years' / 'Fulton Courthouse killer Brian Nichols … plus "
        "726 years for the crimes …': spaCy tags '485 years' DATE, and 'seven life sentences and four "
        "sentences' are two counts of one noun), but not a part of a date, score or time ('POSTED: 05 / 02 / "
        "07', which a draft flagged in compare.py's tune half), a rounding, a later day's higher toll, nor a "
        "number naming one thing ('a 999 call'); two tellings of a death that each give an age by its words "
        "('Dies Aged 91' / 'died Thursday at 31') are compared in any aligned pair; where each article's "
        "opening sentences put the event, two leads are compared on the event with names and numbers masked "
        "('Voting … began in Turkmenistan on Dec.14' / 'The parliament election is over in Boston': 0.26 as "
        "written), and a place that votes is where the vote was ('Turkmenistan voted Sunday'); the day one "
        "thing is set for, in side clauses of sentences telling other acts ('elections which are planned for "
        "December 15' / 'the election …, which is scheduled for December 20'); and a passive 'called' with an "
        "infinitive is a summons, not words said ('a rescue helicopter was (not) called to assist'). The other "
        "stories: number 16 -> 19 of 32, place 36 -> 43 of 80, date 33 -> 36 of 41, confirm_deny 54 -> 55 of "
        "64; the first set's rows, the unmodified pairs' rate and the whole-story conflicts did not change "
        "(diffed). Tried and dropped: comparing pairs where one sentence only adds names to the other's "
        "('Felt … died Thursday' / 'Felt, who helped bring down Nixon, … died on Tuesday', kept apart by "
        "`_about_other_known`) found two more dates and one polarity but flagged three story conflicts "
        "(a time zone's day, 58 wins / 51 wins by knockout, a hypothetical payment); comparing a lone term "
        "of an agreement in any aligned pair ('an eight-year contract' / 'an six-year offer', cosine 0.79) "
        "found one more number but flagged nine bidders' offers against each other in one story.",
        "Stop 32: one age given to two names, each unknown to the other article and no one else's there "
        "('Andrew Lopez, 20, and Jonathan Carrasquillo, 24' / 'Tim Mead, 20, was found guilty'), is one person "
        "named twice (`ConflictFinder._age_twins`): the first set's name recall 42 -> 46 of 68; no other row "
        "and no story conflict changed (diffed).",
        "Stop 33: two sentences about the one person each names first are no longer kept apart because one also "
        "names someone both articles know ('W. Mark Felt, who leaked …, died Thursday' / 'W. "
        "Mark Felt, who helped bring down Richard Nixon, …, died on Tuesday': `compare._about_other_known`); what "
        "that let through is held by two rules read on it: a count of what came about by one means is some of "
        "a set, not all of it ('58 - 3 with 51 wins coming by way of knockout' / 'a career record of 58 wins': "
        "`values._by_means`), and a negation with 'until' says when, not whether ('will not reveal the source's "
        "name until after Deep Throat dies' / 'will reveal that person's identity after his death', in "
        "compare.py's tune half). The first set's date recall 14 -> 16 of 23 and confirm_deny 37 -> 38 of 45; no "
        "other row moved and the story conflicts are the same (two gained a claim; diffed). Tried and dropped: "
        "any one-sided addition of names both articles know, beside whoever else: 2 more numbers, dates and "
        "polarities each, 3 dates lost in the other stories and 11 more story conflicts, nearly all false "
        "('chose not to make an offer' to another player / 'have made an offer'); a count set equal to the "
        "other side's before the cosine is taken (a changed figure lowers its own copy's cosine: 0.68 -> 0.63 "
        "for 'Two male gang members … were arrested' / 'Ten …'), so that a copy but for one count is compared "
        "though it also names others: 1 more number and polarity, 9 more story conflicts; with one count on "
        "each side only: none found, one story conflict more. Then a linking verb is one fact with what it "
        "links to ('became a victim' / 'did not become a victim'), and a plain negation taken out to compare "
        "a pair leaves the verb as the other side words it ('did not surrender' -> 'surrendered', not 'did "
        "surrender': 0.65 -> 0.68 against 'A 61-year-old man surrendered to police'; 'did host' stays where "
        "the other side has no past form, 'her Oscar-hosting stint'): confirm_deny 38 -> 39 of 45 (first set) "
        "and 55 -> 56 of 64 (other stories), the story conflicts the same. A draft reading a participle "
        "before its noun as no act ('on endangered species') lost a case in compare.py's tune half ('her "
        "Oscar-hosting stint' / 'did not host the show').",
        "Stop 34: where one side dates one stage of a process and the other dates several, the other's one "
        "date of that stage is compared, a passive's subject naming the stage it dates ('a provisional trial "
        "date was set for October 28' / 'a three day trial hearing was penciled in for March - … due to enter "
        "his plea in September': `conflicts._same_stage_date_conflicts`): the first set's date recall 16 -> 17 "
        "of 23; no other row and no story conflict changed (diffed). Tried and dropped: a one-sided addition "
        "of places only not counted as 'about another' (`_about_other_known`): 1 more number and polarity, 3 "
        "dates lost in the other stories, 4 more story conflicts, all false ('Ten dead in southern Iran quake' "
        "/ '600 were killed in the city of Zarand'); one count, day or place set equal in pairs that are each "
        "other's best match (stop 33's plan): nothing found, one false story conflict (the misses differ in "
        "several values at once, or the changed side's best match is another sentence). A hedged time of day "
        "is a window ('about 3 p.m.' an hour either way, 'shortly after 6 p.m.' the hour after it), so 'A "
        "61-year-old man surrendered to police shortly after 6 p.m.' / 'He finally surrendered at 10 p.m.' "
        "clash; that case of the other stories changed a number, which a time conflict does not count for, so "
        "no row moved.",
        f"Loose labelled pairs (since stop 32, `benchmarks/data/loose_pairs.jsonl`): 180 cross-article pairs of "
        f"these {len(stories) + len(others)} stories with cosine {LOOSE_BAND} (each sentence's best match in the "
        "other article, 60 per band of 0.40-0.50, 0.50-0.58, 0.58-0.65), labelled by reading as compare.py's "
        f"pairs were; the {len(loose)} labelled aligned are perturbed alike. compare.py's labelled halves are "
        "stratified over cosine, so a fifth of their aligned pairs (27 of 124) stand below the threshold, where "
        "the aligner-chosen pairs above give nothing to develop on: the aligner aligns none of these as two "
        "articles, and the conflict rules compare them only by their other paths (masked names and numbers, near "
        "copies, one act told twice). Tried and dropped on this set: comparing every pair that is one "
        "sentence's best match from a cosine of 0.4 found 2 more dates (7 of 38 cases against 5) but doubled the whole-story conflicts "
        "(first set 32 -> 64, other stories 71 -> 119, compare.py's tune half 22 -> 40); mutual best matches "
        "only, from 0.4 or 0.5, found none more; comparing only a number changed inside a phrase both best "
        "matches share word for word (three words around it, from a cosine of 0.45: 'of the 288 candidates' / "
        "'of the 410 candidates') found 2 more numbers (3 of 10) but flagged 9 more story conflicts, nearly "
        "all false ('a 35-year-old deputy' / 'a 15-year veteran', a season's yards against a game's).",
        f"Run time: {time.perf_counter() - start:.0f} s.",
    ])
    print(body)
    if args.show:
        shown += [f"FLAGGED {c.kind} {c.about}: {[x.value for x in c.claims]}\n  A: {p['a_text']}\n  B: {p['b_text']}"
                  for p, c in flagged]
        shown += [f"MISSED {c.kind} ({c.change})\n  A: {c.pair['a_text']}\n  B: {c.pair['b_text']}\n  -> {c.new_text}"
                  for c, h in zip(cases, hits) if not h]
        shown += [f"MISSED (other stories) {c.kind} ({c.change})\n  A: {c.pair['a_text']}\n  B: {c.pair['b_text']}\n  -> {c.new_text}"
                  for c, h in zip(o_cases, o_hits) if not h]
        shown += [f"FLAGGED (loose pairs) {c.kind} {c.about}: {[x.value for x in c.claims]}\n  A: {p['a_text']}\n  B: {p['b_text']}"
                  for p, c in l_flagged]
        shown += [f"MISSED (loose pairs) {c.kind} ({c.change}; cosine {c.pair['cosine']})\n  A: {c.pair['a_text']}\n  B: {c.pair['b_text']}\n  -> {c.new_text}"
                  for c, h in zip(l_cases, l_hits) if not h]
        shown += o_shown
        args.show.write_text("\n\n".join(shown) + "\n", encoding="utf-8")
    write_section("conflict_dev", body)


if __name__ == "__main__":
    main()
