"""The genre's vocabulary: what a figure counts (its *metric*) and what a question asks for.

Each metric has question patterns (how users ask for it, English and Chinese), text cues (how articles
report it, matched near a figure), the noun classes a figure of that metric may count, and a phrase key
(the answer wording lives in ``prompts/phrases.txt``). Metrics with ``members`` are families: a question
for "cases filed" is answered with each member ("filed for punishment", "filed for investigation").

Chinese cues sit in the same patterns ("立案处罚", "罚款", "问责"); they are matched on ``fold(text)``
(simplified characters), so traditional pages match too. What a Chinese count counts is said by its
counter (家 enterprises, 人 / 名 people) or, for a counter that counts anything (个, 件, 项 ...), by the noun
after it or before the number (:data:`CHINESE_NOUNS`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Metric:
    """One kind of figure the articles report."""

    id: str
    question: re.Pattern[str]
    cue: re.Pattern[str] | None = None  # text cue near the figure; None for noun-only metrics
    nouns: frozenset[str] = frozenset()  # allowed noun classes of the counted thing ("" = unstated)
    unit: str | None = None  # required unit ("yuan", "percent" ...)
    members: tuple[str, ...] = ()  # a family: answer with each member metric
    noun_metric: str | None = None  # noun class that alone identifies the metric ("teams")
    rivals: tuple[str, ...] = ()  # metrics a figure cannot also count: the nearer cue of the two wins


def word_set(text: str) -> frozenset[str]:
    """The whitespace-separated words of ``text`` as a set (for word lists written as text blocks)."""
    return frozenset(text.split())


def _re(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


# noun class -> words that head a counted noun phrase
NOUN_CLASSES: dict[str, re.Pattern[str]] = {
    "people": _re(
        r"^(?:people|persons?|individuals|officials?|cadres?|leaders|staff|officers|suspects|personnel|"
        r"comrades|members|heads)$"
    ),
    "enterprises": _re(
        r"^(?:enterprises?|companies|company|firms?|plants?|factories|factory|mines?|"
        r"businesses)$"
    ),
    "units": _re(r"^(?:units?|departments?|organizations?|organisations?|agencies|bodies)$"),
    "reports": _re(r"^(?:reports?|complaints?|petitions?|calls|letters|tip-offs?|clues|cases?|visits)$"),
    "teams": _re(r"^(?:teams?|groups?)$"),
    "provinces": _re(r"^(?:provinces?|regions|municipalities|autonomous)$"),
    "tasks": _re(r"^tasks?$"),
    "measures": _re(r"^measures?$"),
    "issues": _re(r"^(?:issues?|problems?)$"),
    "projects": _re(r"^projects?$"),
    "points": _re(r"^(?:points|sites|places|locations)$"),
    "batches": _re(r"^batch(?:es)?$"),
    "investigations": _re(r"^investigations?$"),
    "occasions": _re(r"^(?:times|occasions|rounds)$"),  # "imposed penalties 126 times" counts no cases
    "measures_of": _re(
        r"^(?:hectares?|mu|tonnes?|tons?|kilometres?|kilometers?|km|metres?|meters?|cubic|square|kilograms?"
        r"|kg|households?|villages?|counties|cities|towns|townships?|subsidiaries|branches|vehicles?)$"
    ),
}

# "2,315 officials were punished", "4,217 officials being penalized": officials sanctioned are officials
# held accountable (companies and cases punished keep ``punishment``); the cue costs SANCTIONED_COST more
# Who is held accountable when "punished": officials, and people or persons ("46 persons punished"); never
# enterprises (the punishment cases of 立案处罚).
OFFICIALS = _re(
    r"\b(?:officials?|cadres?|leaders|staff|public servants|civil servants|officers|people|persons"
    r"|individuals)\b"
)
OFFICIALS_SANCTIONED = _re(
    r"\bpunish\w*|\bpenali[sz]\w*|\bdisciplin\w*|\bsanction\w*|\bremoved from (?:their posts|office)\b"
)
SANCTIONED_COST = 0.5

# An environmental outcome a percentage measures (air, water, emissions, energy use), in questions and text.
ENVIRONMENT_WORDS = (
    r"\bPM\s?2\.5\b|\bPM\s?10\b|\bconcentrations?\b|\b(?:air|water)\s+quality\b|\bgood air\b|\bemissions?\b"
    r"|\b(?:coal|energy)\s+consumption\b|\bcarbon intensity\b|\bozone\b|\bsulfur dioxide\b|\bforest cover"
    r"|\b(?:polluted|smoggy)\s+days\b|\bblack and odorous\b"
    r"|PM\s?2\.5|PM\s?10|浓度|空气质量|优良天数|优良天|水质|优良水体|劣[VⅤ五]类|排放量?|煤炭消费|能耗|碳强度"
    r"|森林覆盖率|臭氧|二氧化硫|氮氧化物|重污染天数|黑臭水体"
)

# Background a count may give that no inspection found: a province's population ("home to 34.92 million
# people", "常住人口3491.56万人"), matched on the folded text just before the figure, or right after it
# ("34.9 million inhabitants"). (Areas are measures, never rows.)
BACKGROUND_BEFORE = _re(
    r"(?:\bhome\s+to|\bpopulation\s+(?:of|is|was|stands\s+at|reached)|\bpopulated\s+by|\binhabited\s+by"
    r"|常住人口|户籍人口|总人口|人口)"
    r"\W*(?:about|around|some|nearly|more\s+than|over|roughly|约|近|超过|达|为)?\W*$"
)
BACKGROUND_AFTER = _re(r"^\W*(?:inhabitants|residents|population)\b")

# "accountability was pursued for 1,140 people"
_PURSUED = r" (?:was|were|has been|have been) (?:pursued|investigated|asked|sought)(?: (?:for|against|of))?"
_REPORTS = frozenset({"reports", "issues", ""})
_PEOPLE = frozenset({"people", ""})

METRICS: tuple[Metric, ...] = (
    Metric(
        "fine",
        _re(
            r"\bfine[sd]?\b|\byuan\b|how much\b.*\b(?:penalt|punish|money)|amount of\b.*\b(?:penalt|"
            r"punish)|\bmonetary\b|\bmoney\b|\bfinancial penalt|\bRMB\b|罚款|罚没|罚金|处罚金额|多少钱"
        ),
        # "fines imposed amounted to", "penalties totalling", "imposed fines of", "in fines"
        _re(
            r"\b(?:fine[sd]?|penalt\w*)(?:\s+(?:imposed|levied|issued|handed\s+out))?"
            r"(?:\s+(?:added\s+up|amounted|came)\s+to)?|\bconfiscat\w*|\bforfeit\w*"
            r"|罚款|罚没|罚金|处罚金额|没收"
        ),
        unit="yuan",
    ),
    Metric(
        "investigation",
        _re(
            r"(?:filed|opened|registered|initiated|launched|referred)\b[^?]{0,30}\binvestigation\b"
            r"|\bcriminal\b|\binvestigation cases\b|\bfor investigation\b|\bfiled and investigated\b"
            r"|立案侦查|侦查|刑事"
        ),
        # "filed for (criminal) investigation", "filed and investigated" (立案侦查 in wire translations);
        # "filed for investigation and punishment" (立案查处) is how punishment cases are reported
        _re(
            r"\bfor (?:a )?(?:criminal )?investigation\b(?!\s+and\s+(?:punish|penal|sanction))"
            r"|\bcriminal (?:investigation|case)s?\b"
            r"|\binvestigation cases\b|\bfiled and investigated\b"
            r"|立案侦查|刑事立案|侦查"
        ),
        frozenset({"reports", ""}),
        rivals=("punishment",),
    ),
    Metric(
        "punishment",
        _re(r"\bpunish|\bpenali[sz]|\bsanction|\bpenalt(?:y|ies)\b|处罚(?!金额)|立案查处"),
        # "filed for punishment", "filed and punished", "filed and penalized" (立案处罚)
        _re(
            r"\bfor (?:investigation and )?(?:administrative )?(?:punishment|penalt(?:y|ies))\b"
            r"|\binvestigated and (?:punish|penali[sz])\w*|\bfiled and (?:punish|penali[sz])\w*"
            # "1,127 enterprises were placed on file and punished" (立案处罚 as translated)
            r"|\bplaced\s+on\s+file\s+(?:and\s+(?:punish|penali[sz])\w*|for\s+(?:punishment|penalt(?:y|ies)))"
            r"|\bpunish\w*|\bpenali[sz]\w*|\badministrative penalt\w*|\bpenalty cases\b|\bsanction\w*"
            r"|\bfined\b"  # "fined 126 enterprises 8.3 million yuan": the enterprises punished
            # "Penalties were levied on 1,127 enterprises": the enterprises punished (立案处罚 as translated)
            r"|\bpenalt(?:y|ies)\s+(?:(?:were|was|have\s+been|had\s+been)\s+)?(?:levied|imposed|meted\s+out)\s+on\b"
            r"|\b(?:ended|resulted)\s+in\s+(?:a\s+)?fines?\b"  # "1,531 ended in fines": the cases punished
            # "fines (of 66 million yuan) were imposed in 1,479 cases": the cases punished with fines
            r"|\b(?:imposed|levied)\s+in\b"
            # 立案处罚, 行政处罚; 立案查处 is how punishment cases are reported; 惩罚 / 惩处 on reworded
            # mirror pages
            r"|立案查处|处罚(?!金额)|惩罚|惩处"
        ),
        frozenset({"reports", "enterprises", "units", ""}),
        rivals=("investigation",),
    ),
    Metric(
        "filed",
        _re(
            r"\bcases?\b[^?]{0,25}\b(?:filed|registered|opened|initiated)\b|\b(?:filed|registered|opened)\b"
            r"[^?]{0,25}\bcases?\b|立案"
        ),
        members=("punishment", "investigation"),
    ),
    Metric(
        "detained",
        _re(r"\bdetain|\bdetention|\bcustody\b|\barrest|\bjail|拘留|刑拘"),
        _re(r"\bdetain\w*|\bdetention\b|\bcustody\b|\barrest\w*|拘留|刑拘|行拘|拘押"),
        _PEOPLE,
    ),
    Metric(
        "accountable",
        _re(
            r"\baccountab|\bresponsible\b|\bto account\b|\bdisciplined\b|\bdisciplinary (?:action|measures)"
            # "多少个责任追究问题" asks for the issues handed over, not the people held accountable
            r"|\bat fault\b|问责|追责|追究(?!刑事)\w{0,6}?责任|责任追究(?!问题)"
        ),
        _re(
            rf"\baccountab\w*(?:{_PURSUED})?|\bresponsibilit\w*{_PURSUED}"
            # "Pursue responsibility for 58 people", "42 people were blamed": 追责 / 问责 as translated
            r"|\b(?:asked|pursu\w*|investigat\w*|sought|affix\w*)\s+(?:for\s+)?(?:the\s+)?responsibilit\w*"
            r"(?:\s+(?:of|for))?"
            r"|\bblamed\b"
            r"|\bheld\b[^;]{0,40}?\b(?:responsible|to account)\b|\bto account\b|\bfor being responsible\b"
            r"|\b(?:found\s+)?at fault\b|(?<!约谈)问责|追责|追究责任|责任追究"
        ),
        frozenset({"people", "enterprises", "units", ""}),
    ),
    Metric(
        "interviewed",
        _re(r"\binterview|\bsummon|\badmonish|\btalks?\b|\btalked (?:to|with)\b|约谈"),
        # "约谈问责524人" (interviewed or held accountable, a sum of both) is neither
        _re(
            r"\binterview\w*|\bsummoned\b|\badmonish\w*|\bheld talks\b"
            r"|\b(?:spoke|spoken|talked)\s+(?:to|with)\b"
            r"|约谈(?!问责)"
        ),
        _PEOPLE,
    ),
    Metric(
        "criticized",
        _re(r"\bcritici[sz]|通报批评"),
        _re(r"\bcritici[sz]\w*|通报批评"),
        frozenset({"people", "units", ""}),
    ),
    Metric(
        "ordered_rectify",
        _re(
            r"\b(?:order|told|asked|required|instructed)\w*\b[^?]{0,40}\b(?:rectif|fix|correct)"
            r"|\brectification orders?\b|责令(?:限期)?(?:整改|改正)"
        ),
        _re(r"\bordered\b[^;]{0,40}?\brectif\w*|\brectification orders?\b|责令(?:限期)?(?:整改|改正)"),
        frozenset({"enterprises", "units", ""}),
    ),
    Metric(
        "shut_down",
        _re(r"\bshut|\bclosed? down\b|\bclosures?\b|关停|取缔"),
        _re(r"\bshut\w*(?: down)?|\bclosed down\b|\bclosure\w*|关停|取缔|关闭"),
        frozenset({"enterprises", "units", ""}),
    ),
    Metric(
        "investigated",
        _re(
            r"\binvestigations?\b[^?]{0,30}\b(?:complet|conduct|carr|finish)\w*|\b(?:complet|conduct|"
            r"carr|finish)\w*\b[^?]{0,30}\binvestigations\b|\bhow many investigations\b"
            r"|\binvestigated and (?:dealt with|handled|prosecuted)\b|\blook(?:ed|s)? into\b|查处|调查处理"
        ),
        _re(
            r"\binvestigations? and prosecutions?\b|(?<!for )(?<!criminal )\binvestigations\b"
            r"|\binvestigated and (?:dealt with|prosecuted|handled)\b|\blooked into\b"
            r"|(?<!立案)查处|调查处理"  # 已完成查处289件 (立案查处 is punishment)
        ),
        frozenset({"reports", "investigations", ""}),
    ),
    Metric(
        "received",
        _re(
            r"\breceiv|\btook in\b|\btake in\b|\btaken in\b|\bcollect|\bget\b|\bgot\b|\bsubmitted\b"
            r"|\blodg|\bfiled by\b|\bmade by\b|\bcame in\b|\bcome in\b|\bpoured in\b|收到|接到|接收"
        ),
        _re(r"\breceiv\w*|\btook in\b|\btaken in\b|\bcollected\b|收到|接到|接收|已收"),
        _REPORTS,
    ),
    # 受理转办 (accepted and passed on) reports the reports transferred
    Metric(
        "accepted",
        _re(r"\baccept|\bvalid\b|受理"),
        _re(r"\baccept\w*|\bvalid\b|受理(?!转办|并转办)"),
        _REPORTS,
    ),
    Metric(
        "transferred",
        _re(r"\btransfer|\bhand(?:ed)? over\b|\bforward|\bassign|\brefer|\bpass(?:ed)? on\b|交办|转办|移交"),
        # "transferred", "handed over", "10,445 cases in total went to the provinces"
        _re(
            r"\btransferr?\w*|\bhanded\b|\bassigned\b|\bforwarded\b|\breferred\b|\bpassed (?:on|over)\b"
            r"|\b(?:went|sent|passed)\s+(?:on\s+)?to\s+(?:the\s+)?(?:relevant\s+|inspected\s+)?(?:provinc|localit|local)"
            r"|转办|交办|转交|移交(?!(?:至)?(?:公安|司法))"  # 移交信访举报件; 移交公安 is the police's
        ),
        # reports passed on (举报件); issues handed over for accountability ("移交的158个责任追究问题")
        # are counted as issues, never as reports
        frozenset({"reports", ""}),
        rivals=("police",),
    ),
    # "handed over 120 cases to police", "transferred to public security organs": not reports passed on
    Metric(
        "police",
        _re(
            r"\bpolice\b|\bpublic security\b|\bjudicial (?:organs|authorities)\b"
            r"|移送|移交公安|移交司法|公安机关"
        ),
        _re(  # "12 cases were transferred to the police": the verb starts the cue, so it beats transferred
            r"\b(?:transferr\w*|handed(?:\s+over)?|referred|sent|passed\s+on)\s+to\s+(?:the\s+)?(?:local\s+)?"
            r"(?:police|public security|judicial (?:organs|authorities))\b"
            r"|\b(?:to|over to|with)\s+(?:the\s+)?(?:local\s+)?(?:police|public security"
            r"(?:\s+(?:organs|authorities|departments|bureaus))?|judicial (?:organs|authorities))\b"
            r"|移送|移交(?:至)?(?:公安|司法)|公安机关|司法机关"
        ),
        frozenset({"reports", "people", ""}),
        rivals=("transferred",),
    ),
    Metric(
        "closed",
        _re(
            r"\bclos(?:e|ed|ing)\b(?! down)|\bhandl|\bresolv|\bsettl|\bdealt with\b|\bdeal with\b"
            r"|\bcomplet|\bfinish|\bconcluded\b|\bexamin|办结"
        ),
        _re(
            r"\bclosed\b(?! down)|\bhandled\b|\bdealt with\b|\bresolved\b|\bsettled\b|\bcompleted\b"
            r"|\bcompletion\b|\bconcluded\b|\bexamined\b"  # "local authorities had examined 35,039 cases"
            r"|(?<!未)(?<!阶段)(?<!阶段性)办结"  # not 未办结 (not closed) nor 阶段性办结 (closed in part)
        ),
        _REPORTS,
    ),
    Metric(
        "percent",
        # "办结率是多少", "完成率为多少": a rate in Chinese is asked by its word in 率
        _re(
            r"\bpercent|\bper cent\b|\bshare\b|\bproportion\b|\bratio\b|\brate\b|%|百分之|比例|占比|比重"
            r"|[\u4e00-\u9fff]率"
        ),
        unit="percent",
    ),
    # Percentages of a kind: the share of rectification tasks done ("整改任务完成率达96.5%", "completed 3,112
    # tasks, 92 percent") and environmental outcomes ("PM2.5浓度下降12%", "coal consumption rose 6.3
    # percent").
    # A question asks for them with a rate word, so "ordered to rectify" (a count) never asks for a rate.
    Metric(
        "rectification",
        _re(
            r"\brectif\w*\s+(?:\w+\s+)?(?:rate|ratio|share|percentage|proportion)\b"
            r"|\b(?:rate|ratio|share|percentage|proportion)\b[^?]{0,40}\b(?:rectif|tasks?\b[^?]{0,30}\bcomplet)"
            # "the completion rate of the reports passed on" is the share of reports closed
            r"|\bcompletion rate\b(?![^?]{0,40}\b(?:reports?|complaints?|petitions?|cases|tip-offs?)\b)"
            r"|整改\w{0,4}?(?:完成率|率)|(?:任务|问题)\w{0,4}?完成率"
            r"|整改[^？?]{0,12}(?:比例|占比|百分之)"
        ),
        _re(
            r"\brectif\w*|\bcorrected\b|\bcompletion rate\b"
            r"|\btasks?\b[^.;,]{0,40}?\b(?:completed|fulfilled)\b"
            r"|整改|完成率|销号"
        ),
        unit="percent",
    ),
    Metric(
        "environment",
        _re(ENVIRONMENT_WORDS),
        _re(ENVIRONMENT_WORDS),
        unit="percent",
    ),
    Metric("teams", _re(r"\bteams?\b|\bgroups\b|督察组"), noun_metric="teams"),
    Metric("provinces", _re(r"\bprovinces?\b|\bregions\b|\bmunicipalities\b|省"), noun_metric="provinces"),
    Metric("enterprises", _re(r"\benterprises?\b|\bcompanies\b|\bfirms\b|企业"), noun_metric="enterprises"),
    Metric("tasks", _re(r"\btasks?\b|任务"), noun_metric="tasks"),
    Metric("measures", _re(r"\bmeasures?\b|措施"), noun_metric="measures"),
    Metric("issues", _re(r"\bissues?\b|\bproblems?\b|问题"), noun_metric="issues"),
    Metric("projects", _re(r"\bprojects?\b|项目"), noun_metric="projects"),
    Metric("points", _re(r"\bpoints\b|\bsites\b|\blocations\b|点位"), noun_metric="points"),
    Metric("people", _re(r"\bpeople\b|\bpersons\b|\bofficials\b|\bcadres\b"), noun_metric="people"),
)
METRIC_BY_ID: dict[str, Metric] = {metric.id: metric for metric in METRICS}
# Percentages of a kind (a cue names what they measure); other percentages are "percent".
PERCENT_KINDS: tuple[str, ...] = tuple(m.id for m in METRICS if m.unit == "percent" and m.cue is not None)
# Metrics whose text cues identify a figure (the others are chosen by noun or unit alone).
CUED_METRICS: tuple[Metric, ...] = tuple(m for m in METRICS if m.cue is not None)


# Chinese counters: the noun class of what each counts; "" for a counter of anything (个, 件, 项 ...), whose
# noun says (the noun after it, "个督察组", or before the number, "受理有效举报3000件").
CHINESE_COUNTERS: dict[str, str] = {
    "省": "provinces",  # "7省（市）", "5省（区）"
    "家": "enterprises",
    "人": "people",
    "名": "people",
    "位": "people",
    "人次": "people",
    # what a zero in words counts ("暂无人员被问责", "没有企业"; index/facts/zeros.py)
    **dict.fromkeys(("人员", "干部", "领导干部"), "people"),
    **dict.fromkeys(("企业", "家企业"), "enterprises"),
    "次": "occasions",
    "轮": "occasions",
    "批": "batches",
    "处": "points",
    "户": "measures_of",
    "辆": "measures_of",
}
# Chinese nouns (simplified) -> noun class; None for a word that only looks like one ("省级部门" are
# departments, not provinces). 案 (案件, 案例) counts reports that are cases.
CHINESE_NOUNS: dict[str, str | None] = {
    **dict.fromkeys(("督察组", "工作组", "小组", "组"), "teams"),
    **dict.fromkeys(("省份", "省区市", "自治区", "直辖市", "省"), "provinces"),
    **dict.fromkeys(("省级", "市级", "县级", "省直"), None),
    **dict.fromkeys(("中央企业", "央企", "企业", "公司", "工厂", "厂", "煤矿", "矿山"), "enterprises"),
    **dict.fromkeys(("单位", "部门", "机构", "机关"), "units"),
    **dict.fromkeys(
        ("领导干部", "干部", "人员", "责任人", "负责人", "官员", "公职人员", "党员", "嫌疑人", "领导"),
        "people",
    ),
    **dict.fromkeys(("举报件", "举报", "检举", "信访件", "信访", "来电", "来信", "投诉", "线索"), "reports"),
    # "交办群众信访举报问题4721件": reported issues are reports (issues alone are 问题)
    **dict.fromkeys(("举报问题", "信访问题", "投诉问题"), "reports"),
    **dict.fromkeys(("案件", "案例", "案"), "reports"),
    "问题": "issues",
    "任务": "tasks",
    "措施": "measures",
    "项目": "projects",
    **dict.fromkeys(("点位", "地块"), "points"),
    "批次": "batches",
    **dict.fromkeys(("县", "市", "乡镇", "村", "车辆"), "measures_of"),
}
CHINESE_NOUN_RE = re.compile("|".join(sorted(CHINESE_NOUNS, key=len, reverse=True)))


def noun_class(noun: str) -> str:
    """The class of a counted noun phrase ("party and government leaders" -> "people"); "" if unknown.
    Issues a report raised are reports ("mass petition issues", as 举报问题), other issues are issues."""
    words = re.findall(r"[A-Za-z][\w'-]*", noun)
    for k in range(len(words) - 1, -1, -1):
        for name, pattern in NOUN_CLASSES.items():
            if pattern.match(words[k]):
                reported = name == "issues" and any(NOUN_CLASSES["reports"].match(w) for w in words[:k])
                return "reports" if reported else name
    return ""


# Kinds within a metric that the articles keep apart and a question may ask for alone: metric id -> (detail,
# pattern) pairs, matched on the folded text of a figure's own clause part or of a question.
DETAILS: dict[str, tuple[tuple[str, re.Pattern[str]], ...]] = {
    "detained": (
        ("criminal", _re(r"\bcriminal(?:ly)?\b|刑事拘留|刑拘|刑事")),
        ("administrative", _re(r"\badministrative(?:ly)?\b|行政拘留|行拘|行政")),
    ),
}


_JOINED_KINDS = re.compile(r"\s*(?:和|与|及|、|/|\band\b|\bor\b)\s*", re.IGNORECASE)


def detail_of(metric: str, text: str, figure: tuple[int, int]) -> str | None:
    """The kind of ``metric`` that ``text`` names nearest the figure at ``figure`` (its offsets in ``text``):
    "刑事拘留113人" is "criminal", "70 under administrative detention as well as 68 under criminal detention"
    gives 70 "administrative" and 68 "criminal"; None when no kind is named or two are joined in one cue
    ("行政和刑事拘留355人", "administrative and criminal detention")."""
    found = sorted(
        (max(figure[0] - m.end(), m.start() - figure[1], 0), m.start(), m.end(), kind)
        for kind, pattern in DETAILS.get(metric, ())
        for m in pattern.finditer(text)
    )
    if not found:
        return None
    _, start, end, kind = found[0]
    for _, other_start, other_end, other in found[1:]:
        gap = text[end:other_start] if other_start >= end else text[other_end:start]
        if other != kind and _JOINED_KINDS.fullmatch(gap):
            return None
    return kind


# Subsets a figure inside a total names ("其中处级以上领导干部875人", "of whom 875 were at or above the
# division level", "including 218 department-level officials"): subset id -> pattern, matched on the folded
# text of the figure's own words or of a question. The first pattern that matches wins, so a narrower
# subset (处级以上 over 处级, 正厅级 over 厅级) stands before the one it narrows; ``SUBSET_PARENTS`` says
# which subset a narrower one lies inside ("厅级干部159人（其中正厅级干部56人）": 56 is part of 159).
_LEVEL = r"(?:[\s-]+(?:level|grade|rank))"
_OR_ABOVE = r"(?:at\s+or\s+above\s+(?:the\s+)?|above\s+(?:the\s+)?)"
SUBSETS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "provincial",
        _re(
            r"省部级|省级干部|\b(?:provincial[\s-]+(?:and|or)[\s-]+)?ministerial[\s-]+level\b"
            r"|\bprovincial[\s-]+level\s+(?:officials?|cadres?|leaders?)\b"
        ),
    ),
    (
        "department_or_above",
        _re(
            rf"厅级(?:以上|及以上)|{_OR_ABOVE}(?:the\s+)?(?:department|bureau){_LEVEL}"
            rf"|(?:department|bureau){_LEVEL}\s+(?:or|and)\s+(?:above|higher)"
        ),
    ),
    (
        "department_head",
        _re(
            r"正厅级|\bheads?\s+of\s+(?:their\s+)?(?:departments|bureaus)\b|\bfull\s+department[\s-]+level"
            r"|\bdirector[\s-]+general[\s-]+level"
        ),
    ),
    ("department", _re(rf"地厅级|厅局级|厅级|\b(?:department(?:al)?|bureau|prefecture){_LEVEL}")),
    (
        "division_or_above",
        _re(
            rf"处级(?:以上|及以上)|{_OR_ABOVE}(?:the\s+)?(?:division|county){_LEVEL}"
            rf"|(?:division|county){_LEVEL}\s+(?:or|and)\s+(?:above|higher)"
        ),
    ),
    ("division_head", _re(r"正处级|\bheads?\s+of\s+(?:their\s+)?divisions\b|\bfull\s+division[\s-]+level")),
    ("division", _re(rf"县处级|处级|\b(?:division|county){_LEVEL}")),
    ("section", _re(rf"乡科级|科级|\b(?:section|township){_LEVEL}")),
    ("women", _re(r"女性|女干部|\b(?:women|female)\b")),
)
SUBSET_PARENTS: dict[str, str] = {"department_head": "department", "division_head": "division"}
# The wider subset whose figure answers a question for a level when the articles give none of it alone
# ("at division level" asked, "875 were at or above the division level" said; quoted in its own words)
SUBSET_WIDER: dict[str, str] = {"division": "division_or_above", "department": "department_or_above"}
# How a reply names who a subset's figure counts when it words the figure itself (the quote is in another
# language): subset id -> (English noun, Chinese noun)
SUBSET_NOUNS: dict[str, tuple[str, str]] = {
    "provincial": ("provincial- and ministerial-level officials", "省部级干部"),
    "department_or_above": ("officials at or above the department level", "厅级以上干部"),
    "department_head": ("full department-level officials", "正厅级干部"),
    "department": ("department-level officials", "厅级干部"),
    "division_or_above": ("officials at or above the division level", "处级以上干部"),
    "division_head": ("full division-level officials", "正处级干部"),
    "division": ("division-level officials", "处级干部"),
    "section": ("section-level officials", "科级干部"),
    "women": ("women", "女性"),
}


def subset_of(text: str, at: tuple[int, int] | None = None) -> str | None:
    """The subset ``text`` (folded: simplified Chinese) names, by :data:`SUBSETS` ("division_or_above" for
    "处级以上领导干部875人" and "at or above the division level"), the one nearest the figure at ``at`` (its
    offsets in ``text``) when given; None when it names none."""
    found = [
        (max(at[0] - m.end(), m.start() - at[1], 0) if at else 0, m.start(), order, subset)
        for order, (subset, pattern) in enumerate(SUBSETS)
        for m in pattern.finditer(text)
    ]
    return min(found)[3] if found else None
