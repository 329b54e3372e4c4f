""" "Place by hand": an unscheduled request of the review is placed from the editor's panel into
a free slot (pinned), refused with the reason in words where the conflict rules say no, and
only with a CSRF token."""

from __future__ import annotations

import json
import re

import pytest
from sqlalchemy import select

from matchmaker.extensions import db
from matchmaker.models import Meeting
from matchmaker.scheduling.editing import draft_for_editing
from tests.builders import build_published_fair
from tests.conftest import login_with_csrf
from tests.factories import PASSWORD, sign_in_without_form

PANEL_TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')  # the panel's forms


@pytest.fixture
def draft(db_session):
    fair = build_published_fair()  # Alpha–Epsilon ("ae") is accepted but not placed
    copy = draft_for_editing(fair.event, fair.organizer)
    db_session.commit()
    return fair, copy


def _placed(copy, request) -> Meeting | None:
    db.session.expire_all()
    return db.session.scalar(
        select(Meeting).where(Meeting.version_id == copy.id, Meeting.request_id == request.id)
    )


def _add_url(fair, copy) -> str:
    return f"/organizer/events/{fair.event.id}/schedule/versions/{copy.id}/meetings"


def test_an_unscheduled_request_is_placed_by_hand_from_the_review(app, draft):
    fair, copy = draft
    ae = fair.requests["ae"]
    client = app.test_client()
    sign_in_without_form(client, fair.organizer)
    review = client.get(f"/organizer/events/{fair.event.id}/schedule/versions/{copy.id}")
    html = review.get_data(as_text=True)
    row = html[html.index(f'data-request="{ae.id}"') :]
    row = row[: row.index("</tr>")]
    assert "Alpha GmbH – Epsilon Ltd" in row
    link = f"/organizer/events/{fair.event.id}/schedule/versions/{copy.id}/editor?request={ae.id}"
    assert f'href="{link}#panel"' in row and "Place by hand" in row

    panel = client.get(link).get_data(as_text=True)
    assert f'action="{_add_url(fair, copy)}"' in panel
    assert f'name="request_id" value="{ae.id}"' in panel
    start = panel.index('id="move-slot"')
    offered = panel[start : panel.index("</select>", start)]
    free = fair.slots[3]  # neither Alpha (slots 1, 2) nor Epsilon (none) meets there
    assert f'value="{free.id}"' in offered
    assert f'value="{fair.slots[1].id}"' not in offered  # Alpha meets Gamma there

    response = client.post(
        _add_url(fair, copy),
        data={"request_id": ae.id, "slot_id": free.id, "table_id": 0},
        headers={"X-Editor": "1"},
    )
    answer = json.loads(response.get_data(as_text=True))
    assert response.status_code == 200 and answer["ok"]
    assert answer["message"] == "Meeting added and pinned."
    meeting = _placed(copy, ae)
    assert meeting is not None and meeting.slot_id == free.id and meeting.pinned
    assert meeting.table_id is not None
    again = client.get(f"/organizer/events/{fair.event.id}/schedule/versions/{copy.id}")
    assert f'data-request="{ae.id}"' not in again.get_data(as_text=True)


def test_placing_by_hand_where_a_company_is_busy_is_refused_with_the_reason(app, draft):
    fair, copy = draft
    ae = fair.requests["ae"]
    client = app.test_client()
    sign_in_without_form(client, fair.organizer)
    busy = fair.slots[1]  # Alpha meets Gamma there
    response = client.post(
        _add_url(fair, copy),
        data={"request_id": ae.id, "slot_id": busy.id, "table_id": 0},
        headers={"X-Editor": "1"},
    )
    assert response.status_code == 409
    answer = json.loads(response.get_data(as_text=True))
    assert not answer["ok"]
    assert "Alpha GmbH already has a meeting in that slot." in answer["message"]
    assert _placed(copy, ae) is None
    # Without JavaScript the refusal comes back as a message on the editor.
    page = client.post(
        _add_url(fair, copy),
        data={"request_id": ae.id, "slot_id": busy.id, "table_id": 0},
        follow_redirects=True,
    ).get_data(as_text=True)
    assert "Alpha GmbH already has a meeting in that slot." in page
    assert _placed(copy, ae) is None


def test_placing_by_hand_needs_a_csrf_token(app, draft):
    fair, copy = draft
    ae = fair.requests["ae"]
    app.config["WTF_CSRF_ENABLED"] = True
    client = app.test_client()
    login_with_csrf(client, fair.organizer.email, PASSWORD)
    data = {"request_id": ae.id, "slot_id": fair.slots[3].id, "table_id": 0}
    assert client.post(_add_url(fair, copy), data=data).status_code == 400
    assert _placed(copy, ae) is None
    link = f"/organizer/events/{fair.event.id}/schedule/versions/{copy.id}/editor?request={ae.id}"
    token = PANEL_TOKEN.search(client.get(link).get_data(as_text=True)).group(1)
    response = client.post(_add_url(fair, copy), data={**data, "csrf_token": token})
    assert response.status_code == 302
    assert _placed(copy, ae) is not None
