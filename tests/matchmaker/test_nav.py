"""The navigation shows what the visitor's role can use."""

from __future__ import annotations

from tests.factories import login, make_organizer, make_user


def _nav(client, url="/login") -> str:
    html = client.get(url, follow_redirects=True).get_data(as_text=True)
    return html[html.index("<nav") : html.index("</nav>")]


def test_visitors_see_log_in_and_register(client):
    nav = _nav(client)
    assert 'href="/login"' in nav and 'href="/register"' in nav
    assert "Log out" not in nav and "Organizer area" not in nav


def test_representatives_see_their_company_requests_and_participation(client, db_session):
    user = make_user()
    db_session.commit()
    login(client, user)
    nav = _nav(client, "/account/")
    for link in ('href="/account/company"', 'href="/account/participations"', 'href="/requests/"'):
        assert link in nav, link
    assert "Log out" in nav and "Organizer area" not in nav


def test_organizers_see_the_organizer_area(client, db_session):
    organizer = make_organizer()
    db_session.commit()
    login(client, organizer)
    nav = _nav(client, "/account/")
    assert 'href="/organizer/"' in nav and "Log out" in nav
    assert 'href="/account/company"' not in nav
