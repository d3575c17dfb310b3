"""The facts a question states about a firm (smewindow.ask.facts): pure, no DB."""

from __future__ import annotations

import datetime
import time
from typing import Any

import pytest

from smewindow.ask.facts import MAX_QUESTION, Facts, facts_in

ON = datetime.date(2025, 9, 1)


def read(question: str) -> Facts:
    return facts_in(question, ON)


@pytest.mark.parametrize(
    ("question", "employees"),
    [
        ("我們8個人的烘焙坊可以申請培訓補助嗎？", 8),
        ("員工8人", 8),
        ("員工有8個", 8),
        ("我們公司有八位員工", 8),
        ("八位員工的小公司", 8),
        ("我們8人", 8),
        ("我們公司員工數是12", 12),
        ("員工人數：２５人", 25),
        ("我们有8个人", 8),
        ("员工8人的面包店", 8),
        ("８名員工", 8),
        ("30人的工廠要怎麼申請", 30),
        ("我們有兩百人", 200),
        ("員工大約20人", 20),
        ("We have 8 employees", 8),
        ("a team of 8", 8),
        ("we employ 12 full-time staff", 12),
    ],
)
def test_employees(question: str, employees: int) -> None:
    facts = read(question)
    assert facts.profile["employees"] == employees
    assert facts.spans[0][0] == "employees"


@pytest.mark.parametrize(
    "question",
    [
        "我們十幾個人",
        "員工十多人",
        "我們8到10人",
        "員工大概二三十人",
        "我們有幾十個員工",
        "員工8~10人",
    ],
)
def test_a_range_is_no_head_count(question: str) -> None:
    facts = read(question)
    assert "employees" not in facts.profile
    assert [f for f, _ in facts.ambiguous] == ["employees"]


@pytest.mark.parametrize(
    ("question", "condition"),
    [
        ("30人以下的公司可以申請嗎", ("employees", "<=", 30)),
        ("未滿30人可以貸款嗎", ("employees", "<", 30)),
        ("超過200人還算中小企業嗎", ("employees", ">", 200)),
        ("員工30人以上", ("employees", ">=", 30)),
        ("營業額1億以下", ("annual_revenue", "<=", 100_000_000)),
        ("我們營業額超過3000萬", ("annual_revenue", ">", 30_000_000)),
        ("資本額未滿8000萬", ("paid_in_capital", "<", 80_000_000)),
        ("firms with fewer than 30 employees", ("employees", "<", 30)),
        ("30 or fewer employees", ("employees", "<=", 30)),
        ("revenue under NT$100 million", ("annual_revenue", "<", 100_000_000)),
    ],
)
def test_a_bound_is_a_condition(question: str, condition: tuple[str, str, int]) -> None:
    facts = read(question)
    assert facts.profile == {}
    assert facts.conditions == [condition]


@pytest.mark.parametrize(
    ("question", "field", "value"),
    [
        ("我們營業額3000萬", "annual_revenue", 30_000_000),
        ("年營收1.2億", "annual_revenue", 120_000_000),
        ("去年營業額約三千萬元", "annual_revenue", 30_000_000),
        ("营业额3000万", "annual_revenue", 30_000_000),
        ("營業額ＮＴ＄30,000,000", "annual_revenue", 30_000_000),
        ("revenue of NT$30 million", "annual_revenue", 30_000_000),
        ("our annual revenue is 1.5 million", "annual_revenue", 1_500_000),
        ("資本額500萬", "paid_in_capital", 5_000_000),
        ("實收資本額新臺幣200萬元", "paid_in_capital", 2_000_000),
        ("paid-in capital of NT$5 million", "paid_in_capital", 5_000_000),
    ],
)
def test_amounts(question: str, field: str, value: int) -> None:
    assert read(question).profile == {field: value}


@pytest.mark.parametrize(
    "question", ["營業額3000", "今年營業額預估5000萬", "明年營收1億", "營業額很多"]
)
def test_an_amount_that_is_not_last_years_or_has_no_unit_is_left_out(question: str) -> None:
    facts = read(question)
    assert "annual_revenue" not in facts.profile


@pytest.mark.parametrize(
    ("question", "county"),
    [
        ("我們在台中", "臺中市"),
        ("臺中市的烘焙坊", "臺中市"),
        ("高雄的早餐店", "高雄市"),
        ("新北市", "新北市"),
        ("我們在新竹縣", "新竹縣"),
        ("嘉義市的民宿", "嘉義市"),
        ("马祖", "連江縣"),
        ("台东", "臺東縣"),
        ("we are based in Kaohsiung", "高雄市"),
        ("a bakery in New Taipei", "新北市"),
    ],
)
def test_county(question: str, county: str) -> None:
    assert read(question).profile.get("county") == county


