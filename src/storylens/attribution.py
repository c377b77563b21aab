"""Quotes with their speakers, and the sources an article cites.

Everything comes from one spaCy parse. This module finds direct quotes: a quoted passage is
attributed through the verb of speech that governs it (its nsubj, or the agent of a passive, is
the speaker), else it goes on with the quote before it or takes the speaker of the quote after
it. `reported` adds indirect speech ("X said that …"), stances ("X endorsed Y", "X called for
…") and headline attributions ("Kerry: …"); `citations` the cited outlets, documents and
anonymous sources; `cues` holds the cue words and who a cue's speaker is; `sources` the shared
parse context and how a token becomes a name. Speakers named by pronoun or role are resolved
against the people named earlier in the article (`speakers.Referents`); "the outlet" against
the most recently cited outlet. No outlet names are listed anywhere: entity labels and the
parse decide.
"""

from __future__ import annotations

import re
from typing import Sequence

from spacy.tokens import Doc, Span, Token

from .citations import find_citations
from .cues import FINDING_CUES, FINITE_TAGS, MESSAGE_NOUNS, NO_CLAUSE_CUES, QUOTE_CUES, QUOTE_VERBS, REPORT_CUES, SPEECH_CUES, cue_lemma, cue_text, is_cue, mute, record_speaker, speaker_token, subject
from .model import Quote
from .quotemarks import QuoteSpan
from .reported import aside_findings, headline_attributions, indirect_quotes, title_attribution, unattributed_quotes
from .sources import SOURCE_NOUNS, Attribution, Ctx, noun_read_as_adjective, phrase, resolve
from .speakers import TITLES, Referents, clean_name, norm_name, person_name

# A wire dateline opening an article's first sentence ("TALCA, Chile, March 3 (CPA) – At least 14
# people were killed …, the agency said"): where and when it was filed, not what anyone said.
DATELINE = re.compile(r"^[A-Z][A-Z'’.\-]+(?: [A-Z][A-Z'’.\-]+)*(?:,\s*[A-Z][\w.'’ -]*){0,3}?\s*(?:\([A-Za-z.]+\)\s*)?[–—-]{1,2}\s+(?=[A-Z\"“])")

# REPORT_CUES and SPEECH_CUES are re-exported: opinion.py reads them from here
__all__ = ["REPORT_CUES", "SPEECH_CUES", "Attribution", "attribute"]


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
    ctx = Ctx(doc, doc.text if text is None else text, sent_of, ent_of, in_quote, Referents(doc, ents, sent_of, in_quote, SPEECH_CUES))
    ctx.own_outlet = norm_name(outlet or "")
    result = Attribution(in_quote=in_quote)
    find_citations(ctx, result)
    _direct_quotes(ctx, token_spans, result)
    indirect_quotes(ctx, result)
    headline_attributions(ctx, result)
    aside_findings(ctx, result)
    title_attribution(ctx, result)
    # words nobody is named for ("I said" in a first-person piece) attribute nothing
    unattributed_quotes(ctx, result)
    kept = [q for q in result.quotes if q.speaker] + result.unattributed
    for quote in kept:
        quote.text = DATELINE.sub("", quote.text, count=1) or quote.text
    result.quotes = sorted(kept, key=lambda q: q.sentence)
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


def _direct_quotes(ctx: Ctx, token_spans: list, result: Attribution) -> None:
    """Quotes governed by a speech verb get its subject; a quote with no verb of its own goes
    on with the quote just before it, else takes the speaker of a quote that follows in its
    paragraph, else the subject of the sentence that introduces it."""
    text = ctx.text
    last: tuple[int, str | None, str, int] | None = None  # (sentence, speaker, cue, depth)
    pending: list[tuple[int, int, QuoteSpan, str]] = []  # standalone quotes still without speaker
    for a, b, span in token_spans:
        content = _quote_text(text[span.start : span.end])
        if span.opening > 0 and text[span.opening - 1] == "=":
            continue  # a markup attribute ('<tweet author="realDonaldTrump"'), not a quotation
        if not content or (_is_title(content) and not _announced(ctx, a, b, text[span.start : span.end])) or _owned_title(ctx, a, content):
            continue
        if span.depth == 0 and (excerpt := _digest_excerpt(ctx, a, span, content) or _fronted_quote(ctx, a, content)) is not None:
            result.quotes.append(excerpt)
            last = (ctx.sent_of[b - 1], excerpt.speaker, excerpt.cue, span.depth)
            continue
        cue = _cue_for(ctx, a, b)
        if span.depth == 0 and (signed := _signed_after_dash(ctx, result, cue, a, content)) is not None:
            result.quotes.append(signed)
            last = (ctx.sent_of[b - 1], signed.speaker, signed.cue, span.depth)
            continue
        if cue is None and span.depth == 0:
            cue = _parenthetical_cue(ctx, a, b) or _person_verb(ctx, a, b)
        if span.depth > 0 and (cue is None or _hypothetical(cue) or cue.i < b):
            # a quote inside a quote is the outer speaker's words ('“Marla called and said,
            # ‘Susan, …’”' is Crawford's account) unless a cue after it says who, as a quoted
            # report quotes someone ('“… ‘This is disinformation,’ Zakharova said.”')
            continue
        if cue is not None and any(c.dep_ == "mark" and c.lower_ == "if" for c in cue.children):
            continue  # '… as if to say “…”', 'if he says “…”': nobody said it
        speaker_tok = speaker_token(ctx, cue) if cue is not None else None
        if speaker_tok is not None and (owner := _owner(speaker_tok)) is not None and not ctx.in_quote[owner.i]:
            speaker_tok = owner  # 'Sanders’ fundraising email notes “…”': whose message it is says it
        if cue is not None and speaker_tok is not None and not (a <= speaker_tok.i < b):
            speaker = resolve(ctx, speaker_tok, content)
            cue_words = cue_text(cue)
            record_speaker(ctx, result, speaker_tok, speaker, cue)
            if speaker is None and span.depth == 0 and (found := _colon_speaker(ctx, a, content)) is not None:
                # 'But Fiorina was far less bubbly: “…,” she recounted' with 'she' unresolved:
                # the clause that introduces the quote names her
                speaker, cue_words = found
        elif last and (_continues(ctx, last, a, span) or _opening_participle(ctx, cue, last)):
            _, speaker, cue_words, _ = last
        elif cue is None and span.depth == 0 and (found := _colon_speaker(ctx, a, content) or _owned_message(ctx, a, b) or _owned_claim(ctx, a) or _chanted(ctx, a, b) or _credited(ctx, a, b)) is not None:
            speaker, cue_words = found
        else:
            if cue is None and span.depth == 0 and _standalone(ctx, a, b):
                pending.append((a, b, span, content))
            continue
        result.quotes.append(Quote(speaker, content, ctx.sent_of[a], True, cue_words))
        last = (ctx.sent_of[b - 1], speaker, cue_words, span.depth)
    run: tuple[int, int, tuple[str | None, str]] | None = None  # (last sentence, end, speaker) of a run of standalone quotes
    for a, b, span, content in pending:
        found = _following_speaker(ctx, result, b) or _signature(ctx, b) or _introducer(ctx, a) or _credit_line_before(ctx, a)
        if found is None and run is not None and run[0] == ctx.sent_of[a] - 1 and "\n\n" not in ctx.text[run[1] : span.start]:
            found = run[2]  # the next of several quotes set on their own lines after one introduction, no blank line between
        run = (ctx.sent_of[b - 1], span.end, found) if found is not None else None
        if found is not None:
            result.quotes.append(Quote(found[0], content, ctx.sent_of[a], True, found[1]))
    result.quotes.sort(key=lambda q: q.sentence)


