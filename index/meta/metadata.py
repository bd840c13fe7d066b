"""Article metadata: given values win, the rest is read from the text.

Extracted: title, outlet and publication date from the dateline ("China News Service, September 19.",
"Xinhua News Agency, Beijing, December 28.", "BEIJING, Sept. 19 (Xinhua) --", "新华社北京12月28日电")
or a byline ("(China Discipline Inspection and Supervision Daily reporter Zhang Chi)"), the year inferred
from the article's dates or else the inspection timeline, the inspection the article reports
(round / batch / phase), provinces and central enterprises named, and the "as of" time of its figures.

Everything is read from the text's fold (:func:`index.text.chinese.fold`: traditional characters
simplified, full-width digits narrowed, same length), so a traditional page reads like a simplified one;
the title is cut from the original text.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any
from urllib.parse import urlsplit

from index.meta.announcements import as_inspection, find_announcement
from index.meta.calendar import load_calendar
from index.meta.datelines import (
    Dateline,
    Header,
    find_byline_outlet,
    find_dateline,
    find_header,
    find_yearless_header,
    is_outlet_name,
    normalize_outlet,
)
from index.meta.dates import (
    event_dates,
    find_as_of,
    infer_year,
    name_date,
    name_year,
    safe_date,
    year_near,
)
from index.meta.events import find_events
from index.meta.gazetteer import find_provinces
from index.meta.genres import provincial_inspection
from index.meta.inspection import (
    NO_INSPECTION,
    recalls_earlier_work,
    resolve_inspection,
    without_reporting_places,
)
from index.meta.ordinals import number_value
from index.meta.scopes import ScopeMention, find_scopes, round_of_batch, whole_round
from index.meta.site import site_province
from index.models import DocumentMeta, InspectionScope
from index.text.chinese import fold, has_chinese
from index.text.cleanup import link_lines
from index.text.sentences import split_sentences

# ---------------------------------------------------------------------------------------- scope


def _complete(scope: InspectionScope) -> bool:
    return bool(scope.phase or (scope.round and scope.batch))


def _complete_batch(batch: int, mentions: list[ScopeMention]) -> InspectionScope | None:
    """Complete a batch-only mention from other mentions: the same batch named fully, else the only round
    named, else the look-back if that is what the text speaks of."""
    for mention in mentions:
        if mention.scope.batch == batch and _complete(mention.scope):
            return mention.scope
    rounds = list(dict.fromkeys(m.scope.round for m in mentions if m.scope.round and not m.scope.phase))
    phases = {m.scope.phase for m in mentions if m.scope.phase}
    if "lookback" in phases and not rounds:
        return InspectionScope(phase="lookback", batch=batch)
    if len(rounds) == 1:
        return InspectionScope(round=rounds[0], batch=batch)
    return None


def _only_batch_of_round(round_: int, mentions: list[ScopeMention]) -> int | None:
    """The batch of round ``round_`` the text speaks of when it names just one, at least once in full
    ("as part of the second batch of the third round"); None when it names none or several."""
    full = {
        m.scope.batch for m in mentions if m.scope.round == round_ and m.scope.batch and not m.scope.phase
    }
    bare = {m.scope.batch for m in mentions if m.scope.batch and not m.scope.round and not m.scope.phase}
    return full.pop() if len(full) == 1 and bare <= full else None


def _resolve_scope(mentions: list[ScopeMention], text: str) -> InspectionScope:
    """The inspection a text reports: its leading mention, completed from the rest of the text."""
    if not mentions:
        return InspectionScope()
    first = mentions[0].scope
    if _complete(first):
        if first.phase == "lookback" and first.batch is None:
            batches = [m.scope.batch for m in mentions if m.scope.phase == "lookback" and m.scope.batch]
            batches += [m.scope.batch for m in mentions if m.scope.batch and not m.scope.round]
            if batches:
                return InspectionScope(phase="lookback", batch=batches[0])
        return first
    if first.batch:  # batch only: take the round (or look-back) from the rest of the text
        return _complete_batch(first.batch, mentions[1:]) or first
    if first.round and len(mentions) > 1:  # "the second round ... its fourth batch"
        nxt = mentions[1]
        if (
            nxt.scope.batch
            and not nxt.scope.round
            and not nxt.scope.phase
            and nxt.start - mentions[0].end < 200
        ):
            return InspectionScope(round=first.round, batch=nxt.scope.batch)
    if first.round and not first.batch and not first.phase:  # "the third round ... its second batch"
        batch = _only_batch_of_round(first.round, mentions)
        if batch:
            return InspectionScope(round=first.round, batch=batch)
    return first


def document_scope(title: str, text: str, title_given: bool) -> InspectionScope:
    """The inspection an article reports: a full scope in the title, else a round spoken of as a whole,
    else a round-only title, else the leading mention in the text (completed from the rest)."""
    text_mentions = find_scopes(text)
    title_mentions = find_scopes(title) if title_given else []
    if title_mentions:
        title_scope = _resolve_scope(title_mentions, title)
        if _complete(title_scope):
            return title_scope
        if title_scope.batch:
            completed = _complete_batch(title_scope.batch, text_mentions)
            if completed is not None:
                return completed
    whole = (whole_round(title, title_mentions) if title_given else None) or whole_round(text, text_mentions)
    if whole:
        return InspectionScope(round=whole)
    if title_mentions and title_mentions[0].scope.round and not title_mentions[0].scope.batch:
        round_ = title_mentions[0].scope.round
        batch = _only_batch_of_round(round_, text_mentions)
        return InspectionScope(round=round_, batch=batch)
    return _resolve_scope(text_mentions, text)


def _in_document_terms(scope: InspectionScope, doc_scope: InspectionScope) -> InspectionScope | None:
    """A passage mention read against its document: a bare batch takes the document's round (or
    look-back); a bare look-back in a look-back document is the document's. None for a bare mention of
    the document's own round, which says nothing about the batch."""
    if scope.phase == "lookback" and scope.batch is None and doc_scope.phase == "lookback":
        return doc_scope
    if scope.batch and not scope.round and not scope.phase:
        if doc_scope.phase == "lookback":
            return InspectionScope(phase="lookback", batch=scope.batch)
        if doc_scope.round and not doc_scope.phase:
            return InspectionScope(round=doc_scope.round, batch=scope.batch)
        return scope
    if scope.round and not scope.batch and not scope.phase and scope.round == doc_scope.round:
        return doc_scope if doc_scope.batch is None else None
    return scope


