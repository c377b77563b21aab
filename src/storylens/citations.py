"""Cited sources: outlets, agencies, documents and anonymous officials an article relies on
("according to X", "as reported by X", "X reported", "told NBC", "a poll by X", "officials say").
No outlet names are listed anywhere: entity labels and the parse decide.
"""

from __future__ import annotations

from spacy.tokens import Token

from .cues import REPORT_CUES, SPEECH_CUES, own_output
from .sources import ANONYMOUS_SOURCES, OUTLET_ANAPHORS, SOURCE_LABELS, SOURCE_NOUNS, Attribution, Ctx, add_citation, common, coordinated, definite, entity_name, owner_name, phrase, plausible_source, propn_name

TO_CUES = frozenset("reveal disclose confirm tell leak say explain describe admit report".split())
POLL_NOUNS = frozenset("poll survey report study".split())
IN_POLL_NOUNS = frozenset("poll survey".split())  # "in its 2013 report" is where, not whose words
FALLBACK_CUES = frozenset({"according to", "in"})


# every lemma a candidate below can start from
CANDIDATE_LEMMAS = REPORT_CUES | TO_CUES | SOURCE_NOUNS | POLL_NOUNS | {"tell", "cite"}


def find_citations(ctx: Ctx, result: Attribution) -> None:
    for tok in ctx.doc:
        if ctx.in_quote[tok.i] and tok.pos_ != "NOUN":
            # '“…, according to the Iowa Democratic Party.”', 'Politico reveals: “… according to
            # data from …”': a source cited inside someone's quoted words is theirs; the article
            # cites the one it quotes. A report the quoted words answer is still the one the story
            # goes back to ('Agenzia Nova reporting that “… commenting on some news from NBC News”')
            continue
        for source, cue in _citation_candidates(tok):
            name = source_name(ctx, source)
            # the small model tags the noun after 'according to the …' an adjective at times
            # ('the Real Clear Politics average'); as the object of 'to' it is a noun all the same
            nominal = source.pos_ in ("NOUN", "PROPN") or (cue == "according to" and source.pos_ == "ADJ")
            if not name and cue in FALLBACK_CUES and nominal and plausible_source(source):
                # "according to the newspaper", "in the same poll": the cue alone says it is a
                # source; its own words name it when nothing earlier does ("according to early
                # results of the exit poll", "the average of recent polls": the poll they are of),
                # an organisation that makes it first ('the Real Clear Politics average')
                maker = _maker(ctx, source) if cue == "according to" and source.lemma_.lower() not in SOURCE_NOUNS | POLL_NOUNS else None
                name = maker or coordinated(ctx, source) or phrase(_document_of(source) or source)
            if name:
                sent = ctx.sent_of[tok.i]
                # only reporting verbs set the referent of a later "the outlet reports", and only
                # for a source with a name of its own: "according to a State Department official",
                # "according to a new poll" give "the agency" or "the newspaper" nothing to mean
                outlet = tok.pos_ != "NOUN" and not _unnamed(source, name)
                add_citation(ctx, result, name, sent, cue, source.i, outlet=outlet)
                result.attributed.add(sent)


def _citation_candidates(tok: Token) -> list[tuple[Token, str]]:
    """(source token, cue) pairs for the reporting constructions headed by `tok`."""
    lemma, out = tok.lemma_.lower(), []
    if lemma not in CANDIDATE_LEMMAS and tok.lower_ != "according":
        return out  # most tokens: skip building the children list (the costly part)
    children = list(tok.children)
    if tok.lower_ == "according":
        out += [(p, "according to") for c in children if c.lower_ == "to" for p in pobjs(c)]
    if tok.pos_ == "VERB" and lemma in REPORT_CUES and not own_output(tok):
        for c in children:
            if c.dep_ == "agent":
                mark = "as " if any(m.lower_ == "as" for m in children) else ""
                out += [(p, f"{mark}{tok.text} by") for p in pobjs(c)]
            elif c.dep_ == "nsubj":
                cue = f"{phrase(c, keep_det=True)} {tok.text}" if common(c) else tok.text
                out.append((c, cue))
    if tok.pos_ == "VERB" and lemma in TO_CUES:
        out += [(p, f"{tok.text} to") for c in children if c.dep_ in ("prep", "dative") and c.lower_ == "to" for p in pobjs(c)]
    if tok.pos_ == "VERB" and lemma == "tell":
        # 'told Reuters' cites the outlet; 'telling Cook' names whom a speaker told
        out += [(c, tok.text) for c in children if c.dep_ in ("dobj", "dative") and c.pos_ == "PROPN" and c.ent_type_ != "PERSON"]
    if tok.pos_ == "VERB" and lemma == "cite":
        # 'citing The Wall Street Journal' names a source the article relies on; 'cited reports
        # of cyberattacks', 'the report cited an internal investigation' are someone's evidence
        out += [(c, tok.text) for c in children if c.dep_ == "dobj" and c.ent_type_ in SOURCE_LABELS]
    if tok.pos_ in ("NOUN", "PROPN") and lemma in IN_POLL_NOUNS and tok.dep_ == "pobj" and tok.head.lower_ == "in" and tok.tag_ not in ("NNS", "NNPS") and not _respondents(tok.head.head):
        # "In a CNN poll, Clinton led …", "a 24-point lead … in a CNN national poll", "In a
        # national USA TODAY/Suffolk University Poll, …"; "leads in the polls" cites none
        out.append((tok, "in"))
    if tok.pos_ == "NOUN" and lemma in SOURCE_NOUNS and _tells(tok):
        for c in children:
            # "an interview with Fox News": the outlet asks, the interviewee is the source
            if c.dep_ == "prep" and c.lower_ in ("from", "by", "of"):
                out += [(p, f"{tok.text} {c.text}") for p in pobjs(c)]
            elif c.dep_ == "poss" and c.pos_ != "PRON" and c.ent_type_ != "PERSON" and lemma in POLL_NOUNS:
                out.append((c, f"{c.text} {tok.text}"))  # "NBC's report"; "Clinton's emails", "the FBI's record" are topics
    return out