TITLE_FILLERS = frozenset("of the and a an in on for to at with".split())
TITLE_WORDS = 6


def _is_title(content: str) -> bool:
    """'on "Good Morning America"', 'the "Peace Through Strength" plank': a short run of
    capitalised words without sentence punctuation names a show or slogan; nobody says it."""
    # US style puts the sentence's period inside the marks: 'on “Meet the Press.”'
    words = content.removesuffix(".").split()
    if not 2 <= len(words) <= TITLE_WORDS or content.removesuffix(".")[-1:] in ".!?,":
        return False
    return all(w[:1].isupper() or w.lower() in TITLE_FILLERS for w in words if w[:1].isalpha())


def _owned_title(ctx: Ctx, a: int, content: str) -> bool:
    """'Fox News channel’s “Sunday Morning Futures,”', 'NBC’s “Today”': a short capitalised
    phrase right after a possessive names the owner's show or book, whatever follows it."""
    before = _before_mark(ctx, a)
    words = content.split()
    return before >= 0 and ctx.doc[before].tag_ == "POS" and content[:1].isupper() and len(words) <= TITLE_WORDS and not any(w[-1] in ".!?" for w in words[:-1])


def _announced(ctx: Ctx, a: int, b: int, raw: str) -> bool:
    """'“Your Honor,” I said', '“Family Medical Leave,” the document states': a capitalised
    phrase opening its sentence, whose comma announces a cue after it, is said, not a title
    (inside a sentence, 'on CNN’s “State of the Union,” Trump said', it is one)."""
    if not raw.rstrip().endswith(",") or not _opens_sentence(ctx, a):
        return False
    return (cue := _adjacent_cue(ctx, a, b)) is not None and cue.i >= b


def _standalone(ctx: Ctx, a: int, b: int) -> bool:
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


def _following_speaker(ctx: Ctx, result: Attribution, b: int) -> tuple[str | None, str] | None:
    """'“A.  B,” she said.' split in two: the next quote of the paragraph, if it has a speaker."""
    sent = ctx.sent_of[b - 1]
    end = ctx.doc[b - 1].idx
    for quote in result.quotes:
        if quote.direct and sent < quote.sentence <= sent + 2 and quote.speaker:
            start = ctx.sentence_start(quote.sentence)
            if "\n" not in ctx.text[end:start]:
                return quote.speaker, quote.cue
    return None


def _introducer(ctx: Ctx, a: int) -> tuple[str | None, str] | None:
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
    # two subjects are a misparse ('Or maybe Jeb Bush, consultant Phil Musser says.'): the nearest is it
    subjects = [c for c in root.children if c.dep_ == "nsubj" and not ctx.in_quote[c.i]]
    subj = min(subjects, key=lambda c: abs(c.i - root.i)) if subjects else None
    if subj is None or not (subj.pos_ == "PRON" or _person(ctx, subj)):
        # '… is left to voters, since Trump spoke only in evasive bromides': the one person who
        # speaks in a clause of it
        speaking = {c for t in doc[i].sent if t.lemma_ in SPEAKING_VERBS and not ctx.in_quote[t.i]
                    for c in t.children if c.dep_ == "nsubj" and _person(ctx, c)}
        if len(speaking) != 1:
            return None
        subj = speaking.pop()
    speaker = resolve(ctx, subj)
    return (speaker, "") if speaker else None


SPEAKING_VERBS = frozenset({"speak", "talk", "say", "tell"})


DASHES = frozenset({"-", "--", "–", "—"})
SIGNATURE_WORDS = 4  # tokens after the dash that the signed name may start within


