"""Quotes with their speakers, and the sources an article cites.

Everything comes from one spaCy parse: a quoted passage is attributed through the verb of
speech that governs it (its nsubj, or the agent of a passive, is the speaker); "X said that …"
gives an indirect quote; reporting verbs and phrases ("according to", "as reported by",
"X reported", "told NBC", "news from X") give citations. Speakers named by pronoun or role are
resolved against the people named earlier in the article (`Referents`); "the outlet" against
the most recently cited outlet. No outlet names are listed anywhere: entity labels and the parse
decide.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Sequence

from spacy.tokens import Doc, Span, Token

from .model import Citation, Quote
from .quotemarks import QuoteSpan
from .speakers import ROLE_NOUNS, Referents, clean_name, norm_name, person_name

SPEECH_CUES = frozenset(
    "say tell state add claim deny dismiss call describe warn insist write tweet post explain "
    "note argue ask reply respond announce declare acknowledge admit confirm comment emphasize "
    "emphasise stress suggest predict recall remark reiterate clarify assert allege contend "
    "maintain promise vow pledge threaten urge complain boast joke quip concede testify indicate "
    "label brand characterize praise criticize condemn accuse blast slam caution observe "
    "conclude answer agree deny counter retort lament mourn acknowledge".split()
)
REPORT_CUES = frozenset("report reveal disclose publish".split())  # outlet-style, cited not quoted
NO_CLAUSE_CUES = frozenset("call describe dismiss label brand".split())  # no "that"-clause
# Verbs whose clause is reported speech or a reported finding ("X believes that …", "a poll
# found that …"); "call" and the like take no clause.
CLAUSE_CUES = (SPEECH_CUES - NO_CLAUSE_CUES) | REPORT_CUES | frozenset(
    "think believe know feel hope fear expect show find suggest indicate predict estimate "
    "acknowledge signal hint imply insist reckon guess recall mention".split()
)
TO_CUES = frozenset("reveal disclose confirm tell leak say explain describe admit report".split())
SOURCE_NOUNS = frozenset(
    "report news story article interview investigation analysis poll survey document "
    "statement dispatch broadcast reporting coverage poll survey count tally data record records "
    "study research estimate estimates figures documents memo email emails transcript".split()
)
ANONYMOUS_SOURCES = frozenset("official officials source sources aide aides insider insiders".split())
OUTLET_ANAPHORS = frozenset(
    "outlet newspaper paper broadcaster network agency magazine website site daily publication "
    "channel tabloid wire".split()
)
PRESS_AUDIENCES = frozenset("conference briefing reporters journalists press interview".split())
SOURCE_LABELS = frozenset({"ORG", "PERSON", "WORK_OF_ART", "LAW", "FAC", "PRODUCT"})
SPEAKER_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE"})


@dataclass(slots=True)
class Attribution:
    quotes: list[Quote] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    attributed: set[int] = field(default_factory=set)  # sentences carrying a cue: reporting
    in_quote: list[bool] = field(default_factory=list)  # token index -> inside quotation marks


@dataclass(slots=True)
class _Ctx:
    doc: Doc
    text: str  # doc.text, which spaCy rebuilds from every token on each access
    sent_of: Sequence[int]  # token index -> Sentence index
    ent_of: list[Span | None]  # token index -> (label-harmonised) entity
    in_quote: list[bool]
    refs: "Referents"
    outlets: list[tuple[int, str]] = field(default_factory=list)  # (token, name) cited so far
    own_outlet: str = ""

    def sentence_start(self, sent: int) -> int:
        """Character offset where sentence `sent` starts (its first token)."""
        i = bisect.bisect_left(self.sent_of, sent)
        return self.doc[i].idx if i < len(self.doc) else len(self.text)

    def last_outlet(self, before: int) -> str | None:
        """The outlet cited most recently before token `before` ("the outlet reports")."""
        named = [name for at, name in self.outlets if at < before]
        return named[-1] if named else None


def attribute(
    doc: Doc,
    sent_of: Sequence[int],
    ents: Sequence[Span],
    spans: Sequence[QuoteSpan],
    outlet: str | None = None,
    text: str | None = None,
) -> Attribution:
    """Quotes, citations and attributed sentences of one parsed article."""
    ent_of: list[Span | None] = [None] * len(doc)
    for ent in ents:
        for i in range(ent.start, ent.end):
            ent_of[i] = ent
    token_spans = _token_spans(doc, spans)
    in_quote = [False] * len(doc)
    for a, b, _ in token_spans:
        in_quote[a:b] = [True] * (b - a)
    ctx = _Ctx(doc, doc.text if text is None else text, sent_of, ent_of, in_quote, Referents(doc, ents, sent_of, in_quote, SPEECH_CUES))
    ctx.own_outlet = norm_name(outlet or "")
    result = Attribution(in_quote=in_quote)
    _find_citations(ctx, result)
    _direct_quotes(ctx, token_spans, result)
    _indirect_quotes(ctx, result)
    result.citations.sort(key=lambda c: c.sentence)
    return result


def _token_spans(doc: Doc, spans: Sequence[QuoteSpan]) -> list[tuple[int, int, QuoteSpan]]:
    out = []
    for span in spans:
        tokens = doc.char_span(span.start, span.end, alignment_mode="expand")
        if tokens is not None and len(tokens):
            out.append((tokens.start, tokens.end, span))
    return out


# --- direct quotes -------------------------------------------------------------------------


def _direct_quotes(ctx: _Ctx, token_spans: list, result: Attribution) -> None:
    """Quotes governed by a speech verb get its subject; a quote with no verb of its own goes
    on with the quote just before it, else takes the speaker of a quote that follows in its
    paragraph, else the subject of the sentence that introduces it."""
    text = ctx.text
    last: tuple[int, str | None, str, int] | None = None  # (sentence, speaker, cue, depth)
    pending: list[tuple[int, int, QuoteSpan, str]] = []  # standalone quotes still without speaker
    for a, b, span in token_spans:
        content = _quote_text(text[span.start : span.end])
        if not content:
            continue
        cue = _cue_for(ctx, a, b)
        speaker_tok = _speaker_token(ctx, cue) if cue is not None else None
        if cue is not None and speaker_tok is not None and not (a <= speaker_tok.i < b):
            speaker = _resolve(ctx, speaker_tok)
            cue_text = _cue_text(cue)
            _record_speaker(ctx, result, speaker_tok, speaker, cue)
        elif last and _continues(ctx, last, a, span):
            _, speaker, cue_text, _ = last
        else:
            if cue is None and span.depth == 0 and _standalone(ctx, a, b):
                pending.append((a, b, span, content))
            continue
        result.quotes.append(Quote(speaker, content, ctx.sent_of[a], True, cue_text))
        last = (ctx.sent_of[b - 1], speaker, cue_text, span.depth)
    for a, b, span, content in pending:
        found = _following_speaker(ctx, result, b) or _introducer(ctx, a)
        if found is not None:
            result.quotes.append(Quote(found[0], content, ctx.sent_of[a], True, found[1]))
    result.quotes.sort(key=lambda q: q.sentence)


def _standalone(ctx: _Ctx, a: int, b: int) -> bool:
    """The quote is its sentence(s): nothing but punctuation outside the marks."""
    doc, first, final = ctx.doc, ctx.sent_of[a], ctx.sent_of[b - 1]
    i = a - 1
    while i >= 0 and ctx.sent_of[i] == first and (doc[i].is_punct or doc[i].is_space):
        i -= 1
    if i >= 0 and ctx.sent_of[i] == first:
        return False
    j = b
    while j < len(doc) and ctx.sent_of[j] == final and (doc[j].is_punct or doc[j].is_space):
        j += 1
    return j >= len(doc) or ctx.sent_of[j] != final


def _following_speaker(ctx: _Ctx, result: Attribution, b: int) -> tuple[str | None, str] | None:
    """'“A.  B,” she said.' split in two: the next quote of the paragraph, if it has a speaker."""
    sent = ctx.sent_of[b - 1]
    end = ctx.doc[b - 1].idx
    for quote in result.quotes:
        if quote.direct and sent < quote.sentence <= sent + 2 and quote.speaker:
            start = ctx.sentence_start(quote.sentence)
            if "\n" not in ctx.text[end:start]:
                return quote.speaker, quote.cue
    return None


def _introducer(ctx: _Ctx, a: int) -> tuple[str | None, str] | None:
    """'Trump also took swipes at Bush.' / 'He told the crowd:' then a quote on its own: the
    previous sentence's subject, when it is a person, says it."""
    doc, sent = ctx.doc, ctx.sent_of[a]
    i = a - 1
    while i >= 0 and ctx.sent_of[i] == sent:
        i -= 1
    if i < 0 or ctx.sent_of[i] != sent - 1 or ctx.in_quote[i]:
        return None
    root = doc[i]
    while root.head.i != root.i:
        root = root.head
    if ctx.in_quote[root.i] or ctx.sent_of[root.i] != sent - 1:
        return None
    subj = next((c for c in root.children if c.dep_ == "nsubj" and not ctx.in_quote[c.i]), None)
    if subj is None:
        return None
    ent = ctx.ent_of[subj.i]
    if subj.pos_ == "PRON" or (ent is not None and ent.label_ == "PERSON"):
        speaker = _resolve(ctx, subj)
        return (speaker, "") if speaker else None
    return None


