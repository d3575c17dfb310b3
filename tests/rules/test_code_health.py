"""Code health over the rule data: references, sources, contacts, no dead parameters."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from smewindow.formatting import PLACEHOLDER, benefit_summary
from smewindow.rules import PROGRAMS, carbon, carbon_comparison, energy, screen, segments
from smewindow.rules.engine import RULES_VERSION, SCREENING_FROM, program_summary
from smewindow.rules.interview import question_texts, topic_texts
from smewindow.rules.logic import Expr, Param
from smewindow.rules.model import MONEY_KINDS, Program
from smewindow.rules.parameters import ParameterFileError, load_parameter_text, load_parameters
from smewindow.rules.sources import source_title
from smewindow.rules.texts import fill
from smewindow.rules.verification import verified_days
from smewindow.rules.windows import ROUND_KEYS

SPEC_PROGRAM_IDS = (
    "sme-elearning",
    "sme-ai-platform",
    "ai-readiness-diagnosis",
    "digital-training-subsidy",
    "cloud-market-digital-points",
    "cloud-market-ai-points",
    "livelihood-industry-transformation",
    "ai-talent-and-application",
    "brand-counseling",
    "service-ai-talent",
    "carbon-reduction-service",
    "esco-energy-saving",
    "power-equipment-subsidy",
    "service-energy-equipment-subsidy",
    "circular-netzero-diagnosis",
    "iopen-mall-local-gifts",
    "taiwan-select",
    "taiwan-excellence",
    "overseas-channel-subsidy",
    "overseas-exhibition-subsidy",
    "local-specialty-channel",
    "transformation-loan",
    "rd-investment-credit",
    "ip-equity-tax-deferral",
    "youth-senior-hiring-deduction",
    "wage-raise-deduction",
    "wage-raise-extra-guarantee",
    "financing-counseling",
    "sme-investment",
    "financial-capability",
)
"""The program ids of shared/spec/programs.md, in its order, copied here so that a clone of
this repository alone runs its tests (the spec never renames or removes an id)."""


def _params_in(expr: Expr) -> set[str]:
    found = {expr.name} if isinstance(expr, Param) else set()
    for child in expr.children():
        found |= _params_in(child)
    return found


def _params_by_program() -> dict[str, set[str]]:
    used: dict[str, set[str]] = {}
    for program in PROGRAMS:
        exprs: list[Expr] = [c.test for c in program.criteria]
        exprs += [*program.benefit.detail.values(), *program.benefit.money_detail.values()]
        exprs += [e for e in (program.benefit.amount, program.benefit.max_amount) if e is not None]
        exprs += [w.track for w in program.windows if w.track is not None]
        names = {w.parameter for w in program.windows}
        for _, text in _program_texts(program):
            names |= set(PLACEHOLDER.findall(text))
        for expr in exprs:
            names |= _params_in(expr)
        used[program.id] = names
    return used


def _program_texts(program: Program) -> list[tuple[str, str]]:
    """The texts of a program a person reads that may state a parameter, by where they are."""
    texts = [
        (f"{program.id} {attr}", getattr(owner, attr))
        for owner, attrs in (
            (program, ("next_steps", "next_steps_en")),
            (program.benefit, ("summary", "summary_en")),
        )
        for attr in attrs
    ]
    for c in program.criteria:
        texts += [
            (f"{program.id} {c.id}.label", c.label),
            (f"{program.id} {c.id}.label_en", c.label_en),
        ]
    return texts


_QUESTION_KEYS = ("question", "why", "statement", "title")


def _question_texts() -> list[tuple[str, str]]:
    """The interview's texts (questions.yaml): questions, reasons, statements, topic titles and
    option labels, in Chinese and English, by where they are."""
    texts = []
    for name, entry in [*question_texts().items(), *topic_texts().items()]:
        for key, value in entry.items():
            if key.removesuffix("_en") in _QUESTION_KEYS:
                texts.append((f"{name}.{key}", value))
            elif key.startswith("options"):
                texts += [(f"{name}.{key}.{o}", label) for o, label in value.items()]
    return texts


def _user_texts() -> list[tuple[str, str]]:
    return [t for p in PROGRAMS for t in _program_texts(p)] + _question_texts()


def test_program_ids_are_the_specs_in_its_order() -> None:
    assert tuple(p.id for p in PROGRAMS) == SPEC_PROGRAM_IDS


def test_every_program_has_a_source_contact_url_and_next_steps() -> None:
    for program in PROGRAMS:
        assert program.source.startswith("seed: "), program.id
        assert program.contact and program.next_steps, program.id
        assert program.url.startswith("https://"), program.id


def test_every_criterion_cites_the_seed_or_an_official_url() -> None:
    for program in PROGRAMS:
        for criterion in program.criteria:
            assert criterion.source.startswith(("seed: ", "https://")), (program.id, criterion.id)
            assert re.fullmatch(r"[a-z0-9_]+", criterion.id), criterion.id
            assert criterion.label and not criterion.label.isascii(), criterion.id


# English texts: the site's second language. A text passes when it is not blank, has English
# words outside parentheses, and has no CJK character (ideographs, CJK punctuation such as 、。「」,
# full-width forms such as （）；：) outside ASCII parentheses. Chinese may appear only inside
# "(...)", for the proper names a reader needs to find the right office or website, e.g.
# "SME and Startup Administration (中小及新創企業署)". Full-width （） are themselves CJK, so
# Chinese in them does not pass.
_CJK = re.compile(
    "[\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3100-\u312f\u3190-\u33ff"
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
    "\U00020000-\U0003ffff]"
)
_PARENTHESISED = re.compile(r"\([^()]*\)")


def english_problem(text: str) -> str | None:
    """Why ``text`` is not acceptable English for the site, or None when it is."""
    if not text.strip():
        return "empty"
    outside, previous = text, None
    while outside != previous:  # innermost parentheses first, so nesting is handled
        previous, outside = outside, _PARENTHESISED.sub("", outside)
    if _CJK.search(outside):
        return f"CJK outside parentheses: {_CJK.findall(outside)}"
    if not re.search(r"[A-Za-z]{2,}", outside):
        return "no English words outside parentheses"
    return None


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        ("SME and Startup Administration (中小及新創企業署) 02-2368-0816#221", True),
        ("Ms. Lin (林小姐) 04-23590112 #323; hotline (02)2567-3360", True),
        ("Digital-skills training subsidy (配套1.1 (seed))", True),
        ("", False),
        ("   ", False),
        ("中小及新創企業署", False),
        ("Contact 中企署 today", False),
        ("Contact the office（中企署）", False),
        ("Apply online；then wait", False),
        ("(中企署)", False),
    ],
)
def test_the_english_check(text: str, ok: bool) -> None:
    assert (english_problem(text) is None) is ok


def test_every_program_and_criterion_has_english_texts() -> None:
    problems = []
    for program in PROGRAMS:
        texts = {
            "name_en": program.name_en,
            "next_steps_en": program.next_steps_en,
            "contact_en": program.contact_en,
        }
        texts |= {f"{c.id}.label_en": c.label_en for c in program.criteria}
        for where, text in texts.items():
            problem = english_problem(text)
            if problem:
                problems.append(f"{program.id} {where}: {problem}")
    assert problems == []


def test_the_english_texts_are_in_the_outputs_beside_the_chinese() -> None:
    on = dt.date(2025, 6, 1)
    by_id = {p.id: p for p in PROGRAMS}
    for result in screen({}, on=on)["programs"]:
        program = by_id[result["id"]]
        assert result["next_steps_en"] == fill(program.next_steps_en, on, "en")
        assert result["contact_en"] == program.contact_en
        labels = {c.id: fill(c.label_en, on, "en") for c in program.criteria}
        assert {c["id"]: c["label_en"] for c in result["criteria"]} == labels
        keys = list(result)
        assert keys.index("next_steps_en") == keys.index("next_steps") + 1
        assert keys.index("contact_en") == keys.index("contact") + 1
        for criterion in result["criteria"]:
            keys = list(criterion)
            assert keys.index("label_en") == keys.index("label") + 1
    for program in PROGRAMS:
        summary = program_summary(program, on)
        assert summary["next_steps_en"] == fill(program.next_steps_en, on, "en")
        assert summary["contact_en"] == program.contact_en


def test_every_parameter_has_a_description_unit_and_reference() -> None:
    for param in load_parameters().values():
        assert param.description and param.unit, param.name
        assert param.references, param.name
        for ref in param.references:
            assert ref.seed or (ref.url and ref.url.startswith(("https://", "http://"))), param.name


def test_every_dated_value_names_its_own_source() -> None:
    """A parameter with one value may cite its sources as a whole; one with several names
    a source dated to each value, so a reader sees where each change came from."""
    for param in load_parameters().values():
        for on in param.dates:
            assert param.reference_on(on), (param.name, on)
            if len(param.dates) > 1:
                assert any(ref.date == on for ref in param.references), (param.name, on)


def test_reference_on_gives_the_sources_of_the_value_in_force() -> None:
    param = load_parameter_text(
        "test",
        "x: {description: d, unit: TWD, values: {2025-01-01: 1, 2026-01-01: 2}, reference: ["
        "{title: whole, seed: s}, {title: old, seed: s, date: 2025-01-01},"
        " {title: new, url: https://a.tw, date: 2026-01-01}]}",
    )["test.x"]
    titles = {on: [r.title for r in param.reference_on(on)] for on in param.dates}
    assert param.reference_on(dt.date(2024, 12, 31)) == ()
    assert titles == {dt.date(2025, 1, 1): ["whole", "old"], dt.date(2026, 1, 1): ["whole", "new"]}
    assert [r.title for r in param.reference_on(dt.date(2025, 12, 31))] == ["whole", "old"]
    # The package's own: the loan's interest subsidy cap, raised by the 2025 tariff package.
    cap = load_parameters()["loan.interest_subsidy_cap"]
    assert [r.cite() for r in cap.reference_on(dt.date(2025, 8, 6))] == [
        "seed: 配套1.2 補貼及保證措施"
    ]
    assert [r.cite() for r in cap.reference_on(dt.date(2025, 8, 7))] == [
        "https://udn.com/news/story/7238/8999019"
    ]


_LAW = "https://law.moj.gov.tw/LawClass/LawSingle.aspx?pcode=J0140001&flno="


def test_the_tax_incentives_cite_the_statute() -> None:
    by_id = {p.id: p for p in PROGRAMS}
    assert by_id["rd-investment-credit"].url == _LAW + "35"
    assert by_id["ip-equity-tax-deferral"].url == _LAW + "35-1"
    hiring = by_id["youth-senior-hiring-deduction"]
    assert hiring.url == _LAW + "36-2"
    assert {c.source for c in hiring.criteria if c.id == "hires_young_or_senior_staff"} == {
        _LAW + "36-2"
    }
    assert source_title(_LAW + "35-1") == ("中小企業發展條例第35條之1", _LAW + "35-1")
    params = load_parameters()
    for name in ("rd_credit_current_rate", "rd_credit_three_year_rate", "rd_credit_tax_cap_share"):
        assert [r.url for r in params[f"tax.{name}"].references] == [_LAW + "35"], name
    assert [r.url for r in params["tax.ip_deemed_cost_share"].references] == [_LAW + "35-1"]


def test_every_parameter_is_used_and_every_used_parameter_exists() -> None:
    used = set().union(*_params_by_program().values())
    used |= {name for _, text in _question_texts() for name in PLACEHOLDER.findall(text)}
    used |= segments.USED_PARAMETERS  # the desk's size classes (rules/segments.py)
    used |= carbon.USED_PARAMETERS  # the carbon estimate's factors (rules/carbon.py)
    used |= energy.USED_PARAMETERS  # what a saving is worth (rules/energy.py)
    used |= carbon_comparison.USED_PARAMETERS  # public figures to compare with
    declared = set(load_parameters())
    assert used - declared == set(), "programs name parameters that do not exist"
    assert declared - used == set(), "parameters no program uses"


def test_every_money_program_states_its_benefit_from_the_parameters() -> None:
    """Each money program's summary names its amounts as parameters, in both languages, and
    reads them for any date (a placeholder that names no parameter raises)."""
    for program in PROGRAMS:
        if program.benefit.kind not in MONEY_KINDS:
            continue
        zh, en = program.benefit.summary, program.benefit.summary_en
        assert zh and en, program.id
        assert set(PLACEHOLDER.findall(zh)) == set(PLACEHOLDER.findall(en)), program.id
        for on in (SCREENING_FROM, dt.date(2026, 12, 4)):
            for lang in ("zh", "en"):
                text = benefit_summary(program.benefit, on, lang)
                assert "{" not in text and not re.search(r"\d{5}", text), (program.id, text)


def test_criteria_parameters_have_values_from_the_first_screening_date() -> None:
    params = load_parameters()
    for program in PROGRAMS:
        for criterion in program.criteria:
            for name in _params_in(criterion.test):
                assert params[name].at(SCREENING_FROM) is not None, (program.id, name)


def test_window_rounds_have_only_known_keys_and_say_why_a_closing_is_no_deadline() -> None:
    for param in load_parameters().values():
        if param.unit != "window":
            continue
        for value in param.values:
            for round_ in value if isinstance(value, list) else [value]:
                if not isinstance(round_, dict):
                    assert round_ in ("ongoing", "unannounced"), param.name
                    continue
                assert set(round_) <= ROUND_KEYS, (param.name, sorted(round_))
                flag = round_.get("closes_is_deadline", True)
                assert flag is True or flag is False, param.name
                if flag is False:
                    assert round_.get("closes") and any(
                        "closes_is_deadline" in (ref.note or "") for ref in param.references
                    ), f"{param.name}: a closing that is no deadline needs a reference saying why"


def test_dated_values_are_in_order_and_never_repeat_a_date() -> None:
    for param in load_parameters().values():
        assert list(param.dates) == sorted(set(param.dates)), param.name
        assert all(isinstance(d, dt.date) for d in param.dates)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        (
            "x: {description: d, unit: TWD, reference: [{title: t, seed: s}], values: {2025-01-01: 1}, extra: 1}",
            "unknown keys",
        ),
        (
            "x: {unit: TWD, reference: [{title: t, seed: s}], values: {2025-01-01: 1}}",
            "needs a description",
        ),
        (
            "x: {description: d, unit: TWD, reference: [{title: t}], values: {2025-01-01: 1}}",
            "seed section or a url",
        ),
        (
            "x: {description: d, unit: pounds, reference: [{title: t, seed: s}], values: {2025-01-01: 1}}",
            "unit",
        ),
        (
            "x: {description: d, unit: TWD, reference: [{title: t, seed: s}], values: {soon: 1}}",
            "keyed by dates",
        ),
        (
            "x: {description: d, unit: TWD, reference: [t], values: {2025-01-01: 1}}",
            "needs a title",
        ),
        (
            "x: {description: d, unit: TWD, reference: [{title: t, seed: s, date: 2025-02-01}],"
            " values: {2025-01-01: 1}}",
            "reference date 2025-02-01 is not the date of one of its values",
        ),
        (
            "x: {description: d, unit: TWD, values: {2025-01-01: 1, 2026-01-01: 2},"
            " reference: [{title: t, seed: s, date: 2025-01-01}, {title: u, url: https://a.tw}]}",
            "each needs a reference dated to it; none for 2026-01-01",
        ),
        (
            "x: {description: d, unit: TWD, reference: [{title: t, seed: s, unconfirmed: yes?}],"
            " values: {2025-01-01: 1}}",
            "unconfirmed must be true or false",
        ),
    ],
)
def test_a_malformed_parameter_file_is_refused(text: str, problem: str) -> None:
    with pytest.raises(ParameterFileError, match=problem):
        load_parameter_text("test", text)


# Numbers in a user text that are names, not parameters: a standard's grade, a technology,
# a unit's definition, a worked example of how to type a share. Links are names too.
NAMED_NUMBERS = (
    "IE3",  # the IEC efficiency class of motors (power equipment subsidy)
    "Grade 1",  # 一級能效, the energy-efficiency label's grade, in English
    *(f"d值{d}" for d in (30, 25, 15, 5)),  # an air compressor's efficiency class (d value)
    *(f"d value {d}" for d in (30, 25, 15, 5)),
    "5G",  # a technology the firm may adopt (an option's name)
    "1點折抵新臺幣1元",  # what one point is worth: a definition, not an amount
    "1 point = NT$1",
    "（例如 25%）",  # how to type a share, not a threshold
    "(e.g. 25%)",
)
_LINK = re.compile(r"https?://\S+")


def digits_outside_placeholders(text: str) -> list[str]:
    """The numbers ``text`` states itself: digits outside ``{parameter}`` placeholders, links
    and the names of NAMED_NUMBERS."""
    bare = _LINK.sub("", PLACEHOLDER.sub("", text))
    for name in NAMED_NUMBERS:
        bare = bare.replace(name, "")
    return re.findall(r"\d+", bare)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("上限{loan.max_loan}，6個月", ["6"]),
        ("Up to NT$35 million", ["35"]),
        ("購置IE3以上，見 https://example.org/v2", []),
        ("{digital_training.min_hours} or more", []),
        ("民國115年6月30日前", ["115", "6", "30"]),
    ],
)
def test_the_digit_check(text: str, found: list[str]) -> None:
    assert digits_outside_placeholders(text) == found


def test_no_user_text_copies_a_number_a_parameter_states() -> None:
    """Labels, next steps, summaries and the interview's texts state every amount, count,
    rate and date from the parameters, so they read what is in force on the screening date."""
    problems = [
        f"{where}: {found}"
        for where, text in _user_texts()
        if (found := digits_outside_placeholders(text))
    ]
    assert problems == []


def test_every_placeholder_names_a_parameter_in_both_languages() -> None:
    """Each text and its English state the same parameters, and every one of them exists (an
    unknown name raises) and fills on the first screening date and later."""
    texts = dict(_user_texts())
    for where, text in texts.items():
        if where.endswith("_en") or ".options" in where:
            continue
        english = texts.get(f"{where}_en")
        if english is not None:
            assert set(PLACEHOLDER.findall(text)) == set(PLACEHOLDER.findall(english)), where
    for where, text in texts.items():
        for on in (SCREENING_FROM, dt.date(2026, 12, 4)):
            filled = fill(text, on, "en" if "_en" in where else "zh")
            assert "{" not in filled, (where, filled)


def test_a_text_reads_the_value_in_force_on_the_date() -> None:
    """The loan's interest subsidy covered the first NT$2.5M of a loan until the tariff
    support of 2025-08-07 raised it to NT$10M: the question's reason says so on each date."""
    from smewindow.rules.interview import question_for

    before = question_for("loan_amount", "zh", dt.date(2025, 8, 6)).why
    after = question_for("loan_amount", "zh", dt.date(2025, 8, 7)).why
    assert "前250萬元" in before and "前1,000萬元" in after
    assert "NT$10,000,000" in question_for("loan_amount", "en", dt.date(2025, 8, 7)).why
    result = screen({}, on=dt.date(2025, 8, 7))
    loan = next(p for p in result["programs"] if p["id"] == "transformation-loan")
    labels = {c["id"]: (c["label"], c["label_en"]) for c in loan["criteria"]}
    assert labels["loan_within_maximum"] == (
        "申貸金額在每一申貸事業上限3,500萬元以內（超過部分不予貸放）",
        "The loan is within the cap of NT$35,000,000 per borrowing business (any amount above"
        " the cap is not lent)",
    )


def test_every_program_says_when_its_facts_were_last_verified() -> None:
    days = verified_days()
    assert set(days) == {p.id for p in PROGRAMS}
    rules_year = int(RULES_VERSION[:4])
    assert all(day >= SCREENING_FROM and day.year <= rules_year for day in days.values())
    on = dt.date(2026, 12, 4)
    for program in screen({}, on=on)["programs"]:
        assert program["last_verified"] == days[program["id"]].isoformat()
    for program in PROGRAMS:
        assert program_summary(program, on)["last_verified"] == days[program.id].isoformat()
