"""Drop page furniture and injected lines from a loaded article, line by line, before anything is stored.

Pages copied from news sites carry lines that are not the article: menus and share bars ("[Print]
[Close]", "Share - WeChat"), editor and copyright lines, "Related Stories" link lists, "click here" and
QR-code prompts, and on mirror sites spam injected between paragraphs (casino, loan and adult phrases,
keyword lists, urls, a line in another script). Each line gets a score from the cue table below plus
two tests against the article itself (its script and its vocabulary); a line scoring at least
:data:`DROP_AT` is dropped. A line that speaks of the inspection (:data:`INSPECTION_TERMS`) is always
kept, and header lines with the date and the source stay: metadata reads them. The cleaned text is what
gets stored, so every offset and quote points into it.

Chinese pages carry the same furniture in their own words ("【打印】【关闭】", "【字体：大 中 小】",
"责任编辑：", "分享到：", "扫一扫", "上一篇", "（完）"). Every pattern is matched on the line's fold
(:func:`index.text.chinese.fold`: traditional characters simplified, full-width letters narrowed, same
length), so a traditional page ("【關閉】", "責任編輯") is cleaned alike; the kept lines are the
original ones.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from index.text.chinese import fold

DROP_AT = 1.0
MENU_CHARS = 160  # a line made only of menu and share-bar words is never longer

# Words of the genre: a line with one of them is article content and is never dropped.
INSPECTION_TERMS = re.compile(
    r"inspect|督察|督查|stationed|rectif|accountab|进驻|整改|问责|环保|生态环境|ecolog|pollut",
    re.IGNORECASE,
)

# Tokens of menus, share bars and page widgets. A line made only of these (and punctuation) is furniture.
_FURNITURE_WORDS = re.compile(
    r"\b(?:print(?:\s+this\s+page)?|close(?:\s+window)?|share(?:\s+(?:on|to))?|wechat|weibo|facebook|"
    r"twitter|linkedin|whatsapp|reddit|e-?mail|qq|favou?rites?|bookmark|comments?|like|"
    r"(?:adjust\s+)?font(?:\s+size)?|text\s+size|large|medium|small|middle|big|"
    r"video\s*player(?:\s*close)?|back\s+to\s+top|top|next|previous|prev|home|enditem|endi|end|"
    r"contact\s+us|about\s+us|site\s*map|log\s*in|sign\s+in|register|search|app|rss)\b",
    re.IGNORECASE,
)
_FURNITURE_MARKS = re.compile(
    r"(?:Global\s*Edition|US|EUROPE|AFRICA|ASIA|Fran.ais|中文|双语|雙語|打印(?:本页|此页)?|关闭(?:窗口|本页)?|"
    r"分享(?:到)?|收藏|字[号体]|大中小|[大中小默认超]|返回顶部|回到顶部|微信|微博|朋友圈|QQ空间|评论留言|评论|关注|点赞|转发|"
    r"纠错|我要纠错|上一篇|下一篇|电脑版|手机版|手机看|正在加载|点击收起全文|参与互动|最新推荐|精彩图集|新闻排行|图集|"
    r"视频|无障碍|适老化|繁体|简体|繁|简|打|印|关|闭|(?<![A-Za-z])[ATaA][+-])"
)
_FURNITURE_PUNCT = re.compile(r"[\s\[\]【】()（）|/\\:：,，·•\-–—>»›<«‹*_~+=.!?]+")
# A header line (a date, a time or a source on a short line) stays whatever else it holds: metadata reads it.
_HEADER_DATE = re.compile(
    r"(?:19|20)\d\d(?P<sep>[-/.])\d{1,2}(?P=sep)\d{1,2}|(?:19|20)\d\d年\d{1,2}月|"
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\s*,\s*(?:19|20)\d\d",
    re.IGNORECASE,
)
_HEADER_CUE = re.compile(
    r"\b\d{1,2}:\d{2}\b|\b(?:source|updated?|published|posted|date)\s*[:：]|(?<!图片)来源", re.IGNORECASE
)
HEADER_WORDS = 14  # a header line with a label or a clock time has at most this many words
DATE_LINE_WORDS = 5  # a line with just a date (no label) at most this many: more is a sentence or a caption


@dataclass(frozen=True)
class Cue:
    """One line-level cue: a name shown in reports, a pattern searched in the line and its weight."""

    name: str
    pattern: re.Pattern[str]
    weight: float


def _cue(name: str, pattern: str, weight: float, flags: int = re.IGNORECASE) -> Cue:
    return Cue(name, re.compile(pattern, flags), weight)


# Furniture: whole lines that belong to the page, not the article.
FURNITURE_CUES: tuple[Cue, ...] = (
    _cue("copyright", r"copyright|©|all\s+rights\s+reserved|版权所有|未经授权|ICP备|许可证", 1.0),
    _cue("licence", r"^\W*(?:license\s+for\s+publishing|registration\s+number)\b", 1.0),
    _cue(
        "click here", r"click\s+here|read\s+(?:the\s+)?full\s+(?:article|story)|点击(?:这里|此处|查看)", 1.0
    ),
    _cue(
        "qr code",
        r"qr\s*code|scan\s+(?:the|this)\s+code|扫一扫|扫描二维码|二维码|关注我们|follow\s+us|"
        r"mobile\s+(?:phone\s+)?(?:station|version|site)|手机版",
        1.0,
    ),
    _cue(  # a page's skip link or menu button above the headline: "Skip to content", "Menu", 无障碍浏览
        "skip link",
        r"^\W*(?:skip\s+to\s+(?:the\s+)?(?:main\s+)?(?:content|navigation|article)|menu|search|"
        r"跳转到主要内容|无障碍(?:浏览|阅读)?|登录\s*[|｜/]?\s*注册)\W*$",
        1.0,
    ),
    _cue(
        "comment form",
        r"^\W*leave\s+a\s+(?:reply|comment)\W*$|email\s+address\s+will\s+not\s+be\s+published",
        1.0,
    ),
    _cue(
        "breadcrumb",
        r"^\W*(?:you\s+are\s+here\s*:?\s*)?(?:home|首页|current\s+location\s*:?\s*home)\s*(?:[/>»›]|$)",
        1.0,
    ),
    _cue(
        "breadcrumb",
        r"^[A-Z][\w&']*(?:\s[A-Z][\w&']*)?(?:\s*/\s*[A-Z][\w&']*(?:\s[A-Z][\w&']*)?){1,3}$",
        1.0,
        0,
    ),
    _cue(
        "contact",
        r"^\W*(?:tel|fax|add|address|company\s+address|sales\s+hotline|technical\s+(?:support|service)|copy\s*right|"
        r"national\s+service\s+hotline|contact\s+us|电话|地址|邮编)\s*[:：]",
        1.0,
    ),
    _cue(
        "breadcrumb",
        r"^\W*(?:您(?:现在)?(?:的|所在的?)?(?:当前)?位置(?:是)?|当前位置)\s*[:：]"
        r"|^[^。！？\n]{0,30}(?:\s*[>»›]\s*[^>»›。！？\n]{1,16}){2,}\s*[>»›]?\s*$",
        1.0,
    ),
    _cue(
        "disclaimer",
        r"免责声明|特别声明|版权声明|不代表本(?:站|网)(?:的)?(?:观点|立场)|不得转载|转载请注明|(?:文章)?转载自|"
        r"非本站原创|本文地址\s*[:：]|仅供参考.{0,12}(?:投资|风险)|联系(?:我们)?删除",
        1.0,
    ),
    _cue("link list", r"(?:•[^•\n]{3,120}){3,}", 1.0),
    _cue(
        "photo caption",
        r"\[(?:photo|image|file\s+photo)[^\]\n]{0,40}\]\s*$|\((?:xinhua|photo|cfp)/[^)\n]{1,40}\)\s*$",
        1.0,
    ),
)
_BREADCRUMBS = tuple(cue for cue in FURNITURE_CUES if cue.name == "breadcrumb")
# A breadcrumb whose last step is a full date: the page's date line, kept for the metadata to read.
_DATED_CRUMB = re.compile(
    r"[>»›]\s*(?:19|20)\d\d\s*(?:[-/.]\s*\d{1,2}\s*[-/.]|年\s*\d{1,2}\s*月)\s*\d{1,2}\s*日?"
    r"(?:\s+\d{1,2}[:：]\d{2}(?:[:：]\d{2})?)?\s*$"
)
# Section labels are furniture; after a list label the short lines that follow are its links.
LIST_LABEL = re.compile(
    r"^\W*(?:related\s+(?:stories|news|articles|reading|links|content|reports)|related|read\s+more|"
    r"more\s+stories|most\s+(?:viewed|popular|read)|today's\s+top\s+news|top\s+stories|editor'?s\s+picks?|"
    r"you\s+may\s+(?:also\s+)?like|recommended(?:\s+for\s+you)?|off\s+the\s+wire|"
    r"相关(?:新闻|阅读|报道|链接|文章|推荐)|推荐阅读|延伸阅读|热点新闻|热门文章|最新文章|猜你喜欢|"
    r"[\u4e00-\u9fff]{0,6}(?:新闻|要闻|资讯)精选|更多(?:新闻|精彩)?)(?:\s*/\s*related\s+reading)?\W*$",
    re.IGNORECASE,
)
# A labelled page line ("Tags: ...", "Related: ...", "Next: ...", "Editor: ..."): furniture whatever it names,
# even the inspections, so it is dropped before the inspection-content rule keeps a line.
LABELLED_FURNITURE = re.compile(
    r"^\W*(?:tags?|keywords?|related(?:\s+(?:stories|news|articles))?|hot\s+news|see\s+also|"
    r"(?:also\s+)?read\s+(?:also|more)|previous(?:\s+(?:article|post|story))?|next(?:\s+(?:article|post|story))?|"
    r"(?:web\s+|responsible\s+|chief\s+|executive\s+)?editors?|标签|关键词|相关(?:新闻|阅读)|上一篇|下一篇|"
    r"责任编辑|编辑|责编|审核|内容审核|校对|监制|策划|统筹|美编|主编|值班编辑|实习编辑|设计|制图|原标题|原题|"
    r"正在阅读|点击(?:数|量)?|浏览(?:次数|量)?|阅读(?:数|量|次数)|访问量|分享到|扫一扫|更新时间|发布时间)\s*[:：]"
    # "记者：高敬 编辑：苗夏阳" (names only: "记者：请问……？" is an interview's question)
    r"|^\W*记者\s*[:：]\s*[\u4e00-\u9fff]{2,4}(?:[、\s]+[\u4e00-\u9fff]{2,4})*\s*"
    r"(?:(?:编辑|责编|责任编辑|摄影|通讯员|设计)\s*[:：].*)?$|^\W*[\u4e00-\u9fff]{2,8}出品\W*$"
    # photo captions: "资料图：……", "（图片来源：网络）", "图为督察组在现场检查。 中新社记者 贾某 摄"
    r"|^\W*(?:资料图|图片来源|图源|图为(?!什么))\s*[:：]?"
    r"|^.{0,80}?(?:记者|通讯员|摄影)\s*[\u4e00-\u9fff]{2,4}(?:[ 、][\u4e00-\u9fff]{2,4})?\s*摄\s*$",
    re.IGNORECASE,
)
SECTION_LABEL = re.compile(
    r"^\W*(?:photos?|videos?|latest(?:\s+news)?|trending|special\s+reports?|product\s+categories|"
    r"social\s+media|news\s+cent(?:er|re)|图片新闻)\W*$",
    re.IGNORECASE,
)
# Spam injected into mirror pages: each cue adds its weight; several weak ones add up.
SPAM_CUES: tuple[Cue, ...] = (
    _cue(
        "gambling",
        r"casino|poker|baccarat|roulette|jackpot|sportsbook|betting|博彩|赌场|娱乐城|彩票|棋牌|百家乐|"
        r"老虎机|葡京|威尼斯人|真人(?:娱乐|视讯)",
        1.0,
    ),
    _cue(
        "loans", r"payday|loans?\s+(?:online|fast|instant|approval|now)|quick\s+cash|贷款|网贷|借钱|套现", 1.0
    ),
    _cue(
        "adult",
        r"\bporn|\bxxx\b|\bescorts?\b|\bsex(?:y|ual)?\b|成人|色情|毛片|内射|日批|偷拍|三级片?|黄色网",
        0.7,
    ),
    _cue("adult", r"av(?![a-z])|在线(?:观看|视频)|视频一区|综合(?:网|网站)|夜夜|久久|国产|亚洲|女性向", 0.4),
    _cue(
        "seo",
        r"\bbuy\s+cheap\b|\bbest\s+price\b|\bfree\s+download\b|\bdiscount\b|viagra|cialis|replica|"
        r"\bforex\b|bitcoin|\bcrypto\b|\bseo\b|backlinks?|免费下载|代开发票|刷单|代孕|网址",
        0.7,
    ),
    _cue("url", r"https?://|\bwww\.", 0.5),
    _cue(
        "domain", r"\b[\w-]+\.(?:com|net|cn|org|xyz|top|vip|info)\b", 0.2
    ),  # "news site thepaper.cn reported"
    _cue("keyword list", r"^(?:[^,，_|、.。!?！？\n]{1,14}[,，_|、]){3,}[^,，_|、.。!?！？\n]{0,14}$", 0.4),
)
STRONG_CUE = 0.7  # a prose sentence is dropped only with a cue at least this strong (not on weak cues summed)
SPAM_HITS = 3
OFF_TOPIC_WEIGHT = 0.5  # few of the line's words occur anywhere else in the article
NO_OVERLAP_WEIGHT = 0.8  # none of its (many) words does
FOREIGN_SCRIPT_WEIGHT = 0.6  # a CJK line in an English article, or English in a Chinese one
BULLET_WEIGHT = 0.3  # "- Headline", "• Headline"
TRAILING_LIST_WEIGHT = 0.7  # one of three or more short headline lines that end the page

_INLINE_FURNITURE = re.compile(
    r"[ \t]*(?:\b(?:enditem|endi)\s*$|\badjust\s+font\s+size\s*:?|"
    r"\bfont\s*size\s*:?\s*(?:[ASML][+-]?\s*){0,3}(?=\s|$)|"
    r"\[\s*(?:print|close)\s*\]|\bshare\s*-\s*wechat\b|\bvideo\s*player\s*close\b|"
    r"[【\[]\s*(?:打\s*印(?:本页|此页)?|关\s*闭(?:窗口)?|收\s*藏|纠\s*错|我要纠错|大字版)\s*[】\]]|"
    r"[【\[]?\s*字\s*[号体]\s*[:：]?\s*[\[【]?\s*(?:(?:大|中|小|默认|超大|[ATaA][+-]?)\s*[|｜]?\s*){2,}"
    r"[\]】]?\s*[】\]]?|"
    # what ends a Chinese paragraph: "（完）　【编辑：房家梁】　新闻结尾", "【责任编辑：王芳】"
    r"(?:[ \t\u3000]*(?:[(（]\s*完\s*[)）]|新闻结尾|"
    r"[【\[(（]\s*(?:责任编辑|编辑|责编|内容审核)\s*[:：][^】\]()（）\n]{1,24}[】\])）]))+[ \t\u3000]*$)",
    re.IGNORECASE,
)
_INLINE_WORDS = ("endi", "font", "print", "close", "share", "video", *"打关收纠字完编审", "新闻结尾")
_END_MARK = re.compile(r"[(（]\s*完\s*[)）]")  # a Chinese wire story's last words: what follows is the page's
_BULLET = re.compile(r"^\s*(?:[-•·▪*]|\d{1,2}[.)])\s+\S")
_WORD = re.compile(r"[a-z]{3,}")
_CJK = re.compile(r"[\u3400-\u9fff]")
_LATIN = re.compile(r"[A-Za-z]")
_STOPWORDS_TEXT = """the and for with that this from are was were has have had its his her their they
them been will
would can could said says also more than into over about after before which who what when where not but all
one two three new other some such most many only out our you your"""
_STOPWORDS = frozenset(_STOPWORDS_TEXT.split())


@dataclass(frozen=True)
class LineVerdict:
    """A dropped line: its number (0-based), text, score and the cues behind the score."""

    line: int
    text: str
    score: float
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class Cleaned:
    """The cleaned text and the lines dropped from it."""

    text: str
    dropped: tuple[LineVerdict, ...]


def _tokens(line: str) -> set[str]:
    """Content words of a line: English words of three letters or more (not stopwords), CJK bigrams."""
    lowered = line.lower()
    words = {w for w in _WORD.findall(lowered) if w not in _STOPWORDS}
    cjk = "".join(_CJK.findall(line))
    words.update(cjk[i : i + 2] for i in range(len(cjk) - 1))
    return words


def _cjk_share(text: str) -> float:
    cjk = len(_CJK.findall(text))
    latin = len(_LATIN.findall(text))
    return cjk / (cjk + latin) if cjk + latin else 0.0


def _is_furniture_only(line: str) -> bool:
    """True for a line made only of menu, share-bar and widget tokens ("[Print] [Close]", "Share")."""
    rest = _FURNITURE_PUNCT.sub("", _FURNITURE_MARKS.sub("", _FURNITURE_WORDS.sub("", line)))
    return not rest and bool(_FURNITURE_WORDS.search(line) or _FURNITURE_MARKS.search(line))


class _Article:
    """What the per-line tests compare a line with: the article's script and its vocabulary."""

    def __init__(self, lines: list[str]) -> None:
        self.cjk = _cjk_share("\n".join(lines))
        self.tokens = [_tokens(line) for line in lines]
        self.counts: Counter[str] = Counter(token for tokens in self.tokens for token in tokens)

    def off_topic(self, index: int) -> float:
        """The off-topic weight of line ``index``: 0 when enough of its words occur in other lines."""
        tokens = self.tokens[index]
        if len(tokens) < 3:
            return 0.0
        shared = sum(1 for token in tokens if self.counts[token] > 1)
        if shared == 0 and len(tokens) >= 5:
            return NO_OVERLAP_WEIGHT
        return OFF_TOPIC_WEIGHT if shared / len(tokens) < 0.2 else 0.0

    def foreign(self, line: str) -> bool:
        share = _cjk_share(line)
        if self.cjk < 0.2:
            return share > 0.5 and len(_CJK.findall(line)) >= 4
        return self.cjk > 0.6 and share < 0.1 and len(_WORD.findall(line.lower())) >= 4


