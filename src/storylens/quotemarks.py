"""Find quoted passages in raw text, whatever the quotation style.

Pure text scanning (no NLP) so it is cheap and testable on its own. Double quotes ("…", “…”,
«…», and ''…'' typed as two apostrophes, as some wire archives do) pair within a paragraph; a
quote left open at a paragraph break runs to the paragraph's end (news style reopens a
multi-paragraph quote on each new paragraph). Single quotes ('…', ‘…’) pair only where the marks
cannot be apostrophes (don't, Putin’s) and never across the edge of a double-quoted passage, which
is how a quote nested in a quote is written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_DOUBLE = re.compile(r"''|[\"“”«»]")
_SINGLE = re.compile(r"(?<!')['‘’](?!')")  # an apostrophe of a '' pair is half a double quote
_OPENERS = "“«"
_CLOSERS = "”»"


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    start: int  # first character of the quoted content (after the opening mark)
    end: int  # one past its last character (the closing mark's offset when there is one)
    opening: int  # offset of the opening mark
    closing: int | None  # offset of the closing mark; None when the paragraph ended first
    depth: int = 0  # 0 outermost, 1 a quote inside a quote


def find_quote_spans(text: str) -> list[QuoteSpan]:
    """All quoted passages of `text`, outer and nested, sorted by position."""
    spans: list[QuoteSpan] = []
    for lo, hi in _paragraphs(text):
        doubles = _double_spans(text, lo, hi)
        spans.extend(doubles)
        spans.extend(_single_spans(text, lo, hi, doubles))
    spans.sort(key=lambda s: (s.start, -s.end))
    return [_with_depth(s, spans) for s in spans]


def _paragraphs(text: str) -> list[tuple[int, int]]:
    bounds, pos = [], 0
    for line in text.split("\n"):
        bounds.append((pos, pos + len(line)))
        pos += len(line) + 1
    return bounds


def _double_spans(text: str, lo: int, hi: int) -> list[QuoteSpan]:
    out: list[QuoteSpan] = []
    opened: int | None = None
    width = 1
    for match in _DOUBLE.finditer(text, lo, hi):
        i, mark = match.start(), match.group()
        if opened is None and mark not in _CLOSERS:
            opened, width = i, len(mark)
        elif opened is not None and (mark not in _OPENERS or _misturned(text, i, hi)):
            out.append(QuoteSpan(opened + width, i, opened, i))
            opened = None
    if opened is not None and text[opened + width : hi].strip():
        end = len(text[:hi].rstrip())
        out.append(QuoteSpan(opened + width, end, opened, None))
    return out


def _misturned(text: str, i: int, hi: int) -> bool:
    """'“It's unusual,“ said Larry Noble': an opening mark typed where the closing one belongs,
    glued to the word before it and followed by a space or the paragraph's end."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < hi else " "
    return not before.isspace() and before not in _OPENERS + '"' and (after.isspace() or after in ".,;:!?")


def _single_spans(text: str, lo: int, hi: int, doubles: list[QuoteSpan]) -> list[QuoteSpan]:
    out: list[QuoteSpan] = []
    opened: int | None = None
    for match in _SINGLE.finditer(text, lo, hi):
        i, mark = match.start(), match.group()
        before = text[i - 1] if i > lo else " "
        after = text[i + 1] if i + 1 < hi else " "
        if before.isalnum() and after.isalpha():
            continue  # apostrophe inside a word
        if opened is None:
            if mark != "’" and not before.isalnum() and (after.isalnum() or after in "\"“"):
                opened = i
        elif not before.isspace() and not after.isalnum():
            if _enclosing(opened, doubles) == _enclosing(i, doubles) and i > opened + 1:
                out.append(QuoteSpan(opened + 1, i, opened, i))
            opened = None
    return out


def _enclosing(offset: int, spans: list[QuoteSpan]) -> int:
    for k, span in enumerate(spans):
        if span.start <= offset < span.end:
            return k
    return -1


def _with_depth(span: QuoteSpan, spans: list[QuoteSpan]) -> QuoteSpan:
    depth = sum(1 for o in spans if o is not span and o.opening < span.opening and span.end <= o.end)
    return QuoteSpan(span.start, span.end, span.opening, span.closing, depth)