def _quote_text(raw: str) -> str:
    text = " ".join(raw.split()).strip().rstrip(",;:").strip()
    if text.endswith(".") and text[:1].islower():
        text = text[:-1]  # a fragment quoted inside the author's sentence: the period is theirs
    return text


def _continues(ctx: _Ctx, last: tuple, a: int, span: QuoteSpan) -> bool:
    """A quote opening its sentence right after a quoted sentence goes on with that speaker."""
    prev_sent, _, _, depth = last
    mark = a - 1 if a > 0 and ctx.doc[a - 1].is_quote else a
    before = mark - 1
    while before >= 0 and ctx.doc[before].is_space:
        before -= 1
    opens_sentence = before < 0 or ctx.sent_of[before] != ctx.sent_of[mark] or ctx.in_quote[before]
    return depth == span.depth and ctx.sent_of[a] - prev_sent in (0, 1) and opens_sentence


def _cue_for(ctx: _Ctx, a: int, b: int) -> Token | None:
    """The speech verb that governs the quoted tokens doc[a:b]."""
    doc = ctx.doc
    for tok in doc[a:b]:
        if tok.is_punct or tok.head.i == tok.i or a <= tok.head.i < b:
            continue
        head = tok.head
        for _ in range(3):  # quote -> (prep ->) verb, rarely further
            if a <= head.i < b:
                break
            if _is_cue(head):
                return head
            if head.head.i == head.i:
                break
            head = head.head
    return _adjacent_cue(ctx, a, b)


