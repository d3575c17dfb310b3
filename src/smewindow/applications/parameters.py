"""The parameters of running the subsidy that the rules engine does not hold: dated and cited
like ``rules/parameters/*.yaml`` (same format, same loader), kept here because screening a
firm never needs them. Use ``parameter(name, on)``."""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import Any

from smewindow.rules.parameters import Parameter, load_parameter_text, resolver

_TEXT = """
smallest_award:
  description: 最小可能核定金額：經費剩餘低於此數時停止受理（經費用罄）
  unit: TWD
  reference:
    - title: 受理申請期間…或經費用罄為止
      seed: 配套1.1 計畫網站
    - title: 一件申請至少 1 位受訓員工；每人補助上限 1 萬元（實報實銷）
      seed: 配套1.1 補助金額
      note: >-
        UNCONFIRMED: the rules set no floor (costs are reimbursed as incurred, so one
        trainee may cost less). Taken as one trainee at the per-trainee cap,
        1 × digital_training.per_trainee_cap; lower it to keep intake open longer.
  values:
    2025-01-01: 10000
"""

STEM = "digital_training_budget"


@cache
def load() -> dict[str, Parameter]:
    """The parameters of this module, by name (``digital_training_budget.<key>``)."""
    return load_parameter_text(STEM, _TEXT)


def parameter(name: str, on: dt.date) -> Any:
    """The value of ``name`` on ``on``: this module's parameters or the rules engine's."""
    own = load().get(name)
    return own.at(on) if own else resolver(on)(name)
