"""Where an answer leads on: each program's page, the finder with the firm's facts, and the
desk with the question (and the firm's facts), for the page and the API alike."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.urls import reverse

from smewindow.ask.engine import Result
from smewindow.finder.state import InterviewState


def links(result: Result) -> dict[str, Any]:
    """Where to go on: each program's page, the finder with the firm's facts, the desk with
    the question."""
    state = InterviewState().record(result.reading.profile) if result.reading.profile else None
    finder = reverse("finder:results" if state else "finder:finder")
    if state is not None:
        finder += "?" + urlencode({"state": state.encode()})
    desk = {"question": result.reading.question}
    if result.programs or result.closest:
        desk["program"] = (result.programs or result.closest)[0]
    if state is not None:
        desk["state"] = state.encode()
    return {
        "programs": {
            pid: reverse("finder:program", args=[pid])
            for pid in dict.fromkeys([*result.programs, *result.closest, *result.status])
        },
        "finder": finder,
        "desk": reverse("desk:ask") + "?" + urlencode(desk),
    }