def _adjacent_cue(ctx: _Ctx, a: int, b: int) -> Token | None:
    """'…," said X' or 'X declared: "…' when the parse did not link the quote to the verb."""
    doc, sent = ctx.doc, ctx.sent_of[b - 1]
    for tok in doc[b : min(b + 6, len(doc))]:
        # '…figure!” he wrote.' often parses as a sentence of its own: follow it, not a new line
        if ctx.sent_of[tok.i] > sent + 1 or ctx.in_quote[tok.i] or "\n" in tok.text:
            break
        if _is_cue(tok):
            return tok
    i = a - 1
    while i >= 0 and (doc[i].is_quote or doc[i].is_space):
        i -= 1
    if i < 0 or doc[i].text not in (":", ","):
        return None
    for tok in reversed(doc[max(i - 6, 0) : i]):
        if ctx.in_quote[tok.i]:
            break
        if _is_cue(tok):
            return tok
    return None


def _is_cue(tok: Token) -> bool:
    if tok.lower_ == "according":
        return any(c.lower_ == "to" for c in tok.children)
    return tok.pos_ in ("VERB", "AUX") and tok.lemma_.lower() in SPEECH_CUES | REPORT_CUES


def _speaker_token(ctx: _Ctx, cue: Token) -> Token | None:
    """The subject of the cue; for a verb the parser left without one ('In a statement to the
    Observer, her adviser, Jake Sullivan, said: …'), the person named just before it."""
    tok = _subject(cue)
    if tok is not None or cue.lower_ == "according":
        return tok
    for i in range(cue.i - 1, max(cue.i - 8, -1), -1):
        left = ctx.doc[i]
        if ctx.sent_of[i] != ctx.sent_of[cue.i] or ctx.in_quote[i] or left.pos_ in ("VERB", "AUX"):
            return None
        ent = ctx.ent_of[i]
        if ent is not None and ent.label_ == "PERSON":
            return ent.root
    return None


