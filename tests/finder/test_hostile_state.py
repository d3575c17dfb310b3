"""Links whose ``state`` JSON is over the bounds of ``smewindow.safejson`` (nested a thousand
deep, a 4,301-digit number) answer the 400 page saying why, on every page that reads one;
they used to raise inside the parser and answer 500."""

from __future__ import annotations

import base64

import pytest
from django.test import Client

from smewindow import safejson
from smewindow.finder.state import InterviewState, StateError

DEEP = "[" * 1000 + "]" * 1000
LONG_NUMBER = "1" * 4301
STATES = {
    "nested": f'{{"a":{DEEP},"s":[],"o":[]}}',
    "long number": f'{{"a":{{"employees":{LONG_NUMBER}}},"s":[],"o":["employees"]}}',
    "infinity": '{"a":{"employees":1e999},"s":[],"o":["employees"]}',
}
PAGES = ["/finder", "/results", "/results.pdf", "/results.ics"]


def link(json_text: str) -> str:
    return base64.urlsafe_b64encode(json_text.encode()).decode().rstrip("=")


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("kind", STATES)
def test_a_state_over_the_bounds_answers_the_400_page(page: str, kind: str) -> None:
    response = Client().get(page, {"state": link(STATES[kind])})
    assert response.status_code == 400
    html = response.content.decode()
    assert "連結中的答案無法讀取" in html


@pytest.mark.parametrize(("kind", "words"), [("nested", "巢狀超過"), ("long number", "數字超過")])
def test_the_error_names_the_bound(kind: str, words: str) -> None:
    with pytest.raises(StateError, match=words):
        InterviewState.decode(link(STATES[kind]))


def test_the_depth_skips_brackets_inside_strings() -> None:
    brackets_in_strings = '"' + "[" * (safejson.MAX_DEPTH + 1) + '"'
    assert not safejson.too_deep(f'{{"a": [{brackets_in_strings}, "}}\\"["]}}')
    assert safejson.loads('{"name": "' + "[" * 100 + '"}') == {"name": "[" * 100}


def test_the_bounds_themselves_are_read() -> None:
    at_depth = "[" * safejson.MAX_DEPTH + "]" * safejson.MAX_DEPTH
    assert safejson.loads(at_depth) is not None
    assert safejson.loads("9" * safejson.MAX_DIGITS) == int("9" * safejson.MAX_DIGITS)
    with pytest.raises(safejson.JsonLimitError):
        safejson.loads("[" + at_depth + "]")
    with pytest.raises(safejson.JsonLimitError):
        safejson.loads("-" + "9" * (safejson.MAX_DIGITS + 1))
    with pytest.raises(safejson.JsonLimitError):
        safejson.loads("NaN")