def _is_prose(line: str) -> bool:
    """A sentence of ten words or more that ends like one: article text unless a strong cue says otherwise."""
    stripped = line.rstrip()
    words = len(_WORD.findall(line.lower())) + len(_CJK.findall(line)) // 2
    return words >= 10 and bool(stripped) and stripped[-1] in '.!?。！？"”’)'


def score_line(line: str, index: int, article: _Article) -> tuple[float, list[str]]:
    """The drop score of one line and the names of the cues that gave it. A prose sentence without a strong
    cue scores 0: weak cues (a domain named, unusual words) never add up to dropping it."""
    score, reasons, strongest = 0.0, [], 0.0
    for cue in FURNITURE_CUES:
        if cue.pattern.search(line):
            score += cue.weight
            reasons.append(cue.name)
            strongest = max(strongest, cue.weight)
    for cue in SPAM_CUES:  # each spam cue counts up to SPAM_HITS times: keyword spam repeats its words
        hits = sum(1 for _ in zip(range(SPAM_HITS), cue.pattern.finditer(line), strict=False))
        if hits:
            score += cue.weight * hits
            reasons.append(cue.name)
            strongest = max(strongest, cue.weight)
    if strongest < STRONG_CUE and _is_prose(line):
        return 0.0, []
    weight = article.off_topic(index)
    if weight and (score or _BULLET.match(line) or article.foreign(line)):
        score += weight  # off-topic words alone never drop a line: it takes a second cue
        reasons.append("off-topic")
    if article.foreign(line):
        score += FOREIGN_SCRIPT_WEIGHT
        reasons.append("other script")
    if _BULLET.match(line):
        score += BULLET_WEIGHT
        reasons.append("bullet")
    return score, reasons