def _signature(ctx: Ctx, b: int) -> tuple[str | None, str] | None:
    """'“…”' then a line '- Sanders.' or '—President Obama, tweeting …': a quote set on its own and
    signed on the next line with a dash and a name, as fact checks and quote boxes do."""
    doc, j = ctx.doc, b
    while j < len(doc) and (doc[j].is_punct or doc[j].is_space) and doc[j].text not in DASHES:
        j += 1
    if j >= len(doc) or not (doc[j].text in DASHES or _glued_dash(doc[j])) or "\n" not in ctx.text[doc[b - 1].idx : doc[j].idx]:
        return None
    for tok in doc[j + 1 : min(j + 1 + SIGNATURE_WORDS, len(doc))]:
        if "\n" in tok.text or ctx.in_quote[tok.i]:
            return None
        if tok.lower_.rstrip(".") in TITLES and tok.i + 1 < len(doc) and doc[tok.i + 1].pos_ == "PROPN":
            continue  # '- Senator Mary Hale': the title before the name is no name
        ent = ctx.ent_of[tok.i]
        if (ent is not None and ent.label_ == "PERSON") or tok.pos_ == "PROPN":
            speaker = resolve(ctx, ent.root if ent is not None else tok)
            # '- Sanders.': the surname of the full name the article gives
            # '-Lena Marks' may be tagged with its glued dash
            return (ctx.refs.full_name(speaker.lstrip("-–—"), tok.i), "") if speaker else None
    return None


def _glued_dash(tok: Token) -> bool:
    """'-President Obama, tweeting': the tokenizer keeps a dash glued to the word after it."""
    return tok.text[:1] in DASHES and tok.text[1:2].isupper() and tok.text[1:].isalpha()


# A vox pop credits each quote to a person on the quote's own line or the line before it:
# '“…” — Maria Lopez, 34, Phoenix', 'Ana Torres, 28, Los Angeles: “…”', or a line 'Luis Garcia,
# 45, Houston' over the quote. No verb says who speaks; the credit's shape does.
CREDIT_WORDS = 16  # tokens of a credit: 'Maria Lopez, 34, a nurse from Phoenix'


def _credited(ctx: Ctx, a: int, b: int) -> tuple[str | None, str] | None:
    """The credit on the quote's own line, after a dash or before a colon, for a quote that
    opens its line."""
    line_start, line_end = _line_bounds(ctx.text, ctx.doc[a].idx)
    if ctx.text[line_start : ctx.doc[a].idx].strip(" \t\"'“‘"):
        if not _credit_before_colon(ctx, a, line_start):
            return None
        return _credit_speaker(ctx, _tokens_between(ctx, line_start, ctx.doc[_before_mark(ctx, a)].idx))
    j = b
    while j < len(ctx.doc) and ctx.doc[j].idx < line_end and (ctx.doc[j].is_quote or ctx.doc[j].text in ",."):
        j += 1
    if j >= len(ctx.doc) or ctx.doc[j].idx >= line_end or ctx.doc[j].text not in DASHES:
        return None
    return _credit_speaker(ctx, _tokens_between(ctx, ctx.doc[j].idx + len(ctx.doc[j]), line_end))


def _credit_before_colon(ctx: Ctx, a: int, line_start: int) -> bool:
    colon = _before_mark(ctx, a)
    return colon >= 0 and ctx.doc[colon].text == ":" and ctx.doc[colon].idx >= line_start


def _credit_line_before(ctx: Ctx, a: int) -> tuple[str | None, str] | None:
    """A quote that opens its line under a line that is only a credit ('Luis Garcia, 45, Houston')."""
    text, start = ctx.text, ctx.doc[a].idx
    line_start, _ = _line_bounds(text, start)
    if text[line_start:start].strip(" \t\"'“‘"):
        return None
    above = text[:line_start].rstrip()
    if not above:
        return None
    prev_start, prev_end = _line_bounds(text, len(above) - 1)
    return _credit_speaker(ctx, _tokens_between(ctx, prev_start, prev_end))


def _credit_speaker(ctx: Ctx, tokens: list[Token]) -> tuple[str | None, str] | None:
    """A person's name first, then nothing or a comma and descriptors with no verb and no
    quotation: the credit's person."""
    if not tokens or len(tokens) > CREDIT_WORDS:
        return None
    name = _credit_name(ctx, tokens)
    if name is None:
        return None
    rest = [t for t in tokens if t.i >= name.end]
    # 'Donald J. Trump (@realDonaldTrump) September 27, 2016': an embedded tweet's credit
    handle = len(rest) > 1 and rest[0].text == "(" and rest[1].text.startswith("@")
    if rest and rest[0].text not in (",", ":") and not handle and not all(t.is_punct for t in rest):
        return None
    if any(t.tag_ in FINITE_TAGS or ctx.in_quote[t.i] or t.is_quote for t in rest):
        return None
    return ctx.refs.full_name(person_name(name.text), name.end - 1), ""


CREDIT_NAME = 4  # words of an untagged name opening a credit


def _credit_name(ctx: Ctx, tokens: list[Token]) -> Span | None:
    """The PERSON entity that opens the credit (after a title), or two to four capitalised
    proper nouns the tagger left untagged ('Ana Torres, 28, Los Angeles')."""
    first = 1 if tokens[0].lower_.rstrip(".") in TITLES and len(tokens) > 1 else 0
    ent = ctx.ent_of[tokens[first].i]
    if ent is not None:
        return ent if ent.label_ == "PERSON" and ent.start >= tokens[0].i and ent.end <= tokens[-1].i + 1 else None
    run = 0
    while first + run < len(tokens) and run < CREDIT_NAME and tokens[first + run].pos_ == "PROPN" \
            and tokens[first + run].text[:1].isupper() and ctx.ent_of[tokens[first + run].i] is None:
        run += 1
    return ctx.doc[tokens[first].i : tokens[first].i + run] if run >= 2 else None