@pytest.mark.parametrize(
    ("question", "ambiguous"),
    [
        ("我們在新竹", ("county", "新竹")),
        ("嘉義的店", ("county", "嘉義")),
        ("in Hsinchu", ("county", "hsinchu")),
    ],
)
def test_a_county_of_two_names_is_ambiguous(question: str, ambiguous: tuple[str, str]) -> None:
    facts = read(question)
    assert "county" not in facts.profile
    assert facts.ambiguous == [ambiguous]


@pytest.mark.parametrize(
    "question",
    [
        "AI平台中有什麼工具",
        "舞台中央",
        "買一台中古空壓機有補助嗎",
        "去高雄參展有補助嗎",
        "我住新北投",
        "台灣精品怎麼申請",
    ],
)
def test_no_county_where_none_is_named(question: str) -> None:
    assert "county" not in read(question).profile


def test_two_counties_are_ambiguous() -> None:
    facts = read("我們在台北和台中都有店")
    assert "county" not in facts.profile
    assert {text for _, text in facts.ambiguous} == {"臺北", "臺中"}


@pytest.mark.parametrize(
    ("question", "industry"),
    [
        ("我們8個人的烘焙坊", "08"),
        ("我們是麵包店", "08"),
        ("我開咖啡廳", "56"),
        ("我們是手搖飲店", "56"),
        ("我是早餐店老闆", "56"),
        ("我們公司是做塑膠射出的", "22"),
        ("我們在做網拍", "48"),
        ("我們家是美髮店", "96"),
        ("敝公司為機械加工廠", "29"),
        ("我們在臺中開咖啡聽", "56"),  # a typo
        ("我们是烘培坊", "08"),  # Simplified and a typo
        ("my bakery", "08"),
        ("we run a hair salon", "96"),
        ("we're a small coffee shop", "56"),
    ],
)
def test_industry(question: str, industry: str) -> None:
    assert read(question).profile.get("industry") == industry


@pytest.mark.parametrize(
    ("question", "industry"),
    [("烘焙坊可以申請嗎", "08"), ("餐廳可以申請雲市集AI工具庫點數嗎", "56")],
)
def test_a_trade_named_with_its_kind_of_firm_is_the_askers(question: str, industry: str) -> None:
    """Asking 「烘焙坊可以申請嗎」 is a bakery asking: its screening is the useful answer."""
    assert read(question).profile.get("industry") == industry


@pytest.mark.parametrize(
    "question",
    [
        "我們向銀行貸款",  # a counterpart
        "我們跟設計公司合作",
        "我們想做電商",  # a plan
        "我們要買壓縮機",
        "研發投資抵減怎麼申請",
        "我們不是餐廳",
        "can I apply through an app",
        "LED燈汰換有補助嗎",
    ],
)
def test_no_industry_unless_the_firm_names_its_trade(question: str) -> None:
    assert "industry" not in read(question).profile


def test_two_trades_are_ambiguous() -> None:
    facts = read("我們是麵包店也是咖啡廳")
    assert "industry" not in facts.profile
    assert {f for f, _ in facts.ambiguous} == {"industry"}


@pytest.mark.parametrize(
    ("question", "registration"),
    [
        ("我們是行號", "business"),
        ("行號可以申請嗎", "business"),
        ("我們是有限公司", "company"),
        ("敝公司為股份有限公司", "company"),
        ("我們是有限合夥", "limited_partnership"),
        ("我是獨資的", "business"),
        ("我們只有稅籍登記", "tax_only"),
        ("我們沒有登記", "none"),
        ("商號也可以嗎", "business"),
    ],
)
def test_registration(question: str, registration: str) -> None:
    assert read(question).profile.get("registration_type") == registration


@pytest.mark.parametrize(
    "question", ["一家公司可以申請嗎", "跟一家有限公司合作", "30人以下的公司", "公司登記要多久"]
)
def test_no_registration_from_company_alone(question: str) -> None:
    assert "registration_type" not in read(question).profile


@pytest.mark.parametrize(
    ("question", "year"),
    [
        ("115年還有展覽補助嗎", 2026),
        ("民國114年", 2025),
        ("2026年", 2026),
        ("明年還有嗎", 2026),
        ("今年度", 2025),
        ("去年有申請過", 2024),
        ("is it open in 2026", 2026),
        ("next year", 2026),
        ("一一五年", None),  # not read: digits only
        ("成立15年的公司", None),
        ("去年營業額3000萬", None),  # the revenue's year
    ],
)
def test_year(question: str, year: int | None) -> None:
    assert read(question).year == year


