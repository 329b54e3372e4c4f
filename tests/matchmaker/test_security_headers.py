"""Security headers on every page (GET routes discovered from the URL map, as each role), no
inline script or style in any template or page, the request size limit, and refusals at the
edge: ids beyond the database's range, control characters, non-ASCII digits."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from matchmaker import PROJECT_ROOT
from matchmaker.params import MAX_ID
from matchmaker.security import CONTENT_SECURITY_POLICY
from tests.builders import build_published_fair
from tests.factories import make_organizer, make_user, sign_in_without_form

TEMPLATES = PROJECT_ROOT / "templates"
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
INLINE_STYLE = re.compile(r"<style\b|\sstyle\s*=", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.IGNORECASE)


def _offences(text: str) -> list[str]:
    return [
        match.group(0)
        for pattern in (INLINE_SCRIPT, INLINE_STYLE, EVENT_HANDLER)
        for match in pattern.finditer(text)
    ]


@pytest.mark.parametrize(
    "template", sorted(TEMPLATES.rglob("*.html")), ids=lambda p: str(p.relative_to(TEMPLATES))
)
def test_no_template_has_inline_script_style_or_event_handler(template: Path):
    assert _offences(template.read_text(encoding="utf-8")) == []


def _get_routes(app, values: dict[str, object]) -> list[str]:
    """A URL for every GET rule, its parameters taken from ``values`` (rules with another
    parameter are skipped: tokens, file names)."""
    urls = []
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or rule.endpoint == "static":
            continue
        if not set(rule.arguments) <= set(values):
            continue
        urls.append(rule.build({name: values[name] for name in rule.arguments})[1])
    return sorted(set(urls))


@pytest.fixture
def published(db_session):
    fair = build_published_fair()
    representative = make_user(fair.companies["alpha"])
    db_session.commit()
    return fair, representative


def test_every_page_sends_the_security_headers_and_no_inline_code(app, published):
    fair, representative = published
    values = {
        "event_id": fair.event.id,
        "company_id": fair.companies["alpha"].id,
        "request_id": fair.requests["ac"].id,
        "version_id": fair.version.id,
        "slot_id": fair.slots[0].id,
        "user_id": representative.id,
        "meeting_id": fair.version.meetings[0].id,
        "run_id": 1,
        "table_id": fair.tables[0].id,
    }
    urls = _get_routes(app, values)
    assert len(urls) > 20
    visitors = {"anonymous": app.test_client()}
    for role, user in (("organizer", fair.organizer), ("representative", representative)):
        visitors[role] = app.test_client()
        sign_in_without_form(visitors[role], user)
    seen_html = 0
    for role, client in visitors.items():
        for url in urls:
            answer = client.get(url)
            assert answer.status_code < 500, (role, url)
            headers = answer.headers
            assert headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY, (role, url)
            assert "unsafe-inline" not in headers["Content-Security-Policy"]
            assert headers["X-Content-Type-Options"] == "nosniff"
            assert headers["X-Frame-Options"] == "DENY"
            assert headers["Referrer-Policy"] == "same-origin"
            if answer.mimetype == "text/html":
                seen_html += 1
                assert _offences(answer.get_data(as_text=True)) == [], (role, url)
    assert seen_html > 40


def test_hsts_only_over_https(app):
    assert "Strict-Transport-Security" not in app.test_client().get("/login").headers


def test_a_huge_body_is_refused_with_413_before_it_is_parsed(app):
    limit = app.config["MAX_CONTENT_LENGTH"]
    answer = app.test_client().post(
        "/login",
        data=b"x" * (limit + 1),
        content_type="multipart/form-data; boundary=zzz",
    )
    assert answer.status_code == 413
    assert "larger than this site accepts" in answer.get_data(as_text=True)


@pytest.mark.parametrize(
    "path",
    [
        f"/events/{MAX_ID + 1}/timetable",
        "/events/99999999999999999999/timetable",
        "/companies/9223372036854775808",
    ],
)
def test_ids_beyond_the_database_range_are_404(app, db_session, path):
    client = app.test_client()
    sign_in_without_form(client, make_user())
    assert client.get(path).status_code == 404


@pytest.mark.parametrize("page", ["²", "٣", "1" * 5000, "-1", "0x10"])
def test_page_numbers_that_are_not_plain_ascii_numbers_are_400(app, db_session, page):
    client = app.test_client()
    sign_in_without_form(client, make_organizer())
    assert client.get("/organizer/companies", query_string={"page": page}).status_code == 400


@pytest.mark.parametrize("text", ["a\x00b", "\x01", "name\x1b[31m", "x\x0by"])
def test_control_characters_in_any_input_are_refused_with_a_message(app, text):
    client = app.test_client()
    answer = client.post("/login", data={"email": text, "password": "whatever password"})
    assert answer.status_code == 400
    assert "invisible control characters" in answer.get_data(as_text=True)
    assert client.get("/login", query_string={"next": text}).status_code == 400


@pytest.mark.parametrize(
    "name", ["Evil\x01\x1b[31m\x0bCo", '=HYPERLINK("http://x")', "Two\r\nLines Ltd", "@SUM(A1)"]
)
def test_exports_and_calendars_are_safe_for_any_stored_text(app, db_session, name):
    fair = build_published_fair()
    fair.companies["gamma"].name = name  # stored by an import or before the edge checks
    representative = make_user(fair.companies["alpha"])
    db_session.commit()
    organizer = app.test_client()
    sign_in_without_form(organizer, fair.organizer)
    event = fair.event.id
    for path in (
        f"/organizer/events/{event}/schedule/published.xlsx",
        f"/organizer/events/{event}/schedule/published.csv",
        f"/organizer/events/{event}/statistics.xlsx",
        f"/organizer/events/{event}/outcomes.csv",
    ):
        answer = organizer.get(path)
        assert answer.status_code == 200, path  # XLSX refuses control characters: a 500 before
        if path.endswith(".csv"):
            assert b"\x01" not in answer.data and b"\x1b" not in answer.data
    csv_text = organizer.get(f"/organizer/events/{event}/schedule/published.csv").data.decode()
    assert "'=HYPERLINK" in csv_text or not name.startswith("=")
    company = app.test_client()
    sign_in_without_form(company, representative)
    calendar = company.get(f"/events/{event}/agenda/{fair.companies['alpha'].id}.ics")
    assert calendar.status_code == 200
    for line in calendar.data.decode().split("\r\n"):
        assert "\n" not in line and "\r" not in line
        assert not any(ord(c) < 32 and c != "\t" for c in line)
