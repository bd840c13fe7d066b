"""Sentence splitting with exact character offsets into the stored article text.

A sentence ends at ``.``, ``!``, ``?`` or ``…`` (plus closing quotes or brackets) followed by whitespace
and the start of a new sentence, at Chinese ``。！？`` (no space needed), and always at a paragraph
break. Decimal numbers, times ("20:00"), abbreviations ("No. 3", "Co., Ltd.", "U.S.", "Jan.", "e.g."),
initials and list-like sentences with semicolons do not end a sentence.

Chinese sentences end at ``。！？`` with their closing quotes and brackets ("……。”"), never at ``；``
(a list of figures joined by semicolons is one sentence, as in English). A full stop inside a quotation
that closes within :data:`MAX_QUOTE_CHARS` does not end the sentence ("“……。……。”"), and a short
attribution after the quotation stays with it ("“……。”督察组负责人说。"). A line that ends with a comma
or an enumeration comma is hard-wrapped: the sentence goes on on the next line.

A sentence longer than ``MAX_SENTENCE_CHARS`` (a page with no full stops, one endless line) is cut into
pieces of at most that length: after the last clause punctuation that leaves a piece of at least half of it,
else at the last space, else at the limit. Every piece is still an exact span of the text, and the work is
linear in the text's length.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from index.text.chinese import fold


def _words(*lines: str) -> frozenset[str]:
    return frozenset(word for line in lines for word in line.split())


# Abbreviations that never end a sentence when followed by more text.
_HARD_ABBREVIATIONS = _words(
    "mr mrs ms dr prof st mt gen col lt sgt capt rep sen gov pres dept univ fig figs vol vols",
    "approx est ca cf vs co jan feb mar apr jun jul aug sep sept oct nov dec e.g i.e viz al",
    "no nos art arts para paras sec ch pp",
)
# Abbreviations that end a sentence only when the next word is a typical sentence opener.
_SOFT_ABBREVIATIONS = _words("ltd inc corp etc a.m p.m bros plc jr sr")
# Words that usually open a sentence; after a soft abbreviation they signal a boundary.
_SENTENCE_OPENERS = _words(
    "the a an this that these those it its he she they we i there here in on at by for from with",
    "after before during since as when while meanwhile however but and also according so thus",
    "therefore moreover furthermore besides addition up all each every some many most more about",
    "over among between their his her our what which who how why where",
)

_TERMINAL = re.compile(r"[.!?…]+|[。！？]+")
_CLOSERS = "\"'”’)]}」』】）》"
_OPENERS = "\"'“‘([{「『【（《"
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")
_NEXT_WORD = re.compile(r"[A-Za-z]+")
_ENUMERATOR = re.compile(r"\s*[(\[]?(?:\d{1,2}|[A-Za-z]|[ivxIVX]{1,4})[)\]]?\.")
MAX_SENTENCE_CHARS = 1200  # longer than any real sentence of the genre (the longest seen: 990)
_CLAUSE_MARKS = ";；,，:：、"
_SPACES = " \t\n"
MAX_QUOTE_CHARS = 300  # a Chinese quotation closing within this many characters holds its full stops
_QUOTE_PAIRS = {"“": "”", "「": "」", "『": "』"}
_CN_WRAP_MARKS = "，、；（《“"  # a line ending with one of these goes on on the next line
# A short attribution after a closing quotation: "督察组负责人说。", "他表示。" (matched on the fold).
_ATTRIBUTION = re.compile(
    r"[^。！？“”「」\n]{0,20}?(?:说|表示|指出|介绍|称|强调|坦言|透露|告诉记者|回应|解释|补充|感慨|提醒)道?[。！？]"
)


def _is_cjk(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"


def _paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Split at blank lines, and at single newlines unless the line is visibly hard-wrapped mid-sentence."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in re.finditer(r"\n", text):
        pos = match.start()
        last = pos - 1  # the line's last visible character (looked up in place: no copies of the text)
        while last >= start and text[last].isspace():
            last -= 1
        first = pos + 1  # the next line's first character after its indent
        while first < len(text) and text[first] in " \t":
            first += 1
        wrapped = (
            last >= start
            and first < len(text)
            and text[first] != "\n"
            and (
                ((text[last].isalnum() or text[last] in ",;:-(") and text[first].islower())
                or (text[last] in _CN_WRAP_MARKS and (_is_cjk(text[first]) or text[first].isdigit()))
            )
        )
        if not wrapped:
            spans.append((start, pos))
            start = pos + 1
    spans.append((start, len(text)))
    return spans


def _is_boundary(text: str, start: int, end_of_mark: int, mark: str, para_end: int) -> int | None:
    """If the terminal ``mark`` ending at ``end_of_mark`` ends the sentence begun at ``start``, return the
    sentence end offset."""
    if _ENUMERATOR.fullmatch(text, start, end_of_mark):
        return None  # "1. The teams ..." : a list number, not a sentence
    end = end_of_mark
    while end < para_end and text[end] in _CLOSERS:
        # a straight quote right after the mark closes the sentence only if whitespace follows it
        end += 1
    if end >= para_end:
        return end
    chinese = mark[-1] in "。！？"
    if not text[end].isspace():
        if chinese:
            return end
        if end > end_of_mark and _is_cjk(text[end]):
            return end
        return None
    nxt = end
    while nxt < para_end and text[nxt].isspace():
        nxt += 1
    if nxt >= para_end:
        return end
    following = text[nxt]
    if chinese:
        return end
    if not (following.isupper() or following.isdigit() or following in _OPENERS or _is_cjk(following)):
        return None
    if mark == ".":
        word_match = _WORD_BEFORE.search(text, max(0, end_of_mark - 40), end_of_mark - 1)
        word = word_match.group(1) if word_match and word_match.end() == end_of_mark - 1 else ""
        if word and end == end_of_mark:
            lowered = word.lower().rstrip(".")
            next_word_match = _NEXT_WORD.match(text, nxt)
            next_word = next_word_match.group(0).lower() if next_word_match else ""
            if lowered in _HARD_ABBREVIATIONS:
                return None
            if len(word) == 1 and word.isupper():  # an initial, e.g. "J. Smith"
                return None
            if "." in word:  # "U.S.", "e.g." forms not listed: treat like a soft abbreviation
                return end if next_word in _SENTENCE_OPENERS else None
            if lowered in _SOFT_ABBREVIATIONS:
                return end if next_word in _SENTENCE_OPENERS else None
    return end


def _quotations(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """[open, close) spans of the Chinese quotations in text[start:end] that close within
    :data:`MAX_QUOTE_CHARS` (an unclosed quotation holds nothing)."""
    spans, opened = [], []
    for position in range(start, end):
        char = text[position]
        if char in _QUOTE_PAIRS:
            opened.append((position, _QUOTE_PAIRS[char]))
        elif opened and char == opened[-1][1]:
            where, _ = opened.pop()
            if not opened and position - where <= MAX_QUOTE_CHARS:
                spans.append((where, position))
    return spans


def _held(quotations: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether the full stop text[start:end] lies inside one of the (ordered, disjoint) ``quotations`` and
    not right before its closing quote."""
    at = bisect_right(quotations, start, key=lambda quotation: quotation[0]) - 1
    return at >= 0 and quotations[at][0] < start and end < quotations[at][1]


