"""The catalogue: who is listed, full-text search, each filter, pagination, the company page."""

from __future__ import annotations

import html
import re

import pytest

from matchmaker.enums import CooperationType, EventPhase, ParticipationStatus, SizeBand
from matchmaker.models import CompanyCooperation, CompanyLanguage
from tests.factories import (
    login,
    make_company,
    make_event,
    make_organizer,
    make_participation,
    make_user,
)

CARD_RE = re.compile(r'<h2><a href="/companies/(\d+)[^"]*">([^<]+)</a>')


def listed(response) -> set[str]:
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    return {html.unescape(name) for _id, name in CARD_RE.findall(response.get_data(as_text=True))}


def _company(name, country, sector, cooperation=(), languages=(), **fields):
    company = make_company(name, country, sector=sector, **fields)
    company.cooperation_links = [CompanyCooperation(cooperation_type=c) for c in cooperation]
    company.language_links = [CompanyLanguage(language=code) for code in languages]
    return company


@pytest.fixture
def fair(db_session):
    event = make_event(phase=EventPhase.REQUESTS)
    pumps = _company(
        "Bavaria Pumps GmbH",
        "DE",
        "28",
        [CooperationType.TRADE],
        ["de", "en"],
        region="Bavaria",
        description="Centrifugal pumps for water treatment plants.",
        offers="Pumps, valves and service contracts.",
        seeks="Distributors in Sichuan.",
        size_band=SizeBand.MEDIUM,
        founded_year=1952,
        website="https://pumps.example",
    )
    wine = _company(
        "Lyon Vineyards SAS",
        "FR",
        "46",
        [CooperationType.TRADE, CooperationType.INVESTMENT_IN],
        ["fr", "en"],
        description="Wine estate and wholesale of French wines.",
        seeks="Importers in Chengdu.",
    )
    robots = _company(
        "Chengdu Panda Robotics Co., Ltd.",
        "CN",
        "28",
        [CooperationType.TECHNOLOGY_TRANSFER, CooperationType.JOINT_VENTURE],
        ["zh", "en"],
        name_zh="成都熊猫机器人有限公司",
        region="Sichuan",
        description="Industrial robots for welding.",
        seeks="European technology partners.",
    )
    hotpot = _company(
        "Chongqing Hotpot Foods",
        "CN",
        "10",
        [CooperationType.TRADE],
        ["zh"],
        region="Chongqing",
        description="Hotpot seasoning, 100% natural chili.",
    )
    pending = make_company("Pending Applicant GmbH", "DE", description="Pumps too.")
    elsewhere = make_company("Last Year Only Ltd", "IE")
    old_event = make_event(phase=EventPhase.CLOSED, name="Old fair", year=2025)
    for company in (pumps, wine, robots, hotpot):
        make_participation(event, company)
    make_participation(event, pending, status=ParticipationStatus.PENDING)
    make_participation(old_event, elsewhere)
    make_participation(old_event, pumps)
    viewer = make_user(company=pumps)
    db_session.commit()
    return {
        "event": event,
        "old_event": old_event,
        "viewer": viewer,
        "pumps": pumps,
        "robots": robots,
        "pending": pending,
        "elsewhere": elsewhere,
    }


ALL = {
    "Bavaria Pumps GmbH",
    "Lyon Vineyards SAS",
    "Chengdu Panda Robotics Co., Ltd.",
    "Chongqing Hotpot Foods",
}


@pytest.fixture
def viewer_client(client, fair, sign_in):
    sign_in(fair["viewer"])
    return client


def test_the_catalogue_is_behind_login(client, fair):
    response = client.get("/catalogue")
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]
    assert client.get(f"/companies/{fair['pumps'].id}").status_code == 302


def test_after_logging_in_through_the_form_the_catalogue_opens(client, fair):
    login(client, fair["viewer"])
    assert listed(client.get("/catalogue")) == ALL


def test_the_catalogue_lists_the_approved_participants_of_the_current_event(viewer_client):
    assert listed(viewer_client.get("/catalogue")) == ALL


def test_another_edition_is_chosen_with_the_event_parameter(viewer_client, fair):
    names = listed(viewer_client.get(f"/catalogue?event={fair['old_event'].id}"))
    assert names == {"Last Year Only Ltd", "Bavaria Pumps GmbH"}