def test_two_years_are_ambiguous() -> None:
    facts = read("113年和114年都有嗎")
    assert facts.year is None
    assert [f for f, _ in facts.ambiguous] == ["year", "year"]


def test_the_whole_example() -> None:
    facts = read("我們8個人的烘焙坊在台中，去年營業額1200萬，115年可以申請什麼？")
    assert facts.profile == {
        "employees": 8,
        "annual_revenue": 12_000_000,
        "county": "臺中市",
        "industry": "08",
        "special_products": ["bakery"],
    }
    assert dict(facts.spans) == {
        "employees": "8個人",
        "annual_revenue": "去年營業額1200萬",
        "county": "臺中",
        "industry": "烘焙坊",
        "special_products": "烘焙坊",
    }
    assert facts.year == 2026
    assert (facts.ambiguous, facts.problems, facts.conditions) == ([], [], [])


def test_a_value_the_profile_refuses_is_a_problem() -> None:
    facts = read("我們有一億人")
    assert facts.profile == {}
    assert facts.problems and "employees" in facts.problems[0]


@pytest.mark.parametrize(
    "question",
    ["", "   ", "你好", "優惠貸款利率最高多少？", "加薪有什麼租稅優惠？", "可以申請什麼？"],
)
def test_nothing_stated(question: str) -> None:
    facts = read(question)
    assert (facts.profile, facts.spans, facts.ambiguous, facts.conditions) == ({}, [], [], [])


HOSTILE: list[Any] = [
    "我們8個人" * 2000,
    "8" * 10_000,
    "員工" + "9" * 10_000 + "人",
    "<script>alert('員工8人')</script>",
    "<b>我們</b>在<i>台中</i>",
    "\x00\x01員工\x02８\x03人\x1b[31m",
    "一" * 399 + "人",
    "營業額" + "萬" * 390,
    "我們" + "的" * 395,
    "".join(chr(c) for c in range(0x20, 0x1000)),
]


@pytest.mark.parametrize("question", HOSTILE)
def test_hostile_input_returns_quickly(question: str) -> None:
    read("暖身")
    started = time.perf_counter()
    facts = read(question)
    assert time.perf_counter() - started < 0.5
    assert isinstance(facts, Facts)


