"""Cue words: the verbs and phrases that mark speech, and who the speaker of a cue is."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from .speakers import PERSON_ROLES, TITLES
from .sources import ANONYMOUS_SOURCES, SOURCE_NOUNS, SPEAKING_NOUNS, Attribution, Ctx, add_citation, common, noun_read_as_adjective, phrase, plausible_source

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
    "gush marvel scoff sneer snap plead whisper mutter cry recount summarize summarise quote opine "
    "retaliate press wonder charge question elaborate repeat confess fume surmise chime riff".split()
)
REPORT_CUES = frozenset("report reveal disclose publish".split())  # outlet-style, cited not quoted
# what a poll, record or study does when it is a source: 'a poll found', 'records show'
FINDING_CUES = frozenset("find show reveal indicate suggest estimate put".split())
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
) | frozenset(
    # verbs of communication, perception-as-judgement and evaluation whose object is what is
    # said or held ("expressed concern", "declined to comment", "sees him as", "mocked X")
    "express voice decline comment respond reply talk address write tweet email post "
    "publish report release issue share repeat reiterate echo quote invoke highlight stress "
    "emphasize emphasise note recall remind list say see view know understand recognize feel "
    "like worry denounce decry mock thank apologize advocate encourage embrace compare identify "
    "confirm declare push focus".split()
) | frozenset(
    # verbs of verdict, rebuke, advocacy and instruction ("railed against X", "disavowed Y",
    # "deemed it unfair", "lobbied for Z", "ordered a review", "offered support", "signed the
    # pledge", "the FBI named Cleveland the fifth most dangerous city"; what a legislature or a
    # court decides: "the Senate passed the bill", "the court upheld / overturned the law")
    "offer order campaign lobby reference rail distance lament bemoan disavow explain present "
    "pronounce rebuke joke rip deem instruct press coin portray frame approve regret promote "
    "debate hail vouch hammer assail lambaste chide scold berate cast speak make lay rule look sign "
    "ignore name pass uphold overturn".split()
)  # measured out: seek (mostly the verb's plain sense)
# stance verbs that take a stance only with a particle or preposition ('spoke out against',
# 'laid out a plan', 'ruled out a run'); bare, they are plain verbs ('spoke for an hour')
STANCE_PARTICLES = {
    "speak": frozenset({"about", "out", "against", "on"}),
    "lay": frozenset({"out"}),
    "rule": frozenset({"out"}),
    "look": frozenset({"forward"}),  # and 'looks to ease tensions' (an xcomp): an aim
}
PRESS_AUDIENCES = frozenset("conference briefing reporters journalists press interview".split())


QUOTE_VERBS = SPEECH_CUES | REPORT_CUES | QUOTE_CUES
ALL_CUES = QUOTE_VERBS | CLAUSE_CUES | STANCE_CUES


def cue_lemma(tok: Token) -> str:
    """The lemma, mended where the lookup took an -es or -ing form for a shorter verb ('hopes',
    'hoping' -> 'hop'): a cue verb ending in -e whose form this is wins."""
    lemma = tok.lemma_.lower()
    if lemma not in ALL_CUES and lemma + "e" in ALL_CUES and (tok.lower_.startswith(lemma + "e") or tok.lower_ == lemma + "ing"):
        return lemma + "e"
    return lemma


def is_cue(tok: Token) -> bool:
    if tok.lower_ == "according":
        return any(c.lower_ == "to" for c in tok.children)
    if tok.pos_ not in ("VERB", "AUX"):
        return False
    lemma = cue_lemma(tok)
    # '“…,” she went on', 'Clinton shot back, “…”', 'as Milbank puts it, “…”': phrasal verbs of speech
    particle = PHRASAL_CUES.get(lemma)
    if particle is not None:
        return any(c.dep_ in ("prt", "dobj", "advmod") and c.lower_ == particle for c in tok.children)
    return lemma in QUOTE_VERBS


PHRASAL_CUES = {"go": "on", "shoot": "back", "fire": "back", "hit": "back", "put": "it", "point": "out"}
# what someone issues, sends or posts: 'issued a statement saying …', 'Bush's Facebook post: “…”'
MESSAGE_NOUNS = frozenset(
    "statement message release email letter memo tweet post note text caption response reply answer remarks "
    "slogan motto mantra dictum catchphrase reaction".split()
)


EXPLETIVES = frozenset({"it", "this", "that", "there"})
SUBJECTLESS_REACH = 20  # tokens back a subjectless cue looks for the person who speaks
ASIDE_DEPS = frozenset({"advcl", "aux", "auxpass"})


def speaker_token(ctx: Ctx, cue: Token) -> Token | None:
    """The subject of the cue; for a verb the parser left without one ('In a statement to the
    Observer, her adviser, Jake Sullivan, said: …'), the person named just before it."""
    tok = subject(cue)
    if tok is not None and cue.tag_ == "VBG" and cue.dep_ == "advcl" and cue_lemma(cue) in QUOTE_CUES:
        # 'shouting', 'chanting': how those just named acted, not the main clause's subject
        tok = _clause_before(ctx, cue) or tok
    if tok is not None and ctx.in_quote[tok.i] and not ctx.in_quote[cue.i]:
        # the quote's own subject ('“I would …,” X said' parsed with 'said' a conjunct of the
        # quoted verb): the speaker is outside the marks
        tok = None
    if tok is not None and tok.lower_.rstrip(".") in TITLES and ctx.ent_of[tok.i] is None:
        # 'Chairman of the Finance Committee Sen. Tom Hale (R-Ohio) said': the title heads the
        # subject in the parse, the name right before the verb is who it is
        named = _name_just_before(ctx, cue)
        if named is not None and tok.left_edge.i <= named.i <= tok.right_edge.i:
            return named
    if tok is not None or cue.lower_ == "according":
        return tok
    if (main := _participle_subject(ctx, cue)) is not None:
        return main
    if (after := _inverted_subject(ctx, cue)) is not None:
        return after
    if (described := _subject_of_a_who_clause(ctx, cue)) is not None:
        return described
    if (named := _named_after_quote(ctx, cue)) is not None:
        return named
    if (named := _name_just_before(ctx, cue)) is not None:
        return named
    # a participle aside ('Mr. Trump, asked about …, had said') may lie between them
    i, stop = cue.i - 1, max(cue.i - SUBJECTLESS_REACH, -1)
    while i > stop:
        left = ctx.doc[i]
        if ctx.in_quote[i] and _quoted_name(ctx, i, cue.i):
            i -= 1
            continue  # 'X, wearing “Ted Cruz” campaign pins, said': a quoted name inside the aside
        if ctx.sent_of[i] != ctx.sent_of[cue.i] or ctx.in_quote[i]:
            return None
        if _who_clause(left):
            # 'a White House official, who spoke anonymously …, said': the noun the relative
            # clause describes is the subject the parser did not link to the verb
            return left.head
        if left.pos_ in ("VERB", "AUX") and not _aside_verb(left):
            # 'Mr. Slinker, whose latest start-up … uses big data to …, said': the parser may hang
            # the speaker on the relative clause's verb; the clause is an aside all the same
            opener = _relative_aside_opener(ctx, i, cue)
            if opener is None:
                return None
            i, stop = opener - 1, max(opener - 1 - SUBJECTLESS_REACH, -1)
            continue
        ent = ctx.ent_of[i]
        if ent is not None and ent.label_ == "PERSON" and (ent.root.dep_ not in ("poss", "dobj", "pobj") or _clause_opener_object(ent.root)):
            return ent.root  # 'Durbin, noting the size of Sanders's following, said': not Sanders
        i -= 1
    return None


def _relative_aside_opener(ctx: Ctx, i: int, cue: Token) -> int | None:
    """The comma that opens a relative clause set off by commas around token i, closed by the
    comma right before the cue ('X, whose … uses …, said'); None if i is in no such clause."""
    doc = ctx.doc
    if cue.i < 1 or doc[cue.i - 1].text != ",":
        return None
    for j in range(i - 1, 0, -1):
        if ctx.sent_of[j] != ctx.sent_of[cue.i] or ctx.in_quote[j]:
            return None
        if doc[j].lower_ in ("who", "whose") and doc[j - 1].text == ",":
            return j - 1
    return None


def _clause_opener_object(name: Token) -> bool:
    """'after Mr. Trump, asked about …, had said': the parser read the conjunction that opens
    the speaker's clause as a preposition with the name its object."""
    prep = name.head
    return name.dep_ == "pobj" and prep.lower_ in TIME_MARKS and prep.i == name.left_edge.i - 1


# Verbs whose object does what their infinitive says ('prompted some users to argue', 'urged
# him to endorse'); after others an infinitive tells the subject's purpose ('used a word to
# describe X', 'asked for more time to talk').
OBJECT_CONTROL = frozenset(
    "prompt urge ask encourage force push press pressure persuade convince invite lead cause "
    "spur inspire challenge dare implore beg order instruct tell".split()
)


def _controller(cue: Token) -> Token | None:
    """The object of an object-control verb that a verb of speech completes: who speaks ('prompted
    some users to argue that …')."""
    head = cue.head
    if cue_lemma(head) not in OBJECT_CONTROL or cue_lemma(cue) not in SPEECH_CUES | CLAUSE_CUES:
        return None  # 'urged X to release …' is the urger's stance, not one X took
    return next((c for c in head.children if c.dep_ == "dobj" and c.i < cue.i and c.pos_ in ("NOUN", "PROPN", "PRON")), None)


def _clause_before(ctx: Ctx, cue: Token) -> Token | None:
    """'when Sanders protesters interrupted her speech, shouting “…”' parsed with 'shouting' on
    the main clause: the subject of the clause the comma closes, below the participle's head."""
    if cue.i < 2 or ctx.doc[cue.i - 1].text != "," or cue.head.i > cue.i:
        return None
    return _subject_before_comma(ctx, cue, stop=cue.head.i, speaking=True)


def _participle_subject(ctx: Ctx, cue: Token) -> Token | None:
    """'Clinton seemed ready to riff on it, telling the crowd, “…”' parsed with 'telling' on the
    quoted verb: the participle after a comma goes with the clause before the comma, whose
    subject (found up its heads outside the quote) speaks."""
    if cue.tag_ != "VBG" or not ctx.in_quote[cue.head.i] or ctx.in_quote[cue.i] or cue.i < 2 or ctx.doc[cue.i - 1].text != ",":
        return None
    return _subject_before_comma(ctx, cue)


def _subject_before_comma(ctx: Ctx, cue: Token, stop: int = -1, speaking: bool = False) -> Token | None:
    """Up the heads from the word before the comma that precedes the cue, within its sentence,
    outside quotes and short of token `stop`: the subject of the first verb met (with `speaking`,
    one that can speak)."""
    tok, sent = ctx.doc[cue.i - 2], ctx.sent_of[cue.i]
    while not ctx.in_quote[tok.i] and ctx.sent_of[tok.i] == sent and tok.i != stop:
        subj = subject(tok) if tok.pos_ in ("VERB", "AUX") else None
        if subj is not None and not ctx.in_quote[subj.i] and not (speaking and mute(subj)):
            return subj
        if tok.head.i == tok.i:
            break
        tok = tok.head
    return None


PARTY_LABEL = 8  # tokens of '(R-WI)', '(D-Calif.)'


def _name_just_before(ctx: Ctx, cue: Token) -> Token | None:
    """'…, Speaker of the House Rep. Paul Ryan (R-WI) said “…”' parsed with the name the object of
    a preposition: a person named right before the verb (past a party label in brackets) is its
    subject, whatever the parse."""
    doc, i = ctx.doc, cue.i - 1
    if (cue.tag_ not in FINITE_TAGS and not (cue.tag_ == "VBN" and cue.dep_ == "ROOT")) or i < 0:
        return None  # 'From X writing at Mediaite:', 'Bush calling …': a participle's name is no subject
    if doc[i].text == ")":
        while i > 0 and doc[i].text != "(" and cue.i - i <= PARTY_LABEL:
            i -= 1
        i -= 1
    if i < 0 or ctx.in_quote[i] or ctx.sent_of[i] != ctx.sent_of[cue.i]:
        return None
    ent = ctx.ent_of[i]
    if ent is None and doc[i].text[:1].isupper() and not doc[i].is_sent_start and doc[i].lower_ in ctx.refs.known:
        return doc[i]  # 'And Skelly called Braynard …' with 'Skelly' tagged an adverb: a name the article knows
    if ent is None or ent.label_ != "PERSON" or ent.end != i + 1:
        return None
    return ent.root


QUOTED_NAME = 3  # words of a short quoted title or name inside an aside


def _quoted_name(ctx: Ctx, i: int, cue: int) -> bool:
    """Token i lies in a short quoted run of capitalised words that a word outside the marks
    follows before the cue ('“Ted Cruz” campaign pins, said'): a name inside an aside, not the
    quote the cue is for."""
    lo, hi = i, i
    while lo > 0 and ctx.in_quote[lo - 1]:
        lo -= 1
    while hi + 1 < len(ctx.doc) and ctx.in_quote[hi + 1]:
        hi += 1
    words = [t for t in ctx.doc[lo : hi + 1] if not t.is_punct]
    inside = any(not t.is_punct and not ctx.in_quote[t.i] for t in ctx.doc[hi + 1 : cue])
    return inside and 0 < len(words) <= QUOTED_NAME and all(t.text[:1].isupper() for t in words)


def _who_clause(verb: Token) -> bool:
    """The verb of a 'who' clause about a noun before it ('an official who spoke …')."""
    who = any(c.dep_ == "nsubj" and c.lower_ == "who" for c in verb.children)
    relcl = verb.dep_ == "relcl" and verb.pos_ in ("VERB", "AUX")  # not a name misparsed as one
    return who and relcl and verb.head.i < verb.i and verb.head.pos_ in ("NOUN", "PROPN")


def _sender_of_message(addressee: Token) -> Token | None:
    """The verb that sends a message to `addressee` ('sent a text message [to supporters]',
    'issued a statement to reporters'), if it is one."""
    prep = addressee.head
    if addressee.dep_ != "pobj" or prep.dep_ not in ("prep", "dative") or prep.lower_ != "to":
        return None
    verb = prep.head
    sends = verb.pos_ == "VERB" and any(c.dep_ == "dobj" and c.lemma_.lower() in MESSAGE_NOUNS for c in verb.children)
    return verb if sends else None


def _subject_of_a_who_clause(ctx: Ctx, cue: Token) -> Token | None:
    """'One attendee, who like others spoke on the condition of anonymity …, said …' parsed with
    the relative clause's verb as a clause 'said' reports: the noun right before ', who' in
    that clause, outside quotes, is who speaks."""
    doc = ctx.doc
    for clause in (c for c in cue.lefts if c.dep_ == "ccomp"):
        for subj in (c for c in clause.lefts if c.dep_ == "nsubj" and c.pos_ in ("NOUN", "PROPN")):
            if subj.i + 2 < clause.i and doc[subj.i + 1].text == "," and doc[subj.i + 2].lower_ in ("who", "whom") \
                    and not ctx.in_quote[subj.i]:
                return subj
    return None


def _aside_verb(tok: Token) -> bool:
    """A verb inside an aside between a speaker and the cue: an adverbial clause or auxiliary,
    or a participle opened by a comma ('Durbin, noting the size of …, said', which the parser
    may make the sentence's root)."""
    doc = tok.doc
    comma = tok.i > 0 and doc[tok.i - 1].text == ","
    # 'Clinton, exasperated, responded': one word between commas, whatever its tag
    alone = comma and tok.i + 1 < len(doc) and doc[tok.i + 1].text == ","
    return tok.dep_ in ASIDE_DEPS or (comma and tok.tag_ in ("VBG", "VBN")) or alone


NAME_AFTER_QUOTE = 6  # tokens from a closing mark to the name: "”, screenwriter Cole"


def _named_after_quote(ctx: Ctx, cue: Token) -> Token | None:
    """'“…,” William M. Daley, President Obama's former chief of staff, said of …' or '“…,”
    Mr. Daniloff, now 81 and retired in Cambridge, Mass., said': the parser hangs the name on
    the quote and leaves the verb without a subject; the person right after the closing mark,
    whom a description follows up to the verb, says it."""
    doc, sent = ctx.doc, ctx.sent_of[cue.i]
    i = cue.i - 1
    while i >= 0 and not ctx.in_quote[i] and ctx.sent_of[i] == sent and not (doc[i].is_quote and _closes(ctx, i)):
        i -= 1
    if i < 0 or ctx.sent_of[i] != sent or ctx.in_quote[i]:
        return None
    for j in range(i + 1, min(i + 1 + NAME_AFTER_QUOTE, cue.i)):
        ent = ctx.ent_of[j]
        if ent is not None and ent.start == j and ent.label_ == "PERSON":
            # 'Trump's spokeswoman said' names whose spokeswoman, not who speaks
            return ent.root if ent.end < len(doc) and doc[ent.end].tag_ != "POS" else None
        if not (doc[j].is_punct or _title_word(doc[j])):
            return None
    return None


NOT_TITLE_POS = frozenset({"ADP", "DET", "CCONJ", "SCONJ", "PRON", "AUX", "PART", "NUM"})
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})


