"""An organizer runs the scheduler in a real browser and watches the run finish live."""

from __future__ import annotations

from matchmaker.extensions import db
from tests.builders import build_ready_fair
from tests.factories import PASSWORD


def test_the_run_page_follows_progress_and_links_the_draft(app, live_server, browser):
    app.config["WTF_CSRF_ENABLED"] = True  # as in production: the pages carry their tokens
    with app.app_context():
        fair = build_ready_fair(companies=8, tables=3)
        db.session.commit()
        event_id, email, requests = fair.event.id, fair.organizer.email, len(fair.requests)

    page = browser.new_page()
    page.goto(f"{live_server}/login")
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", PASSWORD)
    page.click("main form [type=submit]")
    page.goto(f"{live_server}/organizer/events/{event_id}/schedule/")
    page.fill("input[name=time_limit_s]", "5")
    page.click("button[name=kind][value=solve]")

    # The run page polls its progress and reloads itself when the run ends.
    page.wait_for_url("**/runs/*")
    page.wait_for_selector("#run-result a", timeout=60_000)
    assert page.inner_text('[data-field="status"]') == "Finished"
    page.click("#run-result a")
    assert page.inner_text('[data-figure="scheduled"]') == str(requests)
    assert page.inner_text('[data-figure="requested"]') == str(requests)
