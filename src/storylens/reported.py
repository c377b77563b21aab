"""Reported speech and stance: 'X said (that) …', '…, X said', 'a poll found that …', and
the positions people take: 'X endorsed Y', 'X called for …', 'X wants to …'.

A stance is recorded as an indirect quote whose text runs from the cue verb to the end of its
complement ("endorsed Ted Cruz for president"), so a brief reads it as what X did, not as words
X said.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from .cues import CLAUSE_CUES, SPEECH_CUES, STANCE_CUES, cue_lemma, cue_text, record_speaker, speaker_token, subject
from .model import Quote
from .sources import ANONYMOUS_SOURCES, SOURCE_NOUNS, Attribution, Ctx, resolve
from .speakers import clean_name

# Nouns that name a position or statement whose owner ("Clinton's", "his") holds it
STANCE_NOUNS = frozenset(
    "support criticism comment comments remark remarks call opposition endorsement claim statement "
    "promise pledge view position argument warning accusation praise defense demand vow threat "
    "insistence suggestion assertion denial belief hope fear concern".split()
)  # measured out: plan, proposal, decision, bid, push (mostly things others talk about)
STANCE_PREPS = frozenset("for about on to against of over".split())
VAGUE_OBJECTS = frozenset("it this that them him her something anything nothing everything".split())
DASHES = frozenset({"-", "–", "—", "―"})
HEADLINE_WORDS = 6  # "Poll:", "NY Daily News:", "Kerry:" — a name, not a clause, before the colon
SOURCE_CUES = frozenset({"cite", "quote"})  # their object is whose words are used: a citation


def indirect_quotes(ctx: Ctx, result: Attribution) -> None:
    """'X said (that) …', '…, X said' and 'a poll found that …': the clause is what was said."""
    # sentences whose direct quotes already stand for their quoted words; elsewhere a quoted
    # phrase under a stance verb ('referred to him as “the most beautiful soul”') is kept here
    quoted = {q.sentence for q in result.quotes if q.direct and q.speaker}  # a quote nobody says is dropped later
    for tok in ctx.doc:
        if tok.pos_ == "NOUN" and tok.lemma_.lower() in STANCE_NOUNS and not ctx.in_quote[tok.i]:
            _noun_stance(ctx, result, tok)
        if tok.pos_ != "VERB" or ctx.in_quote[tok.i]:
            continue
        lemma = cue_lemma(tok)
        found = _reported_clause(tok) if lemma in CLAUSE_CUES else (None, [])
        speech = found[0] is not None
        if not speech and (lemma in STANCE_CUES or (lemma in FINDING_CUES and _document_subject(tok))):
            found = _stance(tok)
        elif not speech and _person_subject(ctx, tok):
            # any verb of a person's with a clause ('X insinuated that …'); not a known verb
            # of speech, so it does not shield the sentence from the opinion check, and no
            # aside ('Cruz has 11, Rubio has 10' is a list, not 'Cruz, he says, leads')
            found = _reported_clause(tok, parenthetical=False)
            if found[0] is not None and found[0].i < tok.i:
                found = (None, [])  # '…, X said' is for verbs of speech only
        clause, words = found
        if clause is None or ctx.in_quote[clause.i]:
            continue
        if clause.i < tok.i and any(ctx.in_quote[t.i] for t in words):
            continue  # '"…," X said' is a direct quote, found as such
        if sum(ctx.in_quote[t.i] for t in words) * 2 > len(words) and ctx.sent_of[tok.i] in quoted:
            continue  # mostly quoted words: the direct quote stands for it
        _add(ctx, result, tok, words, speech)
    result.quotes.sort(key=lambda q: q.sentence)


FINDING_CUES = frozenset("find show reveal indicate suggest estimate put".split())
DOCUMENT_SUBJECTS = SOURCE_NOUNS | frozenset("poll polls survey surveys report reports study studies records review analysis examination paper projection".split())


def _document_subject(verb: Token) -> bool:
    """'A recent CNN survey found 90 percent support': a poll or document finds what its object says."""
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return subj is not None and subj.lemma_.lower() in DOCUMENT_SUBJECTS


def _noun_stance(ctx: Ctx, result: Attribution, cue: Token) -> None:
    """'Clinton's support for the deal', 'his comments on trade', 'criticism from Sanders of
    the plan': the owner of the noun holds the position its complement states."""
    owner = next((c for c in cue.children if c.dep_ == "poss"), None)
    if owner is None:
        owner = next((p for c in cue.children if c.dep_ == "prep" and c.lower_ in ("from", "by") for p in c.children if p.dep_ == "pobj"), None)
    comp = next((c for c in cue.children if c.dep_ in ("acl", "ccomp")), None)
    if comp is None:
        prep = next((c for c in cue.children if c.dep_ == "prep" and c.lower_ in STANCE_PREPS), None)
        comp = next((p for p in prep.children if p.dep_ in ("pobj", "pcomp")), None) if prep is not None else None
    if owner is None or comp is None or comp.i < cue.i or _told(cue):
        return
    speaker = resolve(ctx, owner)
    if not speaker:
        return
    words = list(cue.doc[cue.i : comp.right_edge.i + 1])
    if sum(ctx.in_quote[t.i] for t in words) * 2 > len(words):
        return
    text = _words_text(ctx.text, words)
    if text:
        result.quotes.append(Quote(speaker, text, ctx.sent_of[cue.i], False, cue.text))


