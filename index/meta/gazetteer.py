"""Provinces (the 31 provincial-level units, plus the Xinjiang Production and Construction Corps), central
enterprises and the State Council departments inspected, found in English or Chinese text and returned under
canonical English names (广西壮族自治区 and 广西 are "Guangxi", 中石油 is "China National Petroleum
Corporation", 国家能源局 the "National Energy Administration"). Chinese is matched on ``fold(text)``, so
traditional characters (廣西, 內蒙古) read the same. Every table is one trie regex: matching is linear in the
text.

``chinese_reporting_places`` finds the Chinese names that only say where a report was filed or a meeting
held (新华社北京12月28日电, 在北京召开, 北京时间, 北京日报), not a province inspected.
"""

from __future__ import annotations

import re
from functools import cache

from index.meta.cities import CITIES
from index.meta.glosses import original_span, without_glosses
from index.meta.patterns import phrase_alternation
from index.text.chinese import fold

XPCC = "Xinjiang Production and Construction Corps"

# canonical name -> aliases (English, pinyin variants, Chinese); matched case-sensitively on word boundaries
PROVINCES: dict[str, tuple[str, ...]] = {
    "Beijing": ("Beijing", "Peking", "北京"),
    "Tianjin": ("Tianjin", "天津"),
    "Hebei": ("Hebei", "河北"),
    "Shanxi": ("Shanxi", "山西"),
    "Inner Mongolia": ("Inner Mongolia", "Nei Mongol", "Neimenggu", "内蒙古自治区", "内蒙古"),
    "Liaoning": ("Liaoning", "辽宁"),
    "Jilin": ("Jilin", "吉林"),
    "Heilongjiang": ("Heilongjiang", "黑龙江"),
    "Shanghai": ("Shanghai", "上海"),
    "Jiangsu": ("Jiangsu", "江苏"),
    "Zhejiang": ("Zhejiang", "浙江"),
    "Anhui": ("Anhui", "安徽"),
    "Fujian": ("Fujian", "福建"),
    "Jiangxi": ("Jiangxi", "江西"),
    "Shandong": ("Shandong", "山东"),
    "Henan": ("Henan", "河南"),
    "Hubei": ("Hubei", "湖北"),
    "Hunan": ("Hunan", "湖南"),
    "Guangdong": ("Guangdong", "广东"),
    "Guangxi": ("Guangxi", "广西壮族自治区", "广西"),
    "Hainan": ("Hainan", "海南"),
    "Chongqing": ("Chongqing", "重庆"),
    "Sichuan": ("Sichuan", "四川"),
    "Guizhou": ("Guizhou", "贵州"),
    "Yunnan": ("Yunnan", "云南"),
    "Tibet": ("Tibet", "Xizang", "西藏自治区", "西藏"),
    "Shaanxi": ("Shaanxi", "陕西"),
    "Gansu": ("Gansu", "甘肃"),
    "Qinghai": ("Qinghai", "青海"),
    "Ningxia": ("Ningxia", "宁夏回族自治区", "宁夏"),
    "Xinjiang": ("Xinjiang", "新疆维吾尔自治区", "新疆"),
    XPCC: (
        "Xinjiang Production and Construction Corps",
        "Xinjiang Production & Construction Corps",
        "Production and Construction Corps",
        "XPCC",
        "Bingtuan",
        "新疆生产建设兵团",
        "生产建设兵团",
        "兵团",  # 新疆（含兵团）
    ),
}