def test_too_long_is_not_read() -> None:
    facts = read("我們8個人" * 2000)
    assert facts.profile == {} and facts.problems
    assert len("我們8個人" * 2000) > MAX_QUESTION


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("我們今年研發支出大概200萬，可以抵稅嗎？", {"rd_expense": 2_000_000}),
        (
            "本事業為有限合夥組織，本年度研究發展支出約新臺幣500萬元",
            {"registration_type": "limited_partnership", "rd_expense": 5_000_000},
        ),
        ("we spent NT$2 million on R&D this year", {"rd_expense": 2_000_000}),
        ("我們今年幫基層員工加薪，總共多了60萬", {"base_wage_raise_total": 600_000}),
        ("今年請了3個23歲的新人", {"new_young_senior_hires": 3}),
        ("今年只多請了一位70歲的老師傅", {"new_young_senior_hires": 1}),
        ("請了3個65歲以上的阿伯", {"new_young_senior_hires": 3}),
        ("我們沒有辦出進口廠商登記", {"trade_registration": False}),
        (
            "本公司股票已於證交所上市",
            {"is_listed": True, "listed_market": "twse", "registration_type": "company"},
        ),
        (
            "我們公司在興櫃",
            {"is_listed": True, "listed_market": "emerging", "registration_type": "company"},
        ),
        ("我們做毛巾也做烘焙食品", {"special_products": ["towels", "bakery"]}),
        ("去年導入了POS系統", {"transformation_activities": ["pos"]}),
        (
            "Our company hired three 22-year-olds this year",
            {"registration_type": "company", "new_young_senior_hires": 3},
        ),
        ("我們工廠自有品牌營收占４成", {"own_brand_revenue_share": 0.4, "own_brand": True}),
        ("我們登記是有限公司", {"registration_type": "company"}),
        ("我們沒有工廠登記證", {"factory_registration_certificate": False}),
        (
            "我們平均員工35人，但最近半年有一個月只有28人投保",
            {"employees": 35, "employees_min_6m": 28},
        ),
        ("本民宿位於新北市", {"industry": "55", "county": "新北市"}),
        (
            "我們是台北的咖啡店，行號登記，員工12人",
            {
                "county": "臺北市",
                "industry": "56",
                "registration_type": "business",
                "employees": 12,
            },
        ),
        (
            "我們是貿易公司，員工6人",
            {"registration_type": "company", "employees": 6, "industry": "45"},
        ),
        ("阮公司有退票紀錄", {"operating_normally": False, "registration_type": "company"}),
        ("阮是做塑膠袋的工廠，廿五个人", {"employees": 25, "industry": "22"}),
        (
            "台南做螺絲的工廠，22個人，有限公司",
            {"county": "臺南市", "industry": "25", "employees": 22, "registration_type": "company"},
        ),
        ("也沒有天災延期繳稅", {"disaster_tax_deferral": False}),
        ("我們客戶在歐洲跟美國", {"overseas_regions": 2}),
        ("我是記帳的，幫客戶問一下：台南一家小吃店", {"county": "臺南市", "industry": "56"}),
        (
            "本公司員工１８人，想派１０個人去上AI課",
            {"registration_type": "company", "employees": 18, "trainees": 10},
        ),
        ("我們還沒經過銀行或信保基金核認", {"wage_raise_verified": False}),
        ("我們是做PCB的工廠", {"industry": "26"}),
        (
            "本公司最近六個月內投保員工數最少之月份為三十四人，且未曾受天災損害",
            {
                "registration_type": "company",
                "employees_min_6m": 34,
                "disaster_tax_deferral": False,
            },
        ),
        (
            "台北的廣告公司，有限公司，12個人",
            {"county": "臺北市", "industry": "73", "registration_type": "company", "employees": 12},
        ),
        ("我們自有品牌營收只有10%", {"own_brand": True, "own_brand_revenue_share": 0.1}),
        ("We're a startup company", {"registration_type": "company", "is_startup": True}),
        (
            "a machine tool maker with NT$300 million paid-in capital",
            {"paid_in_capital": 300_000_000},
        ),
        ("我們這半年投保人數最少的月份也有42人", {"employees_min_6m": 42}),
        (
            "本公司為雲林縣之養雞場",
            {"registration_type": "company", "county": "雲林縣", "industry": "01"},
        ),
        ("a contracted capacity of 150 kW", {"contract_capacity_kw": 150.0}),
        (
            "our own brand is 30% of revenue and our trademark is registered in Taiwan",
            {"own_brand": True, "trademark_registered_tw": True, "own_brand_revenue_share": 0.3},
        ),
    ],
)
def test_facts_beyond_size_and_trade(question: str, expected: dict[str, Any]) -> None:
    """Amounts after 約/大概/新臺幣, new hires by age (the rule's bounds on the date), a
    negation before 辦, listings, products and activities (several make one list)."""
    assert read(question).profile == expected


def test_a_hire_of_another_age_is_named_but_not_counted() -> None:
    facts = read("今年請了3個30歲的新人")
    assert "new_young_senior_hires" not in facts.profile
    assert facts.ambiguous == [("new_young_senior_hires", "請了3個30歲")]


def test_a_trade_word_before_what_is_bought_is_no_trade() -> None:
    """研發支出 is spending, not the R&D-services trade."""
    assert "industry" not in read("我們今年研發支出大概200萬").profile


@pytest.mark.parametrize(
    ("question", "unread"),
    [
        ("我們有3間店，員工20人", ["3間"]),
        ("We are a 10-person firm with 3 shops", ["3"]),
        ("我們8個人的烘焙坊，115年12月可以申請30人以下的貸款嗎？", []),
        ("數位培力補助每人上限１萬，那我們１２個人上課最多補多少？", []),
        ("今年請了3個23歲的新人，可以用200%減除嗎？", []),
        ("我們拉麵店員工7人，要把兩台舊冷氣換成一級能效的", []),  # things bought, not the firm
        ("我們五金行員工9人，想順便借300萬週轉金", ["300萬"]),  # 週轉, not a week
        ("本公司員工20人，擬參加二項海外實體展", ["二項"]),
    ],
)
def test_quantities_no_reader_took_are_listed(question: str, unread: list[str]) -> None:
    """A quantity outside every fact, bound, date, rate or quoted rule value is unread."""
    assert read(question).unread == unread