def _is_header(line: str) -> bool:
    """A short line with a date, a time or a source ("By X | China Daily | Updated: 2016-11-17 08:11",
    "发布时间：2021-09-19 来源：生态环境部"); two Chinese characters count as one word."""
    words = len(_WORD.findall(line.lower())) + len(_CJK.findall(line)) // 2
    if _HEADER_CUE.search(line):
        return words <= HEADER_WORDS
    return words <= DATE_LINE_WORDS and bool(_HEADER_DATE.search(line))


def _is_list_item(line: str) -> bool:
    stripped = line.strip()
    return 0 < len(stripped) <= 160 and (bool(_BULLET.match(line)) or stripped[-1] not in ".。!?！？")


def _trailing_list(lines: list[str]) -> set[int]:
    """Indexes of the headline lines ending the page (three or more short lines, no sentence ending,
    at least one of them a bullet): an unlabelled list of related links."""
    items: list[int] = []
    for index in range(len(lines) - 1, -1, -1):
        if not lines[index].strip():
            continue
        if not _is_list_item(lines[index]):
            break
        items.append(index)
    if len(items) >= 3 and any(_BULLET.match(lines[i]) for i in items):
        return set(items)
    return set()


def _owner(line: str) -> tuple[str, ...]:
    """("copyright",) for a copyright line, which names the site's owner (metadata reads it), else ()."""
    return ("copyright",) if FURNITURE_CUES[0].pattern.search(line) else ()