def _title_word(tok: Token) -> bool:
    """A word of the title or role before a name: 'screenwriter', 'former Gov.' (the tagger
    may call 'screenwriter' a verb); not 'critics [of] Trump', '[the] report'."""
    if tok.pos_ in NOT_TITLE_POS or tok.tag_ in FINITE_TAGS:
        return False
    if tok.text == "-" and not tok.whitespace_ and tok.i > 0 and not tok.doc[tok.i - 1].whitespace_:
        return True  # 'co-host', split in three by the tokenizer
    return tok.is_alpha or (tok.text.endswith(".") and tok.text[:-1].isalpha())


def _closes(ctx: Ctx, i: int) -> bool:
    """A quotation mark that ends a quoted passage (the tokens just before it are quoted)."""
    j = i - 1
    while j >= 0 and ctx.doc[j].is_punct and not ctx.in_quote[j]:
        j -= 1
    return j >= 0 and ctx.in_quote[j]


INVERTED_DETS = frozenset({"the", "a", "an", "another", "one"})


def _inverted_subject(ctx: Ctx, cue: Token) -> Token | None:
    """'"The risk," said Edward Leamer, an economist, "is …"' parsed with 'said' left without a
    subject: the person or the noun phrase right after the cue says it."""
    # a no-break space is a token of its own: '…,”\xa0added Gowdy'
    i, before = _word_at(ctx.doc, cue.i + 1, 1), _word_at(ctx.doc, cue.i - 1, -1)
    if i >= len(ctx.doc) or ctx.in_quote[i] or ctx.sent_of[i] != ctx.sent_of[cue.i] or cue_lemma(cue) in NO_CLAUSE_CUES:
        return None
    if before >= 0 and not (ctx.doc[before].is_punct or ctx.doc[before].is_quote):
        return None  # only the inversion that follows a quote or an aside: '…,” said X'
    if cue.tag_ == "VBG":
        return None  # '…, telling the crowd, “…”': a participle is never inverted; its object listens
    first = ctx.doc[i]
    if _known_name_alone(ctx, first):
        return first  # '…,” said Skelly, explaining …' with 'Skelly' tagged an adverb
    # 'said Mr. Rhodes', 'said Sen. Graham': the model often leaves the title out of the name
    at = i + 1 if first.lower_.rstrip(".") in TITLES and i + 1 < len(ctx.doc) else i
    at = _after_title(ctx, at)
    ent = ctx.ent_of[at]
    person = ent is not None and ent.start == at and ent.label_ == "PERSON"
    # '…,” recalled Mr. Rhodes' may parse the name as the object; only a person can be that
    # inverted subject ('…,” said the plan' is no speaker), and never whom one tells ('…,” X,
    # founder of Y, tells Breitbart News')
    head = ent.root if ent is not None and ent.start == at else first
    if head.dep_ in ("dobj", "dative") and head.head.i == cue.i and (not person or cue_lemma(cue) == "tell"):
        return None
    found = None
    if ent is not None and ent.start == at and ent.label_ in ("PERSON", "ORG"):
        found = ent.root
    elif (name := _untagged_name(ctx, i)) is not None:
        found = name
    elif first.lower_ in INVERTED_DETS and first.dep_ == "det":
        # 'said the 46-year-old', 'said a spokeswoman for the party': the noun the determiner opens
        head = first.head
        if head.i > cue.i and head.pos_ in ("NOUN", "PROPN") and not ctx.in_quote[head.i]:
            found = head
    # 'said David Brock, a Clinton confidant who heads …' misparsed with the name the subject of
    # a later verb: a person set off by a comma is the aside that names the speaker
    aside = person and ent.end < len(ctx.doc) and ctx.doc[ent.end].text == ","
    if found is not None and found.dep_ in ("nsubj", "nsubjpass") and found.head.head.i == cue.i and not aside:
        return None  # 'said the message was …': the subject of what was said
    return found


