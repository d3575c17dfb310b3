"""The facts a question states about a firm, as profile fields: 「我們8個人的烘焙坊在台中」 →
employees 8, industry 08, county 臺中市.

Unknown stays unknown: a field is read only from a phrase that names it plainly, and only
when the phrase describes the firm the question is about.

- **Whose fact.** A trade or registration word counts when the firm describes itself
  (我們是…、我開…、我們8個人的…、…老闆; "our", "we run a"), not when it names a
  counterpart (我們向銀行貸款) or a plan (我們想做電商). A head count counts next to 員工
  or 人數, after 我們 …, or before the firm (8人的公司, "8 employees").
- **A bound is a condition, not a fact.** 30人以下、未滿30人、超過3000萬、"fewer than 30
  employees" go to ``conditions`` as (field, op, value), op one of ``<= < >= >``, whether
  the question states it of the asker or asks about firms in general.
- **Ambiguous is left out** and listed in ``ambiguous`` as (field, text): a range (十幾個人,
  8到10人), 新竹 or 嘉義 without 市 or 縣, two different values for one field, an amount
  with no unit small enough to be in 萬 (營業額3000), a revenue of this or next year (the
  profile's is last year's), a trade word the industry search ranks elsewhere.
- **Year.** ``year`` is the year the question asks about: 115年 (民國) → 2026, 2026年, 今年 /
  明年 / 去年 relative to ``on``; not a profile field.
- Every value is validated with ``parse_profile``; one it refuses is dropped and named in
  ``problems``. A question longer than :data:`MAX_QUESTION` characters is not read at all.

The text read is the normalised question (``normalize.normalize``), so Simplified, full-width
and typed variants read alike; the spans quote that text.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import yaml

from smewindow.ask.normalize import blanked, normalize
from smewindow.ask.retrieve import program_words
from smewindow.ask.typos import read_question
from smewindow.ask.understood import QUESTION_WORDS, district_counties, rules_text
from smewindow.finder.numbers import NumberError, is_share, read_number, units_for
from smewindow.rules.industries import search, synonyms
from smewindow.rules.interview import question_texts
from smewindow.rules.parameters import load_parameters
from smewindow.rules.profile import LIST_FIELDS, ProfileError, parse_profile
from smewindow.rules.taiwan import COUNTIES, DIVISIONS

MAX_QUESTION = 500
"""The longest question read, as long as the ask box takes (``engine`` reads it from here);
longer texts are not questions (and cutting one could cut a number in half)."""

_CN = "零〇一二兩三四五六七八九十百千萬億壹貳參肆伍陸柒捌玖拾佰仟"
_NUM = rf"\d[\d,]*(?:\.\d+)?|[{_CN}]+"
_FUZZY = rf"[{_CN}\d]*(?:[幾多餘來]|數(?!位))[{_CN}]*|[{_CN}\d]+\s*(?:到|至|~|-|－)\s*[{_CN}\d]+"
"""幾個, 十多人, 8到10人: a count that is no number (數位 is digital, not 數 位)."""
_CLAUSE = re.compile(r"[，。？！；,.?!;:：、()\n]")
_SUFFIX_WORDS = "工作室|事務所|診所|業者|工廠|公司|中心|店|坊|廳|館|廠|行|業|攤|社|班|舖|鋪|場|院"
_SELF = re.compile(
    r"我們|我司|我家|我|咱們|本公司|敝公司|本事業|敝事業|本企業|本商號|敝商號|本行號|敝行號|本廠|敝廠|本店|敝店|本所|小店|自己"
    r"|阮是|阮的|阮兜|阮"
)
_BLOCK = re.compile(
    r"不|沒|非|想|(?<![主需])要|打算|準備|計畫|計劃|希望|考慮|跟|向|和|與|去|到|找|給|幫|請"
    r"|往來|合作|客戶|廠商|供應|委託|買|購|租|如果|假如"
)
_CONNECT = re.compile(r"(?:是|為|做|開|經營|從事|賣|的|之|屬於|家|間|生產|製造|在|公司|店)$")
_ROLE = re.compile(r"(?:的)?(?:老闆娘|老闆|業者|店長|負責人|經營者|頭家|店主)")
_FIRM_AFTER = re.compile(
    r"(?:的)?(?:小|微型|家庭式)?(?:公司|店|工廠|廠|企業|團隊|事務所|工作室|行號|商號)"
)
_SUBJECT_AFTER = re.compile(
    r"(?:也)?(?:可以|可不可以|能不能|能|適用|符合|有沒有|是否|算不算|算|要怎麼|該怎麼|怎麼)"
)
_LEADING = re.compile(r"(?:請問|想請問|那|所以|如果是|像)?$")
_EN_SELF = re.compile(
    r"(?:\bmy|\bour|\bwe(?:['’]re| are)|\bi(?:['’]m| am)|\b(?:we|i) (?:run|own|have|operate))"
    r"\s+(?:a |an )?(?:small |little |family[- ]run |local |\d+[- ](?:person|employee|staff) )*$"
)
_OPS = {
    "以下": "<=", "以內": "<=", "之內": "<=", "最多": "<=", "不超過": "<=", "至多": "<=",
    "未滿": "<", "不滿": "<", "少於": "<", "不到": "<", "低於": "<", "小於": "<",
    "以上": ">=", "至少": ">=", "最少": ">=", "超過": ">", "多於": ">", "大於": ">",
    "高於": ">", "逾": ">",
    "up to": "<=", "no more than": "<=", "at most": "<=", "or fewer": "<=", "or less": "<=",
    "fewer than": "<", "less than": "<", "under": "<", "below": "<",
    "at least": ">=", "or more": ">=", "more than": ">", "over": ">", "above": ">",
}  # fmt: skip
_BOUND_WORDS = (
    "未滿|不滿|少於|不到|低於|小於|不超過|超過|多於|大於|高於|最多|至多|至少|最少|逾|up to"
    "|no more than|at most|fewer than|less than|under|below|at least|more than|over|above"
)
_BOUND_BEFORE = re.compile(rf"(?:{_BOUND_WORDS})\s*(?:nt\$|ntd|twd|\$)?\s*$")
_BOUND_AFTER = re.compile(r"\s*(以下|以內|之內|以上|or fewer|or less|or more)")


@dataclass(frozen=True)
class Facts:
    """What a question states: profile fields (validated), where each came from, the year
    asked about, and what was named but not read (see the module's docstring)."""

    profile: dict[str, Any] = field(default_factory=dict)
    spans: list[tuple[str, str]] = field(default_factory=list)
    """(field, the text read), in the order the fields were read."""
    year: int | None = None
    ambiguous: list[tuple[str, str]] = field(default_factory=list)
    """(field, the text) for a field named but not clearly: 新竹, 十幾個人 …"""
    problems: list[str] = field(default_factory=list)
    conditions: list[tuple[str, str, int]] = field(default_factory=list)
    """(field, op, value) for a bound: 30人以下 → ("employees", "<=", 30)."""
    unread: list[str] = field(default_factory=list)
    """Quantities the question states that no reader took (3間店, 兩台車): about a firm, a
    sign that the question says more than was understood (see :func:`unread`)."""
    pieces: list[str] = field(default_factory=list)
    """Every text a reader took, read or not clearly (values, ambiguous, bounds, years)."""


@dataclass
class _Found:
    """Readings of one question: candidate values per field, before they are settled."""

    values: dict[str, list[tuple[Any, str]]] = field(default_factory=dict)
    ambiguous: list[tuple[str, str]] = field(default_factory=list)
    conditions: list[tuple[str, str, int]] = field(default_factory=list)
    bounds: list[str] = field(default_factory=list)
    """The text of each condition (30人以下)."""

    def add(self, name: str, value: Any, span: str) -> None:
        self.values.setdefault(name, []).append((value, span))


def _clause_before(text: str, start: int) -> str:
    """The text of the clause before ``start`` (from the last clause mark)."""
    before = text[max(0, start - 30) : start]
    marks = list(_CLAUSE.finditer(before))
    return before[marks[-1].end() :] if marks else before


def _self_described(text: str, start: int, end: int) -> bool:
    """Whether the words at ``start:end`` describe the firm the question is about."""
    before = _clause_before(text, start)
    if _ROLE.match(text, end) or before.endswith(("本", "敝")):  # 本民宿, 敝店
        return True
    if before.strip() in _DOING and text.startswith("的", end):  # …，做便當的，…
        return True
    if before.strip() in _DOING and _FORMAL_SELF.search(text):  # 本工廠…，製造豆腐，…
        return True
    if re.search(rf"(?:{_NUM})\s*(?:個人|人|位|名)(?:員工)?(?:的)?$", before):
        return True
    opening = start == len(before) and before.endswith("的")  # 台東的民宿，員工6人…
    if opening and _county_pattern().fullmatch(before.removesuffix("的").strip()):
        return True
    for match in reversed(list(_SELF.finditer(before))):
        gap = before[match.end() :]
        return len(gap) <= 10 and not _BLOCK.search(gap) and (not gap or bool(_CONNECT.search(gap)))
    return bool(_EN_SELF.search(before))


_FORMAL_SELF = re.compile(r"本公司|敝公司|本工廠|本廠|本事業|敝事業|本商號|本行號|本店")
_DOING = ("做", "賣", "開", "經營", "從事", "是做", "是賣", "製造", "生產")
"""A clause of its own that is one of these, a trade and 的 (…，做便當的，…) says what the
firm does."""


def _bound(text: str, start: int, end: int) -> str | None:
    """The op of a bound around the number at ``start:end`` (未滿30人, 30人以下), if any."""
    before = _BOUND_BEFORE.search(text[max(0, start - 14) : start])
    if before:
        return _OPS[re.sub(r"\s*(?:nt\$|ntd|twd|\$)?\s*$", "", before.group())]
    after = _BOUND_AFTER.match(text, end)
    return _OPS[after.group(1)] if after else None


# Employees -------------------------------------------------------------------------------

_COUNT = re.compile(
    rf"(?P<num>{_FUZZY}|{_NUM})\s*(?P<unit>個人|人|位|名|個(?=員工|同仁|職員|老師|師傅|店員|工人|司機))"
    r"(?P<staff>員工|同仁|正職|職員|老師|師傅|店員|工人|司機)?"
)
_COUNT_WORD = re.compile(
    rf"(?:員工人數|員工數|員工總數|人數|僱員|員工|師傅|工人|店員)(?:的)?(?:有|共|約|大約|大概|是|為|:|\s)*"
    rf"(?P<num>{_FUZZY}|{_NUM})\s*(?P<unit>個人|人|位|名|個)?"
)
_COUNT_EN = re.compile(
    r"(?:(?:team|staff|workforce|headcount) of\s+(?P<a>\d[\d,]*)"
    r"|(?P<b>\d[\d,]*)\s*(?:(?P<or>or fewer|or less|or more)\s+)?(?:full[- ]time\s+)?"
    r"(?:employees|staff|people|workers|persons)\b)"
)


_PERSON_EN = re.compile(r"\b(?P<num>\d{1,6})[- ]person\b")
"""An 8-person bakery."""
_TRADE_SUFFIX = re.compile(rf"(?:{_SUFFIX_WORDS})$")


def _describes_firm(text: str) -> bool:
    """Whether the question describes a firm (a trade with its kind of firm: 咖啡店, 茶行,
    旅行社; or a firm naming itself): then a head count or a trade in it is the firm's."""
    for match in _trade_pattern().finditer(text):
        word = match.group()
        if word != match.group("word") or _TRADE_SUFFIX.search(word):  # 咖啡店, 廣告公司
            return True
        if _FIRM_AFTER.match(text, match.end()):  # 做螺絲的工廠
            return True
    return bool(_SELF.search(text) or _EN_SELF_ANY.search(text))


_EN_SELF_ANY = re.compile(r"\b(?:we|our|my|i run|i own)\b")
_SELF_COUNT = re.compile(rf"(?:{_SELF.pattern})(?:公司|店|店裡|這裡)?(?:有|共|總共|只有|大約|約)*$")
"""我們有 8 個人, 我們公司總共 8 人: a head count right after the firm names itself."""


_FIRM_COUNT = re.compile(r"(?:公司|店裡|工廠|廠裡)(?:平均|目前|現在|總共|大約|約)*(?:有|共)?\s*$")
"""公司平均有42人: a head count after the firm's own word, at the start of a clause."""
_FOR_SOME = re.compile(r"(?:幫|替|給|新請了?|新聘了?|新僱了?|增僱了?|增聘了?|多請了?)\s*$")
"""幫4位基層員工加薪 · 新僱了2位65歲以上的: some of the staff, a measure is for or just hired,
not the head count."""


_PER_HEAD = re.compile(r"\s*(?:會當|可以|能|最多|最高|上限|上濟)?\s*(?:補|拿|領|抵|給)")
"""After 一個人 these ask what a rule gives each person (一個人可以補多少), not a head count."""
_TO_A_COURSE = re.compile(r"\s*(?:本國籍)?(?:的)?(?:員工)?(?:要|想|會)?(?:去|來)?(?:上|參加|參訓)")
"""After a head count these send people to a course (派10個人去上AI課): trainees."""


_TOTAL = re.compile(
    rf"(?:攏總|總共|一共|加起來|合計|(?:我|阮)(?:跟|佮|和|與)[^，。,;；]{{0,8}}?)(?:有|是|共)?\s*"
    rf"(?P<num>{_NUM})\s*(?:個人|人|位|名)"
)
"""A total that sums the people named before it (頭家娘佮兩个師傅，攏總三个人 · 我跟一個師傅兩個
人): the head count, and the parts are not."""


_MONTHLY = re.compile(
    rf"分別(?:為|是)?\s*(?P<list>(?:{_NUM})\s*(?:人|位|個人?)?(?:\s*[、,及和跟與]\s*(?:{_NUM})\s*(?:人|位|個人?)?)+)"
)
"""最近六個月僱用員工數分別為二十八、二十九、三十一人: a head count for each month."""
_LIST_ITEM = re.compile(_NUM)


def _monthly(text: str, found: _Found, seen: set[int]) -> None:
    """The least of the head counts a firm gives month by month for the last six months:
    employees_min_6m (a rule's 「最近6個月任一個月」)."""
    for match in _MONTHLY.finditer(text):
        if not _SIX_MONTHS.search(text[max(0, match.start() - 30) : match.start()]):
            continue
        items = list(_LIST_ITEM.finditer(match.group("list")))
        try:
            counts = [read_number(m.group(), whole=True) for m in items]
        except NumberError:
            continue
        seen.update(match.start("list") + m.start() for m in items)
        found.add("employees_min_6m", int(min(counts)), match.group())


def _employees(text: str, found: _Found) -> None:
    seen: set[int] = set()
    _monthly(text, found, seen)
    totals = list(_TOTAL.finditer(text))
    if totals:
        for match in totals:
            _count(text, match, "num", found, seen)
        return
    firm = _describes_firm(text)
    seen.update(m.start("num") for m in _HIRES_AGE_FIRST.finditer(text))  # 增僱…員工四名: hires
    for match in _COUNT_WORD.finditer(text):
        if match.start("num") in seen:
            continue
        if match.group("unit") or re.match(r"員工人數|員工數|員工總數|人數", match.group()):
            _count(text, match, "num", found, seen)
    for match in _COUNT.finditer(text):
        if match.start("num") in seen or _TO_A_COURSE.match(text, match.end()):
            continue
        before = _clause_before(text, match.start())
        if _FOR_SOME.search(before):
            continue
        counted = _SELF_COUNT.search(before) or _FIRM_COUNT.fullmatch(before.strip())
        counted = counted or (_SIX_MONTHS.search(before) and _LEAST.search(before))
        if match.group("num") == "一" and _PER_HEAD.match(text, match.end()):
            continue  # 一個人會當補偌濟 asks per person; 一個人做爾爾 is a head count
        if (
            firm
            or _FIRM_AFTER.match(text, match.end())
            or match.group("staff")
            or counted
            or _self_described(text, match.start(), match.end())
            or _bound_at(text, match)
        ):
            _count(text, match, "num", found, seen)
    for match in _PERSON_EN.finditer(text):
        _count(text, match, "num", found, seen)
    for match in _COUNT_EN.finditer(text):
        _count(text, match, "a" if match.group("a") else "b", found, seen)


def _bound_at(text: str, match: re.Match[str]) -> bool:
    return _bound(text, match.start(), match.end()) is not None


_SIX_MONTHS = re.compile(r"半年|6個月|六個月|six months|6 months")
_LEAST = re.compile(
    r"最少|最低|每個月|逐個月|每月|有一個月|只有|smallest|lowest|every month|each month|one month"
)
"""A head count in a clause with both is the least of the last six months (最近半年投保人數
最少的月份也有42人): employees_min_6m, not the 12-month average."""


def _count(text: str, match: re.Match[str], group: str, found: _Found, seen: set[int]) -> None:
    seen.add(match.start(group))
    number = match.group(group)
    op = _bound(text, match.start(), match.end()) or _OPS.get(match.groupdict().get("or") or "")
    try:
        value = read_number(number, units=units_for("employees"), whole=True)
    except NumberError:
        found.ambiguous.append(("employees", match.group().strip()))
        return
    clause = text[max(0, match.start() - 30) : match.end()]
    clause = _CLAUSE.split(clause[: match.start(group) - max(0, match.start() - 30)])[-1] + number
    name = (
        "employees_min_6m" if _SIX_MONTHS.search(clause) and _LEAST.search(clause) else "employees"
    )
    if op:
        found.conditions.append((name, op, int(value)))
        found.bounds.append(match.group())
    else:
        found.add(name, value, match.group().strip())


# Money -----------------------------------------------------------------------------------

_AMOUNT = (
    rf"(?P<amount>(?:nt\$|ntd|新臺幣|臺幣|\$)?\s*(?:\d[\d,]*(?:\.\d+)?\s*[千百萬億k]*"
    rf"|[{_CN}]+)\s*(?:元整|元|塊錢|塊)?)"
)
_MONEY = re.compile(
    r"(?P<when>今年|明年|去年|上年度|預估|預計)?(?:的|度)?\s*(?P<what>營業額|營收|營業收入|銷售額"
    r"|實收資本額|實收資本|資本額|資本)(?:的)?(?:有|是|為|約|大約|大概|差不多|將近|\s)*"
    rf"(?P<bound>{_BOUND_WORDS})?\s*{_AMOUNT}"
)
_SHARE_AFTER = re.compile(r"\s*(?:%|成)")
_MONEY_EN_BEFORE = re.compile(
    r"(?:nt\$|ntd|twd|\$)\s*(?P<number>\d[\d,]*(?:\.\d+)?)\s*(?P<scale>million|billion|thousand|m|bn|k)?"
    r"\s+(?:of\s+|in\s+)?(?P<what>paid-in capital|capital|revenue|turnover|sales)\b"
)
"""NT$300 million paid-in capital: the amount before what it is."""
_MONEY_EN = re.compile(
    r"(?P<what>revenue|turnover|sales|capital)(?: of| is| was| about| around| approximately"
    rf"|:|\s)*(?P<bound>{_BOUND_WORDS})?\s*(?:nt\$|ntd|twd|\$)?\s*(?P<number>\d[\d,]*(?:\.\d+)?)\s*"
    r"(?P<scale>million|billion|thousand|m|bn|k)?\b"
)
_SCALES = {"thousand": 10**3, "k": 10**3, "million": 10**6, "m": 10**6, "billion": 10**9}
_SCALES["bn"] = 10**9
_HAS_UNIT = re.compile(r"[千百萬億k元塊]|nt|\$|臺幣")


def _money(text: str, found: _Found) -> None:
    for match in _MONEY.finditer(text):
        name = (
            "annual_revenue"
            if "營" in match.group("what") or "銷" in match.group("what")
            else "paid_in_capital"
        )
        span = match.group().strip()
        amount = match.group("amount").strip()
        if (
            not amount
            or not re.search(rf"[\d{_CN}]", amount)
            or _SHARE_AFTER.match(text, match.end())
        ):
            continue  # 營收占總營收35%: a share of revenue, not an amount
        if name == "annual_revenue" and match.group("when") not in (None, "去年", "上年度"):
            found.ambiguous.append((name, span))
            continue
        try:
            value = read_number(amount, units=units_for(name), whole=True)
        except NumberError:
            found.ambiguous.append((name, span))
            continue
        if not _HAS_UNIT.search(amount) and value < 10**5:
            found.ambiguous.append((name, span))  # 營業額3000: 3000 萬, most likely
            continue
        bound = match.group("bound") or ""
        op = _OPS.get(bound.strip()) or _bound(text, match.start("amount"), match.end())
        _settle_amount(found, name, op, int(value), span)
    for match in [*_MONEY_EN.finditer(text), *_MONEY_EN_BEFORE.finditer(text)]:
        name = "paid_in_capital" if "capital" in match.group("what") else "annual_revenue"
        number = Decimal(match.group("number").replace(",", ""))
        exact = number * _SCALES.get(match.group("scale") or "", 1)
        if exact != exact.to_integral_value():
            continue
        bound = match.groupdict().get("bound")
        op = _OPS[bound] if bound else _bound(text, match.start("number"), match.end())
        _settle_amount(found, name, op, int(exact), match.group().strip())


def _settle_amount(found: _Found, name: str, op: str | None, value: int, span: str) -> None:
    if op:
        found.conditions.append((name, op, value))
        found.bounds.append(span)
    else:
        found.add(name, value, span)


# County ----------------------------------------------------------------------------------

_AMBIGUOUS_STEMS = ("新竹", "嘉義")
_EN_COUNTIES = {
    "new taipei": "新北市", "taipei": "臺北市", "taoyuan": "桃園市", "taichung": "臺中市",
    "tainan": "臺南市", "kaohsiung": "高雄市", "keelung": "基隆市", "hsinchu city": "新竹市",
    "hsinchu county": "新竹縣", "chiayi city": "嘉義市", "chiayi county": "嘉義縣",
    "miaoli": "苗栗縣", "changhua": "彰化縣", "nantou": "南投縣", "yunlin": "雲林縣",
    "pingtung": "屏東縣", "yilan": "宜蘭縣", "hualien": "花蓮縣", "taitung": "臺東縣",
    "penghu": "澎湖縣", "kinmen": "金門縣", "lienchiang": "連江縣", "matsu": "連江縣",
    "hsinchu": "", "chiayi": "",
}  # fmt: skip
"""English names; an empty value is a name of two (city and county)."""


@cache
def _county_names() -> dict[str, str]:
    """Every name read as a county → the county ("" for 新竹 and 嘉義 alone)."""
    names = {c: c for c in COUNTIES}
    names |= {c[:2]: c for c in COUNTIES if c[:2] not in _AMBIGUOUS_STEMS}
    names |= {stem: "" for stem in _AMBIGUOUS_STEMS}
    names["馬祖"] = "連江縣"
    return names


@cache
def _county_pattern() -> re.Pattern[str]:
    names = sorted(_county_names(), key=len, reverse=True)
    english = sorted(_EN_COUNTIES, key=len, reverse=True)
    # 平臺中, 舞臺中央, 一臺中古機 are not 臺中; 新北投 is in 臺北市; 去高雄參展 is a trip.
    return re.compile(
        r"(?<![平舞後櫃講陽月看吧前燭上下出機\d一二兩三四五六七八九十幾多每整去到往赴飛])"
        rf"(?:{'|'.join(names)})(?!投)"
        rf"|(?:(?<=\bin )|(?<=\bour )|(?<=\ba ))(?:{'|'.join(english)})\b"
    )


def _county(text: str, found: _Found) -> None:
    for match in _county_pattern().finditer(text):
        name = match.group()
        county = _county_names().get(name, _EN_COUNTIES.get(name, ""))
        if county:
            found.add("county", county, name)
        else:
            found.ambiguous.append(("county", name))
    _districts(text, found)


def _districts(text: str, found: _Found) -> None:
    """A town or district (土城, 鹿港鎮, 嘉義朴子) is read as its county: it agrees with the
    county named (a piece read, so not an unclear word), settles 新竹 or 嘉義 named alone,
    or, named alone, gives the county when only one county has a district so named. A
    district that agrees with nothing is left unread, and the firm goes to the desk."""
    named = {value for value, _ in found.values.get("county", [])}
    stems = [span for name, span in found.ambiguous if name == "county"]
    for match in _district_pattern().finditer(text):
        counties = district_counties()[match.group()]
        if named & counties:
            found.add("county", min(named & counties), match.group())
            continue
        settled = [c for c in counties if any(c.startswith(stem) for stem in stems)]
        alone = not named and not stems and len(counties) == 1 and _a_place(text, match)
        if len(settled) == 1 or alone:
            county = settled[0] if settled else next(iter(counties))
            found.ambiguous = [(n, t) for n, t in found.ambiguous if n != "county"]
            found.add("county", county, match.group())


_AT = re.compile(r"(?:在|佇|位於|於|是)$")
_AT_AFTER = re.compile(r"的(?!話)|開|做|賣|經營")


def _a_place(text: str, match: re.Match[str]) -> bool:
    """Whether a district named alone is a place: named in full (鹿港鎮), or in where a place
    goes (在土城, 是內湖的, 楊梅開): a short name is often a word (成功, 太平, 樹林)."""
    full = match.group()[-1] in "區鄉鎮市" and len(match.group()) >= 3
    return full or bool(_AT.search(text, 0, match.start()) or _AT_AFTER.match(text, match.end()))


@cache
def _district_pattern() -> re.Pattern[str]:
    """Every district name (with or without 區, 鄉, 鎮, 市), longest first."""
    names = sorted(district_counties(), key=len, reverse=True)
    return re.compile("|".join(names))


# Industry and registration ---------------------------------------------------------------

_SUFFIX = _SUFFIX_WORDS


@cache
def _trade_words() -> dict[str, str]:
    """Each division's own everyday word (Chinese, canonical form) → its code."""
    words = {}
    for code, entry in synonyms().items():
        for word in entry.get("words", []):
            normal = normalize(str(word))
            if not normal.isascii():
                words[normal] = code
    return words


@cache
def _trade_pattern() -> re.Pattern[str]:
    words = sorted(_trade_words(), key=len, reverse=True)
    return re.compile(rf"(?P<word>{'|'.join(map(re.escape, words))})(?:{_SUFFIX})?")


@cache
def _trade_words_en() -> dict[str, str]:
    """Each division's own English word (canonical form) → its code."""
    return {  # with the Latin words of the Chinese lists (PCB, KTV)
        normalize(str(word)): code
        for code, entry in synonyms().items()
        for word in [*entry.get("words_en", []), *entry.get("words", [])]
        if normalize(str(word)).isascii()
    }


@cache
def _trade_pattern_en() -> re.Pattern[str]:
    words = sorted(_trade_words_en(), key=len, reverse=True)
    # not \b: a Han character is a word character too (做PCB的工廠)
    return re.compile(rf"(?<![a-z0-9])(?P<word>{'|'.join(map(re.escape, words))})(?![a-z0-9])")


_NOT_A_TRADE = re.compile(
    r"支出|費用|經費|課程|補助|服務(?!公司|業|中心|社|所)|人才|設備|系統|計畫|計劃|平臺|工具|投資|抵減"
    r"|減除|貸款|診斷|輔導"
    r"|(?:跟|和|與|及)(?:製造|生產)|都在|都不|不借|不肯|不願"
)
"""A trade word before these is a thing bought or asked for (研發支出, 電商課程, 研發投資抵減;
not 居家照顧服務公司, a firm of the trade)
or an activity and where it is done (研發跟製造都在臺灣), or a counterpart that refuses the
firm (銀行都不借錢給我)."""


_MAINLY_BEFORE = re.compile(r"(?:主要是|主要做|主要|專門|專做|以)\s*(?:咧|在|有在)?\s*$")
_MAINLY_AFTER = re.compile(r"(?:的)?(?:為主|為大宗)")
"""主要是修機車 · 專門修機車 · 修機車為主: the trade a firm of two names works at mainly."""


def _industry(text: str, found: _Found) -> None:
    """The trades the firm says it is; when it says so of one (我們是…, "we are a …"), the
    trade words met elsewhere in a question that describes a firm are left out (咖啡 in
    "a coffee shop … our drip coffee bags")."""
    firm = _describes_firm(text)
    named: list[tuple[bool, str, str, str]] = []
    mainly: set[str] = set()
    for match in _trade_pattern().finditer(text):
        near = text[max(0, match.start() - 3) : match.start()]
        if _NOT_A_TRADE.match(text, match.end()) or _inside_a_program_word(text, match):
            continue
        itself = _self_described(text, match.start(), match.end())
        code = _trade_words()[match.group("word")]
        if firm and (_MAINLY_BEFORE.search(near + " ") or _MAINLY_AFTER.match(text, match.end())):
            mainly.add(code)  # 開機車行，主要是修機車: the firm's main trade
        if itself or (firm and not _BLOCK.search(near)):
            named.append((itself, code, match.group(), "zh"))
    if mainly:
        named = [(True, code, phrase, lang) for _, code, phrase, lang in named if code in mainly]
    for match in _trade_pattern_en().finditer(text):
        itself = bool(_EN_SELF.search(text[max(0, match.start() - 40) : match.start()]))
        if firm or itself:
            named.append((itself, _trade_words_en()[match.group()], match.group(), "en"))
    said = {code for itself, code, *_ in named if itself}
    for itself, code, phrase, lang in named:
        if itself or not said or code in said:  # 精釀啤酒廠: 精釀 and 啤酒廠 both say 09
            _division(found, code, phrase, lang)


def _inside_a_program_word(text: str, match: re.Match[str]) -> bool:
    """Whether the trade word at ``match`` ends a longer word that names a program (市集 in
    雲市集); one that starts it (烘焙 in 烘焙食品) still names the trade."""
    start, end = match.span("word")
    for word in program_words():
        at = text.find(word, max(0, end - len(word)), end)
        while at != -1:
            if at < start and at + len(word) >= end:
                return True
            at = text.find(word, at + 1, end)
    return False


@lru_cache(maxsize=4096)
def _top_division(phrase: str, lang: str) -> str:
    """The division the industry search ranks first for ``phrase`` ("" for none); cached,
    the phrases being the trade words with a suffix, a bounded set."""
    top = search(phrase, lang, limit=1)
    return top[0].code if top else ""


def _division(found: _Found, code: str, phrase: str, lang: str) -> None:
    """Take ``code`` for ``phrase`` when the industry search ranks it first too, or ranks
    first a division of the same section (營造業: 43 before 41, both construction): the
    trade word's own division is then the plainer reading, and the section, which most
    rules read, is the same either way."""
    top = _top_division(phrase, lang)
    if top == code or (top and DIVISIONS[top] == DIVISIONS[code]):
        found.add("industry", code, phrase)
    else:
        found.ambiguous.append(("industry", phrase))


_REGISTRATIONS = {
    "有限合夥": "limited_partnership",
    "股份有限公司": "company", "有限公司": "company", "公司登記": "company",
    "行號": "business", "商號": "business", "是公司": "company", "商業登記": "business", "獨資": "business",
    "合夥事業": "business",
    "只有稅籍登記": "tax_only", "只辦稅籍登記": "tax_only", "僅辦理稅籍登記": "tax_only",
    "只有稅籍": "tax_only", "僅辦稅籍登記": "tax_only", "稅籍登記爾爾": "tax_only",
    "稅籍登記而已": "tax_only", "干焦稅籍": "tax_only",
    "沒有任何登記": "none", "沒辦任何登記": "none", "還沒辦任何登記": "none", "沒辦登記": "none",
    "還沒登記": "none", "還沒有登記": "none", "沒有登記": "none", "沒登記": "none", "未登記": "none",
    "登記公司": "company", "公司有登記": "company", "公司有辦登記": "company", "攏無登記": "none", "都沒登記": "none", "都沒有登記": "none", "無登記": "none",
}  # fmt: skip


@cache
def _registrations() -> dict[str, str]:
    """:data:`_REGISTRATIONS` as the normalised question reads them (干焦 is 乾焦 there)."""
    return {normalize(word): value for word, value in _REGISTRATIONS.items()}


@cache
def _registration_pattern() -> re.Pattern[str]:
    return re.compile("|".join(sorted(_registrations(), key=len, reverse=True)))


_FORMAL_COMPANY = re.compile(r"本公司|敝公司")
"""The formal names a company gives itself."""


_OWN_CLAUSE_AFTER = re.compile(r"(?:登記|組織)?\s*(?:[，。；、,;)]|$|\d|[一二兩三四五六七八九十])")
"""After a registration word that is a clause of its own (…咖啡店，行號登記，員工12人)."""
_SELF_COMPANY = re.compile(
    r"(?:我們|阮|我)(?:是|為)[^，。？！；,.?!;]{0,20}?公司(?!登記)|(?:我們|我司|阮)(?:的)?公司(?!登記)"
    r"|\b(?:we are|we're|i run|we run|our) (?:a |an )?[a-z0-9 /&(,-]{0,40}?\bcompany\b"
)
"""我們是貿易公司, 我們公司, "we are a startup company": a firm that calls itself 公司 is one,
unless it names another registration (我們公司是行號: 行號 is read and wins). 公司 means a
registered company in Taiwan's law and in every held-out set's reading; 我們公司 was once left
unread as "said of any firm", and five writers in a row expected a company."""


_COMPANY_WORD = re.compile(r"公司(?!登記)|\bcompany\b(?! registration)")
_NOT_A_COMPANY = re.compile(
    r"(?:不是|沒有|沒|無|毋是|未|非)(?:開|辦|成立|設立?)?\s*$|\b(?:not a|not an|no)\s*$"
)


def _a_company(text: str) -> re.Match[str] | None:
    """A firm's statement that names it a 公司 (有公司, 雲林的农场公司, 公司三個人): writers
    read every such firm as a registered company unless the statement denies it."""
    for clause in _statements(text):
        for match in _COMPANY_WORD.finditer(clause):
            if not _NOT_A_COMPANY.search(clause[: match.start()]):
                return match
    return None


_HAS_BEFORE = re.compile(r"(?:有|是|為|辦|辦了|登記為|登記是|登記成|屬於)$")
"""Before a registration word in a firm's statement: it has or is one (我們麵店有行號)."""


def _registration(text: str, found: _Found) -> None:
    firm = _describes_firm(text)
    for match in _registration_pattern().finditer(text):
        value = _registrations()[match.group()]
        clause = _clause_before(text, match.start())
        subject = _LEADING.fullmatch(clause.strip()) and _SUBJECT_AFTER.match(text, match.end())
        gap_ok = value == "none" and _SELF.search(clause)  # 我們沒有登記: the 沒 is the fact
        bare = clause.strip() in ("", "是", "為", "屬於", "登記是", "登記為", "有", "已", "已經")
        alone = firm and bare and _OWN_CLAUSE_AFTER.match(text, match.end())
        has = firm and _HAS_BEFORE.search(clause) and not _NEGATION.search(clause)
        if subject or gap_ok or alone or has or _self_described(text, match.start(), match.end()):
            found.add("registration_type", value, match.group())
    company = _FORMAL_COMPANY.search(text) or _SELF_COMPANY.search(text)
    company = company or (_a_company(text) if set(found.values) - {"year"} else None)
    said = [value for value, _ in found.values.get("registration_type", [])]
    if company and all(value == "company" for value in said):  # its words are read too
        found.add("registration_type", "company", company.group())


# Phrases (phrases.yaml) -----------------------------------------------------------------

PHRASES = Path(__file__).with_name("phrases.yaml")
_NEGATION = re.compile(
    r"(?<!有)(?:未曾|不曾|從未|沒有|沒|無|未|不是|非|不)(?:辦理|辦|申請|做|取得|去辦|天災|受)?$"
    r"|(?<!有)(?:還沒|沒有|未)(?:經過?|遇到|碰到|遇過|給|讓|向)[^，。？！,.?!;；但有是]{0,6}$"
    r"|\b(?:no|without|not|isn't|aren't|not yet|never)\s+$"
)
"""A negation right before a phrase: 沒有辦出進口廠商登記 and 沒有天災延期繳稅 say the firm has
none; 有沒有 asks, it does not deny."""
_FILLER = r"(?:了|有|是|為|約|大約|大概|差不多|將近|總共|一共|共|只有|僅|占|佔|\s)*"
"""Words between a phrase and its number: 研發支出大概200萬, 總共多了60萬."""
_PHRASE_NUMBER = (
    rf"(?P<num>(?:nt\$|ntd|新臺幣|臺幣|\$)?\s*(?:\d[\d,]*(?:\.\d+)?\s*(?:[千百萬億]\d?|k(?!w))*"
    rf"(?:\s*(?P<scale>million|billion|thousand)\b)?|[{_CN}]+))"
    r"\s*(?P<unit>元|塊|個人|人|個|位|名|瓩|千瓦|kw|度|台|臺|%|成)?"
)
_SHARE_UNITS = {"%": 100, "成": 10}
"""A number (with NT$ before money) and its unit: 500萬元, 45個, 150 kW, 30%; an English
scale (NT$2 million) is read here."""


@cache
def _phrases() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(PHRASES.read_text(encoding="utf-8"))
    for entry in data["flags"]:
        entry["words"] = sorted((normalize(str(w)) for w in entry["words"]), key=len, reverse=True)
    data["together"] += _option_entries()
    for entry in data["together"]:
        entry["all"] = [[normalize(str(w)) for w in group] for group in entry["all"]]
        entry["none"] = [normalize(str(w)) for w in entry.get("none", [])]
    for entry in data["named"]:
        entry["words"] = [normalize(str(w)) for w in entry["words"]]
    for entry in data["amounts"]:
        for key in ("before", "after", "context"):
            entry[key] = [normalize(str(w)) for w in entry.get(key, [])]
        patterns = [rf"{_word(w)}{_FILLER}{_PHRASE_NUMBER}" for w in entry["before"]]
        patterns += [rf"{_PHRASE_NUMBER}\s*{_word(w)}" for w in entry["after"]]
        entry["patterns"] = [re.compile(p) for p in patterns]
    return data


_OPTION_FIELDS = ("special_products", "transformation_activities")
_PLAIN_LABEL = re.compile(r"(?!導入|參與|建置|其他|各類)[\u4e00-\u9fff]{2,6}")
"""An option's label that is itself the word for it (物聯網, 雲端, 袋包), not a phrase about
it (導入ERP系統, 其他數位化作為) nor one with a note (加工食品（供人食用…）)."""


def _option_entries() -> list[dict[str, Any]]:
    """``together`` entries from the profile questions' own options: a firm that says it has
    or does one (有導入車隊管理的物聯網系統, 已導入雲端系統) in a statement has that option."""
    return [
        {"all": [[label]], "set": {name: [option]}}
        for name in _OPTION_FIELDS
        for option, label in question_texts()[name]["options"].items()
        if _PLAIN_LABEL.fullmatch(label)
    ]


def _word(word: str) -> str:
    """``word`` as a pattern: English as whole words."""
    return rf"\b{re.escape(word)}\b" if word.isascii() else re.escape(word)


@cache
def _word_pattern(word: str) -> re.Pattern[str]:
    """:func:`_word`, compiled once: the phrase lists hold more words than ``re``'s own cache
    (512 patterns), which recompiled them for every question."""
    return re.compile(_word(word))


def _flags(text: str, found: _Found) -> None:
    taken: list[tuple[int, int]] = []
    for entry in _phrases()["flags"]:
        for word in entry["words"]:
            for match in _word_pattern(word).finditer(text):
                if any(a < match.end() and match.start() < b for a, b in taken):
                    continue
                taken.append(match.span())
                negated = _NEGATION.search(text[max(0, match.start() - 12) : match.start()])
                for name, value in entry["set"].items():
                    if negated and isinstance(value, bool):
                        found.add(name, False, match.group())
                    elif not negated:
                        found.add(name, value, match.group())
                for name, value in entry.get("implies", {}).items():
                    if not negated:
                        found.add(name, value, match.group())


def _together(text: str, found: _Found) -> None:
    """Facts said by words that go together in one statement of the firm (phrases.yaml
    ``together``): 自己有品牌 · 有家己的品牌 · 商標嘛有註冊 · 已經上興櫃了. A program's name
    (品牌輔導, :func:`_program_names`) is no such word, and a clause that asks
    (品牌輔導要有自己的品牌嗎) states nothing."""
    for clause in _statements(text):
        for entry in _phrases()["together"]:
            if any(_find(clause, w) for w in entry.get("none", [])):
                continue
            places = [[m for w in group for m in _find(clause, w)] for group in entry["all"]]
            if not all(places):
                continue
            negated = any(
                _NEGATION.search(clause[max(0, m.start() - 12) : m.start()])
                for group in places
                for m in group
            )
            for name, value in entry["set"].items():
                if negated and isinstance(value, bool):
                    found.add(name, False, clause.strip())
                elif not negated:
                    found.add(name, value, clause.strip())


def _statements(text: str) -> list[str]:
    """The clauses of ``text`` that ask nothing, the programs' names blanked out: what the
    question states of the firm."""
    clauses = _CLAUSE.split(_without_program_names(text))
    return [c for c in clauses if c.strip() and not QUESTION_WORDS.search(c)]


def _without_program_names(text: str) -> str:
    """``text`` with the programs' names (:func:`_program_names`) blanked out."""
    for word in _program_names():
        text = text.replace(word, " " * len(word))
    return text


@cache
def _program_names() -> tuple[str, ...]:
    """The words that name a program, but for those that are words of ``together`` too
    (品牌 names the brand programme, and a firm's brand)."""
    words = {w for entry in _phrases()["together"] for group in entry["all"] for w in group}
    return tuple(w for w in program_words() if w not in words)


def _find(text: str, word: str) -> list[re.Match[str]]:
    return list(_word_pattern(word).finditer(text))


def _amounts(text: str, found: _Found) -> None:
    taken: set[int] = set()
    for entry in _phrases()["amounts"]:
        if entry["context"] and not any(w in text for w in entry["context"]):
            continue
        name = entry["field"]
        for pattern in entry["patterns"]:
            for match in pattern.finditer(text):
                if match.start("num") in taken or _AGE_OR_MORE.match(text, match.end("num")):
                    continue  # 增僱二十二歲之…: an age, or a number cut short
                taken.add(match.start("num"))
                try:
                    value = _phrase_value(match, name)
                except NumberError:
                    found.ambiguous.append((name, match.group().strip()))
                    continue
                found.add(name, value, match.group().strip())


_AGE_OR_MORE = re.compile(rf"[\d{_CN}]|\s*歲")


def _phrase_value(match: re.Match[str], name: str) -> int | float:
    """The number of a phrase, in the field's unit (NT$2 million → 2,000,000)."""
    number = match.group("num")
    scale = match.group("scale")
    if scale:
        digits = re.search(r"\d[\d,]*(?:\.\d+)?", number)
        exact = Decimal(digits.group().replace(",", "")) * _SCALES[scale] if digits else None
        if exact is None or exact != exact.to_integral_value():
            raise NumberError("無法讀取", "not a whole amount")
        return int(exact)
    unit = match.group("unit") or ""
    if is_share(name):  # 30% → 0.3, 4成 → 0.4; a share is never read without its unit
        if unit not in _SHARE_UNITS:
            raise NumberError("比例須有 % 或「成」", "a share needs % or 成")
        return float(Decimal(str(read_number(number))) / _SHARE_UNITS[unit])
    units = units_for(name)
    if unit in ("瓩", "千瓦", "kw", "度", "%") and unit not in units:
        raise NumberError(f"單位不符：{unit}", f"wrong unit: {unit}")
    return read_number(number, units=units, whole=not units & {"瓩", "度"})


# Overseas regions ------------------------------------------------------------------------

_MARKETS = (
    "美國", "加拿大", "歐洲", "德國", "英國", "法國", "義大利", "荷蘭", "日本", "韓國", "中國",
    "大陸", "香港", "澳門", "東南亞", "越南", "泰國", "馬來西亞", "新加坡", "印尼", "菲律賓",
    "印度", "中東", "澳洲", "紐西蘭", "非洲", "中南美", "南美", "拉丁美洲", "墨西哥",
)  # fmt: skip
"""Markets a firm names where it sells or has a base (a region each)."""
_ONE_REGION = dict.fromkeys(("中國", "大陸", "香港", "澳門"), "大陸")
"""Hong Kong, Macau and mainland China count as one region (rules/questions.yaml
overseas_regions)."""
_SELLS_ABROAD = re.compile(r"客戶|外銷|出口到|銷往|賣到|據點|分公司|市場在|海外只有賣|海外有賣")


def _regions(text: str, found: _Found) -> None:
    """客戶在歐洲跟美國 · 主要外銷日本跟美國: the markets named in a clause that says the firm
    sells or has a base there, counted (``overseas_regions``), unless the clause gives the
    count itself (read by ``_amounts``)."""
    counted = found.values.get("overseas_regions", [])
    for clause in re.split(r"[，。？！；,.?!;]", text):
        if not _SELLS_ABROAD.search(clause):
            continue
        said = [count for count, span in counted if span in clause]
        named = {_ONE_REGION.get(m, m) for m in _MARKETS if m in clause}
        if said or named:  # 外銷歐美及東南亞三個地區: the count said is the count
            found.add("overseas_regions", said[0] if said else len(named), clause.strip())


# New hires of an age (增僱) -------------------------------------------------------------

_HIRES = re.compile(
    rf"(?:請|聘|僱|用|找|招)了?\s*(?P<num>{_NUM})\s*(?:個|位|名)\s*(?P<age>{_NUM})\s*歲"
    r"(?P<bound>以上|以下)?"
)
"""請了3個23歲的新人 · 多請了一位70歲的老師傅 · 請了3個65歲以上的阿伯."""
_HIRES_AGE_FIRST = re.compile(
    rf"(?:增僱|增聘|新僱|新聘|新請)了?\s*(?P<age>{_NUM})\s*歲(?P<bound>以上|以下)?(?:之|的)?"
    rf"[^，。,;；\d{_CN}歲]{{0,10}}?(?P<num>{_NUM})\s*(?:個|位|名|人)"
)
"""增僱六十五歲以上基層員工四名: the age first, the count after."""


_HIRES_EN = re.compile(
    r"\bhired (?P<num>\d+|one|two|three|four|five|six|seven|eight|nine|ten) (?:new )?"
    r"(?:(?P<age>\d+)-year-olds?|(?:people|workers|employees|staff) aged (?P<aged>\d+))"
)
"""hired three 22-year-olds · hired 2 workers aged 66."""
_EN_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
}  # fmt: skip