# Well-known central state-owned enterprises (the inspected "central enterprises"): canonical -> aliases.
CENTRAL_ENTERPRISES: dict[str, tuple[str, ...]] = {
    "China Nonferrous Mining Group": (
        "China Nonferrous Mining Group",
        "China Nonferrous Metal Mining Group",
        "China Nonferrous Metal Mining",
        "China Nonferrous Mining",
        "CNMC",
        "中国有色矿业集团",
        "中国有色金属矿业集团",
        "中国有色矿业",
        "中国有色集团",
    ),
    "China National Gold Group": (
        "China National Gold Group",
        "China Gold Group",
        "China National Gold",
        "中国黄金集团",
        "中国黄金",
    ),
    "China National Petroleum Corporation": (
        "China National Petroleum Corporation",
        "CNPC",
        "PetroChina",
        "China National Petroleum",
        "中国石油天然气集团",
        "中国石油",
        "中石油",
    ),
    "China Petrochemical Corporation": (
        "China Petrochemical Corporation",
        "China Petrochemical Group",
        "Sinopec Group",
        "Sinopec",
        "中国石油化工集团",
        "中国石化",
        "中石化",
    ),
    "China National Offshore Oil Corporation": (
        "China National Offshore Oil Corporation",
        "CNOOC",
        "中国海洋石油集团",
        "中国海油",
        "中海油",
    ),
    "Sinochem Holdings": (
        "Sinochem Holdings",
        "Sinochem Group",
        "Sinochem",
        "中国中化控股",
        "中国中化",
        "中化集团",
    ),
    "China National Chemical Corporation": (
        "China National Chemical Corporation",
        "ChemChina",
        "中国化工集团",
        "中国化工",
    ),
    "China National Chemical Engineering Group": (
        "China National Chemical Engineering Group",
        "China National Chemical Engineering",
        "CNCEC",
        "中国化学工程集团",
        "中国化学工程",
        "中国化学",
    ),
    "China Huadian": (
        "China Huadian Corporation",
        "China Huadian Group",
        "China Huadian",
        "Huadian",
        "中国华电集团",
        "中国华电",
        "华电集团",
    ),
    "China Huaneng": (
        "China Huaneng Group",
        "China Huaneng",
        "Huaneng",
        "中国华能集团",
        "中国华能",
        "华能集团",
    ),
    "China Datang": (
        "China Datang Corporation",
        "China Datang Group",
        "China Datang",
        "中国大唐集团",
        "中国大唐",
        "大唐集团",
    ),
    "State Power Investment Corporation": (
        "State Power Investment Corporation",
        "SPIC",
        "国家电力投资集团",
        "国家电投",
    ),
    "CHN Energy": (
        "CHN Energy Investment Group",
        "China Energy Investment Corporation",
        "CHN Energy",
        "China Energy Investment Group",
        "国家能源投资集团",
        "国家能源集团",
    ),
    "China Three Gorges Corporation": (
        "China Three Gorges Corporation",
        "China Three Gorges Group",
        "Three Gorges Group",
        "中国长江三峡集团",
        "中国三峡集团",
        "三峡集团",
    ),
    "State Grid": ("State Grid Corporation of China", "State Grid", "国家电网"),
    "China Southern Power Grid": ("China Southern Power Grid", "中国南方电网", "南方电网"),
    "Ansteel": ("Ansteel Group", "Ansteel", "Anshan Iron and Steel Group", "鞍钢集团", "鞍钢"),
    "China Baowu": (
        "China Baowu Steel Group",
        "China Baowu",
        "Baowu",
        "中国宝武钢铁集团",
        "中国宝武",
        "宝武集团",
    ),
    "China Coal Energy": (
        "China National Coal Group",
        "China Coal Energy",
        "China Coal Group",
        "中国中煤能源集团",
        "中国中煤",
        "中煤集团",
    ),
    "China Minmetals": (
        "China Minmetals Corporation",
        "China Minmetals",
        "Minmetals",
        "中国五矿集团",
        "中国五矿",
        "五矿集团",
    ),
    "Aluminum Corporation of China": (
        "Aluminum Corporation of China",
        "Aluminium Corporation of China",
        "Chinalco",
        "中国铝业集团",
        "中国铝业",
        "中铝集团",
    ),
    "China National Building Material Group": (
        "China National Building Material Group",
        "China National Building Material",
        "CNBM",
        "中国建材集团",
        "中国建材",
    ),
    "China Rare Earth Group": ("China Rare Earth Group", "中国稀土集团"),
    "China General Nuclear Power Group": (
        "China General Nuclear Power Group",
        "CGN",
        "中国广核集团",
        "中广核",
    ),
    "China National Nuclear Corporation": (
        "China National Nuclear Corporation",
        "CNNC",
        "中国核工业集团",
        "中核集团",
    ),
    "China Resources": (
        "China Resources Holdings",
        "China Resources Group",
        "China Resources (Holdings)",
        "华润集团",
    ),
    "China Salt": ("China National Salt Industry Group", "China Salt", "中国盐业集团", "中盐集团"),
    "China Railway Group": ("China Railway Group", "中国中铁"),
    "China State Construction Engineering": (
        "China State Construction Engineering Corporation",
        "China State Construction Engineering",
        "China State Construction",
        "CSCEC",
        "中国建筑集团",
        "中国建筑",
        "中建集团",
    ),
    "China Merchants Group": ("China Merchants Group", "招商局集团"),
    "COSCO Shipping": ("China COSCO Shipping Corporation", "COSCO Shipping", "COSCO", "中国远洋海运集团"),
    "SDIC": (
        "State Development and Investment Corporation",
        "State Development & Investment Corporation",
        "SDIC",
        "国家开发投资集团",
    ),
}