def _word_at(doc: Doc, i: int, step: int) -> int:
    """The first token from i on (step 1) or back (step -1) that is not whitespace."""
    while 0 <= i < len(doc) and doc[i].is_space:
        i += step
    return i


def _known_name_alone(ctx: Ctx, tok: Token) -> bool:
    """A capitalised word, closed by punctuation, that spells a person the article names but that
    the tagger took for something else ('said Skelly,' as an adverb)."""
    nxt = _word_at(ctx.doc, tok.i + 1, 1)
    closed = nxt >= len(ctx.doc) or ctx.doc[nxt].is_punct
    return closed and tok.pos_ not in ("PROPN", "NOUN", "PRON") and tok.text[:1].isupper() and tok.lower_ in ctx.refs.known


def _untagged_name(ctx: Ctx, at: int) -> Token | None:
    """'…," said Oversight ranking Democrat Elijah Cummings (D-Md.).' with no entity tagged: two
    capitalised proper nouns ending the run of title words, before punctuation, are the name."""
    doc, j = ctx.doc, at
    while j < min(at + NAME_AFTER_QUOTE + 2, len(doc)) and not ctx.in_quote[j] and _title_word(doc[j]):
        j += 1
    if j - at < 2 or (j < len(doc) and not doc[j].is_punct):
        return None
    last, before = doc[j - 1], doc[j - 2]
    names = all(t.pos_ == "PROPN" and t.text[:1].isupper() and ctx.ent_of[t.i] is None for t in (before, last))
    return last if names else None


