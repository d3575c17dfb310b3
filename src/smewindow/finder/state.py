"""The interview's state — answers, skipped questions and the order they came in — carried in
the URL, so a link restores the answers and nothing is stored on the server.

The state is compact JSON in URL-safe base64. A state that does not decode, or whose answers
a profile would refuse, is an error the views report; it is never guessed at.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass, field
from typing import Any

from smewindow.rules import ProfileError, parse_profile

MAX_STATE_CHARS = 8000


class StateError(ValueError):
    """The state in a link cannot be read."""


@dataclass(frozen=True)
class InterviewState:
    answers: dict[str, Any] = field(default_factory=dict)
    skipped: tuple[str, ...] = ()
    order: tuple[str, ...] = ()
    """Every field answered or skipped, in the order the questions came."""

    def answer(self, name: str, value: Any) -> InterviewState:
        """This state with ``name`` answered (replacing an earlier answer or skip)."""
        rest = self._without(name)
        return InterviewState({**rest.answers, name: value}, rest.skipped, (*rest.order, name))

    def skip(self, name: str) -> InterviewState:
        """This state with ``name`` skipped (不確定)."""
        rest = self._without(name)
        return InterviewState(rest.answers, (*rest.skipped, name), (*rest.order, name))

    def back(self) -> InterviewState:
        """This state without its last answer or skip."""
        return self._without(self.order[-1]) if self.order else self

    def _without(self, name: str) -> InterviewState:
        answers = {k: v for k, v in self.answers.items() if k != name}
        skipped = tuple(s for s in self.skipped if s != name)
        return InterviewState(answers, skipped, tuple(o for o in self.order if o != name))

    def encode(self) -> str:
        data = {"a": self.answers, "s": list(self.skipped), "o": list(self.order)}
        raw = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
        return base64.urlsafe_b64encode(raw).decode().rstrip("=")

    @classmethod
    def decode(cls, text: str | None) -> InterviewState:
        if not text:
            return cls()
        if len(text) > MAX_STATE_CHARS:
            raise StateError("連結太長 (the link is too long)")
        try:
            raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
            data = json.loads(raw)
            answers, skipped, order = data["a"], data["s"], data["o"]
        except (binascii.Error, ValueError, KeyError, TypeError):
            raise StateError(
                "連結中的答案無法讀取 (the answers in the link cannot be read)"
            ) from None
        if not (
            isinstance(answers, dict)
            and isinstance(skipped, list)
            and isinstance(order, list)
            and all(isinstance(s, str) for s in [*skipped, *order])
        ):
            raise StateError("連結中的答案格式不符 (the answers in the link are malformed)")
        try:
            parse_profile(answers)
        except ProfileError as exc:
            raise StateError(f"連結中的答案有誤：{exc}") from None
        return cls(answers, tuple(skipped), tuple(order))