# State Council departments inspected (in 2020, as a pilot): canonical -> aliases.
DEPARTMENTS: dict[str, tuple[str, ...]] = {
    "National Energy Administration": ("National Energy Administration", "NEA", "国家能源局"),
    "National Forestry and Grassland Administration": (
        "National Forestry and Grassland Administration",
        "National Forestry and Grasslands Administration",
        "State Forestry and Grassland Administration",
        "State Forestry and Grasslands Administration",
        "National Forestry and Grassland Bureau",
        "NFGA",
        "国家林业和草原局",
        "国家林草局",
    ),
}

# A central-enterprise-like name: "China ... Group/Corporation/Holdings/Co., Ltd.", "Sino... Group".
_GENERIC_ENTERPRISE = re.compile(
    r"\b(?:China|Sino[a-z]+)(?:\s+(?:[A-Z][A-Za-z&'-]*|\([A-Z][A-Za-z]*\)|of|and|&)){0,7}?\s+"
    r"(?:\(Group\)\s+)?(?:Group|Corporation|Corp\.|Holdings|Company|Co\.,\s*Ltd\.?|Co\.\s*Ltd\.?|Limited)"
)
# Words that mark an organ of the Party or State, not an enterprise.
_NOT_ENTERPRISE = re.compile(
    r"\b(?:Party|Central Committee|Commission|Ministry|Department|Bureau|Administration|Council|Committee|"
    r"Discipline|Supervision|Inspection|Inspectors?|Team|Office|Daily|News|Agency|Association|Federation|"
    r"Academy|University|Institute|Society|League|Government|Congress|People's|Leading|Working|Work)\b"
)


@cache
def _compiled(which: str) -> tuple[re.Pattern[str], dict[str, str]]:
    """One trie regex over all aliases of a table (longest alias wins) and alias -> canonical name."""
    table = {
        "provinces": PROVINCES,
        "enterprises": CENTRAL_ENTERPRISES,
        "departments": DEPARTMENTS,
        "cities": CITIES,  # a city's names -> its province
    }[which]
    canonical = {_squash(name): key for key, names in table.items() for name in names}
    pattern = re.compile(rf"(?<![A-Za-z]){phrase_alternation(canonical)}(?![A-Za-z])")
    return pattern, canonical


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text.strip())


# A Chinese province name that is the tail of a river, lake or sea name and a direction: 黄河北岸, 淮河南部,
# 洞庭湖北部, 太湖南岸, 渤海南部, 长江西段.
_NOT_PROVINCE_AFTER: dict[str, str] = {
    "河北": "黄淮",
    "河南": "黄淮",
    "湖北": "庭太巢洪",
    "湖南": "庭太巢洪",
    "海南": "渤黄东",
    "江西": "长",
}