def _after_title(ctx: Ctx, at: int) -> int:
    """'said retired neurosurgeon Ben Carson', 'said Texas delegate Bill Eastland': the person
    named after a title of a few words; `at` itself when no person follows one."""
    doc, end = ctx.doc, min(at + NAME_AFTER_QUOTE, len(ctx.doc))
    for j in range(at, end):
        ent = ctx.ent_of[j]
        if ent is not None and ent.label_ == "PERSON":
            return j if ent.start == j else at
        if ctx.in_quote[j] or not _title_word(doc[j]):
            return at
    return at


def subject(cue: Token) -> Token | None:
    if cue.lower_ == "according":
        obj = next((p for c in cue.children if c.lower_ == "to" for p in c.children if p.dep_ == "pobj"), None)
        return obj if obj is not None and plausible_source(obj) else None
    # two subjects are a misparse ('In Salem, New Hampshire, Trump went …'): the nearest is it
    subjects = [c for c in cue.children if c.dep_ == "nsubj"]
    if subjects:
        subj = min(subjects, key=lambda c: abs(c.i - cue.i))
        # 'Of Carson, Levine … said': a preposition taken for the subject; its object speaks
        return next((p for p in subj.children if p.dep_ == "pobj"), subj) if subj.pos_ == "ADP" else subj
    for child in cue.children:
        if child.dep_ == "agent":
            return next((p for p in child.children if p.dep_ == "pobj"), None)
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in cue.children):
        if cue.lemma_.lower() in QUOTED_VERBS and _as_saying(cue):
            # '“…,” Braynard is quoted as saying' parsed with the quote on 'quoted': the one quoted
            return _passive_subject(cue)
        # 'in what was described as “back-channel diplomacy”', 'it was announced that …': a
        # passive without its 'by' names no speaker, not the subject of the clause it hangs on
        return None
    if (who := _as_object(cue)) is not None:
        return who
    aged = cue.head.lower_ == "old" and any(c.dep_ == "det" for c in cue.head.children)  # '“…?” the 43-year-old asked'
    if cue.dep_ == "acl" and (cue.tag_ == "VBD" or aged and cue.tag_ == "VBN") and _right_after(cue.head, cue) \
            and (cue.head.pos_ in ("NOUN", "PROPN") or aged) and cue_lemma(cue) not in NO_CLAUSE_CUES:
        # 'a man yelled “…”' misread as 'a man [who] yelled': the noun yells ('a loophole called
        # an “inversion”' is a true participle); so does 'Nate Silver, the polling guru who
        # founded fivethirtyeight.com[,] tweeted'
        return cue.head
    # 'Trump barked', 'Conway notes' after a quote, parsed as one name 'Trump barked' (the name
    # a compound of the verb): the proper noun just before the verb is its subject; so is any
    # noun before a cue tagged a noun itself ('the email read')
    mistagged = cue.pos_ == "NOUN" and cue_lemma(cue) in QUOTE_VERBS
    nouns = ("PROPN", "NOUN") if mistagged else ("PROPN",) if cue.pos_ == "VERB" else ()
    left = [c for c in cue.children if c.i == cue.i - 1 and (c.dep_ == "compound" and c.pos_ in nouns
                                                             or mistagged and noun_read_as_adjective(c))]
    if left and cue.tag_ != "VBG":  # 'the super PAC backing Clinton': a participle describes the noun
        return left[0]
    if cue.dep_ == "xcomp":
        # "X is expected to endorse …", "X was forced to admit …": the raised subject
        raised = _passive_subject(cue.head)
        if raised is not None:
            return raised
    if cue.dep_ == "acl" and cue.i > cue.head.i and cue_lemma(cue) in FINDING_CUES and cue.head.lemma_.lower() in SOURCE_NOUNS:
        # 'with polls showing Clinton's lead evaporating', 'a new poll showing Trump down to 14
        # percent': the poll the participle describes finds it
        return cue.head
    if cue.dep_ == "acl" and cue.head.lemma_.lower() in MESSAGE_NOUNS and cue.head.dep_ == "dobj":
        return subject(cue.head.head)  # 'X issued a statement saying …': who issued it says it
    if cue.dep_ == "acl" and (sender := _sender_of_message(cue.head)) is not None:
        return subject(sender)  # 'X sent a text message to supporters saying …': the participle hangs on the addressees
    if cue.dep_ == "xcomp" and cue.head.dep_ == "acomp" and cue.head.head.pos_ in ("VERB", "AUX"):
        return subject(cue.head.head)  # 'X was quick to criticize …', 'X is eager to endorse …'
    if cue.dep_ == "advcl" and cue.head.pos_ == "ADV" and cue.head.head.pos_ in ("VERB", "AUX"):
        return subject(cue.head.head)  # 'X went so far as to say: …' (the clause on 'far')
    if cue.dep_ == "pcomp" and cue.head.dep_ == "prep" and cue.head.head.pos_ == "VERB":
        head = cue.head.head
        if head.lemma_.lower() in QUOTED_VERBS and (quoted := _passive_subject(head)) is not None:
            return quoted  # 'X was quoted as saying “…”': the one quoted says it
        return subject(head)  # 'Obama ended his list by saying “Too many.”', 'after adding …'
    if cue.dep_ == "conj" and cue.pos_ == "VERB" and cue.head.dep_ == "dobj" and cue.head.head.pos_ == "VERB":
        # 'He adopted a fake accent and joked, “…”' with 'joked' conjoined to the object: the
        # verb that has the object has the subject
        return subject(cue.head.head)
    if cue.dep_ == "xcomp" and (told := _controller(cue)) is not None:
        return told  # 'the video prompted some users to argue …', 'urged X to say': the object does it
    if cue.dep_ in ("conj", "advcl", "xcomp") and cue.head.pos_ in ("VERB", "AUX"):
        inherited = subject(cue.head)  # "X confirmed … but clarified that …", "X posted, saying …"
        if inherited is None and cue.dep_ == "conj" and cue.head.lemma_.lower() in ASKED_VERBS:
            inherited = _passive_subject(cue.head)  # 'Smith was asked about it and said “…”'
        if cue.dep_ == "conj" and any(c.dep_ == "agent" for c in cue.head.children):
            # 'Silverman was joined on stage by Al Franken and joked, “…”': the passive's agent
            # is nobody's subject but its own verb's; the conjunct shares the passive's subject
            inherited = _passive_subject(cue.head)
        if _after_reported_clause(cue) or _after_time_clause(cue):
            # 'Trump said that Romney "had …," adding, “…”': a participle after the reported
            # clause is the reporter's, whatever the clause it hangs on in the parse
            return subject(cue.head.head)
        if inherited is not None and mute(inherited) and cue.head.dep_ == "ccomp":
            # 'X said it takes time but added, “…”', 'the ministry confirmed that the talks took
            # place, saying …': the conjunct or participle hangs on the reported clause in the
            # parse, but 'it' or 'the talks' say nothing; the speaker of that clause does
            return subject(cue.head.head)
        return inherited
    return None