def passage_scope(text: str, doc_scope: InspectionScope) -> InspectionScope:
    """A passage's scope: the document's, unless the passage names another inspection and never the
    document's own (a passage on round 2, batch 4 that recalls "the first round" stays round 2, batch 4).
    A passage naming several batches of the document's round ("the first batch had filed 1,232 cases,
    the second batch 2,873") keeps the document's scope: each clause has its own. A loose "fifth group of
    the second round" in an article on another batch of that round is a team of it."""
    others = []
    for mention in find_scopes(text):
        if mention.loose and mention.scope.round == doc_scope.round:
            continue  # "the fifth group of the second round" in a round 2, batch 4 article: team No. 5
        scope = _in_document_terms(mention.scope, doc_scope)
        if scope is None:
            continue
        if scope == doc_scope:
            return doc_scope
        others.append(scope)
    own_batches = {
        scope.batch
        for scope in others
        if scope.batch and (scope.round, scope.phase) == (doc_scope.round, doc_scope.phase)
    }
    if len(own_batches) > 1:
        return doc_scope
    return others[0] if others else doc_scope


# ---------------------------------------------------------------------------------------- title


def _trim_title(sentence: str, limit: int = 150) -> str:
    sentence = re.sub(r"\s+", " ", sentence).strip()
    if len(sentence) <= limit:
        return sentence.rstrip(".。")
    cut = sentence[:limit]
    cut = cut[: cut.rfind(" ")] if " " in cut[limit // 2 :] else cut
    return cut.rstrip(" ,;:") + "…"


_SITE_SUFFIX = re.compile(r"\s+(?:[-|_–—]|——)\s*(?P<site>[^-|_–—\n]{2,40})$")
# A Chinese page title's suffixes need no spaces: "督察全面启动_新闻频道_央视网(cctv.com)", "……-中新网".
_CN_SITE_SUFFIX = re.compile(r"\s*(?:[-|_–—｜]|——)\s*(?P<site>[^-|_–—｜\n]{2,40})$")
_CN_SECTION = re.compile(r"(?:频道|栏目|首页|专题|要闻|新闻|动态|资讯|门户网站|政府网|网站|客户端)$")


def _strip_site(title: str) -> str:
    """A page title without its site suffix ("Teams widen search - Chinadaily.com.cn"); a Chinese title
    also without its section ("督察全面启动_新闻频道_央视网(cctv.com)" -> "督察全面启动")."""
    match = _SITE_SUFFIX.search(title)
    if match and match.start() > 10 and is_outlet_name(match.group("site")):
        return title[: match.start()].strip()
    while has_chinese(title) and (match := _CN_SITE_SUFFIX.search(title)) and match.start() >= 6:
        site = re.sub(r"[(（][^()（）]*[)）]$", "", fold(match.group("site"))).strip()
        if not (is_outlet_name(site) or _CN_SECTION.search(site)):
            break
        title = title[: match.start()].strip()
    return title


def _overlaps(start: int, end: int, span: tuple[int, int] | None) -> bool:
    return span is not None and start < span[1] and span[0] < end


def _is_banner(line: str) -> bool:
    """A site's name, section or phone number above the headline ("China", "laitimes", "186 0120 9822",
    "Hebei Provincial People's Government | English"): under three words (six CJK characters; numbers do
    not count), or fields split by bars."""
    words = len(re.findall(r"[A-Za-z][A-Za-z'’-]*", line)) + len(re.findall(r"[\u4e00-\u9fff]", line)) // 2
    return words < 3 or bool(
        re.search(r"\s[|｜]\s|\s[>›»]\s", line)
        or _HEADER_FIELD_LINE.match(fold(line))
        or _SITE_NAME.search(line)
    )


# A site's name above the headline: "山西省人民政府门户网站", "天津政务网", "央视新闻客户端".
_SITE_NAME = re.compile(r"(?:门户网站|政务网|政府网|网站|客户端)\s*$")


# A header field line is no headline: "来源：长城网　作者：张艺萌", "作者：", "Source: Xinhua".
_HEADER_FIELD_LINE = re.compile(
    r"^\W*(?:来源|作者|编辑|发布时间|发布日期|更新时间|浏览次数|时间|日期|source|editor|by)\s*[:：]",
    re.IGNORECASE,
)


# A Markdown heading: "# Central inspectors finish feedback", "## 第二轮第三批督察全部完成反馈".
_MARKDOWN_HEADING = re.compile(r"^[ \t]*#{1,3}[ \t]+(?P<title>[^\n#][^\n]{2,199})$", re.MULTILINE)


def _markdown_heading(text: str, stop: int) -> str | None:
    """The first Markdown heading before ``stop`` (the dateline, else the first paragraph), if any: the
    headline, whatever menu or breadcrumb line stands above it."""
    match = _MARKDOWN_HEADING.search(text, 0, stop)
    return match.group("title").strip().rstrip("#").strip() if match else None


def title_from_text(text: str, dateline: Dateline | None, fallback: str, header: Header | None = None) -> str:
    """A title for an article without one: a Markdown heading above the dateline and the first paragraph,
    else the headline (a heading-like line at the top, before or after the page header), else the first
    sentence of the body (after the dateline, never the header)."""
    header_span = (header.start, header.end) if header is not None else None
    dateline_span = (dateline.start, dateline.end) if dateline is not None else None
    paragraph = re.search(r"^[^\n]{201,}", text, re.MULTILINE)
    stop = min(dateline.start if dateline else len(text), paragraph.start() if paragraph else len(text))
    heading = _markdown_heading(text, stop)
    if heading:
        return heading
    multiline = "\n" in text.strip()
    position = 0
    for _ in range(4):  # the headline is among the first lines, above or below the header
        while position < len(text) and text[position] in " \t\n":
            position += 1
        line_end = text.find("\n", position)
        line_end = len(text) if line_end < 0 else line_end
        line = text[position:line_end].strip()
        if not line or _overlaps(position, line_end, dateline_span):
            break
        glued = header is not None and position < header.start < line_end  # "…的通报时间：2021-04-16"
        line = text[position : header.start].strip() if glued else line
        if (glued or not _overlaps(position, line_end, header_span)) and not _is_banner(line):
            if multiline and len(line) <= 200 and line[-1] not in ".!?。！？:：":
                return line
            break
        position = line_end + 1
    body_start = dateline.end if dateline is not None else 0
    for start, end in split_sentences(text[body_start:]):
        if _overlaps(body_start + start, body_start + end, header_span):
            continue
        sentence = text[body_start + start : body_start + end]
        if re.search(r"[A-Za-z\u4e00-\u9fff]{3}", sentence):
            return _trim_title(sentence)
    return fallback


# ---------------------------------------------------------------------------------------- public API


def _given_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and value.strip():
        try:
            return dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None
    return None


def _given_int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str):
        return number_value(value)
    return None