@pytest.mark.parametrize(
    ("question", "unread"),
    [
        ("我們早餐店三個人，沒有行號，可以借優惠貸款嗎？", ["行號"]),
        ("我們咖啡店平均40人，上個月只有29個人投保，可以申請培力補助嗎", ["投保"]),
        ("We're a 20-person factory, and six of our staff will take the courses.", ["courses"]),
        ("基隆 貿易商 有出進口登記跟實績 ２０２６年４月這梯參展補助開了嗎", ["實績"]),
        ("本公司從事紡織業，有自有品牌，產品行銷日本及美國兩地區。", ["兩地區"]),
        (
            "We are tea company, 40% of revenue from own brand, no China investment.",
            ["china investment", "of revenue"],
        ),
        # read, a program's name, or a question: nothing named and unread
        ("我們麵店有行號，員工3人，可以申請什麼？", []),
        ("我們是台中的餐廳，員工5人，想申請品牌輔導。", []),
        ("我們是台中的餐廳，員工5人，有品牌的話可以申請什麼？", []),
        ("We're a 5-person cafe in Taipei and want to borrow working capital.", []),
    ],
)
def test_a_statement_naming_a_field_no_reader_took_is_unread(
    question: str, unread: list[str]
) -> None:
    """行號 in a statement the readers do not take leaves the registration unknown: the
    firm's screening could be wrong, so the word is listed (phrases.yaml ``named``)."""
    assert read(question).unread == unread


@pytest.mark.parametrize(
    ("question", "unread"),
    [
        ("阮佇南投做茶，公司登記，十一个人，優惠貸款會使借無？", ["做茶"]),
        ("本公司位於臺南市，從事檢驗服務，員工二十八人，可否適用研發投資抵減？", ["從事檢驗服務"]),
        ("我是會計，客戶是新北中和的搬家公司，員工22人，優惠貸款怎麼算？", ["搬家公司"]),
        (
            "My father runs a small day-care centre for elderly people in Hualien, 11 staff.",
            ["a small day-care centre"],
        ),
        # a trade read, a firm named without a trade, or a plan: no trade unread
        ("我們是台中的咖啡店，員工5人，可以申請什麼？", []),
        ("阮公司幾若个員工欲去上課，培力補助規間公司加起來上濟補偌濟？", []),
        ("我們工廠平均40個員工，想做數位轉型，優惠貸款還能借嗎？", []),
        ("A small family company in Taipei, 5 staff. What can we apply for?", []),
    ],
)
def test_a_trade_no_reader_took_is_unread(question: str, unread: list[str]) -> None:
    """做茶, 從事檢驗服務, 搬家公司: a firm that names its trade in words no reader takes is
    screened with its industry unknown, so the trade is listed and the question referred."""
    assert read(question).unread == unread


@pytest.mark.parametrize(
    ("question", "industry"),
    [
        ("台中 連鎖超市 門市換冷氣 最多補多少", "47"),
        ("苗栗 化工原料 行號 ８人 優惠貸款可以嗎", "18"),
    ],
)
def test_a_headline_after_a_place_alone_is_the_firm(question: str, industry: str) -> None:
    """Typed on a phone, the firm's place comes first and its trade after (臺中,連鎖超市,…)."""
    assert read(question).profile["industry"] == industry


def test_hires_said_age_first_are_hires_not_the_head_count() -> None:
    """增僱六十五歲以上基層員工四名: four hires of 65 or over; the firm has 150 people."""
    facts = read("本公司從事人力派遣，員工一百五十人，本年度增僱六十五歲以上基層員工四名")
    assert facts.profile["employees"] == 150
    assert facts.profile["new_young_senior_hires"] == 4


def test_head_counts_month_by_month_give_the_least() -> None:
    """最近六個月…分別為二十八、二十九…人: the least month, not one of the months."""
    facts = read("本公司最近六個月僱用員工數分別為二十八、二十九、三十、三十一、三十二、三十一人")
    assert facts.profile == {"employees_min_6m": 28, "registration_type": "company"}
    assert facts.unread == []


def test_the_trade_the_firm_says_it_is_wins() -> None:
    """ "we are a 3-person coffee shop … our drip coffee bags": bags is a product here."""
    question = "We are a 3-person coffee shop in Hualien. Can we sell our drip coffee bags?"
    assert read(question).profile["industry"] == "56"