def _line_bounds(text: str, at: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    return start, len(text) if end < 0 else end


def _tokens_between(ctx: Ctx, start: int, end: int) -> list[Token]:
    """The tokens in text[start:end], without spaces."""
    span = ctx.doc.char_span(start, end, alignment_mode="contract")
    return [t for t in span if not t.is_space] if span is not None else []


def _hypothetical(cue: Token) -> bool:
    """'Sanders can say “…”', 'nobody would say “…”': words imagined, not said."""
    return any(c.dep_ == "neg" or (c.dep_ == "aux" and c.tag_ == "MD") for c in cue.children)


def _colon_speaker(ctx: Ctx, a: int, said: str = "") -> tuple[str | None, str] | None:
    """'Trump went even further: “If he …”', 'the committee said of its platform: ⏎ “…”': a
    clause ending in a colon introduces the quote after it, and its subject says it."""
    doc, i = ctx.doc, a - 1
    while i >= 0 and (doc[i].is_quote or doc[i].is_space):
        i -= 1
    # 'Trump issued a statement, “Last night …”': after a message, a comma introduces it too
    mark = doc[i].text == ":" or (doc[i].text == "," and i > 0 and _message(doc[i - 1]))
    if i < 1 or not mark or ctx.in_quote[i] or ctx.sent_of[a] - ctx.sent_of[i] > 1:
        return None
    verb = doc[i - 1]
    while verb.head.i != verb.i and not ctx.in_quote[verb.head.i]:
        verb = verb.head
    if ctx.in_quote[verb.i]:
        return None
    if (document := _as_follows(verb)) is not None:
        return phrase(document), ":"
    subj = speaker_token(ctx, verb) if is_cue(verb) else subject(verb)
    if subj is None and verb.pos_ in ("PROPN", "NOUN") and _person(ctx, verb):
        subj = verb  # 'Former secretary of state Hillary Rodham Clinton: “…”': a transcript's label
    # 'From Bush's Facebook post:', 'Clinton's response was:': whose message it is says it
    subj = _owner(doc[i - 1]) or (_owner(subj) if subj is not None else None) or subj
    if subj is None or ctx.in_quote[subj.i]:
        return None
    # any subject that can speak says it ('the committee said about its platform:', 'The
    # Clinton campaign … worded it even more carefully:', 'Republicans' reaction:'), not 'it',
    # 'the talks' or another pronoun nobody is named for
    if not (_introducer_speaks(ctx, subj) or (not mute(subj) and subj.pos_ != "PRON")):
        return None  # 'The result was clear:' introduces the author's own quotation
    speaker = resolve(ctx, subj, said)  # 'He also suggested …: “… look into Judge Curiel …”': not Curiel
    return (speaker, cue_text(verb) if is_cue(verb) else ":") if speaker else None


FRONTED_NAME = 5  # words of the name in 'Added Sen. John Smith:'


def _fronted_quote(ctx: Ctx, a: int, content: str) -> Quote | None:
    """The quote a colon introduces after a fronted verb of speech and a name (`_fronted_speaker`)."""
    colon = _before_mark(ctx, a)
    if colon < 0 or ctx.doc[colon].text != ":" or ctx.in_quote[colon] or (named := _fronted_speaker(ctx, colon)) is None:
        return None
    return Quote(ctx.refs.full_name(person_name(named.text), named.end - 1), content, ctx.sent_of[a], True, ":")


def _fronted_speaker(ctx: Ctx, colon: int) -> Span | None:
    """'Continued Stone: “…”', 'Added Sen. Tom Hale:', a digest's '… all along -More from
    Blumenthal and Cohen: “…”': a verb of speech opening the sentence (or a dashed 'More from'),
    then only the name of whom the colon introduces."""
    doc, at = ctx.doc, colon
    while at > 0 and colon - at < FRONTED_NAME and not ctx.in_quote[at - 1] \
            and (_dashed_word(doc[at - 1]) or doc[at - 1].lower_.rstrip(".") in TITLES) and doc[at - 1].lower_ != "from":
        at -= 1
    if at == colon or at == 0 or ctx.sent_of[at] != ctx.sent_of[colon]:
        return None
    before = doc[at - 1]
    if before.lower_ == "from" and at > 1 and doc[at - 2].text.lstrip("-–—").lower() == "more" \
            and (doc[at - 2].text[:1] in "-–—" or doc[at - 2].is_sent_start):
        return doc[at:colon]
    verb = before.pos_ == "VERB" and before.text[:1].isupper() and cue_lemma(before) in QUOTE_VERBS
    opens = before.is_sent_start or ctx.sent_of[before.i - 1] != ctx.sent_of[before.i]
    return doc[at:colon] if verb and opens else None


def _as_follows(head: Token) -> Token | None:
    """'Partial transcript as follows:' (no verb of its own): the document that follows speaks."""
    follows = any(c.lemma_ == "follow" and any(m.lower_ == "as" for m in c.children) for c in head.children)
    return head if follows and head.pos_ in ("NOUN", "PROPN") and head.lemma_.lower() in SOURCE_NOUNS | MESSAGE_NOUNS else None


DASHED_NAME = 6  # words of a name (or two) between a digest's dash and its colon


def _signed_after_dash(ctx: Ctx, result: Attribution, cue: Token | None, a: int, content: str) -> Quote | None:
    """'Pollsters agree - Carl Bialik: “…”': a digest line gives its point, a spaced dash, then
    the name of whom it quotes; that name, not the subject of the verb before the dash, says it
    (the verb still cites its own subject: 'polls did predict …')."""
    named = _dashed_name(ctx, _before_mark(ctx, a))
    if named is None:
        return None
    if cue is not None and (tok := speaker_token(ctx, cue)) is not None and not ctx.in_quote[tok.i]:
        record_speaker(ctx, result, tok, resolve(ctx, tok), cue)
    # its own words: an entity may run on over the dash ('IOWA - Philip Bump')
    speaker = ctx.refs.full_name(clean_name(named.text), named.end - 1)
    return Quote(speaker, content, ctx.sent_of[a], True, ":") if speaker else None


# a digest item's credit line: 'HEADLINE “excerpt.” … [WaPo.]'
QUOTE_MARKS = "\"'“”‘’"
CREDIT = re.compile(r"\[([A-Z][^\[\]]{1,40}?)\.?\]\s*$")


def _digest_excerpt(ctx: Ctx, a: int, span: QuoteSpan, content: str) -> Quote | None:
    """'HOW CHINA’S DECLINE AFFECTS THE REST OF THE WORLD “China’s economic slowdown …” [WaPo.]':
    a news digest's item opens with a linked article's headline in capitals, quotes the article
    and credits its outlet in brackets at the end of the paragraph; the article says the quote."""
    text = ctx.text
    start = text.rfind("\n", 0, span.opening) + 1
    end = text.find("\n", span.end)
    headline = text[start : span.opening].strip()
    credit = CREDIT.search(text[span.end : len(text) if end < 0 else end])
    words = re.findall(r"[^\W\d_]+", headline)
    if credit is None or len(words) < 2 or headline != headline.upper():
        return None
    outlet = credit.group(1).split("|")[0].strip()  # '[WSJ | Paywall.]'
    return Quote(f"{outlet} article “{headline.strip(QUOTE_MARKS)}”", content, ctx.sent_of[a], True, ":")


def _dashed_name(ctx: Ctx, colon: int) -> Span | None:
    """A run of capitalised words between a spaced dash and the colon ('Pew Research', tagged
    nouns; 'Mark Blumenthal and Jon Cohen')."""
    doc, j = ctx.doc, colon - 1
    if colon < 0 or doc[colon].text != ":" or ctx.in_quote[colon]:
        return None
    while j >= 0 and colon - j <= DASHED_NAME and _dashed_word(doc[j]) and not ctx.in_quote[j]:
        j -= 1
    if j == colon - 1 or j < 1 or doc[j].text not in DASHES or not doc[j - 1].whitespace_ or not _dashed_word(doc[j + 1], False):
        return None
    return doc[j + 1 : colon] if ctx.sent_of[j] == ctx.sent_of[colon] else None


def _dashed_word(tok: Token, joins: bool = True) -> bool:
    """A capitalised noun of a name, or (joins) the 'and' between two names."""
    if joins and tok.lower_ in ("and", "&"):
        return True
    return tok.pos_ in ("PROPN", "NOUN") and tok.text[:1].isupper()


def _introducer_speaks(ctx: Ctx, subj: Token) -> bool:
    """The subject of a clause that introduces a quote with a colon is one who can say it: a
    person or organisation, also one a common noun describes first ('One early supporter, Rep.
    Lee Zeldin, …, gave the technique a whirl:')."""
    ent = ctx.ent_of[subj.i]
    if subj.lower_ in ("he", "she") or _person(ctx, subj) or (ent is not None and ent.label_ == "ORG"):
        return True
    # the apposition names the person the common noun describes; resolve() takes that name
    return subj.pos_ == "NOUN" and any(c.dep_ == "appos" and not ctx.in_quote[c.i] and _person(ctx, c) for c in subj.children)


def _quote_root(ctx: Ctx, a: int, b: int) -> Token | None:
    """The quoted words' top token: the first one whose head lies outside tokens a..b."""
    return next((t for t in ctx.doc[a:b] if not (a <= t.head.i < b) and not t.is_punct), None)


def _owned_message(ctx: Ctx, a: int, b: int) -> tuple[str | None, str] | None:
    """'Clinton’s campaign slogan is “I’m with her.”', 'Barrett’s dictum was, “…”': a quote that
    a message of someone's is, is that someone's."""
    root = _quote_root(ctx, a, b)
    if root is None or root.head.lemma_ != "be" or ctx.in_quote[root.head.i]:
        return None
    subj = next((c for c in root.head.children if c.dep_ == "nsubj" and c.i < a), None)
    owner = _owner(subj) if subj is not None else None
    if owner is None or ctx.in_quote[owner.i]:
        return None
    speaker = resolve(ctx, owner)
    return (speaker, "") if speaker else None


# what a person's words are called when a that-clause gives them: 'her remark that “…”'
CLAIM_NOUNS = MESSAGE_NOUNS | frozenset("remark comment claim assertion admission promise pledge vow warning quip boast insistence declaration".split())
CLAIM_REACH = 8  # tokens between the noun and its 'that': 'his statement on Wednesday that'


def _owned_claim(ctx: Ctx, a: int) -> tuple[str | None, str] | None:
    """'her remark that “there’s a special place in hell …”', 'his statement on Wednesday that
    “Islam hates us”': a quote opening the that-clause of someone's remark, claim or statement
    is that someone's words, however the parser hung the clause."""
    doc, i = ctx.doc, _before_mark(ctx, a)
    if i >= 0 and doc[i].text == ",":
        i -= 1  # 'her March comment that, “We're going …”'
    if i < 1 or doc[i].lower_ != "that" or ctx.in_quote[i]:
        return None
    for tok in reversed(doc[max(i - CLAIM_REACH, 0) : i]):
        if ctx.in_quote[tok.i] or ctx.sent_of[tok.i] != ctx.sent_of[i] or tok.pos_ in ("VERB", "AUX"):
            return None
        if tok.pos_ == "NOUN" and tok.lemma_.lower() in CLAIM_NOUNS:
            owner = next((c for c in tok.children if c.dep_ == "poss"), None)
            if owner is None or ctx.in_quote[owner.i]:
                return None
            speaker = resolve(ctx, owner)
            return (speaker, tok.text) if speaker else None
    return None


def _chanted(ctx: Ctx, a: int, b: int) -> tuple[str | None, str] | None:
    """'Clinton supporters responded with chants of “I’m with her”', 'their chants of “Ted!”',
    'roused the crowd to chants of “Lock her up!”': a chant, shout or cry of the quote is
    theirs whose it is, who make it, or whom a verb moves 'to' it."""
    root = _quote_root(ctx, a, b)
    if root is None or root.head.lower_ != "of" or ctx.in_quote[root.head.i]:
        return None
    noun = root.head.head
    if noun.pos_ != "NOUN" or noun.lemma_.lower() not in QUOTE_CUES:
        return None  # 'a website called “…”': the noun of a quote-only verb says it is uttered
    who = next((c for c in noun.children if c.dep_ == "poss"), None)
    prep, verb = noun.head, noun.head.head
    if who is None and noun.dep_ == "pobj" and verb.pos_ == "VERB":
        moved = next((c for c in verb.children if c.dep_ == "dobj"), None) if prep.lower_ == "to" else None
        who = moved or subject(verb) or (verb.head if verb.dep_ == "relcl" else None)
    if who is None or ctx.in_quote[who.i] or who.lower_ in ("it", "this", "that"):
        return None
    speaker = resolve(ctx, who)
    return (speaker, noun.text) if speaker else None


def _message(tok: Token) -> bool:
    return tok.lemma_.lower() in MESSAGE_NOUNS and tok.pos_ == "NOUN"


def _owner(tok: Token) -> Token | None:
    """The possessor of a message ('Bush' in 'Bush's Facebook post'), if it is one."""
    if not _message(tok):
        return None
    owner = next((c for c in tok.children if c.dep_ == "poss" and c.pos_ in ("PROPN", "NOUN")), None)
    # 'a fundraising email sent out by Sanders warned …': the message's author, by its agent
    return owner or next((p for c in tok.children if c.dep_ == "acl" and c.tag_ == "VBN"
                          for agent in c.children if agent.dep_ == "agent"
                          for p in agent.children if p.dep_ == "pobj" and p.pos_ in ("PROPN", "NOUN")), None)


def _quote_text(raw: str) -> str:
    text = " ".join(raw.split()).strip().rstrip(",;:").strip()
    if text.endswith(".") and text[:1].islower():
        text = text[:-1]  # a fragment quoted inside the author's sentence: the period is theirs
    return text


def _continues(ctx: Ctx, last: tuple, a: int, span: QuoteSpan) -> bool:
    """A quote opening its sentence right after a quoted sentence goes on with that speaker."""
    prev_sent, _, _, depth = last
    before = _before_mark(ctx, a)
    # '“The risk,” said X, an economist, “is that …”': the sentence's second quote, after the aside
    resumes = ctx.sent_of[a] == prev_sent and ctx.doc[before].text == ","
    return depth == span.depth and ctx.sent_of[a] - prev_sent in (0, 1) and (_opens_sentence(ctx, a) or resumes)


def _opening_participle(ctx: Ctx, cue: Token | None, last: tuple) -> bool:
    """'Maher stated … that the report “wasn’t good.” Adding, “Now …”': a subjectless participle
    opening the sentence after a quote goes on with that quote's speaker."""
    if cue is None or cue.tag_ != "VBG" or ctx.in_quote[cue.i] or ctx.sent_of[cue.i] - last[0] != 1:
        return False
    i = cue.i - 1
    while i >= 0 and ctx.sent_of[i] == ctx.sent_of[cue.i] and (ctx.doc[i].is_punct or ctx.doc[i].is_space):
        i -= 1
    return i < 0 or ctx.sent_of[i] != ctx.sent_of[cue.i]


def _before_mark(ctx: Ctx, a: int) -> int:
    """The last token before the opening mark of the quote whose content starts at a."""
    mark = a - 1 if a > 0 and ctx.doc[a - 1].is_quote else a
    before = mark - 1
    while before >= 0 and ctx.doc[before].is_space:
        before -= 1
    return before


def _opens_sentence(ctx: Ctx, a: int) -> bool:
    """The quote starting at a opens its sentence (the content's sentence, not the mark's: a
    tokenizer may leave "''" at the end of the sentence before)."""
    before = _before_mark(ctx, a)
    return before < 0 or ctx.sent_of[before] != ctx.sent_of[a] or ctx.in_quote[before]


def _cue_for(ctx: Ctx, a: int, b: int) -> Token | None:
    """The speech verb that governs the quoted tokens doc[a:b]."""
    doc = ctx.doc
    for tok in doc[a:b]:
        if tok.is_punct or tok.head.i == tok.i or a <= tok.head.i < b:
            continue
        head, below, hops = tok.head, tok, 3  # quote -> (prep ->) verb, rarely further
        while hops > 0 and not a <= head.i < b:
            if is_cue(head):
                if not _plain_sense(head, below):
                    return _nearer_cue(ctx, a, b, head)
                hops += 2  # '… said he's certain Rubio will continue to be “…”': on to 'said'
            if head.head.i == head.i:
                break
            head, below, hops = head.head, head, hops - 1
        if tok.head.lower_ == "as" and (labeller := _labelled_as(ctx, tok.head)) is not None:
            return labeller
    return _adjacent_cue(ctx, a, b)


def _plain_sense(verb: Token, below: Token) -> bool:
    """'Rubio will continue to be “a champion …”': a verb that introduces quotes only in some
    frames (`QUOTE_CUES`) reached through its infinitive is used in its plain sense."""
    return below.dep_ == "xcomp" and cue_lemma(verb) in QUOTE_CUES and cue_lemma(verb) not in SPEECH_CUES


def _labelled_as(ctx: Ctx, prep: Token) -> Token | None:
    """'The Times characterized X's path to the nomination as a “journey from …”' with 'as' hung
    on the object's last noun: a verb that labels (`LABEL_VERBS`) up the heads, in the sentence,
    outside quotes, governs the quoted label."""
    head = prep.head
    while head.head.i != head.i and head.pos_ != "VERB" and ctx.sent_of[head.i] == ctx.sent_of[prep.i]:
        head = head.head
    return head if cue_lemma(head) in LABEL_VERBS and is_cue(head) and not ctx.in_quote[head.i] else None


LABEL_VERBS = NO_CLAUSE_CUES | frozenset("characterize portray dub deride hail tout denounce".split())


def _nearer_cue(ctx: Ctx, a: int, b: int, governing: Token) -> Token:
    """'“…,” Trump said, after CNBC's Becky Quick said …' parsed with the quote under the second
    'said': a cue right after the quote, before the governing one, is the quote's own."""
    if a <= governing.i < b:
        return governing
    adjacent = _adjacent_cue(ctx, a, b)
    if governing.i < a:
        # '… but Moscow strongly denies — “why …?” asked Dunn': the verb before the quote governs
        # it only in the parse; a cue announced right after it, with its own speaker, says whose
        return adjacent if adjacent is not None and _announced_speaker(ctx, b, adjacent) else governing
    return adjacent if adjacent is not None and b <= adjacent.i < governing.i else governing


def _announced_speaker(ctx: Ctx, b: int, cue: Token) -> bool:
    """The cue after the quote is its own: after a comma ('…,” Dunn said', no 'and' between),
    or first after a question or exclamation mark ('…?” asked Dunn'; '…?” Mills then writes'
    opens a sentence); it reports nothing else ('…,” X said the cases differ' does), and its
    speaker stands after the quote."""
    doc = ctx.doc
    mark, words = doc[b - 1].text, [t for t in doc[b : cue.i] if not (t.is_punct or t.is_space)]
    if cue.i < b or not (mark == "," or (mark in ("?", "!") and not words)) or any(t.pos_ == "CCONJ" for t in words):
        return False
    tok = speaker_token(ctx, cue)
    if tok is None or tok.i < b or ctx.in_quote[tok.i]:
        return False
    # 'asked Pat Dunn' may parse the inverted speaker as the object; any other object is what is said
    return not any(c.dep_ in ("ccomp", "dobj", "xcomp") and c.i > cue.i and c.i != tok.i for c in cue.children)


def _parenthetical_cue(ctx: Ctx, a: int, b: int) -> Token | None:
    """'The golf industry, she said, is “doing much better”', '“… the same attack,” Brian Fallon
    said.' parsed as an aside: a parenthetical cue on the quote's clause is its cue."""
    doc = ctx.doc
    # a quote of several sentences has a root in each
    tops = [t for t in doc[a:b] if (t.head.i == t.i or not a <= t.head.i < b) and not t.is_punct]
    for clause in [c for top in tops for c in (top, top.head)]:
        for child in clause.children:
            if child.dep_ == "parataxis" and not a <= child.i < b and not ctx.in_quote[child.i] and is_cue(child):
                return child
            if child.dep_ == "advcl" and child.i < a and not ctx.in_quote[child.i] and is_cue(child) \
                    and any(m.dep_ == "mark" and m.lower_ == "as" for m in child.children):
                return child  # 'As the Global Times noted in an op-ed, the candidate “has …”'
    # '“Twitter works …,” James B. Comey Jr., the director of the F.B.I., said' parsed as a
    # conjunct of the quote's own verb: a cue after the quote, with a subject of its own
    for top in tops:
        for child in top.children:
            if child.dep_ == "conj" and child.i >= b and not ctx.in_quote[child.i] and ctx.sent_of[child.i] == ctx.sent_of[b - 1] and is_cue(child):
                subj = subject(child)
                if subj is not None and subj.i >= b and not ctx.in_quote[subj.i]:
                    return child
                # '“…,” Mr. Daniloff, now 81, said': the name hangs on the quote in the parse
                if (subj is None or ctx.in_quote[subj.i]) and speaker_token(ctx, child) is not None:
                    return child
    return None


QUOTE_ROLES = frozenset({"ccomp", "dobj", "parataxis", "xcomp", "oprd"})


def _person_verb(ctx: Ctx, a: int, b: int) -> Token | None:
    """'…, Mrs. Clinton boomed, “Today …”', '“Quiet,” he demanded': a verb that takes the quote
    as its clause or object, with a person for subject, is a verb of speech here whatever it is;
    so is a finding verb whose subject is a report or poll ('the report found “no evidence …”')."""
    doc = ctx.doc
    root = _quote_root(ctx, a, b)
    if root is None or root.dep_ not in QUOTE_ROLES or ctx.in_quote[root.head.i]:
        return None
    verb = root.head
    subj = subject(verb) if verb.pos_ == "VERB" else None
    if subj is None or ctx.in_quote[subj.i]:
        return None
    # 'a House committee report found “no evidence …”': a document's finding is its words
    finding = cue_lemma(verb) in FINDING_CUES and subj.lemma_.lower() in SOURCE_NOUNS
    return verb if subj.lower_ in ("he", "she") or _person(ctx, subj) or finding else None


def _person(ctx: Ctx, tok: Token) -> bool:
    """A person's name: a PERSON entity, or a capitalised proper noun that spells a person the
    article names elsewhere ('Trump gestured …, then boomed:' with 'Trump' untagged); a proper
    noun opening its sentence too: the tag, not the capital, says it is a name."""
    ent = ctx.ent_of[tok.i]
    if ent is not None:
        return ent.label_ == "PERSON"
    return tok.pos_ == "PROPN" and tok.text[:1].isupper() and tok.lower_ in ctx.refs.known


AFTER_REACH = 10  # tokens after a quote that its cue may lie: a name with a long title
# after '…,”' / '…?”' / '…!”', which announce the attribution, also past an apposition ('…,” the
# presumptive GOP presidential nominee, Donald Trump, tweeted')
ANNOUNCED_REACH = 14


def _mistagged_cue(tok: Token) -> bool:
    """'…,” the email read.', '…,” the document states,': after an announcing comma a verb of
    speech between its subject and the clause's end, which the tagger took for a noun."""
    doc = tok.doc
    if tok.pos_ != "NOUN" or cue_lemma(tok) not in QUOTE_VERBS or tok.i + 1 >= len(doc) or tok.i < 1:
        return False
    return doc[tok.i + 1].is_punct and (doc[tok.i - 1].pos_ in ("NOUN", "PROPN") or noun_read_as_adjective(doc[tok.i - 1]))


def _inverted_manner(ctx: Ctx, tok: Token) -> bool:
    """'“This is fantastic!” beamed Donald Hartley', '“…,” reacted Trump.': a past-tense verb
    right after an announcing mark, followed by a person's name, says how the person spoke."""
    nxt = tok.i + 1
    ent = ctx.ent_of[nxt] if nxt < len(ctx.doc) else None
    if ent is None or ent.start != nxt or ent.label_ != "PERSON" or tok.tag_ != "VBD":
        return False
    return not (ent.end < len(ctx.doc) and ctx.doc[ent.end].tag_ == "POS")  # 'exhorted Clinton's introducer


def _in_relative_clause(tok: Token, b: int) -> bool:
    """A verb of a 'who' clause after the quote: '…,” Nate Silver, the polling guru who
    founded fivethirtyeight.com tweeted' describes the speaker; the cue comes after it. (A
    'which' clause describes the quoted words: '“radical Islam,” which some want …'.)"""
    return any(t.dep_ == "relcl" and t.head.i >= b and any(c.lower_ in PERSON_RELATIVES for c in t.children)
               for t in (tok, *tok.ancestors))


PERSON_RELATIVES = frozenset({"who", "whom", "whose"})


def _past_relative_clause(ctx: Ctx, a: int, b: int) -> int:
    """Where to look for a cue after the quote: past a 'that' / 'which' clause on a quoted word
    ('“… to search them for records” that would respond to requests from Judicial Watch, X
    wrote'), which goes on with the quoted sentence; else right after the quote."""
    first = next((t for t in ctx.doc[b : b + 2] if not (t.is_punct or t.is_space)), None)
    if first is None or first.lower_ not in ("that", "which") or ctx.in_quote[first.i]:
        return b
    clause = first.head
    if clause.dep_ != "relcl" or not a <= clause.head.i < b or clause.left_edge.i != first.i:
        return b
    return clause.right_edge.i + 1


def _adjacent_cue(ctx: Ctx, a: int, b: int) -> Token | None:
    """'…," said X' or 'X declared: "…' when the parse did not link the quote to the verb."""
    doc, sent = ctx.doc, ctx.sent_of[b - 1]
    words = False  # words of the quote's own sentence after its closing mark
    reach = ANNOUNCED_REACH if doc[b - 1].text in (",", "?", "!") else AFTER_REACH
    start = _past_relative_clause(ctx, a, b)
    for tok in doc[start : min(start + reach, len(doc))]:
        # '…figure!” he wrote.' often parses as a sentence of its own: follow it, not a new line,
        # nor the next sentence after a quoted word ('“minimal” impact. As X explained, …')
        if ctx.sent_of[tok.i] > sent + (not words) or ctx.in_quote[tok.i] or "\n" in tok.text:
            break
        first = not words and not (tok.is_punct or tok.is_space)  # the first word after the mark
        if tok.is_sent_start and ctx.sent_of[tok.i] > sent and tok.tag_ in ("VBN", "VBG"):
            break  # '…” Asked if …, Trump replied': a participle opening the next sentence is its own clause
        words = words or (ctx.sent_of[tok.i] == sent and not (tok.is_punct or tok.is_space))
        announced = reach == ANNOUNCED_REACH
        # the manner verb only after a quote that is its sentence's start: '“Scandal,” thanked Obama' is an object
        manner = first and _opens_sentence(ctx, a) and _inverted_manner(ctx, tok)
        if is_cue(tok) or (announced and (_mistagged_cue(tok) or manner)):
            return tok
        if tok.pos_ in ("VERB", "AUX") and not _in_relative_clause(tok, b):
            break  # '…,” Clinton press secretary Brian Fallon said' may be long; a clause of its own is not
    i = a - 1
    while i >= 0 and (doc[i].is_quote or doc[i].is_space):
        i -= 1
    # 'a man yelled “Stay there!”', '…, writing “Feels great …”' parsed with the quote apart from its verb
    participle = i > 0 and doc[i].tag_ == "VBG" and doc[i - 1].text == ","
    if i >= 0 and i < a - 1 and (doc[i].tag_ == "VBD" or participle) and not ctx.in_quote[i] and is_cue(doc[i]):
        return doc[i]
    if i < 0 or doc[i].text not in (":", ","):
        return None
    for tok in reversed(doc[max(i - 6, 0) : i]):
        if ctx.in_quote[tok.i]:
            break
        if is_cue(tok):
            return tok
    return None