def split_sentences(text: str) -> list[tuple[int, int]]:
    """[start, end) offsets of the sentences of ``text``, each stripped of surrounding whitespace."""
    sentences: list[tuple[int, int]] = []
    for para_start, para_end in _paragraph_spans(text):
        start = para_start
        quotations: list[tuple[int, int]] | None = None
        for match in _TERMINAL.finditer(text, para_start, para_end):
            if match.start() < start:
                continue
            chinese = match.group(0)[-1] in "。！？"
            if chinese:
                if quotations is None:  # found once per paragraph, when it has a Chinese full stop
                    quotations = _quotations(text, para_start, para_end)
                if _held(quotations, match.start(), match.end()):
                    continue  # a full stop inside a quotation that closes later in the sentence
            end = _is_boundary(text, start, match.end(), match.group(0), para_end)
            if end is None:
                continue
            if chinese and end > match.end() and text[end - 1] in "”」』":
                after = fold(text[end : min(end + 24, para_end)])
                if _ATTRIBUTION.match(after):
                    continue  # "“……。”督察组负责人说。": the attribution ends the sentence
            _append_stripped(text, start, end, sentences)
            start = end
        _append_stripped(text, start, para_end, sentences)
    return sentences


def _append_stripped(text: str, start: int, end: int, out: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    while end - start > MAX_SENTENCE_CHARS:
        cut = _cut(text, start)
        out.append((start, cut))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if start < end:
        out.append((start, end))


def _cut(text: str, start: int) -> int:
    """Where to end the first piece of an overlong sentence starting at ``start`` (after clause
    punctuation, else at a space, else at the limit), with no trailing whitespace."""
    low, high = start + MAX_SENTENCE_CHARS // 2, start + MAX_SENTENCE_CHARS
    cut = max(text.rfind(mark, low, high - 1) for mark in _CLAUSE_MARKS) + 1
    if cut <= 0:
        cut = max(text.rfind(space, low, high) for space in _SPACES)
    if cut <= 0:
        cut = high
    while cut > start + 1 and text[cut - 1].isspace():
        cut -= 1
    return cut
