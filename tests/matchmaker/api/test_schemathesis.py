"""Property-based run of the served OpenAPI document (Schemathesis): every operation, as each
role (anonymous, two representatives, an organizer), with generated inputs. No response may be
a 5xx or break the document (status codes, content types, response schemas).

Bounded: ``EXAMPLES_PER_OPERATION`` inputs per operation and role (about a minute per backend).
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

EXAMPLES_PER_OPERATION = 12
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.mark.parametrize("role", ["anonymous", "alice", "li", "organizer"])
def test_every_operation_keeps_to_the_document(app, api_fair, role):
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    headers = {} if role == "anonymous" else api_fair.auth(role)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 14
    failures: list[str] = []
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            database=None,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        def run(case):
            response = case.call(headers=headers)
            case.validate_response(response, checks=CHECKS)

        try:
            run()
        except Exception as error:  # collect every operation's failure, then report them all
            failures.append(f"{operation.label}: {error}")
    assert failures == []
