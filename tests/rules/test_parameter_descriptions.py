"""Every parameter has an English description, and English pages name it by that."""

from __future__ import annotations

import datetime as dt

import pytest

from smewindow.formatting import parameter_label
from smewindow.rules.parameters import ParameterFileError, load_parameter_text, load_parameters

PARAMETERS = sorted(load_parameters())


@pytest.mark.parametrize("name", PARAMETERS)
def test_every_parameter_has_an_english_description(name: str) -> None:
    text = load_parameters()[name].description_en
    assert text and text.strip() == text, name
    assert text.isascii() and text.isprintable(), f"{name}: {text!r}"
    assert name not in text, name


@pytest.mark.parametrize("name", PARAMETERS)
def test_english_label_is_the_english_description(name: str) -> None:
    param = load_parameters()[name]
    assert parameter_label(name, "en") == param.description_en
    assert parameter_label(name, "zh") == param.description
    assert parameter_label(name) == param.description


def test_english_label_reads_the_file() -> None:
    assert (
        parameter_label("loan.working_capital_max_grace_years", "en")
        == "Longest grace period of a working-capital loan"
    )


_ENTRY = """
x:
  description: 測試
{extra}  unit: TWD
  reference:
    - title: t
      seed: s
  values:
    2025-01-01: 1
"""


def test_description_en_is_optional() -> None:
    param = load_parameter_text("t", _ENTRY.format(extra=""))["t.x"]
    assert param.description_en is None
    assert param.at(dt.date(2025, 1, 1)) == 1


def test_description_en_is_loaded() -> None:
    param = load_parameter_text("t", _ENTRY.format(extra="  description_en: A test\n"))["t.x"]
    assert param.description_en == "A test"


@pytest.mark.parametrize("value", ['""', "[a]", "1"])
def test_description_en_must_be_text(value: str) -> None:
    with pytest.raises(ParameterFileError, match="description_en"):
        load_parameter_text("t", _ENTRY.format(extra=f"  description_en: {value}\n"))
