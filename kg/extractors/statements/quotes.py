"""Quotations found by their marks in raw text, and the small offset helpers (paragraphs,
sentence ends, overlaps) that tie them to cues.
"""
from __future__ import annotations

import functools
import re

from ...facts import Span
from .lexicon import _cues


@functools.cache
def _mark_pattern() -> tuple[re.Pattern, dict[str, str]]:
    """One regex for every quotation mark; alternatives keep the order open, close, straight,
    so at any position the first kind that matches wins."""
    cues = _cues()
    kinds: dict[str, str] = {}
    for kind in ("open", "close", "straight"):
        for mark in cues[kind]:
            kinds.setdefault(mark, kind)
    return re.compile("|".join(re.escape(m) for m in kinds)), kinds


def _marks(line: str, offset: int):
    """Yield ``(start, end, kind)`` for every double quotation mark in one line."""
    pattern, kinds = _mark_pattern()
    for m in pattern.finditer(line):
        yield offset + m.start(), offset + m.end(), kinds[m.group()]


def find_quotes(text: str) -> list[Span]:
    """Quotations in ``text``, marks included, in text order.

    A straight mark closes only a straight mark and a curly one only a curly one, so a
    quotation may hold a differently marked inner quote. A paragraph (line) that opens a
    quotation without closing it is continued by the next paragraph when that one opens
    with a quotation mark (the newspaper convention); otherwise the quotation ends with its
    paragraph.

    >>> t = 'He said "yes, " and \u201cno.\u201d'
    >>> [t[s.start:s.end] for s in find_quotes(t)]
    ['"yes, "', '\u201cno.\u201d']
    """
    quotes: list[Span] = []
    pending: int | None = None          # start of a quote carried over from a paragraph
    pos = 0
    for line in text.split("\n"):
        start_of_line = pos
        pos += len(line) + 1
        if not line.strip():
            continue                     # blank lines separate paragraphs; carry on
        body = line.lstrip()
        lead = start_of_line + len(line) - len(body)
        marks = list(_marks(line, start_of_line))
        if marks and marks[0][0] == lead and marks[0][2] == "close" and len(marks) > 1:
            # A paragraph that opens with a closing mark ('”We lost.”') is a typo
            # for an opening one.
            marks[0] = (marks[0][0], marks[0][1], "open")
        marks = _pair_mixed_marks(text, marks)
        if pending is not None and not (marks and marks[0][0] == lead
                                        and marks[0][2] != "close"):
            # The carried quote is not continued: it ended with its paragraph.
            quotes.append(Span(pending, _rstrip_end(text, prev_end)))
            pending = None
        open_at = open_kind = None
        nested = _nests(marks)
        depth = 0
        for k, (s, e, kind) in enumerate(marks):
            if open_at is None:
                if kind != "close":
                    open_at, open_kind = s, kind
                    if pending is not None and k == 0:
                        open_at = pending        # continuation of the previous paragraph
                    pending = None
            elif nested and open_kind == kind == "open":
                depth += 1                       # an inner quote typed with double marks
            elif nested and open_kind == "open" and kind == "close" and depth:
                depth -= 1
            elif kind == open_kind == "straight" or (open_kind == "open" and kind == "close"):
                quotes.append(Span(open_at, e))
                open_at = None
        if open_at is not None:
            pending = open_at
        prev_end = start_of_line + len(line)
    if pending is not None:
        quotes.append(Span(pending, _rstrip_end(text, prev_end)))
    return [q for q in quotes if q.end > q.start + 1]


def _nests(marks: list) -> bool:
    """Whether a paragraph's curly marks nest ('“He calls it “hell” here.”'): an
    opening mark inside an open quote, and every quote closed by the paragraph's end.
    Anything else (an unclosed quote before a new one) keeps the flat reading."""
    depth = deepest = 0
    for _, _, kind in marks:
        if kind == "open":
            depth += 1
            deepest = max(deepest, depth)
        elif kind == "close":
            depth -= 1
            if depth < 0:
                return False
    return deepest > 1 and depth == 0