def _without_spans(line: str, spans: list[tuple[int, int]]) -> str:
    """``line`` with the [start, end) ``spans`` (in order, not overlapping) cut out."""
    pieces, position = [], 0
    for start, end in spans:
        pieces.append(line[position:start])
        position = end
    pieces.append(line[position:])
    return "".join(pieces)


def clean_text(text: str) -> Cleaned:
    """``text`` without its page furniture and injected lines (see the module docstring); blank-line runs
    left by dropped lines shrink to one blank line."""
    lines = text.split("\n")
    folded = fold(text).split("\n")  # what the patterns see: same lengths, line for line
    article = _Article(folded)
    kept: list[str] = []
    dropped: list[LineVerdict] = []
    in_list = listed = False
    trailing = _trailing_list(folded)
    ended = False
    for index, raw in enumerate(lines):
        matched = folded[index]
        header = _is_header(matched) and not _BULLET.match(matched)
        if ended and matched.strip() and not header:  # after "（完）": links, teasers, credits, spam
            dropped.append(LineVerdict(index, raw, DROP_AT, ("after the end mark", *_owner(matched))))
            continue
        ended = ended or bool(_END_MARK.search(matched))
        if raw.strip() and len(raw) <= MENU_CHARS and _is_furniture_only(matched):
            dropped.append(LineVerdict(index, raw, DROP_AT, ("menu",)))
            continue
        lowered = matched.lower()
        line = raw
        if any(word in lowered for word in _INLINE_WORDS) and _INLINE_FURNITURE.search(matched):
            line = _without_spans(raw, [m.span() for m in _INLINE_FURNITURE.finditer(matched)]).rstrip()
            matched = fold(line)
        if not line.strip():
            kept.append(line if raw.strip() == "" else "")
            in_list = in_list and not listed  # a blank line after its links ends the list
            continue
        if LIST_LABEL.match(matched) or SECTION_LABEL.match(matched):
            dropped.append(LineVerdict(index, raw, DROP_AT, ("section label",)))
            in_list, listed = bool(LIST_LABEL.match(matched)), False
            continue
        # after a list label, a header-like line ends the list unless it is one of its bullets
        # ("- 2024年11月21日 22:45:01", a link's time stamp)
        in_list = (
            in_list and _is_list_item(matched) and (not _is_header(matched) or bool(_BULLET.match(matched)))
        )
        listed = listed or in_list
        if in_list:  # a link headline after a "Related Stories" label is not article text, whatever it says
            dropped.append(LineVerdict(index, raw, DROP_AT, ("after list label", *_owner(matched))))
            continue
        if LABELLED_FURNITURE.match(matched) and len(line) <= 200 and not _is_header(matched):
            dropped.append(LineVerdict(index, raw, DROP_AT, ("labelled furniture",)))
            continue
        if _DATED_CRUMB.search(matched) and len(line) <= 200:  # "首页 > 新闻 > 2017年04月07日"
            kept.append(line)
            continue
        if len(line) <= 200 and any(cue.pattern.search(matched) for cue in _BREADCRUMBS):
            dropped.append(LineVerdict(index, raw, DROP_AT, ("breadcrumb",)))  # "首页 > 督察动态" too
            continue
        if INSPECTION_TERMS.search(matched) or _is_header(matched):
            kept.append(line)
            continue
        score, reasons = score_line(matched, index, article)
        if index in trailing:
            score += TRAILING_LIST_WEIGHT
            reasons.append("trailing link list")
        if score >= DROP_AT:
            dropped.append(LineVerdict(index, raw, round(score, 2), tuple(reasons)))
        else:
            kept.append(line)
    if not dropped and len(kept) == len(lines) and kept == lines:
        return Cleaned(text, ())
    cleaned = re.sub(r"\n[ \t]*\n(?:[ \t]*\n)+", "\n\n", "\n".join(kept)).lstrip("\n")
    return Cleaned(cleaned, tuple(dropped))