def _given_list(value: Any) -> list[str]:
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    if isinstance(value, list):
        return [str(item).strip() for item in value if str(item).strip()]
    return []


def _given_scope(given: dict[str, Any], extracted: InspectionScope) -> InspectionScope:
    keys = ("round", "batch", "phase")
    if not any(key in given for key in keys):
        return extracted
    phase = given.get("phase")
    phase = str(phase).strip().lower().replace("-", "").replace(" ", "") if phase else None
    return InspectionScope(
        round=_given_int(given["round"]) if "round" in given else extracted.round,
        batch=_given_int(given["batch"]) if "batch" in given else extracted.batch,
        phase=phase if phase in ("pilot", "lookback") else (None if "phase" in given else extracted.phase),
    )


def _blank(text: str, start: int, end: int) -> str:
    return text[:start] + " " * (end - start) + text[end:]


def _without_links(text: str, dateline: Dateline | None, header: Header | None) -> str:
    """``text`` with the kept lines that link to other articles blanked ("- 2019 inspection teams arrive
    in six provinces", index/text/cleanup.py): no year, scope or place is read from them. The page's own
    header and dateline stay."""
    own = [(x.start, x.end) for x in (dateline, header) if x is not None]
    for start, end in link_lines(text):
        if not any(_overlaps(start, end, span) for span in own):
            text = _blank(text, start, end)
    return text


