"""The ask box's page (/ask/?q=…&on=…): the question answered from the rules, with each
program linked, each fact with its source, what was read about the firm and the way on —
or the refusal, with the closest programs and the desk, the question carried along."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from smewindow.ask.engine import QuestionError, Result, ask, part_label, status_labels
from smewindow.ask.facts import MAX_QUESTION
from smewindow.ask.links import links
from smewindow.finder.views import answers_bad_requests, date_asked, page_lang, source_link
from smewindow.formatting import display_date, parameter_label, rule_text
from smewindow.rules import PROGRAMS_BY_ID
from smewindow.rules.interview import question_for


@require_GET
@answers_bad_requests
def answer(request: HttpRequest) -> HttpResponse:
    """The box and, with ``q``, its answer; an unreadable question is a 422 with the box."""
    lang, on = page_lang(), date_asked(request)
    question = request.GET.get("q", "")
    context: dict[str, Any] = {
        "q": question[: MAX_QUESTION * 2],
        "on": request.GET.get("on", ""),
        "max": MAX_QUESTION,
        "result": None,
        "error": "",
    }
    if "q" not in request.GET:
        return render(request, "ask/answer.html", context)
    try:
        result = ask(question, on, lang)
    except QuestionError as exc:
        context["error"] = exc.message_en if lang == "en" else exc.message_zh
        return render(request, "ask/answer.html", context, status=422)
    found = links(result)
    named = {p: rule_text(PROGRAMS_BY_ID[p], "name", lang) for p in found["programs"]}
    groups = [
        (label, [(named[p], found["programs"][p]) for p, s in result.status.items() if s == key])
        for key, label in status_labels(lang)
    ]
    context |= {
        "groups": [(label, items) for label, items in groups if items],
        "parts": _parts(result, lang),
        "result": result,
        "as_of": display_date(on, lang),
        "lines": result.answer.split("\n"),
        "programs": [
            (rule_text(PROGRAMS_BY_ID[p], "name", lang), found["programs"][p])
            for p in result.programs[:10]
        ],
        "more": max(0, len(result.programs) - 10),
        "closest": [
            (rule_text(PROGRAMS_BY_ID[p], "name", lang), found["programs"][p])
            for p in result.closest
        ],
        "facts": [
            (parameter_label(f.parameter, lang), f.value, source_link(f.source, lang))
            for f in result.facts
        ],
        "read": [(question_for(name, lang).title, words) for name, words in result.reading.read],
        "finder_url": found["finder"],
        "desk_url": found["desk"],
    }
    return render(request, "ask/answer.html", context)


def _parts(result: Result, lang: str) -> list[tuple[str, str]]:
    """Each part of the answer and its label; with the program's name when the parts are of
    several programs (有什麼租稅優惠: what each break gives)."""
    several = len({p.program for p in result.parts if p.program}) > 1
    return [
        (
            f"{rule_text(PROGRAMS_BY_ID[p.program], 'name', lang)} · {part_label(p.kind, lang)}"
            if several and p.program
            else part_label(p.kind, lang),
            p.text,
        )
        for p in result.parts
    ]