def _maker(ctx: Ctx, tok: Token) -> str | None:
    """The organisation named in a noun's modifiers: 'the Real Clear Politics average', 'the
    Huffington Post Pollster average' are theirs."""
    for child in tok.children:
        ent = ctx.ent_of[child.i]
        if child.dep_ in ("compound", "nmod") and child.i < tok.i and ent is not None and ent.label_ in SOURCE_LABELS and ent.label_ != "PERSON":
            return entity_name(ctx, child, ent)
    return None


def _unnamed(source: Token, name: str) -> bool:
    """A source named only by its own common noun phrase ('senior officials', 'a new poll',
    'State Department official'), not by an outlet or organisation."""
    return common(source) and name in (phrase(source), phrase(_document_of(source) or source))


def _tells(doc: Token) -> bool:
    """A document that says something cites its maker: 'A study by X found …', 'The AP's report
    was based on …', 'according to a count by X'. One only talked about is a topic or an event:
    'under investigation by the FBI', 'released emails from her aides', 'called AP's report a
    rush to judgment', 'in an article from Politico, X says' (X says it), '(Additional reporting
    by X …)' (a credit line). One that someone answers is the report the story goes back to:
    'commenting on some news from the US broadcaster NBC News', 'responding to a report by X'."""
    if doc.dep_ in ("nsubj", "nsubjpass"):
        return True
    if doc.dep_ != "pobj":
        return False
    prep = doc.head
    return (prep.lower_ == "to" and prep.head.lower_ == "according") or (prep.head.pos_ == "VERB" and prep.head.lemma_.lower() in SPEECH_CUES)


# who answered a poll: '86 percent of black voters in a recent Gallup survey', 'voters surveyed in
# the poll' speak for themselves; the poll is only where they were asked
RESPONDENTS = frozenset(
    "percent voter people respondent american adult democrat republican independent resident "
    "member supporter voter caucusgoer participant survey poll interview ask question".split()
)


def _respondents(tok: Token) -> bool:
    return tok.lemma_.lower() in RESPONDENTS or tok.pos_ == "NUM" or tok.ent_type_ in ("PERCENT", "CARDINAL", "NORP")


def _document_of(tok: Token) -> Token | None:
    """The document a part or summary of it is taken from: 'early results [of the exit poll]'."""
    if tok.lemma_.lower() in SOURCE_NOUNS:
        return None
    return next((p for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for p in pobjs(c) if p.lemma_.lower() in SOURCE_NOUNS), None)


def pobjs(prep: Token) -> list[Token]:
    return [p for p in prep.children if p.dep_ == "pobj"]


def source_name(ctx: Ctx, tok: Token) -> str | None:
    """The cited source named by `tok`, or None for anonymous or non-source words."""
    ent = ctx.ent_of[tok.i]
    if ent is not None:
        return entity_name(ctx, tok, ent) if ent.label_ in SOURCE_LABELS else None
    if common(tok) and tok.lemma_.lower() in OUTLET_ANAPHORS:
        appos = next((c for c in tok.children if c.dep_ == "appos"), None)
        if appos is not None:
            return source_name(ctx, appos)
        if tok.tag_ == "NNS" and not definite(tok) and owner_name(ctx, tok) is None:
            return phrase(tok)  # 'Multiple outlets reported', 'several news organizations': a group, unnamed
        return owner_name(ctx, tok) or (ctx.last_outlet(tok.i) if definite(tok) else None)
    if common(tok) and tok.lemma_.lower() in SOURCE_NOUNS | ANONYMOUS_SOURCES:
        return _document_name(ctx, tok)
    return propn_name(tok) if tok.pos_ == "PROPN" else None


def _document_name(ctx: Ctx, tok: Token) -> str | None:
    """'a count by The Associated Press' -> the agency; 'a new poll', 'senior officials' -> the
    phrase itself; 'the report' alone names nothing new (it points back to a source)."""
    for prep in tok.children:
        if prep.dep_ == "prep" and prep.lower_ in ("by", "from", "of"):
            for obj in pobjs(prep):
                name = source_name(ctx, obj)
                if name:
                    return name
    return None if definite(tok) else phrase(tok)