QUOTED_VERBS = frozenset({"quote", "cite"})
# Passives whose subject then answers ('was asked about it and said'); after any other passive
# the parse too often makes a later verb its conjunct ('X, whose husband was killed …, discussed')
ASKED_VERBS = frozenset({"ask", "question", "press", "interview", "contact", "reach", "approach"})


def _passive_subject(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ == "nsubjpass"), None)


def _as_saying(verb: Token) -> bool:
    """'quoted as saying': the verb's 'as' phrase holds a verb of speech."""
    return any(c.lower_ == "as" and any(is_cue(p) for p in c.children if p.dep_ == "pcomp") for c in verb.children)


def _right_after(noun: Token, verb: Token) -> bool:
    """The verb follows the noun directly, or only past the noun's apposition (and commas)."""
    between = verb.doc[noun.i + 1 : verb.i]
    appos = {t.i for c in noun.children if c.dep_ == "appos" for t in c.subtree}
    return all(t.i in appos or t.is_punct for t in between)


TIME_MARKS = frozenset({"after", "before", "when", "as", "while", "since", "once"})


def _after_time_clause(cue: Token) -> bool:
    """'Hannity said … after the senator won his primary, remarking that …': a speech participle
    on the time clause of a verb of speech is that speaker's, not the time clause's subject's."""
    clause = cue.head
    return cue.tag_ == "VBG" and cue.dep_ == "advcl" and clause.dep_ == "advcl" and clause.head.i != clause.i \
        and any(c.dep_ == "mark" and c.lower_ in TIME_MARKS for c in clause.children) and is_cue(clause.head)