REPRINT_DAYS = 7  # a page header this many days off its dateline's day dates a reprint, not the article


def _reprint_date(
    header_date: dt.date, dateline: Dateline, text: str, scope: InspectionScope
) -> dt.date | None:
    """The article's date when its page header dates a later reprint: a mirror headed "发布时间：2024-11-18"
    over "中新网5月7日电" is from May 7. The dateline's year is the article's own (its dated events), never
    after the header's; None when the dateline's day lies within a week of the header (the header's date)."""
    near = year_near(header_date, lambda month, day: None)(dateline.month, dateline.day)
    closest = safe_date(near or header_date.year, dateline.month, dateline.day)
    if closest is None or abs((header_date - closest).days) <= REPRINT_DAYS:
        return None
    year = infer_year(_blank(text, dateline.start, dateline.end), dateline.month, dateline.day, scope)
    dated = safe_date(year, dateline.month, dateline.day) if year else None
    return dated if dated is not None and dated <= header_date else closest


def _round_from_date(scope: InspectionScope, date: dt.date | None, text: str) -> InspectionScope:
    """Give a batch named without its round the round that batch belonged to at the article's time."""
    when = date or max(event_dates(text), default=None)
    if when is None or scope.batch is None:
        return scope
    found = round_of_batch(scope.batch, when.year, when.month)
    return InspectionScope(round=found, batch=scope.batch) if found else scope


NAME_DATE_DAYS = 31  # a dateline this many days before (or after) the address's date is of its year


