"""Property-based fuzzing of every route (discovered from the URL map) as each role: path ids,
query parameters and form fields drawn from hostile values (NUL and control characters, huge
and negative numbers, non-ASCII digits, exponents, broken URLs, very long text). Whatever
arrives, the answer is never a 5xx."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from matchmaker.params import MAX_ID
from tests.builders import build_published_fair
from tests.factories import make_user, sign_in_without_form

# Endpoints left out: they start a solver run in a thread, or end the fuzzing user's session.
SKIPPED = {"static", "scheduling.start_run", "auth.logout", "accounts.log_out_everywhere"}
HOSTILE_TEXT = [
    "\x00",
    "a\x00b",
    "\x1b[31m",
    "\x0b",
    "²",
    "٣",
    "１２",
    "1" * 5000,
    "9" * 30,
    "-1",
    "0",
    "1e999999999",
    "NaN",
    "https://[x",
    "=cmd|'/c calc'!A1",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "x" * 20000,
    "成都" * 500,
    "",
]
FIELD_NAMES = [
    "email", "password", "confirm_password", "current_password", "full_name", "job_title",
    "locale", "company_name", "country", "name", "name_zh", "region", "website", "description",
    "offers", "seeks", "founded_year", "sector", "size_band", "delegates", "attendance", "days",
    "priority", "message", "status", "absent_company_id", "slot_id", "table_id", "request_id",
    "value", "currency", "comment", "held", "interest", "next_step", "agreement",
    "agreement_type", "time_limit_s", "table_count", "slot_minutes", "gap_minutes", "day_start",
    "day_end", "replaces", "seen", "back", "company", "q", "page", "event", "side", "kind",
]  # fmt: skip
RULE_ARGUMENT = re.compile(r"<(?:[^:<>]+:)?([^<>]+)>")
QUERY_NAMES = ["page", "event", "company", "slot", "at", "q", "side", "next", "status"]

hostile = st.one_of(st.sampled_from(HOSTILE_TEXT), st.text(max_size=40))
hostile_ids = st.sampled_from([0, 1, 2, 3, MAX_ID, MAX_ID + 1, 2**63, 10**30])


@pytest.fixture
def visitors(app, db_session):
    fair = build_published_fair()
    representative = make_user(fair.companies["alpha"])
    db_session.commit()
    clients = {"anonymous": app.test_client()}
    for role, user in (("organizer", fair.organizer), ("representative", representative)):
        clients[role] = app.test_client()
        sign_in_without_form(clients[role], user)
    ids = {
        "event_id": fair.event.id,
        "company_id": fair.companies["gamma"].id,
        "request_id": fair.requests["ac"].id,
        "version_id": fair.version.id,
        "slot_id": fair.slots[0].id,
        "meeting_id": fair.version.meetings[0].id,
        "table_id": fair.tables[0].id,
        "user_id": representative.id,
    }
    rules = [
        rule
        for rule in app.url_map.iter_rules()
        if rule.endpoint not in SKIPPED and rule.methods & {"GET", "POST"}
    ]
    return clients, ids, sorted(rules, key=lambda rule: rule.rule)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_no_route_answers_5xx_to_hostile_input(visitors, data):
    clients, ids, rules = visitors
    role = data.draw(st.sampled_from(sorted(clients)), label="role")
    rule = data.draw(st.sampled_from(rules), label="rule")
    values = {}
    for name in rule.arguments:
        if name in ids:
            values[name] = data.draw(st.one_of(st.just(ids[name]), hostile_ids), label=name)
        else:  # tokens, file names
            values[name] = data.draw(st.sampled_from(["x", "abc.def", "0" * 300]), label=name)
    path = RULE_ARGUMENT.sub(lambda match: str(values[match.group(1)]), rule.rule)
    query = data.draw(
        st.dictionaries(st.sampled_from(QUERY_NAMES), hostile, max_size=3), label="query"
    )
    client = clients[role]
    if "POST" in rule.methods and data.draw(st.booleans(), label="post"):
        form = data.draw(
            st.dictionaries(st.sampled_from(FIELD_NAMES), hostile, max_size=8), label="form"
        )
        answer = client.post(path, query_string=query, data=form)
    else:
        answer = client.get(path, query_string=query)
    assert answer.status_code < 500, (role, rule.rule, path, answer.status_code)