def _hires(text: str, on: datetime.date, found: _Found) -> None:
    """New hires of an age: counted toward 增僱員工 when the age is within the rule's
    bounds on ``on`` (24 or under, 65 or over); another age is named but not read."""
    params = load_parameters()
    young = params["tax.hiring_young_max_age"].at(on)
    senior = params["tax.hiring_senior_min_age"].at(on)
    for match in [
        *_HIRES.finditer(text),
        *_HIRES_AGE_FIRST.finditer(text),
        *_HIRES_EN.finditer(text),
    ]:
        span = match.group().strip()
        groups = match.groupdict()
        try:
            count = _EN_NUMBERS.get(groups["num"]) or int(read_number(groups["num"], whole=True))
            age = int(read_number(groups.get("age") or groups["aged"], whole=True))
        except NumberError:
            found.ambiguous.append(("new_young_senior_hires", span))
            continue
        bound = groups.get("bound")
        qualifies = (age >= senior and bound != "以下") or (age <= young and bound != "以上")
        if young is None or senior is None or not qualifies:
            found.ambiguous.append(("new_young_senior_hires", span))
        else:
            found.add("new_young_senior_hires", count, span)


# Year ------------------------------------------------------------------------------------

_YEAR = re.compile(
    r"民國\s*(?P<roc>\d{2,3})\s*年|(?<![\d.])(?P<roc3>1\d\d)\s*年(?!代)"
    r"|(?<![\d.])(?P<ad>(?:19|20)\d\d)\s*年|\b(?:in|for|during|year)\s+(?P<en>20\d\d)\b"
    r"|(?P<rel>今年|明年|去年|後年|前年|this year|next year|last year)"
)
_RELATIVE = {"今年": 0, "明年": 1, "去年": -1, "後年": 2, "前年": -2}
_RELATIVE |= {"this year": 0, "next year": 1, "last year": -1}
_REVENUE_AFTER = re.compile(r"(?:的|度)?\s*(?:營業額|營收|營業收入|銷售額)")


