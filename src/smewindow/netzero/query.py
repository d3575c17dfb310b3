"""The ESCO directory's query, one definition for its page and its API: ``q``, ``county``
(台 or 臺), ``service``, ``certified`` and ``page``, as pydantic validates them.

An empty parameter (``?county=``, as a form sends it) is no filter. A bad one fails with
pydantic's ``ValidationError``, whose ``loc`` names the parameter; the page says why in
the page's language, the API answers 422 (``api.catalog._read`` reads the same way).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any

from django.http import QueryDict
from pydantic import BaseModel, BeforeValidator, Field

from smewindow.netzero.models import Certification, Service
from smewindow.netzero.search import MAX_PAGE, EscoFilters
from smewindow.rules.taiwan import COUNTIES

MAX_QUERY = 200
"""The longest keywords accepted (characters), as the catalogue's."""

County = StrEnum("County", [(county, county) for county in COUNTIES])  # type: ignore[misc]
"""The 22 counties, official spelling."""


def official(value: Any) -> Any:
    """台 written for 臺 (台北市 = 臺北市)."""
    return value.replace("台", "臺") if isinstance(value, str) else value


class EscoQuery(BaseModel):
    """The directory's search (``netzero.search.EscoFilters``) and the page asked for."""

    q: str = Field(
        "",
        max_length=MAX_QUERY,
        description="關鍵字，以空白分隔的詞都須符合 · keywords, all must match",
    )
    county: Annotated[County | None, BeforeValidator(official)] = Field(
        None, description="服務縣市（含服務全國者）· a county served (those serving all too)"
    )
    service: Service | None = Field(None, description="服務項目 · a service")
    certified: Certification | None = Field(None, description="登錄或驗證 · a certification")
    page: int = Field(1, ge=1, le=MAX_PAGE, description="頁次（從 1 起）· page, from 1")

    def filters(self) -> EscoFilters:
        """The search's filters: only ESCOs on the registry's latest list (``is_approved``)."""
        return EscoFilters(
            county=self.county.value if self.county else None,
            service=self.service.value if self.service else None,
            certified=self.certified.value if self.certified else None,
            approved=True,
        )


def given(params: QueryDict) -> dict[str, str | list[str]]:
    """The parameters sent, empty ones left out; a repeated one as a list (which a
    single-valued field refuses)."""
    return {
        name: values[0] if len(values) == 1 else values
        for name, sent in params.lists()
        if (values := [value for value in sent if value != ""])
    }
