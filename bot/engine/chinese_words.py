"""The content words of Chinese text, for the engine's overlap tests (``bot.engine.words.content_terms``).

Chinese is segmented with jieba (``rjieba``) on the folded text (simplified characters, pinyin glosses
dropped: ``plain``), question and
function words, numbers and the genre's own words (督察, 中央, 批, 省 ...) dropped, like the English
stopwords. Words the genre shares with English reports are mapped to the English terms (进驻 -> "station",
拘留 -> "detain"), so that a Chinese question's words meet an English article's and the reverse.
"""

from __future__ import annotations

import functools
import re
from types import ModuleType

from index.facts.metrics import word_set
from index.meta.glosses import without_glosses
from index.text.chinese import fold

_HAN_RUN = re.compile(r"[\u3400-\u9fff]+")
# counts and ordinals ("两家", "五个", "第四批", "多少") say nothing about the topic
_NUMERIC = re.compile(r"^[第]?[0-9一二三四五六七八九十百千万亿两几多少]")
MIN_CHARS = 2

_STOPWORDS = word_set(
    """的 了 是 在 有 被 对 和 与 及 等 也 都 就 把 将 于 为 以 之 其 这 那 这些 那些 哪 哪些 哪个 哪里 哪儿
    哪天 哪年 哪位 什么 时候 什么时候 时间 多少 怎么 怎么样 如何 为何 为什么 是否 有没有 没有 吗 呢 吧 请问
    一下 今天 目前 当前 已经 共 共计 一共 合计 总共 累计 分别 各 每 个 其中 以及 或者 还是 比较 相比 对比
    最多 最少 更多 更少 较多 较少 情况 方面 有关 相关 所有 全部 哪一批 哪一轮 文章 报道 提到 据 根据
    督察 督察组 督察员 中央 生态 环境 环境保护 保护 生态环境 环保 中央生态环境保护督察 中央环保督察
    环境保护督察 生态环境保护 轮 批 批次 轮次 首轮 省 省份 地方 地区 自治区 直辖市 企业 央企 中央企业
    国务院 国家 中国 对象 被督察 开展 进行 工作 期间 通报 生态环境部 记者 获悉 表示 介绍 发布
    截至 截止 截止到 担任 现任 职务 职位 身份 什么人"""
)

# Chinese words of the genre -> the English term (a bot.engine.words.stem) of the same meaning
_ENGLISH_TERMS = {
    word: term
    for term, words in {
        "station": "进驻 入驻 抵达",
        "launch": "启动 开始 开启",
        "finish": "完成 结束 完毕",
        "detain": "拘留 刑拘 行拘 逮捕",
        "punish": "处罚 查处",
        "interview": "约谈",
        "report": "举报 投诉 信访 来电 来信",
        "lead": "带队 组长 率队",
        "feedba": "反馈",
        "accoun": "问责 追责 责任追究 追究责任",
        "fine": "罚款 罚没 罚金",
        "rectif": "整改",
        "work": "工作日",
        "plan": "方案",
        "depart": "部门",
        "sink": "下沉",
    }.items()
    for word in words.split()
}


def plain(text: str) -> str:
    """``text`` as Chinese words are matched in: traditional characters simplified (``fold``) and the
    pinyin glosses of mirror pages dropped ("治理水土(tǔ)流失" is 治理水土流失, "管網79公裏" 管网79公里).
    For matching only: the result may be shorter than ``text``, whose own words are quoted."""
    return without_glosses(fold(text))[0]


@functools.cache
def _jieba() -> ModuleType:
    """rjieba, imported on the first Chinese text."""
    import rjieba

    return rjieba


@functools.lru_cache(maxsize=1 << 14)  # windows and sentences are checked again and again
def chinese_terms(text: str) -> tuple[str, ...]:
    """The content words of the Chinese in ``text``, those of the genre as their English terms."""
    runs = _HAN_RUN.findall(plain(text))  # "水土(tǔ)流失" is one word
    if not runs:
        return ()
    words = (word for run in runs for word in _jieba().cut(run))
    terms = (
        _ENGLISH_TERMS.get(word, word)
        for word in words
        if len(word) >= MIN_CHARS and word not in _STOPWORDS and not _NUMERIC.match(word)
    )
    return tuple(dict.fromkeys(terms))