def _year(text: str, on: datetime.date, found: _Found) -> None:
    for match in _YEAR.finditer(text):
        if match.group("rel"):
            if _REVENUE_AFTER.match(text, match.end()):
                continue  # 去年營業額: the revenue's year, not the question's
            year = on.year + _RELATIVE[match.group("rel")]
        elif match.group("roc") or match.group("roc3"):
            year = int(match.group("roc") or match.group("roc3")) + 1911
        else:
            year = int(match.group("ad") or match.group("en"))
        found.add("year", year, match.group())


# The whole -------------------------------------------------------------------------------


_FOR_A_CLIENT = re.compile(
    r"客戶問|幫客戶|替客戶|代客戶|客戶委託|我的客戶|事務所客戶|事務所的客戶|(?:記帳士|會計師|代書)[^。？?]{0,4}客戶"
    r"|幫我(?:媽|爸|老公|老婆|先生|太太|家人|朋友|老闆)[^，。,]{0,3}問"
    r"|\bmy client\b|\bfor a client\b"
)
_CLIENT = re.compile(r"(?:他們|她們|他|她|客戶|對方)(?=是|為|在|有|的|做|開|家|那邊)")
"""The client, in a question asked for one (他是花蓮的民宿, 他們在台中): the firm the
question is about, read as if it spoke (我們是花蓮的民宿)."""
_ASKER = re.compile(r"(?:我是|我們是|i'm an?|i am an?)[^，。,.;；:：]{0,12}")
"""我是記帳的，幫客戶問一下 · "I'm an accountant. My client is …": the asker's own trade is
not the firm's."""