def test_an_unknown_event_is_not_found(viewer_client):
    assert viewer_client.get("/catalogue?event=99999").status_code == 404


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("ROBOTS", {"Chengdu Panda Robotics Co., Ltd."}),  # description, any case
        ("pumps sichuan", {"Bavaria Pumps GmbH"}),  # terms ANDed across columns
        ("pumps wine", set()),
        ("熊猫", {"Chengdu Panda Robotics Co., Ltd."}),  # Chinese name
        ("valves", {"Bavaria Pumps GmbH"}),  # offers
        ("importers", {"Lyon Vineyards SAS"}),  # seeks
        ("100%", {"Chongqing Hotpot Foods"}),  # words, not SQL wildcards
        ("%", set()),  # a query without a word finds nothing
        ("_", set()),
        ("pump", {"Bavaria Pumps GmbH"}),  # plurals are folded
        ("robo", {"Chengdu Panda Robotics Co., Ltd."}),  # a prefix of a word
        ("Bavarai", {"Bavaria Pumps GmbH"}),  # a typo in a name
        ("lyon", {"Lyon Vineyards SAS"}),  # name
    ],
)
def test_search_matches_every_term_in_name_description_offers_or_seeks(
    viewer_client, query, expected
):
    assert listed(viewer_client.get("/catalogue", query_string={"q": query})) == expected


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"side": "CN"}, {"Chengdu Panda Robotics Co., Ltd.", "Chongqing Hotpot Foods"}),
        ({"side": "EU"}, {"Bavaria Pumps GmbH", "Lyon Vineyards SAS"}),
        ({"country": "FR"}, {"Lyon Vineyards SAS"}),
        ({"sector": "28"}, {"Bavaria Pumps GmbH", "Chengdu Panda Robotics Co., Ltd."}),
        (
            {"sector": "C"},
            {"Bavaria Pumps GmbH", "Chengdu Panda Robotics Co., Ltd.", "Chongqing Hotpot Foods"},
        ),
        ({"sector": "G"}, {"Lyon Vineyards SAS"}),
        ({"cooperation": "technology_transfer"}, {"Chengdu Panda Robotics Co., Ltd."}),
        ({"cooperation": "investment_in"}, {"Lyon Vineyards SAS"}),
        ({"language": "de"}, {"Bavaria Pumps GmbH"}),
        ({"language": "en"}, ALL - {"Chongqing Hotpot Foods"}),
        ({"side": "CN", "cooperation": "trade"}, {"Chongqing Hotpot Foods"}),
        ({"q": "pumps", "side": "CN"}, set()),
    ],
)
def test_each_filter_narrows_the_list(viewer_client, filters, expected):
    assert listed(viewer_client.get("/catalogue", query_string=filters)) == expected


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ({"side": "XX"}, "Unknown side"),
        ({"country": "ZZ"}, "Unknown country code"),
        ({"sector": "00"}, "Unknown sector"),
        ({"sector": "Z"}, "Unknown sector"),
        ({"cooperation": "bribery"}, "Unknown cooperation type"),
        ({"language": "xx"}, "Unknown language code"),
        ({"page": "two"}, "The page must be a whole number"),
        ({"page": "0"}, "The page must be a whole number"),
        ({"event": "abc"}, "The event must be given by its number"),
        ({"q": "x" * 201}, "The search is too long"),
    ],
)
def test_bad_filter_values_are_refused_with_a_message(viewer_client, args, message):
    response = viewer_client.get("/catalogue", query_string=args)
    assert response.status_code == 400
    page = html.unescape(response.get_data(as_text=True))
    assert message in page
    assert CARD_RE.search(page) is None


def test_the_list_is_paginated_and_links_keep_the_filters(app, viewer_client):
    app.config["CATALOGUE_PAGE_SIZE"] = 1
    first = viewer_client.get("/catalogue?side=CN&q=ch")
    assert listed(first) == {"Chengdu Panda Robotics Co., Ltd."}  # ordered by name
    page = html.unescape(first.get_data(as_text=True))
    assert "2 companies" in page
    next_link = re.search(r'href="([^"]+)" rel="next"', page).group(1)
    assert "side=CN" in next_link and "q=ch" in next_link and "page=2" in next_link
    assert listed(viewer_client.get(next_link)) == {"Chongqing Hotpot Foods"}
    beyond = viewer_client.get("/catalogue?side=CN&q=ch&page=3")
    assert listed(beyond) == set()
    assert "There is no page 3: the list has 2 pages." in beyond.get_data(as_text=True)


def test_pages_hold_the_configured_number_of_companies(app, viewer_client):
    app.config["CATALOGUE_PAGE_SIZE"] = 3
    first = listed(viewer_client.get("/catalogue"))
    second = listed(viewer_client.get("/catalogue?page=2"))
    assert len(first) == 3 and len(second) == 1
    assert first | second == ALL