def _after_reported_clause(cue: Token) -> bool:
    """'X said (that) Y …, adding …': a participle on the clause a verb of speech before it
    reports, both before it; not one on a speech verb of its own ('…, Lewandowski added, saying
    …'), nor 'saying', which as often tells why the reported subject did it ('Police said
    residents fled, saying they heard shots')."""
    clause, reporter = cue.head, cue.head.head
    if cue.dep_ != "advcl" or cue.tag_ != "VBG" or clause.dep_ != "ccomp" or is_cue(clause) or cue_lemma(cue) == "say":
        return False
    return reporter.pos_ in ("VERB", "AUX") and cue_lemma(reporter) in SPEECH_CUES and max(reporter.i, clause.i) < cue.i


def _as_object(cue: Token) -> Token | None:
    """'As Akhil Amar … put it, …', 'as X noted': the parser may take 'as' for a preposition and
    the speaker for its object; in a clause that 'as' opens, that object is the subject."""
    if cue_lemma(cue) not in QUOTE_VERBS | PHRASAL_CUES.keys():
        return None  # 'as the chants to "build the wall"': only a verb of speech has a speaker
    mark = next((c for c in cue.children if c.dep_ in ("mark", "prep") and c.lower_ == "as" and c.i == cue.left_edge.i), None)
    return next((p for p in mark.children if p.dep_ == "pobj"), None) if mark is not None else None