def _subject(cue: Token) -> Token | None:
    if cue.lower_ == "according":
        return next((p for c in cue.children if c.lower_ == "to" for p in c.children if p.dep_ == "pobj"), None)
    for child in cue.children:
        if child.dep_ == "nsubj":
            return child
        if child.dep_ == "agent":
            return next((p for p in child.children if p.dep_ == "pobj"), None)
    if cue.dep_ in ("conj", "advcl", "xcomp") and cue.head.pos_ in ("VERB", "AUX"):
        return _subject(cue.head)  # "X confirmed … but clarified that …", "X posted, saying …"
    return None


def _cue_text(cue: Token) -> str:
    if cue.lower_ == "according":
        return "according to"
    words = [cue.text] + [c.text for c in cue.children if c.dep_ == "prt"]
    press = _press_object(cue)
    if cue.lemma_ == "tell":
        obj = next((c for c in cue.children if c.dep_ in ("dobj", "dative")), None)
        if obj is not None and not obj.is_punct:
            words.append(_phrase(obj, keep_det=True))
    elif press is not None:
        words.append(press)
    return " ".join(words)


def _press_object(cue: Token) -> str | None:
    """'told a news conference', 'said at a briefing': the speaker is cited as a source."""
    for child in cue.children:
        if child.dep_ in ("dobj", "dative") and child.lemma_.lower() in PRESS_AUDIENCES:
            return _phrase(child, keep_det=True)
        if child.dep_ == "prep" and child.lower_ in ("at", "in", "to"):
            obj = next((p for p in child.children if p.dep_ == "pobj"), None)
            if obj is not None and obj.lemma_.lower() in PRESS_AUDIENCES:
                return f"{child.text} {_phrase(obj, keep_det=True)}"
    return None


def _record_speaker(ctx: _Ctx, result: Attribution, tok: Token, speaker: str | None, cue: Token) -> None:
    sent = ctx.sent_of[cue.i]
    result.attributed.add(sent)
    if speaker and _press_object(cue) is not None:
        _add_citation(ctx, result, speaker, sent, _cue_text(cue), tok.i, outlet=False)
    if speaker and tok.pos_ == "NOUN" and ctx.ent_of[tok.i] is None:
        ctx.refs.add_unnamed(tok, speaker)


# --- indirect quotes -----------------------------------------------------------------------


def _indirect_quotes(ctx: _Ctx, result: Attribution) -> None:
    """'X said (that) …', '…, X said' and 'a poll found that …': the clause is what was said."""
    for tok in ctx.doc:
        if tok.lemma_.lower() not in CLAUSE_CUES or tok.pos_ != "VERB" or ctx.in_quote[tok.i]:
            continue
        clause, words = _reported_clause(tok)
        if clause is None or ctx.in_quote[clause.i]:
            continue
        if clause.i < tok.i and any(ctx.in_quote[t.i] for t in words):
            continue  # '"…," X said' is a direct quote, found as such
        speaker_tok = _speaker_token(ctx, tok)
        if speaker_tok is None or speaker_tok in words:
            continue
        speaker = _resolve(ctx, speaker_tok)
        if speaker is None and speaker_tok.pos_ == "PRON":
            continue
        text = _words_text(ctx.text, words)
        result.quotes.append(Quote(speaker, text, ctx.sent_of[tok.i], False, _cue_text(tok)))
        _record_speaker(ctx, result, speaker_tok, speaker, tok)
    result.quotes.sort(key=lambda q: q.sentence)


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