def test_without_an_open_event_the_catalogue_says_so(client, db_session, sign_in):
    user = make_user()
    db_session.commit()
    sign_in(user)
    response = client.get("/catalogue")
    assert response.status_code == 200
    assert "No edition of the fair is open" in response.get_data(as_text=True)


def test_the_company_page_shows_the_full_profile(viewer_client, fair):
    response = viewer_client.get(f"/companies/{fair['robots'].id}")
    assert response.status_code == 200
    page = html.unescape(response.get_data(as_text=True))
    for text in (
        "Chengdu Panda Robotics Co., Ltd.",
        "成都熊猫机器人有限公司",
        "China, Sichuan",
        "Chinese",
        "28 — Manufacture of machinery and equipment n.e.c.",
        "Industrial robots for welding.",
        "European technology partners.",
        "Technology transfer",
        "Joint venture",
        "Chinese (Mandarin)",
        "English",
    ):
        assert text in page, text


def test_the_company_page_shows_size_founding_year_website_and_offers(client, fair, sign_in):
    other = make_user(company=fair["robots"])
    from matchmaker.extensions import db

    db.session.commit()
    sign_in(other)
    page = html.unescape(client.get(f"/companies/{fair['pumps'].id}").get_data(as_text=True))
    for text in ("Medium (50–249)", "1952", "https://pumps.example", "Pumps, valves", "Bavaria"):
        assert text in page, text


def test_a_company_not_approved_anywhere_is_not_found(viewer_client, fair):
    assert viewer_client.get(f"/companies/{fair['pending'].id}").status_code == 404
    assert viewer_client.get("/companies/999999").status_code == 404


def test_organizers_see_every_company_page(client, fair, db_session, sign_in):
    organizer = make_organizer()
    db_session.commit()
    sign_in(organizer)
    assert client.get(f"/companies/{fair['pending'].id}").status_code == 200
    assert listed(client.get("/catalogue")) == ALL


def test_representatives_see_their_own_company_page_without_a_request_form(client, fair, sign_in):
    from matchmaker.extensions import db

    applicant = make_user(company=fair["pending"])
    db.session.commit()
    sign_in(applicant)
    response = client.get(f"/companies/{fair['pending'].id}")
    assert response.status_code == 200
    assert "Request a meeting" not in response.get_data(as_text=True)


def test_the_company_page_offers_a_request_form_to_another_participant(viewer_client, fair):
    page = viewer_client.get(f"/companies/{fair['robots'].id}").get_data(as_text=True)
    assert f'action="/requests/new/{fair["robots"].id}?event={fair["event"].id}"' in page
    assert 'name="priority"' in page and 'name="message"' in page


def test_a_company_page_of_the_past_edition_has_no_request_form(viewer_client, fair):
    response = viewer_client.get(f"/companies/{fair['elsewhere'].id}?event={fair['old_event'].id}")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'name="message"' not in page
    assert "possible only in the phase “Meeting requests”" in html.unescape(page)


def test_a_bad_event_on_the_company_page_is_refused(viewer_client, fair):
    assert viewer_client.get(f"/companies/{fair['robots'].id}?event=x").status_code == 400
    assert viewer_client.get(f"/companies/{fair['robots'].id}?event=424242").status_code == 404


def test_the_catalogue_lists_without_n_plus_one_queries(app, viewer_client, fair, db_session):
    """The statements of a catalogue page (with its suggestions) do not grow with the list."""
    from sqlalchemy import event as sa_event

    from matchmaker.extensions import db

    def statements_of_a_page(expected_companies: int) -> int:
        db_session.expire_all()  # the request loads its user afresh both times
        statements: list[str] = []

        def count(*_args):
            statements.append("q")

        with app.app_context():
            engine = db.engine
        sa_event.listen(engine, "before_cursor_execute", count)
        try:
            assert len(listed(viewer_client.get("/catalogue"))) == expected_companies
        finally:
            sa_event.remove(engine, "before_cursor_execute", count)
        return len(statements)

    few = statements_of_a_page(4)
    for i in range(12):
        company = _company(f"Extra {i:02d}", "CN", "62", [CooperationType.SERVICES], ["zh"])
        make_participation(fair["event"], company)
    db_session.commit()
    many = statements_of_a_page(16)
    assert many == few
    assert many <= 16


def test_a_website_that_is_not_http_is_shown_but_not_linked(viewer_client, fair, db_session):
    fair["robots"].website = "javascript:alert(1)"
    db_session.commit()
    page = viewer_client.get(f"/companies/{fair['robots'].id}").get_data(as_text=True)
    assert "javascript:alert(1)" in page
    assert 'href="javascript:' not in page
