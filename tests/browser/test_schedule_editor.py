"""An organizer moves a meeting in the schedule editor: the grid changes in place, without a
page reload and without jumping to the top."""

from __future__ import annotations

from sqlalchemy import select

from matchmaker.extensions import db
from matchmaker.models import Meeting
from matchmaker.scheduling.editing import draft_for_editing
from tests.builders import build_published_fair
from tests.factories import PASSWORD


def test_moving_a_meeting_updates_the_grid_without_a_reload(app, live_server, browser):
    app.config["WTF_CSRF_ENABLED"] = True
    with app.app_context():
        fair = build_published_fair()
        draft = draft_for_editing(fair.event, fair.organizer)
        db.session.commit()
        meeting = db.session.scalar(
            select(Meeting).where(
                Meeting.version_id == draft.id, Meeting.request_id == fair.requests["ac"].id
            )
        )
        event_id, draft_id, meeting_id = fair.event.id, draft.id, meeting.id
        old_cell = f"cell-{meeting.slot_id}-t{meeting.table_id}"
        target = fair.slots[4].id
        email = fair.organizer.email

    page = browser.new_page()
    page.goto(f"{live_server}/login")
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", PASSWORD)
    page.click("main form [type=submit]")
    page.goto(f"{live_server}/organizer/events/{event_id}/schedule/versions/{draft_id}/editor")
    page.evaluate("window.__sameDocument = true")  # gone if the page reloads

    page.click(f'a.meeting[data-meeting="{meeting_id}"]')
    page.wait_for_selector("#move-slot")
    page.select_option("#move-slot", str(target))
    page.click("#panel form[action$='/move'] button[type=submit]")
    page.wait_for_selector("body[data-edits='1']", state="attached")  # no eval: CSP forbids it

    assert page.evaluate("window.__sameDocument") is True
    assert "Meeting moved." in page.inner_text("#editor-status")
    assert page.locator(f"#{old_cell} a.meeting").count() == 0
    moved = page.locator(f'[id^="cell-{target}-"] a.meeting[data-meeting="{meeting_id}"]')
    assert moved.count() == 1
    assert page.locator("#undo").count() == 1
    with app.app_context():
        assert db.session.get(Meeting, meeting_id).slot_id == target