def _reported_clause(cue: Token) -> tuple[Token | None, list[Token]]:
    """The clause a cue reports: its ccomp, or for a parenthetical cue ('This campaign, he
    says, is different') the clause it interrupts, without the cue's own words."""
    clause = next((c for c in cue.children if c.dep_ == "ccomp"), None)
    if clause is not None:
        return clause, [t for t in clause.subtree if not (t.dep_ == "mark" and t.head == clause)]
    if cue.dep_ == "parataxis" and cue.head.pos_ in ("VERB", "AUX"):
        inner = {t.i for t in cue.subtree}
        words = [t for t in cue.head.subtree if t.i not in inner]
        while words and words[-1].is_punct:
            words.pop()
        return (cue.head, words) if words else (None, [])
    return None, []


# --- citations -----------------------------------------------------------------------------


def _find_citations(ctx: _Ctx, result: Attribution) -> None:
    for tok in ctx.doc:
        for source, cue in _citation_candidates(tok):
            name = _source_name(ctx, source)
            if name:
                sent = ctx.sent_of[tok.i]
                # only reporting verbs set the referent of a later "the outlet reports"
                _add_citation(ctx, result, name, sent, cue, source.i, outlet=tok.pos_ != "NOUN")
                result.attributed.add(sent)


def _citation_candidates(tok: Token) -> list[tuple[Token, str]]:
    """(source token, cue) pairs for the reporting constructions headed by `tok`."""
    lemma, out = tok.lemma_.lower(), []
    children = list(tok.children)
    if tok.lower_ == "according":
        out += [(p, "according to") for c in children if c.lower_ == "to" for p in _pobjs(c)]
    if tok.pos_ == "VERB" and lemma in REPORT_CUES:
        for c in children:
            if c.dep_ == "agent":
                mark = "as " if any(m.lower_ == "as" for m in children) else ""
                out += [(p, f"{mark}{tok.text} by") for p in _pobjs(c)]
            elif c.dep_ == "nsubj":
                cue = f"{_phrase(c, keep_det=True)} {tok.text}" if _common(c) else tok.text
                out.append((c, cue))
    if tok.pos_ == "VERB" and lemma in TO_CUES:
        out += [(p, f"{tok.text} to") for c in children if c.dep_ in ("prep", "dative") and c.lower_ == "to" for p in _pobjs(c)]
    if tok.pos_ == "VERB" and lemma == "tell":
        out += [(c, tok.text) for c in children if c.dep_ in ("dobj", "dative") and c.pos_ == "PROPN"]
    if tok.pos_ == "VERB" and lemma == "cite":
        out += [(c, tok.text) for c in children if c.dep_ == "dobj"]
    if tok.pos_ == "NOUN" and lemma in SOURCE_NOUNS:
        for c in children:
            if c.dep_ == "prep" and c.lower_ in ("from", "by", "with", "of"):
                out += [(p, f"{tok.text} {c.text}") for p in _pobjs(c)]
            elif c.dep_ == "poss":
                out.append((c, f"{c.text} {tok.text}"))
    return out


def _pobjs(prep: Token) -> list[Token]:
    return [p for p in prep.children if p.dep_ == "pobj"]


def _source_name(ctx: _Ctx, tok: Token) -> str | None:
    """The cited source named by `tok`, or None for anonymous or non-source words."""
    ent = ctx.ent_of[tok.i]
    if ent is not None:
        return _entity_name(ctx, tok, ent) if ent.label_ in SOURCE_LABELS else None
    if _common(tok) and tok.lemma_.lower() in OUTLET_ANAPHORS:
        appos = next((c for c in tok.children if c.dep_ == "appos"), None)
        if appos is not None:
            return _source_name(ctx, appos)
        return ctx.last_outlet(tok.i) if _definite(tok) else None
    if _common(tok) and tok.lemma_.lower() in SOURCE_NOUNS | ANONYMOUS_SOURCES:
        return _document_name(ctx, tok)
    return _propn_name(tok) if tok.pos_ == "PROPN" else None