def link_lines(text: str) -> list[tuple[int, int]]:
    """[start, end) spans of the lines of a cleaned ``text`` that read as links to other articles and were
    kept (they name the inspections, or carry a date): bullet headlines, labelled lines ("More: ..."), and
    the headline lines after the article's last sentence. Metadata reads no date, year or place in them."""
    spans: list[tuple[int, int]] = []
    offsets, position = [], 0
    for line in text.split("\n"):
        offsets.append((position, position + len(line), line))
        position += len(line) + 1
    prose = [i for i, (_, _, line) in enumerate(offsets) if line.strip() and not _is_list_item(line)]
    last_prose = prose[-1] if prose else len(offsets)
    for index, (start, end, line) in enumerate(offsets):
        if not line.strip() or _HEADER_CUE.search(line):
            continue
        bullet = bool(_BULLET.match(line)) and _is_list_item(line)
        labelled = bool(LABELLED_FURNITURE.match(line) or re.match(r"^\W*more\s*[:：]", line, re.IGNORECASE))
        # a headline after the last sentence (not a bare date line: some sites date the page at its foot)
        words = len(_WORD.findall(line.lower())) + len(_CJK.findall(line)) // 2
        trailing = index > last_prose and _is_list_item(line) and words >= 3
        if bullet or labelled or trailing:
            spans.append((start, end))
    return spans
