"""The Jinja2 environment of the site's pages.

The pages are Jinja2 templates (``<app>/jinja2/<app>/*.html``): the results page shows
about a hundred criteria and thirty program cards, and Jinja2 renders it several times
faster than Django's template language (measured in ``benchmarks/bench_web.py``), which
keeps the results page's p95 under 50 ms with 50 users on two cores. Django's own
templates remain for the admin and the API docs.

Translations: ``{% trans %}`` and ``_()`` use Django's gettext, so the same
``locale/en/LC_MESSAGES/django.po`` serves Python code and templates; Babel extracts the
messages of both (``docs/translations.md``).
"""

from __future__ import annotations

from typing import Any

from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from jinja2 import Environment


def url(name: str, *args: Any) -> str:
    """The path of a named route, as ``{% url %}`` gives it."""
    return reverse(name, args=args or None)


def environment(**options: Any) -> Environment:
    """Jinja2 with Django's gettext, ``url()``, ``static()`` and the current language."""
    env = Environment(extensions=["jinja2.ext.i18n"], **options)
    env.install_gettext_callables(  # type: ignore[attr-defined]
        translation.gettext, translation.ngettext, newstyle=True
    )
    env.globals.update(url=url, static=static, get_language=translation.get_language)
    return env