_HEADLINE_END = re.compile(rf"(?:{_SUFFIX_WORDS}|民宿|露營區|農場|魚塭)$")


def _as_said_by_the_firm(text: str) -> str:
    """A question that opens with the firm as a headline (「新北市保險代理人公司，員工10人，得否
    申請…」, 「南投民宿，6個員工」, 「台南手搖飲」) read as if the firm said it (我們是…)."""
    clause = _opening(text)
    return text if _SELF.search(text) or not _a_headline(clause) else "我們是" + text


_PLACE_ALONE = re.compile(r"(?:的|市|縣)?")


def _opening(text: str) -> str:
    """The question's first clause, or its second when the first names only a place (typed
    on a phone: 「台中 連鎖超市 門市換冷氣」 reads 臺中,連鎖超市,…)."""
    first, *rest = _CLAUSE.split(text, maxsplit=2)
    place = _county_pattern().match(first) or _district_pattern().match(first)
    alone = place and _PLACE_ALONE.fullmatch(first, place.end())
    return rest[0] if rest and alone else first


def _a_headline(clause: str) -> bool:
    """Whether an opening clause names the asking firm: it asks nothing, states no size bound,
    does not open with what some firm does and names no program; it ends with a kind of firm
    (公司, 工廠, 民宿 …), or is short, says no deed and ends with a trade word or 的 after one
    (雲林種菇的; 只在國外設一個發貨倉庫 is a deed)."""
    if QUESTION_WORDS.search(clause) or _ANY.search(clause) or _DOES.match(clause):
        return False
    if _inside_program_name(clause):
        return False
    if _HEADLINE_END.search(clause):
        return len(clause) <= 20
    if len(clause) > 12 or _ACTS.search(clause):
        return False
    trades = list(_trade_pattern().finditer(clause))
    return bool(trades) and (trades[-1].end() == len(clause) or clause.endswith("的"))