def _find(text: str, which: str) -> list[tuple[str, int, int]]:
    pattern, canonical = _compiled(which)
    plain, where = without_glosses(fold(text))  # "福(fú)建" is 福建
    return [
        (canonical[_squash(m.group(0))], *original_span(where, m.start(), m.end()))
        for m in pattern.finditer(plain)
        if not (m.start() and plain[m.start() - 1] in _NOT_PROVINCE_AFTER.get(m.group(0), ""))
    ]


def _unique(names: list[str]) -> list[str]:
    return list(dict.fromkeys(names))


def find_provinces(text: str) -> list[str]:
    """Canonical names of the provincial-level units named in ``text``, in order of first mention."""
    return _unique([name for name, _, _ in _find(text, "provinces")])


def province_mentions(text: str) -> list[tuple[str, int, int]]:
    """Each mention of a provincial-level unit in ``text``: (canonical name, start, end), in text order."""
    return _find(text, "provinces")


def place_mentions(text: str) -> list[tuple[str, int, int]]:
    """Each mention of a provincial-level unit or of one of its cities ("Changsha", 太原市) in ``text``:
    (the province's canonical name, start, end), in text order. For the places of figures only."""
    return sorted(_find(text, "provinces") + _find(text, "cities"), key=lambda mention: mention[1])


def find_places(text: str) -> list[str]:
    """The provinces ``text`` names, else the provinces of the cities it names ("In Changsha, ..."), in
    order of first mention. For the places of figures only: a city is no evidence of an inspection."""
    return find_provinces(text) or _unique([name for name, _, _ in _find(text, "cities")])


def find_enterprises(text: str) -> list[str]:
    """Central enterprises named in ``text`` (canonical names for well-known ones), in order of first mention.

    Besides the known list, names shaped like "China ... Group/Corporation/Holdings/Co., Ltd." are
    detected; organs of the Party or State (commissions, ministries, teams ...) are not enterprises.
    """
    found = _find(text, "enterprises")
    spans = [(start, end) for _, start, end in found]
    for match in _GENERIC_ENTERPRISE.finditer(text):
        name = re.sub(r"\s+", " ", match.group(0)).rstrip(".")
        if _NOT_ENTERPRISE.search(name) or any(s < match.end() and match.start() < e for s, e in spans):
            continue
        found.append((name, match.start(), match.end()))
    found.sort(key=lambda item: item[1])
    return _unique([name for name, _, _ in found])


def find_departments(text: str) -> list[str]:
    """Canonical names of the State Council departments inspected that ``text`` names, in order."""
    return _unique([name for name, _, _ in _find(text, "departments")])


@cache
def _chinese_reporting_place() -> re.Pattern[str]:
    names = phrase_alternation(
        alias for aliases in PROVINCES.values() for alias in aliases if re.search(r"[\u4e00-\u9fff]", alias)
    )
    return re.compile(
        # a dateline: 新华社北京12月28日电, 中新网北京9月19日电, 本报上海3日讯, 央广网北京1月29日消息
        rf"(?P<a>{names})(?=(?:\d{{1,2}}月)?\d{{1,2}}日(?:电|讯|消息))"
        # a meeting or a statement there: 在北京召开, 在北京举行的新闻发布会, 近日在上海表示
        rf"|(?<=在)(?P<b>{names})(?=[省市]?(?:召开|举行|举办|开幕|闭幕|出席|表示|介绍|接受|发布会))"
        # the time zone and outlets or institutions named after a place: 北京时间, 北京日报, 上海证券报
        rf"|(?P<c>{names})(?=[省市]?(?:时间|日报|晚报|晨报|商报|青年报|法制报|证券报|电视台|卫视|广播电视台|"
        r"人民广播电台|新闻网|大学))"
    )


def chinese_reporting_places(text: str) -> list[tuple[int, int]]:
    """Spans of the Chinese province names in ``text`` that say where a report was filed, a meeting held
    or an outlet is (新华社北京12月28日电, 在北京召开, 北京时间, 北京日报), not a province inspected."""
    plain, where = without_glosses(fold(text))
    return [original_span(where, *match.span()) for match in _chinese_reporting_place().finditer(plain)]
