"""Schemathesis against the OpenAPI schema: no input makes the API answer 500, every answer
has a documented status and matches its documented shape.

The rules check more than the schema can say (the 統一編號 check digit, dates before the
rules' coverage …), so schema-valid input may rightly be refused with 422: the positive-data
check is left out, the others run.
"""

from __future__ import annotations

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
# The real WSGI handler checks the database connection on every request (Django's test client
# skips that): allow the database, so that tests which used it earlier do not make it fail.
pytestmark = pytest.mark.django_db(transaction=True)
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@schema.parametrize()
@settings(max_examples=40, deadline=None)
def test_no_input_breaks_the_api(case: schemathesis.Case) -> None:
    case.call_and_validate(checks=CHECKS)