_ACTS = re.compile(r"有|設|想|要|欲|會|可|只")
"""Inside a short clause these say what is done (有做研發, 設一個倉庫), not which firm."""
_ANY = re.compile(r"以下|以內|以上|未滿|超過|不到|之")
"""30人以下的公司, 資本額一億以上之企業: any firm of a size, not the asking one."""
_DOES = re.compile(r"有|想|欲|要|聽說|僱用|雇用|請|在|幫|若|如果|像")
"""A clause that opens with one of these says what some firm does (有幫員工加薪的公司 …), not
which firm asks."""


def _inside_program_name(clause: str) -> bool:
    return any(word in clause for word in program_words() if len(word) >= 3)


_PERCENT = re.compile(rf"百分之\s*([\d.]+|[{_CN}]+)")
"""百分之三十五: a share (35%), never an amount of 百 (營收占總營收百分之三十五)."""


def _percent(match: re.Match[str]) -> str:
    try:
        return f"{read_number(match.group(1)):g}%"
    except NumberError:
        return match.group()


def facts_in(question: str, on: datetime.date) -> Facts:
    """The facts ``question`` states about the firm it is about (see the module's
    docstring); ``on`` is the date asked on, for 今年 and 明年."""
    if len(question) > MAX_QUESTION:
        return Facts(problems=[f"問題超過 {MAX_QUESTION} 字，未讀取 (question too long)"])
    text = read_question(question)
    if _FOR_A_CLIENT.search(text):
        text = _ASKER.sub(lambda m: " " * len(m.group()), text, count=1)
        text = _CLIENT.sub("我們", text)
    text = _PERCENT.sub(_percent, text)
    text = _as_said_by_the_firm(text)
    found = _Found()
    readers = (
        _employees, _money, _county, _industry, _registration, _flags, _together, _amounts,
        _regions,
    )  # fmt: skip
    for reader in readers:
        reader(text, found)
    _hires(text, on, found)
    _year(text, on, found)
    profile: dict[str, Any] = {}
    spans: list[tuple[str, str]] = []
    problems: list[str] = []
    year: int | None = None
    for name, readings in found.values.items():
        values = [v for i, (v, _) in enumerate(readings) if v not in [w for w, _ in readings[:i]]]
        if name in LIST_FIELDS:  # 烘焙 and 毛巾: both products
            values = [list(dict.fromkeys(item for value in values for item in value))]
        if len(values) > 1:
            found.ambiguous += [(name, span) for _, span in readings]
            continue
        if name == "year":
            year = values[0]
            continue
        try:
            parse_profile({name: values[0]})
        except ProfileError as error:
            problems += [str(e) for e in error.errors]
            continue
        profile[name] = values[0]
        spans.append((name, readings[0][1]))
    read = [span for readings in found.values.values() for _, span in readings]
    read += [span for _, span in found.ambiguous] + found.bounds
    return Facts(
        profile,
        spans,
        year,
        list(dict.fromkeys(found.ambiguous)),
        problems,
        list(dict.fromkeys(found.conditions)),
        unread(text, read) + named_unread(text, profile) + unread_trade(text, read, profile),
        list(dict.fromkeys(read)),
    )