@pytest.mark.parametrize(
    ("question", "industry"),
    [
        ("本行號係辦理商業登記之食品加工廠，是否符合雲市集數位點數補助之資格？", "08"),
        ("本公司為新北市之烘焙食品製造業者", "08"),
    ],
)
def test_a_trade_word_that_ends_a_program_word_is_the_program(question: str, industry: str) -> None:
    """市集 in 雲市集 names the program, not a market trade; 烘焙 starting 烘焙食品 is a trade."""
    assert read(question).profile["industry"] == industry


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("我們是宜蘭做蜜餞的公司，自己有品牌，補助能申請嗎？", {"own_brand": True}),
        (
            "阮是做糕餅的，有家己的品牌，商標嘛有註冊，敢會當申請？",
            {"trademark_registered_tw": True},
        ),
        ("我們是做餅乾的公司，沒有自己的品牌，可以申請嗎？", {"own_brand": False}),
        ("我們是電路板廠，已經上興櫃了，可以找國發基金嗎？", {"listed_market": "emerging"}),
        ("我們是機械廠，產品外銷歐美及東南亞三個地區，可以申請嗎？", {"overseas_regions": 3}),
        (
            "我們是做精釀啤酒的酒廠，公司登記、員工9人，可以參加嗎？",
            {"registration_type": "company"},
        ),
    ],
)
def test_facts_said_in_one_statement(question: str, expected: dict[str, object]) -> None:
    facts = read(question)
    assert expected.items() <= facts.profile.items()
    assert not facts.ambiguous and not facts.unread


@pytest.mark.parametrize(
    "question",
    [
        "品牌輔導一定要有品牌嗎？",  # asks: states nothing
        "我們是做茶的公司，商標在日本註冊，可以申請嗎？",  # registered, not in Taiwan
        "上興櫃的公司可以申請國發基金嗎？",
    ],
)
def test_a_question_or_another_place_states_no_such_fact(question: str) -> None:
    profile = read(question).profile
    assert "own_brand" not in profile or "日本" in question
    assert "trademark_registered_tw" not in profile and "listed_market" not in profile


@pytest.mark.parametrize(
    ("question", "employees"),
    [
        ("阮員工去上數位課，一个人會當補偌濟？", None),  # per person, and 數位 is digital
        ("一個人可以補多少？", None),
        ("阮佇台東做機車維修，一个人做爾爾，敢會使去上課？", 1),
    ],
)
def test_one_person_is_a_head_count_only_when_the_firm_is_one(
    question: str, employees: int | None
) -> None:
    facts = read(question)
    assert facts.profile.get("employees") == employees
    assert not facts.ambiguous


def test_research_done_in_taiwan_is_no_trade() -> None:
    facts = read("我們是做工業電腦的公司，研發跟製造都在台灣，可以報名嗎？")
    assert facts.profile["industry"] == "27"
    assert facts.profile["rd_or_manufacturing_in_taiwan"] is True


@pytest.mark.parametrize(
    ("question", "registration"),
    [
        ("我們公司可以申請嗎", "company"),  # 公司 is a registered company
        ("我們公司是行號，可以申請嗎", "business"),  # unless another registration is named
        ("幫我媽問的～她在新竹市開洗衣店（行號），請了兩個人", "business"),
        ("阮佇夜市擺攤，干焦稅籍登記，兩个員工", "tax_only"),
        ("我在台南开美甲店，还没办任何登记", "none"),
        ("我們已經上櫃了，員工150人", "company"),  # a listed firm is a company
        ("我們麵店有行號，員工3人", "business"),  # 有 before it: the firm has one
        ("We only hold a tax registration, no company registration.", "tax_only"),
    ],
)
def test_registration_as_owners_say_it(question: str, registration: str) -> None:
    assert read(question).profile.get("registration_type") == registration


def test_a_percentage_of_revenue_is_no_revenue_and_an_age_no_head_count() -> None:
    facts = read("我們營收占總營收百分之三十五，今年增僱二十二歲之基層員工")
    assert "annual_revenue" not in facts.profile
    assert facts.profile.get("new_young_senior_hires") != 22