def _year_by_name(named: dt.date | None, dateline: Dateline) -> int | None:
    """The year of a dateline stated without one, from the date the page's address or file name states,
    when the dateline's day falls within a month of it ("BEIJING, Jan. 11" at ".../2017-01/12/...")."""
    if named is None:
        return None
    year = year_near(named, lambda month, day: None)(dateline.month, dateline.day)
    day = safe_date(year, dateline.month, dateline.day) if year else None
    return year if day is not None and abs((named - day).days) <= NAME_DATE_DAYS else None


_SITE_LINES = 3  # the banner and footer lines that may name the site's owner


def _site(given: dict[str, Any], text: str) -> tuple[str, str] | None:
    """The province of the provincial government site that published the page (index/meta/site.py): from
    its url, site name, copyright lines dropped at load time (``site_lines``) or its banner and footer."""
    lines = [line for line in text.splitlines() if line.strip()]
    owner_lines = _given_list(given.get("site_lines")) + lines[:_SITE_LINES] + lines[-_SITE_LINES:]
    url = str(given["url"]) if given.get("url") else None
    name = str(given["site_name"]) if given.get("site_name") else None
    return site_province(url, name, owner_lines)


def _given_as_of(value: Any) -> str | None:
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="minutes")
    if isinstance(value, dt.date):
        return value.isoformat()
    if value is None:
        return None
    return str(value).strip() or None


def extract_metadata(text: str, given: dict[str, Any], fallback_title: str) -> DocumentMeta:
    """Metadata of an article. A key present in ``given`` (front matter, sidecar, HTML meta) wins, even
    when its value is null (a malformed date is ignored); everything else is extracted from ``text``.
    ``site_name`` (from HTML) is the outlet of last resort, after the dateline and a byline."""
    original, text = text, fold(text)
    # the one year the file name ("xinhua-2024-05-07-new-round.txt") or the address's path states
    # (".../english/2022-06/05/c_1310613.htm"): only where the text has none
    url = str(given["url"]).strip() if given.get("url") else None
    named_year = name_year(fallback_title) or (name_year(urlsplit(url).path) if url else None)
    # ... and the full date the address's path (else the file name) states: "/2016/01/06/", "/20160107/"
    named_date = (name_date(urlsplit(url).path) if url else None) or name_date(fallback_title)
    dateline = find_dateline(text)
    header = find_header(text)
    yearless = find_yearless_header(text) if header is None else None
    title_given = bool(given.get("title") and str(given["title"]).strip())
    heading = str(given["heading"]).strip() if given.get("heading") else ""  # a Markdown file's headline
    title = (
        _strip_site(re.sub(r"\s+", " ", str(given["title"])).strip())
        if title_given
        else heading or title_from_text(original, dateline, fallback_title, header)
    )

    site_owner = _site(given, text)
    text = _without_links(text, dateline, header)  # same length: offsets hold
    scope = _given_scope(given, document_scope(title, text, title_given))

    if "source" in given:
        source = normalize_outlet(str(given["source"])) if given["source"] else None
    else:
        site = str(given["site_name"]) if given.get("site_name") else None
        source = (dateline.outlet if dateline else None) or (header.outlet if header else None)
        source = source or find_byline_outlet(text)
        source = source or (normalize_outlet(site) if site else None)

    given_date = _given_date(given.get("date"))
    if "date" in given and (given["date"] is None or given_date is not None):
        date = given_date
    elif header is not None and (header.labelled or dateline is None or dateline.year is None):
        date = header.date  # the page's own date line: "Updated: 2016-07-18 09:43", "- Mar 30, 2018-"
        if dateline is not None and dateline.year is None:
            date = _reprint_date(header.date, dateline, text, scope) or date
    elif dateline is not None:
        year = (
            dateline.year
            or _year_by_name(named_date, dateline)
            or infer_year(_blank(text, dateline.start, dateline.end), dateline.month, dateline.day, scope)
        )
        year = year or named_year  # the text gives none: the file name's
        date = safe_date(year, dateline.month, dateline.day) if year else None
    elif yearless is not None:  # "08-27 10:32 来源：中国新闻网": the year of the address, else of the text
        unheaded = _blank(text, yearless.start, yearless.end)
        year = named_year or infer_year(unheaded, yearless.month, yearless.day)
        date = safe_date(year, yearless.month, yearless.day) if year else named_date
    else:
        date = named_date  # no date printed: the one in the page's address or the file name
    if scope.batch and not scope.round and not scope.phase and "round" not in given:
        scope = _round_from_date(scope, date, text)

    body = _blank(text, dateline.start, dateline.end) if dateline is not None else text
    body = _blank(body, header.start, header.end) if header is not None else body
    body = _blank(body, yearless.start, yearless.end) if yearless is not None else body
    announced = find_announcement(body, date)
    learned = [as_inspection(announced, learned_from="")] if announced else []
    unyeared = date is None and infer_year(body, 1, 1) is None  # the text states no year at all
    resolution = resolve_inspection(
        title if title_given else "",
        body,
        date,
        load_calendar(learned),
        site_owner,
        named_year if unyeared else None,
        (dateline.month, dateline.day) if date is None and dateline is not None and unyeared else None,
    )
    top = resolution.scores[0] if resolution.scores else None
    no_one = top is not None and top[0] == NO_INSPECTION and top[1] > 0
    if resolution.scope != InspectionScope() or no_one:  # a total over several rounds is on no one inspection
        scope = _given_scope(given, resolution.scope)
    provinces = _given_list(given["provinces"]) if "provinces" in given else resolution.provinces
    enterprises = _given_list(given["enterprises"]) if "enterprises" in given else resolution.enterprises
    year_for = year_near(date, lambda m, d: infer_year(body, m, d, scope) or named_year)
    as_of = _given_as_of(given["as_of"]) if "as_of" in given else find_as_of(body, year_for)
    reported = None  # the dateline's own day: it dates a stationing "on Monday"
    if dateline is not None:
        reported_year = dateline.year or year_for(dateline.month, dateline.day)
        reported = safe_date(reported_year, dateline.month, dateline.day) if reported_year else None
    if date is None and "date" not in given and reported is not None:
        date = reported  # a dateline with no year ("中新网5月24日电"): the year of the inspection it reports
    events = find_events(body, year_for, date, reported)

    return DocumentMeta(
        title=title,
        source=source,
        date=date,
        url=url,
        scope=scope,
        scope_evidence=resolution.evidence,
        announces=announced,
        provinces=provinces,
        enterprises=enterprises,
        as_of=as_of,
        events=events,
    )