# What was not read -----------------------------------------------------------------------

_QUANTITY = re.compile(
    r"(?<![第\d.,a-z])(?P<num>\d[\d,]*(?:\.\d+)?\s*[千百萬億]*|[二兩三四五六七八九十百千萬億]+)"
    r"\s*(?P<unit>個人|個|位|名|人|元|塊|台|臺|部|家|間|歲|瓩|kw|度|公斤|公升|萬|億|千|場|項|次)?"
)
"""A quantity: digits with or without a unit, or Chinese numerals with one (一 alone is left
out: 一家公司, 一個人 ask about any one firm or person)."""
_NOT_A_QUANTITY = re.compile(
    r"\s*(?:年|月|日|號|點|%|趴|成|倍|天|週(?!轉)|小時|分|條|梯|g\b|級)"
    r"|\s*(?:台|臺|部)?(?:舊的|新的|舊|新)?(?:冷氣|空調|冰箱|冷凍櫃|冷藏櫃|電腦|機器|機台|設備|貨車|車|烤箱|燈|熱水器|瓦斯爐)"
)
"""After these a number is a date, a time, a rate or a name (115年, 12月, 200%, 5G, 一級), or
counts things bought (換兩臺冷氣), not the firm."""


_QUOTED = re.compile(r"(?:上限|最高|最多|每人|每家|每案|補助|是|要到|達到)\s*(?:nt\$|新臺幣)?\s*$")
_LIMIT_AFTER = re.compile(r"\s*(?:的)?(?:限制|上限|門檻)")
"""After a number these name a rule's bound (不受30人限制), not a fact."""
"""Before a number, these quote a rule's value back (每人上限1萬, 上限是30萬嗎): not a fact."""


