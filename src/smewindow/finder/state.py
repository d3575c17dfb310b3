"""The interview's state — answers, skipped questions and the screens they came on — carried
in the URL, so a link restores the answers and nothing is stored on the server.

The state is compact JSON in URL-safe base64; its order lists each screen as the name it
recorded, or as a list of names for a grid of yes/no rows. A state that does not decode, or
whose answers a profile would refuse, is an error the views report; it is never guessed at.

Links made before the grid may list a topic's id in the skipped names (the topic's screen was
declined, its boxes then asked one per screen): the id is dropped when the link is read, so
the answers come back and the topic's rows are asked again as a grid.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from smewindow import safejson
from smewindow.rules import ProfileError, parse_profile
from smewindow.rules.interview import topic_texts
from smewindow.rules.profile import without_contradicted

MAX_STATE_CHARS = 8000


class StateError(ValueError):
    """The state in a link cannot be read."""


@dataclass(frozen=True)
class InterviewState:
    answers: dict[str, Any] = field(default_factory=dict)
    skipped: tuple[str, ...] = ()
    """Fields left unknown (不確定, or a grid's row not answered)."""
    order: tuple[tuple[str, ...], ...] = ()
    """Every screen answered or skipped, in the order they came: the names each recorded."""

    def answer(self, name: str, value: Any) -> InterviewState:
        """This state with ``name`` answered (replacing an earlier answer or skip)."""
        return self.record({name: value})

    def skip(self, *names: str) -> InterviewState:
        """This state with one screen's fields skipped (replacing earlier answers or skips)."""
        return self.record(dict.fromkeys(names))

    def record(self, screen: Mapping[str, Any]) -> InterviewState:
        """This state with one screen recorded: each name answered with its value, or skipped
        when its value is None (unknown); earlier answers or skips of the names are replaced."""
        if not screen:
            raise ValueError("a screen records at least one name")
        rest = self._without(screen)
        answers = {k: v for k, v in screen.items() if v is not None}
        skipped = tuple(k for k, v in screen.items() if v is None)
        recorded = InterviewState(
            {**rest.answers, **answers}, (*rest.skipped, *skipped), (*rest.order, (*screen,))
        )
        kept = without_contradicted(recorded.answers)
        return recorded._without(set(recorded.answers) - set(kept))

    def back(self) -> InterviewState:
        """This state without its last screen's answers or skips."""
        return self._without(self.order[-1]) if self.order else self

    def _without(self, names: Iterable[str]) -> InterviewState:
        gone = set(names)
        answers = {k: v for k, v in self.answers.items() if k not in gone}
        skipped = tuple(s for s in self.skipped if s not in gone)
        order = tuple(
            kept for screen in self.order if (kept := tuple(n for n in screen if n not in gone))
        )
        return InterviewState(answers, skipped, order)

    def encode(self) -> str:
        order = [screen[0] if len(screen) == 1 else list(screen) for screen in self.order]
        data = {"a": self.answers, "s": list(self.skipped), "o": order}
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
            data = safejson.loads(raw)
            answers, skipped, order = data["a"], data["s"], data["o"]
        except safejson.JsonLimitError as exc:
            raise StateError(f"連結中的答案無法讀取：{exc}") from None
        except (binascii.Error, ValueError, KeyError, TypeError):
            raise StateError(
                "連結中的答案無法讀取 (the answers in the link cannot be read)"
            ) from None
        if not (
            isinstance(answers, dict)
            and isinstance(skipped, list)
            and isinstance(order, list)
            and all(isinstance(s, str) for s in skipped)
            and all(_is_screen(screen) for screen in order)
        ):
            raise StateError("連結中的答案格式不符 (the answers in the link are malformed)")
        try:
            parse_profile(answers)
        except ProfileError as exc:
            raise StateError(f"連結中的答案有誤：{exc}") from None
        screens = tuple((s,) if isinstance(s, str) else tuple(s) for s in order)
        return cls(answers, tuple(skipped), screens)._without(topic_texts())


def _is_screen(item: Any) -> bool:
    """Whether ``item`` of a link's order is a screen: a name, or a list of names."""
    if isinstance(item, str):
        return True
    return isinstance(item, list) and bool(item) and all(isinstance(n, str) for n in item)
