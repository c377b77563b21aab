"""Cue words: the verbs and phrases that mark speech, and who the speaker of a cue is."""

from __future__ import annotations

from spacy.tokens import Token

from .sources import ANONYMOUS_SOURCES, SOURCE_NOUNS, Attribution, Ctx, add_citation, common, phrase

SPEECH_CUES = frozenset(
    "say tell state add claim deny dismiss call describe warn insist write tweet post explain "
    "note argue ask reply respond announce declare acknowledge admit confirm comment emphasize "
    "emphasise stress suggest predict recall remark reiterate clarify assert allege contend "
    "maintain promise vow pledge threaten urge complain boast joke quip concede testify indicate "
    "label brand characterize praise criticize condemn accuse blast slam caution observe "
    "conclude answer agree deny counter retort lament mourn acknowledge".split()
)
# Verbs that introduce a quotation ('"…," he continued', 'the sign read: "…"') but are too
# often plain verbs to mark reported speech or a speaker anywhere else
QUOTE_CUES = frozenset(
    "continue read chant shout yell scream exclaim bark interject proclaim assure reassure muse "
    "gush marvel scoff sneer snap plead whisper mutter cry recount summarize summarise quote "
    "retaliate press wonder".split()
)
REPORT_CUES = frozenset("report reveal disclose publish".split())  # outlet-style, cited not quoted
NO_CLAUSE_CUES = frozenset("call describe dismiss label brand".split())  # no "that"-clause
# Verbs whose clause is reported speech or a reported finding ("X believes that …", "a poll
# found that …"); "call" and the like take no clause.
CLAUSE_CUES = (SPEECH_CUES - NO_CLAUSE_CUES) | REPORT_CUES | frozenset(
    "think believe know feel hope fear expect show find suggest indicate predict estimate "
    "acknowledge signal hint imply insist reckon guess recall mention".split()
)
# Verbs of stance and intent whose object or complement is the position taken ("endorsed X",
# "called for X", "wants to X"): PolNeAR annotates these as attributions too.
STANCE_CUES = frozenset(
    "want support endorse criticize criticise oppose back seek refuse propose defend praise accuse "
    "call urge vote decide consider hope plan promise pledge vow reject blame welcome condemn "
    "demand question dismiss deny acknowledge admit favor favour prefer challenge attack slam "
    "blast credit applaud warn predict recommend request fear doubt believe think expect "
    "announce mention discuss refer point cite ask describe insist argue claim "
    "suggest threaten intend aim wish agree disagree champion tout show reveal indicate".split()
)  # measured out: know, talk, speak, seek, focus (mostly the verb's plain sense, not a stance)
PRESS_AUDIENCES = frozenset("conference briefing reporters journalists press interview".split())


QUOTE_VERBS = SPEECH_CUES | REPORT_CUES | QUOTE_CUES


def is_cue(tok: Token) -> bool:
    if tok.lower_ == "according":
        return any(c.lower_ == "to" for c in tok.children)
    if tok.pos_ not in ("VERB", "AUX"):
        return False
    lemma = tok.lemma_.lower()
    # '“…,” she went on': a phrasal verb of speech
    return lemma in QUOTE_VERBS or (lemma == "go" and any(c.dep_ == "prt" and c.lower_ == "on" for c in tok.children))


SUBJECTLESS_REACH = 12  # tokens back a subjectless cue looks for the person who speaks
ASIDE_DEPS = frozenset({"advcl", "aux", "auxpass"})


def speaker_token(ctx: Ctx, cue: Token) -> Token | None:
    """The subject of the cue; for a verb the parser left without one ('In a statement to the
    Observer, her adviser, Jake Sullivan, said: …'), the person named just before it."""
    tok = subject(cue)
    if tok is not None or cue.lower_ == "according":
        return tok
    # a participle aside ('Mr. Trump, asked about …, had said') may lie between them
    for i in range(cue.i - 1, max(cue.i - SUBJECTLESS_REACH, -1), -1):
        left = ctx.doc[i]
        if ctx.sent_of[i] != ctx.sent_of[cue.i] or ctx.in_quote[i] or (left.pos_ in ("VERB", "AUX") and left.dep_ not in ASIDE_DEPS):
            return None
        ent = ctx.ent_of[i]
        if ent is not None and ent.label_ == "PERSON":
            return ent.root
    return None


def subject(cue: Token) -> Token | None:
    if cue.lower_ == "according":
        return next((p for c in cue.children if c.lower_ == "to" for p in c.children if p.dep_ == "pobj"), None)
    for child in cue.children:
        if child.dep_ == "nsubj":
            return child
        if child.dep_ == "agent":
            return next((p for p in child.children if p.dep_ == "pobj"), None)
    if cue.dep_ == "xcomp":
        # "X is expected to endorse …", "X was forced to admit …": the raised subject
        raised = next((c for c in cue.head.children if c.dep_ == "nsubjpass"), None)
        if raised is not None:
            return raised
    if cue.dep_ in ("conj", "advcl", "xcomp") and cue.head.pos_ in ("VERB", "AUX"):
        return subject(cue.head)  # "X confirmed … but clarified that …", "X posted, saying …"
    return None


def cue_text(cue: Token) -> str:
    if cue.lower_ == "according":
        return "according to"
    words = [cue.text] + [c.text for c in cue.children if c.dep_ == "prt"]
    press = press_object(cue)
    if cue.lemma_ == "tell":
        obj = next((c for c in cue.children if c.dep_ in ("dobj", "dative")), None)
        if obj is not None and not obj.is_punct:
            words.append(phrase(obj, keep_det=True))
    elif press is not None:
        words.append(press)
    return " ".join(words)


def press_object(cue: Token) -> str | None:
    """'told a news conference', 'said at a briefing': the speaker is cited as a source."""
    for child in cue.children:
        if child.dep_ in ("dobj", "dative") and child.lemma_.lower() in PRESS_AUDIENCES:
            return phrase(child, keep_det=True)
        if child.dep_ == "prep" and child.lower_ in ("at", "in", "to"):
            obj = next((p for p in child.children if p.dep_ == "pobj"), None)
            if obj is not None and obj.lemma_.lower() in PRESS_AUDIENCES:
                return f"{child.text} {phrase(obj, keep_det=True)}"
    return None


def _source_speaker(ctx: Ctx, tok: Token) -> bool:
    ent = ctx.ent_of[tok.i]
    if ent is not None:
        return ent.label_ == "ORG"
    words = SOURCE_NOUNS | ANONYMOUS_SOURCES
    return (common(tok) or tok.is_sent_start) and (tok.lower_ in words or tok.lemma_.lower() in words)


def record_speaker(ctx: Ctx, result: Attribution, tok: Token, speaker: str | None, cue: Token, speech: bool = True) -> None:
    """Note what a cue tells: its sentence is reported speech (so not the author's opinion;
    a stance, 'Few have urged peace', is no such shield), a press audience is a cited source,
    and 'the spokeswoman' is someone a later 'she' may mean."""
    sent = ctx.sent_of[cue.i]
    if speech:
        result.attributed.add(sent)
    if speaker and press_object(cue) is not None:
        add_citation(ctx, result, speaker, sent, cue_text(cue), tok.i, outlet=False)
    elif speaker and _source_speaker(ctx, tok):
        # "court documents show …", "authorities blame …": the speaker is itself a cited source
        add_citation(ctx, result, speaker, sent, cue_text(cue), tok.i, outlet=False)
    if speaker and tok.pos_ == "NOUN" and ctx.ent_of[tok.i] is None:
        ctx.refs.add_unnamed(tok, speaker)