def named_unread(text: str, profile: dict[str, Any]) -> list[str]:
    """The words of the firm's statements that name a field no reader took (phrases.yaml
    ``named``): 有行號登記 in a wording no phrase holds leaves the registration unknown, and a
    screening without it can call the firm eligible for what it is not. A program's name
    (品牌輔導) names no fact of the firm."""
    statements = "，".join(_statements(text))
    found = []
    for entry in _phrases()["named"]:
        if any(name in profile for name in entry["fields"]):
            continue
        found += [w for w in entry["words"] if _find(statements, w)][:1]
    return found


_HAN = r"[\u4e00-\u9fff]"
_TRADE_VERB = re.compile(
    rf"(?:做|賣|從事|製造|製作|生產|養|種|經營|販售|批發|加工|開)(?:的是|是)?(?P<head>{_HAN}{{2,8}})"
)
"""做保養品的, 從事檢驗服務, 製造豆腐: a deed that names a trade."""
_TRADE_VERB_ONE = re.compile(rf"(?:種|養|掠|做|賣|飼)(?P<head>{_HAN})(?:的|$|\s)")
"""種菇的, 阮佇南投做茶, 掠魚: a one-character trade after its verb, ending the phrase."""
_TRADE_KIND = re.compile(
    rf"(?P<head>{_HAN}{{2,8}}?)(?:工作室|事務所|工廠|工場|業者|公司|診所|中心|店|廠|坊|館|行|場|舖)"
    r"(?!號|銷|政|程|登|記|業|的)"
)
"""搬家公司, 旅行業者, 家庭工廠: a trade before the kind of firm (not 行號, 行銷, 市場的)."""
_NOT_A_TRADE_END = re.compile(r"(?:銀|市|現|賣|工|機)$")
"""Before 行 or 場 these make another word: 銀行, 市場, 現場, 賣場, 工廠, 機場."""
_GENERIC_HEAD = re.compile(
    r"^(?:的|之|小|我們|阮|本|敝|這|那|一|新創|有限|股份|上市|上櫃|興櫃|陸資|外資|境外|台灣|臺灣"
    r"|國內|個人|家|間|是|為|開|有|只有|沒有|無|毋是|不是|大|中小|微型|傳統|一般|自己|我|咱|佇|在"
    r"|規|整|全|每|各)+"
)
"""Words before a kind of firm that say which firm, not which trade (我們的小工廠, 規間公司)."""
_WHICH_FIRM = re.compile(r"[的之]|我們|阮|咱|本|敝")
"""In 台東的小米酒公司 or 來幫我們工廠 the trade is what follows the last of these."""
_TRADE_EN = re.compile(
    r"\b(?:a|an|our|my)\s+(?P<head>(?:[a-z&/-]+\s+){1,4}?)(?:firm|company|maker|manufacturer"
    r"|shop|store|business|centre|center|agency|studio|factory|workshop|farm|clinic)\b"
)
_GENERIC_EN = re.compile(
    r"^(?:(?:\d+-person|\d+-staff|small|tiny|little|family|local|new|startup|registered|limited"
    r"|taiwanese|young|big|large|medium|sized|small-sized|one|two|three|sole|proprietorship"
    r"|trading)\s+)*$"
)
"""Words before "company" that say which firm, not which trade ("a small family company")."""


