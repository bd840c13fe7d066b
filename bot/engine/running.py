"""Running totals of a round stated in an article on one of its batches ("Since the third round began,
the inspectors have received 98,600 reports", "Including this batch, the round's teams have filed ...",
"本轮督察以来累计罚款12亿元"): the round's count so far, never the batch's own figure."""

from __future__ import annotations

import re

from index.text.chinese import fold

_ROUND = r"(?:this|the)\s+(?:[a-z]+\s+)?round"
_ROUND_SO_FAR = re.compile(
    rf"\bsince\s+(?:the\s+)?(?:start|launch|beginning|opening)\s+of\s+{_ROUND}\b"
    rf"|\bsince\s+{_ROUND}\s+(?:began|started|opened|was\s+launched|kicked\s+off|got\s+under\s*way)\b"
    rf"|\b(?:so\s+far|to\s+date|thus\s+far)\s+(?:in|during|across|over)\s+{_ROUND}\b"
    # "the third round has so far ...", "the round's tally" (not "the fourth batch of the third round has")
    rf"|(?<!batch of )(?<!batches of )\b{_ROUND}(?:'s|’s)?\s+(?:has|have|had)\s+(?:so\s+far|to\s+date)\b"
    rf"|(?<!batch of )(?<!batches of )\b{_ROUND}(?:'s|’s)\s+(?:[a-z]+\s+)?(?:tally|running\s+total)\b"
    r"|\bincluding\s+(?:this|the\s+[a-z]+)\s+batch\b",
    re.IGNORECASE,
)
_ROUND_ZH = (
    r"(?:本轮|第[一二三四五六七八九十\d]+轮)(?:中央)?(?:生态环境保护|生态环保|环境保护|环保)?(?:督察)?"
)
_ROUND_SO_FAR_ZH = re.compile(
    # not "第三轮第一批督察组累计…": a batch's own running count
    rf"{_ROUND_ZH}(?:启动|开展|实施|开始)?以来|{_ROUND_ZH}(?![^，。；]{{0,4}}批)[^，。；]{{0,6}}累计|含本批|包括本批"
)


def counts_round_so_far(sentence: str) -> bool:
    """True when ``sentence`` states a running total of a whole round (its batches so far)."""
    return bool(_ROUND_SO_FAR.search(sentence) or _ROUND_SO_FAR_ZH.search(fold(sentence)))