# common nouns for people and bodies that speak ('the residents', 'the union', 'the ministry'),
# with those that can be a source (documents, officials, outlets, roles)
PEOPLE_NOUNS = frozenset(
    "people person resident witness voter worker staff employee member family protester critic "
    "supporter fan student parent victim survivor doctor nurse soldier troop crew union company "
    "firm airline government ministry council group organisation organization party team "
    "campaign administration department court committee board agency office".split()
) | SPEAKING_NOUNS


def mute(tok: Token) -> bool:
    """A subject that cannot speak: 'it', or a common noun that is no person, group, outlet or
    document ('the talks', 'the meeting')."""
    if tok.lower_ in EXPLETIVES:
        return True
    return tok.pos_ == "NOUN" and tok.ent_type_ == "" and tok.lemma_.lower() not in PEOPLE_NOUNS


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


FEELING_CUES = frozenset("feel think believe hope fear know wish guess reckon".split())


def felt_by_a_text(tok: Token, cue: Token) -> bool:
    """'Buckley's own story feels like a fairy tale': a text feels, thinks or hopes nothing, so
    cites nothing (officials and sources who believe something still do)."""
    return cue_lemma(cue) in FEELING_CUES and tok.lemma_.lower() in SOURCE_NOUNS


def _bare_finding(ctx: Ctx, tok: Token, cue: Token) -> bool:
    """'Her MacBook was starting to show its age', 'a CT of his chest showed a pattern': a named
    thing that shows something without a clause is no source; 'Gallup found that …', 'polls show
    …' are."""
    lemma = cue_lemma(cue)
    finding = lemma in FINDING_CUES and lemma not in SPEECH_CUES | REPORT_CUES
    return finding and ctx.ent_of[tok.i] is not None and not any(c.dep_ == "ccomp" for c in cue.children)