def _document_name(ctx: _Ctx, tok: Token) -> str | None:
    """'a count by The Associated Press' -> the agency; 'a new poll', 'senior officials' -> the
    phrase itself; 'the report' alone names nothing new (it points back to a source)."""
    for prep in tok.children:
        if prep.dep_ == "prep" and prep.lower_ in ("by", "from", "of"):
            for obj in _pobjs(prep):
                name = _source_name(ctx, obj)
                if name:
                    return name
    return None if _definite(tok) else _phrase(tok)


def _add_citation(ctx: _Ctx, result: Attribution, name: str, sent: int, cue: str, at: int, outlet: bool = True) -> None:
    if ctx.own_outlet and norm_name(name) == ctx.own_outlet:
        return
    if any(c.name == name and c.sentence == sent for c in result.citations):
        return
    result.citations.append(Citation(name, sent, cue))
    ent = ctx.ent_of[at]
    if outlet and (ent is None or ent.label_ != "PERSON"):
        ctx.outlets.append((at, name))


# --- names and speakers --------------------------------------------------------------------


def _resolve(ctx: _Ctx, tok: Token) -> str | None:
    """The speaker's name for the subject token of a cue verb (None rather than a wild guess)."""
    if tok.pos_ == "PRON":
        return ctx.refs.pronoun(tok)
    ent = ctx.ent_of[tok.i]
    if ent is not None and ent.label_ in SPEAKER_LABELS:
        return _entity_name(ctx, tok, ent)
    named = next((c for c in tok.children if c.dep_ == "appos" and ctx.ent_of[c.i] is not None), None)
    if named is not None:
        return _resolve(ctx, named)
    lemma = tok.lemma_.lower()
    if _common(tok) and lemma in OUTLET_ANAPHORS and _definite(tok):
        return ctx.last_outlet(tok.i)
    if _common(tok) and lemma in ROLE_NOUNS and _definite(tok):
        return ctx.refs.role(tok) or _phrase(tok)
    if tok.pos_ == "PROPN" and not _common(tok):
        return _propn_name(tok)
    if tok.pos_ == "NUM":  # "Six in 10 say …", "72 percent of Democrats said …"
        return " ".join(tok.doc[tok.left_edge.i : tok.right_edge.i + 1].text.split())
    return _phrase(tok) if tok.pos_ in ("NOUN", "PROPN") else None


def _entity_name(ctx: _Ctx, tok: Token, ent: Span) -> str:
    if ent.label_ == "PERSON":
        return ctx.refs.full_name(person_name(ent.text), tok.i)
    start, doc = ent.start, ctx.doc
    while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].head.i in range(ent.start, ent.end):
        start -= 1  # "Agenzia Nova": one name the model split into two entities
    return clean_name(doc[start : ent.end].text)


def _propn_name(tok: Token) -> str:
    start = min([tok.i] + [c.i for c in tok.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"])
    return clean_name(tok.doc[start : tok.i + 1].text)


def _phrase(tok: Token, keep_det: bool = False) -> str:
    """The head noun with its left modifiers: 'a State Department spokesman' -> 'State Department spokesman'."""
    left = [t for t in tok.subtree if t.i <= tok.i]
    while left and not keep_det and (left[0].dep_ in ("det", "poss", "punct") or left[0].is_punct):
        left = left[1:]
    if not left:
        return tok.text
    return " ".join(tok.doc[left[0].i : tok.i + 1].text.split())


def _common(tok: Token) -> bool:
    """A lowercase word: the small model sometimes tags 'outlet' or 'spokesman' PROPN."""
    return tok.text.islower()


def _definite(tok: Token) -> bool:
    return any(c.dep_ in ("det", "poss") and c.lower_ in ("the", "this", "that", "its") for c in tok.children)
