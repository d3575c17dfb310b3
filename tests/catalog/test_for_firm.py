"""The course zone's filters for a firm: its track, industry category and region, as far
as the finder knows them (unknown is not filtered on)."""

from __future__ import annotations

from typing import Any

import pytest

from smewindow.catalog.for_firm import CATEGORY_OF_DIVISION, MANUFACTURING, course_filters


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        ({}, [("approved", "1")]),
        (
            {"industry": "22", "county": "台中市"},
            [("approved", "1"), ("track", "manufacturing"), ("industry", "plastics"),
             ("industry", "common"), ("region", "central")],
        ),
        (
            {"industry": "08"},  # food: no category of its own, the common courses
            [("approved", "1"), ("track", "manufacturing"), ("industry", "common")],
        ),
        ({"industry": "56", "county": "花蓮縣"},
         [("approved", "1"), ("track", "services"), ("region", "east")]),
        ({"industry": "84", "county": "金門縣"}, [("approved", "1"), ("region", "islands")]),
        # a bank: whether the services track takes it is unknown, its courses are services'
        ({"industry": "64"}, [("approved", "1"), ("track", "services")]),
        ({"industry": "83"}, [("approved", "1")]),  # public administration: neither track
        ({"county": "臺北市"}, [("approved", "1"), ("region", "north")]),
    ],
)  # fmt: skip
def test_filters_follow_what_is_known(answers: dict[str, Any], expected: list[Any]) -> None:
    assert course_filters(answers) == expected


def test_every_category_division_is_a_manufacturing_division() -> None:
    assert set(CATEGORY_OF_DIVISION) <= MANUFACTURING
    assert {str(c) for c in CATEGORY_OF_DIVISION.values()} == {
        "plastics", "electrical", "textiles", "machinery", "transport", "metal",
    }  # fmt: skip