def test_a_bank_that_refuses_the_firm_is_no_trade_of_its_own() -> None:
    assert "industry" not in read("銀行都不借錢給我，政府有沒有專線可以問？").profile


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        (
            "我是記帳士，幫一個客戶問：他是花蓮的民宿，商業登記，員工3人，可以申請嗎？",
            {"industry": "55", "registration_type": "business", "employees": 3},
        ),
        ("阮佇澎湖開小吃店，稅籍登記爾爾，欲借一百萬週轉", {"registration_type": "tax_only"}),
        ("阮欲借一百萬週轉，利率偌濟？", {"loan_amount": 1_000_000}),
        ("公司在嘉義市，員工26人，做便當的，想借500萬週轉", {"industry": "56"}),
        ("本公司於新北市製造箱包，員工二十五人", {"special_products": ["bags"]}),
        (
            "公司平均有４２人，最近半年最少的那個月也有３８人",
            {"employees": 42, "employees_min_6m": 38},
        ),
        ("我們是記帳士事務所，員工６人，打算幫４位基層員工加薪", {"employees": 6}),
        ("南投的日照中心，員工２４人", {"industry": "88", "employees": 24}),
        ("我在屏東開麵包店，員工8人", {"special_products": ["bakery"]}),
        ("阮佇屏東飼蝦，有公司登記，五个工人", {"employees": 5}),
        ("我在台中做網拍，有辦行號登記，沒有請員工", {"employees": 0}),
        ("我們是苗栗的木工廠，工廠登記還沒辦，員工8人", {"factory_registration": False}),
        (
            "公司佮工廠登記攏有，員工二十五个",
            {"registration_type": "company", "factory_registration": True},
        ),
        ("我们做工具机，只卖到大陆和香港", {"overseas_regions": 1}),  # one region (questions.yaml)
        (
            "We make bicycle parts, we sell only in Taiwan and own-brand sales are 12% of revenue",
            {"overseas_regions": 0, "own_brand_revenue_share": 0.12},
        ),
        (
            "我們的產品已經上市5年了，工廠在台灣",
            {"new_product_within_3_years": False, "rd_or_manufacturing_in_taiwan": True},
        ),
        ("本公司新產品上市未滿一年且已取得CNS驗證", {"product_certified": True}),
        ("台東的民宿，員工6人，想貸款400萬", {"industry": "55"}),
        ("敝事務所客戶為新竹市之軟體開發公司", {"registration_type": "company"}),
        ("我們在屏東開機車行，主要是修機車，員工2個", {"industry": "95"}),  # its main trade
        ("阮翁佇嘉義市開機車行，修機車為主，兩个人", {"industry": "95"}),
        (
            "我們是台中的居家照顧服務公司，員工26人，今年新僱了2位65歲以上的照服員",
            {"industry": "88", "employees": 26},
        ),
        (
            "我們是雲林做毛巾的工廠，有工廠登記正，員工20人",
            {"factory_registration_certificate": True},
        ),
        ("本公司自有品牌營收約占總營收百分之二十五", {"own_brand_revenue_share": 0.25}),
        ("阮是台中的機車行，專門咧修機車，三个師傅", {"industry": "95"}),
        ("我是記帳士，客戶在台中開中古車行，有限公司，員工6人", {"industry": "48"}),
        ("阮阿爸佇雲林做醬油，公司登記，工廠嘛有登記", {"factory_registration": True}),
        (
            "我們是南投的製茶廠，想用優惠貸款借500萬買烘茶機",
            {"loan_amount": 5_000_000, "loan_purpose": "equipment"},
        ),
        ("我們在雲林，是拓展新南向市場的農業業者", {"new_southbound_agri": True}),
        ("我們在鹿港做傳統糕餅，員工9個", {"county": "彰化縣"}),  # a town names its county
        (
            "阮是屏東的遊覽車公司，十个司機，有公司登記",
            {"employees": 10, "registration_type": "company"},
        ),
        (
            "我們在高雄鳳山修機車，行號登記，師傅2個，今年導入了POS",
            {"employees": 2, "transformation_activities": ["pos"]},
        ),
        (
            "阮佇屏東飼豬，有登記公司，工人十个",
            {"industry": "01", "registration_type": "company", "employees": 10},
        ),
        ("我們是花蓮的飯店，去年颱風受損，國稅局同意我們延期繳稅", {"disaster_tax_deferral": True}),
        ("我們公司在板橋區，員工5人", {"county": "新北市"}),
        (
            "我們是內湖的廣告公司，員工25人",
            {"county": "臺北市"},
        ),  # a town alone, where a place goes
        (
            "我们在新竹香山做米粉，员工10人",
            {"county": "新竹市"},
        ),  # settles 新竹: 香山 is the city's
        ("阮佇嘉義朴子開早頓店，四个員工", {"county": "嘉義縣"}),
        # a firm as a headline, with no 我們: read as if it spoke
        (
            "新北市保險代理人公司，員工10人，得否申請優惠貸款？",
            {"industry": "65", "registration_type": "company", "employees": 10},
        ),
        ("南投民宿，6個員工，想換節能熱泵", {"industry": "55", "county": "南投縣"}),
        ("台南手搖飲，員工10人，服務業AI人才的課可以報嗎？", {"industry": "56", "employees": 10}),
        ("新北做裝潢的，只有稅籍登記，2個人", {"industry": "43", "employees": 2}),
        ("阮佇彰化做襪仔，工人十五个，公司有登記", {"registration_type": "company"}),
        ("本工廠位於苗栗縣，製造豆腐，領有工廠登記證", {"industry": "08"}),
        (
            "Our family business in Pingtung makes bags, with 16 workers",
            {"special_products": ["bags"]},
        ),
        ("阮佇新竹縣竹東開早頓店，家己顧，攏無登記", {"registration_type": "none"}),
        ("阮佇金門做貢糖，是在地特產", {"special_products": ["local_specialty"]}),
        (
            "我們是台中的小公司，有出進口登記，也有去年的外銷實績",
            {"trade_registration": True, "export_record": True},
        ),
        ("我們是手工具廠，自有品牌營收大概占三成", {"own_brand_revenue_share": 0.3}),
        ("我們是台中的手工具製造廠，有公司跟工廠登記", {"factory_registration": True}),
        ("我們是塑膠射出廠，沒有遇到天災延期繳稅", {"disaster_tax_deferral": False}),
        ("我們是貨運行，有導入車隊管理的物聯網系統", {"transformation_activities": ["iot"]}),
        ("請問一下～我們是桃園的汽車美容店👍 公司登記 員工4人", {"registration_type": "company"}),
        (
            "我們試做包包的工廠在台中，有工廠登記政，員工14人",
            {"factory_registration_certificate": True},
        ),
        ("我們是軟體公司，有自己的品牌，去年推出一套排班App", {"new_product_within_3_years": True}),
        ("我們公司員工20人，有加薪但還沒給銀行認定", {"wage_raise_verified": False}),
        ("We make industrial computers in Taiwan.", {"rd_or_manufacturing_in_taiwan": True}),
        ("We're a coffee shop operating normally.", {"operating_normally": True}),
        ("我們在屏東做冷凍食品，員工60人", {"special_products": ["processed_food"]}),
        ("We make handbags in Taipei, 12 staff", {"special_products": ["bags"]}),
        ("本公司為臺北市之上櫃軟體公司，員工一百五十人", {"listed_market": "tpex"}),
        ("We're a Tainan bakery with 9 employees", {"county": "臺南市"}),
        ("We have no mainland Chinese investors.", {"prc_investment": False}),
        (
            "Our Taichung bicycle parts maker (a company, factory registered, 48 staff)",
            {"registration_type": "company", "factory_registration": True},
        ),
        (
            "本公司係工具機製造商，自有品牌營收占總營收百分之三十五",
            {"own_brand_revenue_share": 0.35},
        ),
        (
            "本事業為臺南市之有限合夥組織，從事管理顧問業",
            {"registration_type": "limited_partnership"},
        ),
        ("阮佇台南開冰店，兩个員工，欲借優惠貸款買新冰箱", {"loan_purpose": "equipment"}),
        (
            "阮佇嘉義市開早頓店，有參加商圈輔導",
            {"transformation_activities": ["business_district"]},
        ),
        ("本公司非新創事業，亦非農業業者", {"new_southbound_agri": False}),
        ("本公司已於證券櫃檯買賣中心上櫃", {"listed_market": "tpex"}),
        ("阮兜佇屏東開機車行，有行號登記，頭家娘佮兩个師傅，攏總三个人", {"employees": 3}),
        ("我在新北做機車維修，有行號登記，我跟一個師傅兩個人", {"employees": 2}),
        ("阮兜佇屏東開機車行，有行號登記，想借錢", {"registration_type": "business"}),
        ("阮佇澎湖開民宿，是公司，員工四个", {"registration_type": "company"}),
        ("Our company makes towels in Yunlin.", {"special_products": ["towels"]}),
        ("我們在金門做貢糖跟糕餅，有公司登記", {"industry": "08"}),
    ],
)
def test_facts_as_owners_bookkeepers_and_relatives_say_them(
    question: str, expected: dict[str, object]
) -> None:
    """Totals, registrations said a new way, chat messages, formal letters, Taiwanese and
    English, a client in the third person: each states these fields (others may be read)."""
    assert expected.items() <= read(question).profile.items()


def test_a_town_name_that_is_a_word_names_no_county() -> None:
    """成功 is a town in 臺東縣 and a word: alone, outside where a place goes, it is no place."""
    assert "county" not in read("成功申請過培力補助的話，還能再申請嗎？").profile


def test_a_clause_of_what_some_firm_does_is_no_headline() -> None:
    """有幫員工加薪的公司 asks about firms that raise pay; it names no asking firm."""
    assert "registration_type" not in read("有幫員工加薪的公司，信保可以多給多少額度？").profile
    assert "industry" not in read("只在國外設一個發貨倉庫，也算布建海外通路嗎？").profile
