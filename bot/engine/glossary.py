"""The bilingual glossary: the Chinese words of the articles for the English words a question uses about
figures the genre's metrics do not name (pipes, plants, hectares, reports found true ...), so an English
question reaches a Chinese sentence. The genre's own terms (进驻, 拘留, 举报 ...) are matched as English
stems already (``bot.engine.chinese_words``); this is the rest, one table, keyed by ``bot.engine.words.stem``.
"""

from __future__ import annotations

from functools import cache

from bot.engine.words import stem
from index.text.chinese import fold

# English words -> the Chinese words an article writes for them (matched as substrings on folded text without
# pinyin glosses)
_GLOSSARY: dict[str, str] = {
    # measures
    "kilometre kilometres kilometer kilometers km": "公里 千米",
    "hectare hectares": "公顷",
    "mu": "亩",
    "ton tons tonne tonnes": "吨",
    "area": "面积",
    # things built, rebuilt, cleared
    "sewage wastewater": "污水 污",
    "treatment treated": "处理",
    "plant plants works facility facilities station stations": "厂 站 设施",
    "pipe pipes pipeline pipelines network networks": "管",
    "rain rainwater stormwater": "雨",
    "separation separate separating": "分流",
    "waste garbage rubbish refuse": "垃圾 废",
    "incineration incinerator incinerators": "焚烧",
    "landfill landfills": "填埋",
    "mine mines mining": "矿",
    "abandoned disused": "废弃",
    "dock docks wharf wharves pier piers port ports": "码头",
    "illegal unlicensed": "非法 违法",
    "shoreline shorelines bank banks coastline": "岸线",
    "yangtze": "长江",
    "river rivers": "河 江",
    "lake lakes": "湖",
    "soil erosion": "水土流失",
    "regreen regreened greening afforestation forest": "复绿 绿化 造林",
    "restore restored restoration rehabilitate rehabilitated repair repaired": "修复 治理",
    "build built construct constructed": "建成 新建 建设",
    "rebuild rebuilt renovate renovated upgrade upgraded retrofit retrofitted": "改造 改扩建 提标",
    "clean cleaned clear cleared remove removed demolish demolished": "清理 整治 拆除 取缔",
    "capacity": "能力",
    "standard standards": "标准",
    "discharge discharges emission emissions": "排放",
    "class grade level": "级",
    # public reports and what became of them
    "report reports complaint complaints petition petitions case cases": "举报 信访 投诉",
    "hand handed transfer transferred pass passed forward forwarded": "转办 交办 移交 转交",
    "close closed settle settled resolve resolved": "办结",
    "true verified substantiated": "属实",
    "untrue unfounded": "不属实",
    "partly partially": "部分",
    "basically largely": "基本",
    "city cities": "市",
    "department departments": "部门",
}


@cache
def glossary() -> dict[str, tuple[str, ...]]:
    """Stem of an English word -> the Chinese words that say it, folded once (simplified characters) as the
    text they are looked for in is (``chinese_words.plain``: a page's 管網, 公裏 are 管网, 公里)."""
    table: dict[str, tuple[str, ...]] = {}
    for english, chinese in _GLOSSARY.items():
        words = [fold(word) for word in chinese.split()]
        for word in english.split():
            table[stem(word)] = tuple(dict.fromkeys((*table.get(stem(word), ()), *words)))
    return table


def chinese_for(term: str) -> tuple[str, ...]:
    """The Chinese words for an English stem (``term``), or ()."""
    return glossary().get(term, ())