# what a company reports of itself ('Lowe's reports earnings Wednesday'): its results, not news
RESULT_NOUNS = frozenset("earning earnings result profit loss revenue sale income growth dividend quarter".split())


def own_output(verb: Token) -> bool:
    """A company reporting its results, a publisher publishing a book: what they put out is
    their product, not what the article learned from them. With an object, 'published' cites
    only a report, an article or a clause ('The Times published an investigation'); 'a memo
    published by Politico' cites Politico."""
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if obj is not None and obj.lemma_.lower() in RESULT_NOUNS:
        return True
    if cue_lemma(verb) == "publish":
        return obj is not None and obj.lemma_.lower() not in SOURCE_NOUNS and not any(c.dep_ == "ccomp" for c in verb.children)
    return False


def _informs(cue: Token) -> bool:
    """A verb by which a source tells something: of speech, of reporting or of a finding
    ('authorities blame the fire on faulty wiring' states a cause they found)."""
    return cue_lemma(cue) in SPEECH_CUES | REPORT_CUES | FINDING_CUES | {"blame"}


def record_speaker(ctx: Ctx, result: Attribution, tok: Token, speaker: str | None, cue: Token, speech: bool = True) -> None:
    """Note what a cue tells: its sentence is reported speech (so not the author's opinion;
    a stance, 'Few have urged peace', is no such shield), a press audience is a cited source,
    and 'the spokeswoman' is someone a later 'she' may mean."""
    sent = ctx.sent_of[cue.i]
    if speech:
        result.attributed.add(sent)
    if speaker and press_object(cue) is not None:
        add_citation(ctx, result, speaker, sent, cue_text(cue), tok.i, outlet=False)
    elif speaker and _source_speaker(ctx, tok) and (speech or _informs(cue)) and not _bare_finding(ctx, tok, cue) \
            and not own_output(cue) and not felt_by_a_text(tok, cue):
        # "court documents show …", "authorities say …": the speaker is itself a cited source;
        # "the Teamsters endorsed X", "Congress may approve Y" tell what a body did, not what
        # the article learned from it
        add_citation(ctx, result, speaker, sent, cue_text(cue), tok.i, outlet=False)
    if speaker and tok.pos_ == "PRON" and speech:
        ctx.refs.add_resolved(tok, speaker)
    # 'the spokeswoman' may be a later 'she'; 'his eyes', 'the audience', 'an awful lot [of
    # analysts]' (inside someone's quote) are no one a narrator's 'he' means
    one_person = tok.pos_ == "NOUN" and tok.tag_ == "NN" and tok.lemma_.lower() in PERSON_ROLES
    if speaker and one_person and ctx.ent_of[tok.i] is None and not ctx.in_quote[tok.i]:
        ctx.refs.add_unnamed(tok, speaker)

