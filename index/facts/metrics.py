"""The genre's vocabulary: what a figure counts (its *metric*) and what a question asks for.

Each metric has question patterns (how users ask for it, English and Chinese), text cues (how articles
report it, matched near a figure), the noun classes a figure of that metric may count, and a phrase key
(the answer wording lives in ``prompts/phrases.txt``). Metrics with ``members`` are families: a question
for "cases filed" is answered with each member ("filed for punishment", "filed for investigation").
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
        r"^(?:people|persons?|individuals|officials|cadres|leaders|staff|officers|suspects|personnel|"
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

# "accountability was pursued for 1,140 people"
_PURSUED = r" (?:was|were|has been|have been) (?:pursued|investigated|asked|sought)(?: (?:for|against|of))?"
_REPORTS = frozenset({"reports", "issues", ""})
_PEOPLE = frozenset({"people", ""})

METRICS: tuple[Metric, ...] = (
    Metric(
        "fine",
        _re(
            r"\bfine[sd]?\b|\byuan\b|how much\b.*\b(?:penalt|punish|money)|amount of\b.*\b(?:penalt|"
            r"punish)|\bmonetary\b|\bmoney\b|\bfinancial penalt|\bRMB\b|罚款|罚没"
        ),
        # "fines imposed amounted to", "penalties totalling", "imposed fines of", "in fines"
        _re(
            r"\b(?:fine[sd]?|penalt\w*)(?:\s+(?:imposed|levied|issued|handed\s+out))?"
            r"(?:\s+(?:added\s+up|amounted|came)\s+to)?|\bconfiscat\w*|\bforfeit\w*"
        ),
        unit="yuan",
    ),
    Metric(
        "investigation",
        _re(
            r"(?:filed|opened|registered|initiated|launched|referred)\b[^?]{0,30}\binvestigation\b"
            r"|\bcriminal\b|\binvestigation cases\b|\bfor investigation\b|\bfiled and investigated\b"
            r"|立案侦查|刑事"
        ),
        # "filed for (criminal) investigation", "filed and investigated" (立案侦查 in wire translations);
        # "filed for investigation and punishment" (立案查处) is how punishment cases are reported
        _re(
            r"\bfor (?:a )?(?:criminal )?investigation\b(?!\s+and\s+(?:punish|penal|sanction))"
            r"|\bcriminal (?:investigation|case)s?\b"
            r"|\binvestigation cases\b|\bfiled and investigated\b"
        ),
        frozenset({"reports", ""}),
        rivals=("punishment",),
    ),
    Metric(
        "punishment",
        _re(r"\bpunish|\bpenali[sz]|\bsanction|\bpenalt(?:y|ies)\b|处罚"),
        # "filed for punishment", "filed and punished", "filed and penalized" (立案处罚)
        _re(
            r"\bfor (?:investigation and )?(?:administrative )?(?:punishment|penalt(?:y|ies))\b"
            r"|\binvestigated and (?:punish|penali[sz])\w*|\bfiled and (?:punish|penali[sz])\w*"
            r"|\bpunish\w*|\bpenali[sz]\w*|\badministrative penalt\w*|\bpenalty cases\b|\bsanction\w*"
            r"|\bfined\b"  # "fined 126 enterprises 8.3 million yuan": the enterprises punished
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
        _re(r"\bdetain\w*|\bdetention\b|\bcustody\b|\barrest\w*"),
        _PEOPLE,
    ),
    Metric(
        "accountable",
        _re(
            r"\baccountab|\bresponsible\b|\bto account\b|\bdisciplined\b|\bdisciplinary (?:action|measures)"
            r"|\bat fault\b|问责|追责"
        ),
        _re(
            rf"\baccountab\w*(?:{_PURSUED})?|\bresponsibilit\w*{_PURSUED}"
            r"|\b(?:asked|pursued|investigated|sought)\s+(?:the\s+)?responsibilit\w*(?:\s+(?:of|for))?"
            r"|\bheld\b[^;]{0,40}?\b(?:responsible|to account)\b|\bto account\b|\bfor being responsible\b"
            r"|\b(?:found\s+)?at fault\b"
        ),
        frozenset({"people", "enterprises", "units", ""}),
    ),
    Metric(
        "interviewed",
        _re(r"\binterview|\bsummon|\btalks?\b|\btalked (?:to|with)\b|约谈"),
        _re(r"\binterview\w*|\bsummoned\b|\bheld talks\b|\b(?:spoke|spoken|talked)\s+(?:to|with)\b"),
        _PEOPLE,
    ),
    Metric(
        "criticized",
        _re(r"\bcritici[sz]|通报批评"),
        _re(r"\bcritici[sz]\w*"),
        frozenset({"people", "units", ""}),
    ),
    Metric(
        "ordered_rectify",
        _re(
            r"\b(?:order|told|asked|required|instructed)\w*\b[^?]{0,40}\b(?:rectif|fix|correct)"
            r"|\brectification orders?\b|责令整改"
        ),
        _re(r"\bordered\b[^;]{0,40}?\brectif\w*|\brectification orders?\b"),
        frozenset({"enterprises", "units", ""}),
    ),
    Metric(
        "shut_down",
        _re(r"\bshut|\bclosed? down\b|\bclosures?\b|关停|取缔"),
        _re(r"\bshut\w*(?: down)?|\bclosed down\b|\bclosure\w*"),
        frozenset({"enterprises", "units", ""}),
    ),
    Metric(
        "investigated",
        _re(
            r"\binvestigations?\b[^?]{0,30}\b(?:complet|conduct|carr|finish)\w*|\b(?:complet|conduct|"
            r"carr|finish)\w*\b[^?]{0,30}\binvestigations\b|\bhow many investigations\b"
            r"|\binvestigated and (?:dealt with|handled|prosecuted)\b|\blook(?:ed|s)? into\b|查处"
        ),
        _re(
            r"\binvestigations? and prosecutions?\b|(?<!for )(?<!criminal )\binvestigations\b"
            r"|\binvestigated and (?:dealt with|prosecuted|handled)\b|\blooked into\b"
        ),
        frozenset({"reports", "investigations", ""}),
    ),
    Metric(
        "received",
        _re(
            r"\breceiv|\btook in\b|\btake in\b|\btaken in\b|\bcollect|\bget\b|\bgot\b|\bsubmitted\b"
            r"|\blodg|\bfiled by\b|\bmade by\b|\bcame in\b|\bcome in\b|\bpoured in\b|收到"
        ),
        _re(r"\breceiv\w*|\btook in\b|\btaken in\b|\bcollected\b"),
        _REPORTS,
    ),
    Metric("accepted", _re(r"\baccept|\bvalid\b|受理"), _re(r"\baccept\w*|\bvalid\b"), _REPORTS),
    Metric(
        "transferred",
        _re(r"\btransfer|\bhand(?:ed)? over\b|\bforward|\bassign|\brefer|\bpass(?:ed)? on\b|交办|转办"),
        # "transferred", "handed over", "10,445 cases in total went to the provinces"
        _re(
            r"\btransferr?\w*|\bhanded\b|\bassigned\b|\bforwarded\b|\breferred\b|\bpassed (?:on|over)\b"
            r"|\b(?:went|sent|passed)\s+(?:on\s+)?to\s+(?:the\s+)?(?:relevant\s+|inspected\s+)?(?:provinc|localit|local)"
        ),
        _REPORTS,
        rivals=("police",),
    ),
    # "handed over 120 cases to police", "transferred to public security organs": not reports passed on
    Metric(
        "police",
        _re(r"\bpolice\b|\bpublic security\b|\bjudicial (?:organs|authorities)\b|移送公安|移交公安|移送司法"),
        _re(
            r"\b(?:to|over to|with)\s+(?:the\s+)?(?:local\s+)?(?:police|public security"
            r"(?:\s+(?:organs|authorities|departments|bureaus))?|judicial (?:organs|authorities))\b"
        ),
        frozenset({"reports", "people", ""}),
        rivals=("transferred",),
    ),
    Metric(
        "closed",
        _re(
            r"\bclos(?:e|ed|ing)\b(?! down)|\bhandl|\bresolv|\bsettl|\bdealt with\b|\bdeal with\b"
            r"|\bcomplet|\bfinish|\bconcluded\b|办结"
        ),
        _re(
            r"\bclosed\b(?! down)|\bhandled\b|\bdealt with\b|\bresolved\b|\bsettled\b|\bcompleted\b"
            r"|\bcompletion\b|\bconcluded\b"
        ),
        _REPORTS,
    ),
    Metric(
        "percent",
        _re(r"\bpercent|\bper cent\b|\bshare\b|\bproportion\b|\bratio\b|\brate\b|%"),
        unit="percent",
    ),
    Metric("teams", _re(r"\bteams?\b|\bgroups\b|督察组"), noun_metric="teams"),
    Metric("provinces", _re(r"\bprovinces?\b|\bregions\b|\bmunicipalities\b|省"), noun_metric="provinces"),
    Metric("enterprises", _re(r"\benterprises?\b|\bcompanies\b|\bfirms\b|企业"), noun_metric="enterprises"),
    Metric("tasks", _re(r"\btasks?\b|任务"), noun_metric="tasks"),
    Metric("measures", _re(r"\bmeasures?\b|措施"), noun_metric="measures"),
    Metric("issues", _re(r"\bissues?\b|\bproblems?\b|问题"), noun_metric="issues"),
    Metric("projects", _re(r"\bprojects?\b|项目"), noun_metric="projects"),
    Metric("points", _re(r"\bpoints\b|\bsites\b|\blocations\b"), noun_metric="points"),
    Metric("people", _re(r"\bpeople\b|\bpersons\b|\bofficials\b|\bcadres\b"), noun_metric="people"),
)
METRIC_BY_ID: dict[str, Metric] = {metric.id: metric for metric in METRICS}
# Metrics whose text cues identify a figure (the others are chosen by noun or unit alone).
CUED_METRICS: tuple[Metric, ...] = tuple(m for m in METRICS if m.cue is not None)


def noun_class(noun: str) -> str:
    """The class of a counted noun phrase ("party and government leaders" -> "people"); "" if unknown."""
    for word in reversed(re.findall(r"[A-Za-z][\w'-]*", noun)):
        for name, pattern in NOUN_CLASSES.items():
            if pattern.match(word):
                return name
    return ""