def passage_facts(text: str, doc_meta: DocumentMeta) -> tuple[InspectionScope, list[str], str | None]:
    """(scope, provinces, as_of) of one passage of a document described by ``doc_meta`` (the document's
    scope for a passage on a province's own inspection, or in an article on one: its batches and look-back
    are no central ones): the provinces
    the passage names (never reporting places, nor, in a passage recalling earlier work that names no
    other inspection, provinces the document's inspection did not cover), else its document's province
    when the article is about exactly one (a passage of such an article that does not repeat the name is
    about that province), and the as-of time it states, else its document's."""
    text = fold(text)
    dateline = find_dateline(text)
    body = _blank(text, dateline.start, dateline.end) if dateline is not None and dateline.start < 5 else text
    header = find_header(body)  # "By Li Ming in Liaocheng, Shandong | China Daily | Updated": no province
    body = _blank(body, header.start, header.end) if header is not None else body
    provincial = provincial_inspection(body) or any(
        item.kind == "provincial_inspection" for item in doc_meta.scope_evidence
    )
    scope = doc_meta.scope if provincial else passage_scope(body, doc_meta.scope)
    named = find_provinces(without_reporting_places(body))
    if scope == doc_meta.scope and doc_meta.provinces and recalls_earlier_work(body):
        named = [name for name in named if name in doc_meta.provinces]  # not 前两批曾进驻福建's places
    provinces = named or (list(doc_meta.provinces) if len(doc_meta.provinces) == 1 else [])
    reference = doc_meta.date
    if reference is None and doc_meta.as_of:
        reference = _given_date(doc_meta.as_of)

    def fallback(month: int, day: int) -> int | None:
        return infer_year(body, month, day, doc_meta.scope)

    as_of = find_as_of(body, year_near(reference, fallback)) or doc_meta.as_of
    return scope, provinces, as_of