def _told(noun: Token) -> bool:
    """'He emphasized the administration's position that …': a position someone else states is
    part of what that speaker said, not a statement of its own."""
    head = noun.head
    return noun.dep_ == "dobj" and cue_lemma(head) in SPEECH_CUES and any(c.dep_ == "nsubj" for c in head.children)


def _person_subject(ctx: Ctx, verb: Token) -> bool:
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subj is None:
        return False
    ent = ctx.ent_of[subj.i]
    return (ent is not None and ent.label_ == "PERSON") or subj.lower_ in ("he", "she")


def _add(ctx: Ctx, result: Attribution, tok: Token, words: list[Token], speech: bool) -> None:
    if _agentless_passive(tok):
        return  # 'Trump is expected to win': whoever expects it goes unnamed
    if not speech and tok.dep_ in ("pcomp", "acl") and subject(tok) is None:
        return  # "after praising X", "the plan supported by …": no one in reach takes the stance
    speaker_tok = speaker_token(ctx, tok)
    if speaker_tok is None or speaker_tok in words:
        return
    speaker = resolve(ctx, speaker_tok)
    if speaker is None and speaker_tok.pos_ == "PRON":
        return
    text = _words_text(ctx.text, words)
    if text:
        result.quotes.append(Quote(speaker, text, ctx.sent_of[tok.i], False, cue_text(tok)))
        record_speaker(ctx, result, speaker_tok, speaker, tok, speech)


def _agentless_passive(verb: Token) -> bool:
    deps = {c.dep_ for c in verb.children}
    return bool(deps & {"nsubjpass", "auxpass"}) and "agent" not in deps


def _stance(cue: Token) -> tuple[Token | None, list[Token]]:
    """The complement of a stance verb, with the verb: 'wants [to bring refugees]', 'endorsed
    [Cruz]', 'called for [a ban]'. A bare pronoun object says nothing on its own."""
    deps = {c.dep_: c for c in reversed(list(cue.children))}
    if cue.lemma_.lower() == "call" and not any(c.lower_ in ("for", "on") for c in cue.children):
        return None, []  # "calling X a liar" labels; "called for a ban" takes a stance
    comp = deps.get("ccomp") or deps.get("xcomp") or deps.get("dobj")
    if comp is None:
        prep = next((c for c in cue.children if c.dep_ in ("prep", "prt") and c.lower_ in STANCE_PREPS), None)
        comp = next((p for p in prep.children if p.dep_ in ("pobj", "pcomp")), None) if prep is not None else None
    if comp is None or comp.i < cue.i or (comp.pos_ == "PRON" and comp.lower_ in VAGUE_OBJECTS and comp.n_rights == 0):
        return None, []
    if cue.lemma_.lower() in SOURCE_CUES and comp.lemma_.lower() in SOURCE_NOUNS | ANONYMOUS_SOURCES:
        return None, []  # "citing six sources": whose words follow, a citation (see citations.py)
    # "endorsed Cruz [for president]": a prepositional phrase on the verb completes the stance
    end = max([comp.right_edge.i] + [c.right_edge.i for c in cue.rights if c.dep_ == "prep" and c.i > comp.i])
    words = [cue.doc[i] for i in range(cue.i, end + 1)]
    while words and words[-1].is_punct:
        words.pop()
    return comp, words


def _words_text(text: str, words: list[Token]) -> str:
    """The text of `words`, which may skip an interrupting cue ('This campaign, he says, is …')."""
    runs: list[list[Token]] = []
    for tok in words:
        if runs and tok.i == runs[-1][-1].i + 1:
            runs[-1].append(tok)
        else:
            runs.append([tok])
    parts = [text[r[0].idx : r[-1].idx + len(r[-1])].strip(" ,") for r in runs]
    return " ".join(p for p in parts if p).strip(" ,.")