def _pair_mixed_marks(text: str, marks: list) -> list:
    """Let a straight mark stand in for the missing half of a curly pair.

    Typing slips mix the two kinds ('“We lost," he said'): a curly mark left without
    its partner takes the nearest straight mark that faces the right way, but only where
    the straight marks in between are odd in number (an even count pairs among itself).
    """
    marks = list(marks)
    curly = [k for k, m in enumerate(marks) if m[2] != "straight"]
    unmatched, depth_at = [], None
    for k in curly:
        if marks[k][2] == "open":
            if depth_at is not None:
                unmatched.append(depth_at)
            depth_at = k
        elif depth_at is None:
            unmatched.append(k)
        else:
            depth_at = None
    if depth_at is not None:
        unmatched.append(depth_at)
    for k in unmatched:
        s, e, kind = marks[k]
        if kind == "open":
            stop = next((j for j in curly if j > k), len(marks))
            between = [j for j in range(k + 1, stop) if marks[j][2] == "straight"]
            facing = [j for j in between if _closes(text, *marks[j][:2])]
            if len(between) % 2 and facing:
                j = facing[0]
                marks[j] = (marks[j][0], marks[j][1], "close")
        else:
            begin = max((j for j in curly if j < k), default=-1)
            between = [j for j in range(begin + 1, k) if marks[j][2] == "straight"]
            facing = [j for j in between if _opens(text, *marks[j][:2])]
            if len(between) % 2 and facing:
                j = facing[-1]
                marks[j] = (marks[j][0], marks[j][1], "open")
    return marks


def _holds_mark(text: str) -> bool:
    """Whether ``text`` has a double quotation mark of any kind in it."""
    return next(_marks(text, 0), None) is not None


def _closes(text: str, s: int, e: int) -> bool:
    """A mark after a word and before a space, punctuation or the line's end."""
    return s > 0 and not text[s - 1].isspace() and (e >= len(text) or not text[e].isalnum())


def _opens(text: str, s: int, e: int) -> bool:
    """A mark after a space (or at the start) and before a word."""
    return (s == 0 or text[s - 1].isspace() or text[s - 1] in "([") \
        and e < len(text) and not text[e].isspace()


def _rstrip_end(text: str, end: int) -> int:
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end


def _paragraph(text: str, i: int) -> Span:
    """The line (paragraph) that holds offset ``i``."""
    return Span(text.rfind("\n", 0, i) + 1, text.find("\n", i) % (len(text) + 1))


def _overlap(a: Span, b: Span) -> int:
    return max(0, min(a.end, b.end) - max(a.start, b.start))


def _same_para(text: str, a: int, b: int) -> bool:
    return "\n" not in text[a:b]


def _introduces(text: str, a: int, b: int) -> bool:
    """Whether a cue ending at ``a`` can introduce a quote at ``b``: same paragraph, or
    the next one after a colon ("He said:" + a quoted paragraph)."""
    between = text[a:b]
    return "\n" not in between or (between.rstrip().endswith(":")
                                   and between.count("\n") <= 2)


# A full stop after one of these ends no sentence: a title ("Rep.", "Sen."), an initial
# ("E."), a state ("Md.", "Calif.") -- short capitalised words -- or "D-Md.".
_ABBREV = re.compile(r"(?:[A-Z][a-z]{0,4}|[A-Z]\.?(?:[A-Z]\.?)*|[A-Z]-[A-Z][a-z]{0,4})$")
_NICKNAME = re.compile(r"[A-Z][\w.]*\s$")


def _nickname(text: str, q: Span) -> bool:
    """A quoted word or two inside a name: 'Marcia "Cia" Price'."""
    inner = text[q.start + 1:q.end - 1]
    return 0 < len(inner.split()) <= 2 and inner[:1].isupper() \
        and bool(_NICKNAME.search(text[max(0, q.start - 20):q.start])) \
        and text[q.end:q.end + 2][:1] == " " and text[q.end + 1:q.end + 2].isupper()


def _sentence_ends(between: str) -> bool:
    """Whether a full stop in ``between`` ends a sentence (the mark of an abbreviation
    does not)."""
    for m in re.finditer(r"\.", between):
        word = re.search(r"[\w-]*$", between[:m.start()]).group()
        if not word or not _ABBREV.match(word):
            return True
    return False