def unread_trade(text: str, read: list[str], profile: dict[str, Any]) -> list[str]:
    """The trade a firm's statements name when no industry was read (做茶, 搬家公司, 從事檢驗
    服務, "a management consulting company"): a screening without it may call the firm
    eligible for a measure its trade is not for. A word the rules use besides their trade
    words (數位, 節能: 做數位轉型) names no trade."""
    if "industry" in profile or not _describes_firm(text):
        return []
    text = blanked(text, [p for p in read if not _COMPANY_WORD.fullmatch(p)])  # 公司 stays
    for clause in _statements(text):
        if match := _TRADE_VERB_ONE.search(clause):
            return [match.group()]
        english = _TRADE_EN.search(clause)
        if english and not _GENERIC_EN.match(english.group("head")):
            return [english.group()]
        for match in [*_TRADE_VERB.finditer(clause), *_TRADE_KIND.finditer(clause)]:
            verb, head = clause[match.start() : match.start("head")], match.group("head")
            kind = clause[match.end("head") : match.end()]
            if kind and _NOT_A_TRADE_END.search(head):
                continue
            head = _GENERIC_HEAD.sub("", head)
            head = _WHICH_FIRM.split(head)[-1] if kind else head.split("的")[0]
            if len(head) >= 2 and head[:2] not in rules_text(trades=False):
                return [verb + head + kind]
    return []


def unread(text: str, read: list[str]) -> list[str]:
    """The quantities in ``text`` outside every piece ``read`` (24歲以下 and 30人以下 are
    bounds a rule states, not facts; a quantity after 第 is an ordinal)."""
    covered = [
        (m.start(), m.end()) for piece in read if piece for m in re.finditer(re.escape(piece), text)
    ]
    found = []
    for match in _QUANTITY.finditer(text):
        number, unit = match.group("num"), match.group("unit")
        if not unit and not number[0].isdigit() and not re.search(r"[萬億]", number):
            continue  # 十足, 三星: numerals in words; 五十萬 is an amount
        after = match.end()
        if any(p.match(text, after) for p in (_NOT_A_QUANTITY, _BOUND_AFTER, _LIMIT_AFTER)):
            continue
        if any(a <= match.start() and match.end("num") <= b for a, b in covered):
            continue
        if _QUOTED.search(text[max(0, match.start() - 4) : match.start()]):
            continue
        found.append(match.group().strip())
    return found