def _reported_clause(cue: Token, parenthetical: bool = True) -> tuple[Token | None, list[Token]]:
    """The clause a cue reports: its ccomp, or for a parenthetical cue ('This campaign, he
    says, is different') the clause it interrupts, without the cue's own words."""
    clause = next((c for c in cue.children if c.dep_ == "ccomp"), None)
    if clause is not None:
        return clause, [t for t in clause.subtree if not (t.dep_ == "mark" and t.head == clause)]
    if parenthetical and cue.dep_ == "parataxis" and cue.head.pos_ in ("VERB", "AUX"):
        inner = {t.i for t in cue.subtree}
        words = [t for t in cue.head.subtree if t.i not in inner]
        while words and words[-1].is_punct:
            words.pop()
        return (cue.head, words) if words else (None, [])
    return None, []


def headline_attributions(ctx: Ctx, result: Attribution) -> None:
    """'Kerry: "By law, …"', 'Poll: Sanders leads Clinton': a name or source noun opening its
    sentence, then a colon, says what follows (headline and transcript style)."""
    taken = {q.sentence for q in result.quotes}
    doc, sent_of = ctx.doc, ctx.sent_of
    for found in re.finditer(":", ctx.text):  # colons are few: no pass over every token
        span = doc.char_span(found.start(), found.end(), alignment_mode="expand")  # '):' is one token
        if span is None or ctx.in_quote[span.start] or sent_of[span.start] in taken:
            continue
        colon, sent = span.start, sent_of[span.start]
        start = colon
        while start > 0 and sent_of[start - 1] == sent and colon - start <= HEADLINE_WORDS and not _spaced_dash(doc, start - 1):
            start -= 1
        # 'WHY THE POLLS WERE WRONG - Philip Bump: “…”': a digest line names its source after a dash
        after_dash = start > 0 and sent_of[start - 1] == sent and _spaced_dash(doc, start - 1)
        name = [t for t in doc[start:colon] if not t.is_space]
        if "(" in [t.text for t in name[1:]]:
            name = name[: [t.text for t in name].index("(")]  # 'Rep. Trey Gowdy (R-S.C.): …'
        if (start > 0 and sent_of[start - 1] == sent and not after_dash) or not name or len(name) > HEADLINE_WORDS:
            continue
        cut = next((k for k, t in enumerate(name) if k > 0 and t.lower_ in ("on", "about")), None)
        name = name[:cut]  # 'CNN President On Trump: …': the name before what it is about
        if not name or any(t.pos_ in ("VERB", "AUX") or ctx.in_quote[t.i] for t in name):
            continue
        head = name[-1]
        # a named entity or a source noun: a title-case headline ("Trump Addresses Munich
        # Attack: …") is all PROPN to the tagger, but its last word names no one; a name the
        # article gives a person elsewhere, or a name that opens a quotation, does
        quote_next = any(ctx.in_quote[i] for i in range(colon + 1, min(colon + 4, len(doc))))
        if (
            (head.pos_ == "PROPN" and ctx.ent_of[head.i] is not None)
            or head.lemma_.lower() in SOURCE_NOUNS
            or (head.pos_ == "PROPN" and head.lower_ in ctx.refs.known)
            or (quote_next and len(name) <= 4 and all(t.pos_ == "PROPN" and t.text[:1].isupper() and not t.text.isupper() for t in name))
        ):
            _add_headline(ctx, result, head, colon, sent, name)


def _spaced_dash(doc, i: int) -> bool:
    """' - ' between words, not the hyphen of 'R-S.C.'."""
    return doc[i].text in DASHES and i > 0 and bool(doc[i - 1].whitespace_)


def _add_headline(ctx: Ctx, result: Attribution, head: Token, colon: int, sent: int, name: list[Token]) -> None:
    end = colon + 1
    while end < len(ctx.doc) and ctx.sent_of[end] == sent:
        end += 1
    words = [t for t in ctx.doc[colon + 1 : end] if not t.is_space]
    text = _words_text(ctx.text, words).strip(' "“”')
    if ctx.ent_of[head.i] is None and head.pos_ == "PROPN":
        # a name the tagger did not mark: its own words ('Philip Bump', not the headline before it)
        speaker = ctx.refs.full_name(clean_name(_words_text(ctx.text, name)), head.i)
    else:
        speaker = resolve(ctx, head)
    if text and speaker:
        direct = sum(ctx.in_quote[t.i] for t in words) * 2 > len(words)
        result.quotes.append(Quote(speaker, text, sent, direct, ":"))
        result.attributed.add(sent)
