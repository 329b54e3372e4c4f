"""Suggested partners, dismissals, one-click requests and the organizers' proposals, end to end
through the pages (both database backends)."""

from __future__ import annotations

import html
import re

import pytest
from sqlalchemy import select

from matchmaker.enums import (
    AgreementLevel,
    CooperationType,
    EventPhase,
    ProposalAnswer,
    RequestStatus,
    Role,
)
from matchmaker.models import (
    CompanyCooperation,
    CompanyLanguage,
    MeetingProposal,
    MeetingRequest,
    OutcomeReport,
)
from tests.factories import make_company, make_event, make_participation, make_user


def _company(name, country, sector, languages, **fields):
    company = make_company(name, country, sector=sector, **fields)
    company.language_links = [CompanyLanguage(language=code) for code in languages]
    company.cooperation_links = [CompanyCooperation(cooperation_type=CooperationType.TRADE)]
    return company


@pytest.fixture
def fair(db_session):
    event = make_event(phase=EventPhase.REQUESTS)
    wines = _company(
        "Bordeaux Wines SARL", "FR", "11", ["fr", "en"],
        description="Nous produisons des vins d'appellation.",
        offers="Vins rouges et blancs, exportation.",
        seeks="Un importateur et distributeur de vin dans l'ouest de la Chine.",
    )  # fmt: skip
    importer = _company(
        "Chengdu Jiuhe Trading Co., Ltd.", "CN", "46", ["zh", "en"], region="Sichuan",
        name_zh="成都酒和贸易有限公司",
        offers="进口和分销欧洲葡萄酒，覆盖成都和重庆的餐厅与超市。",
        seeks="寻求法国和意大利的葡萄酒庄。",
    )  # fmt: skip
    robots = _company(
        "Chongqing Robot Arms Co., Ltd.", "CN", "28", ["zh"], region="Chongqing",
        offers="Industrial robots and automation lines.",
        seeks="Technology transfer partners for machine vision.",
    )  # fmt: skip
    tea = _company(
        "Ya'an Tea Growers Co., Ltd.", "CN", "01", ["zh", "en"], region="Sichuan",
        offers="Green and dark teas for export.", seeks="European distributors of tea.",
    )  # fmt: skip
    rival = _company("Loire Wines SAS", "FR", "11", ["fr"], offers="Vins de Loire.")
    for company in (wines, importer, robots, tea, rival):
        make_participation(event, company)
    rep = make_user(company=wines)
    importer_rep = make_user(company=importer)
    tea_rep = make_user(company=tea)
    organizer = make_user(role=Role.ORGANIZER)
    db_session.commit()
    return {
        "event": event, "wines": wines, "importer": importer, "robots": robots, "tea": tea,
        "rival": rival, "rep": rep, "importer_rep": importer_rep, "tea_rep": tea_rep,
        "organizer": organizer,
    }  # fmt: skip


CARD_RE = re.compile(r'class="company-card suggestion" data-company="(\d+)"')


def suggested(response) -> list[int]:
    assert response.status_code == 200, response.status_code
    return [int(i) for i in CARD_RE.findall(response.get_data(as_text=True))]


def test_the_complementary_chinese_importer_is_suggested_first_with_reasons(client, fair, sign_in):
    sign_in(fair["rep"])
    response = client.get(f"/events/{fair['event'].id}/suggestions")
    order = suggested(response)
    assert order[0] == fair["importer"].id
    assert fair["rival"].id not in order  # the same side is never suggested
    page = html.unescape(response.get_data(as_text=True))
    assert "They offer what you seek: Wine, beer and spirits, Distribution, Import" in page
    assert "They are in Western China (Sichuan, Chongqing), where you look for partners" in page
    assert "They seek what you offer: Wine, beer and spirits" in page


def test_a_dismissed_suggestion_stays_dismissed(client, fair, sign_in, db_session):
    sign_in(fair["rep"])
    event = fair["event"]
    url = f"/events/{event.id}/suggestions"
    response = client.post(f"/suggestions/{event.id}/{fair['importer'].id}/dismiss")
    assert response.status_code == 302
    assert fair["importer"].id not in suggested(client.get(url))
    client.post(f"/suggestions/{event.id}/{fair['importer'].id}/dismiss")  # idempotent
    assert fair["importer"].id not in suggested(client.get(url))
    assert fair["importer"].id not in suggested(client.get("/catalogue"))


def test_one_click_sends_a_request_and_the_partner_is_no_longer_suggested(
    client, fair, sign_in, db_session
):
    sign_in(fair["rep"])
    event = fair["event"]
    response = client.post(
        f"/suggestions/{event.id}/{fair['tea'].id}/request",
        data={"next": f"/events/{event.id}/suggestions"},
    )
    assert response.status_code == 302
    request = db_session.scalar(
        select(MeetingRequest).where(MeetingRequest.to_company_id == fair["tea"].id)
    )
    assert request.from_company_id == fair["wines"].id
    assert request.status == RequestStatus.PENDING
    assert fair["tea"].id not in suggested(client.get(f"/events/{event.id}/suggestions"))


def test_the_catalogue_and_the_dashboard_show_the_suggestions(client, fair, sign_in):
    sign_in(fair["rep"])
    assert suggested(client.get("/catalogue"))[0] == fair["importer"].id
    assert suggested(client.get("/catalogue?q=robots")) == []  # only above an unfiltered list
    dashboard = client.get("/").get_data(as_text=True)
    assert "Suggested for you" in dashboard and "Chengdu Jiuhe Trading" in dashboard


def test_a_past_agreement_makes_a_follow_up(client, fair, sign_in, db_session):
    old = make_event(phase=EventPhase.CLOSED, year=2025, name="Fair 2025")
    past = MeetingRequest(
        event_id=old.id, from_company_id=fair["robots"].id, to_company_id=fair["wines"].id,
        status=RequestStatus.ACCEPTED,
    )  # fmt: skip
    db_session.add(past)
    db_session.flush()
    db_session.add(
        OutcomeReport(
            event_id=old.id, request_id=past.id, company_id=fair["robots"].id, held=True,
            agreement=AgreementLevel.INTENTION,
        )
    )  # fmt: skip
    db_session.commit()
    sign_in(fair["rep"])
    response = client.get(f"/events/{fair['event'].id}/suggestions")
    assert fair["robots"].id in suggested(response)
    assert "a follow-up" in response.get_data(as_text=True)


def test_a_declined_pair_is_never_suggested(client, fair, sign_in, db_session):
    db_session.add(
        MeetingRequest(
            event_id=fair["event"].id, from_company_id=fair["wines"].id,
            to_company_id=fair["importer"].id, status=RequestStatus.DECLINED,
        )
    )  # fmt: skip
    db_session.commit()
    sign_in(fair["rep"])
    assert fair["importer"].id not in suggested(
        client.get(f"/events/{fair['event'].id}/suggestions")
    )


def test_an_organizer_proposal_accepted_by_both_becomes_an_accepted_request(
    app, fair, sign_in, db_session
):
    organizer, rep, tea_rep = (app.test_client() for _ in range(3))
    sign_in(fair["organizer"], on=organizer)
    sign_in(fair["rep"], on=rep)
    sign_in(fair["tea_rep"], on=tea_rep)
    event = fair["event"]
    page = organizer.get(f"/organizer/events/{event.id}/matchmaking")
    assert page.status_code == 200
    assert "Ya&#39;an Tea Growers" in page.get_data(as_text=True) or "Ya'an Tea" in html.unescape(
        page.get_data(as_text=True)
    )
    response = organizer.post(
        f"/organizer/events/{event.id}/matchmaking/propose",
        data={"first_company": fair["tea"].id, "second_company": fair["wines"].id, "note": "Tea!"},
    )
    assert response.status_code == 302
    proposal = db_session.scalar(select(MeetingProposal))
    assert (proposal.company_a_id, proposal.company_b_id) == tuple(
        sorted((fair["tea"].id, fair["wines"].id))
    )
    assert "Tea!" in rep.get(f"/events/{event.id}/suggestions").get_data(as_text=True)
    assert "The organizers propose 1 meeting to you" in tea_rep.get("/").get_data(as_text=True)
    assert rep.post(f"/proposals/{proposal.id}/accept").status_code == 302
    db_session.expire_all()
    assert db_session.scalar(select(MeetingRequest)) is None  # one side only so far
    assert tea_rep.post(f"/proposals/{proposal.id}/accept").status_code == 302
    db_session.expire_all()
    request = db_session.scalar(select(MeetingRequest))
    assert request.status == RequestStatus.ACCEPTED
    assert {request.from_company_id, request.to_company_id} == {fair["tea"].id, fair["wines"].id}
    assert db_session.get(MeetingProposal, proposal.id).request_id == request.id
    # answering again is refused, proposing again too
    assert rep.post(f"/proposals/{proposal.id}/decline").status_code == 302
    db_session.expire_all()
    assert db_session.get(MeetingProposal, proposal.id).answer_a == ProposalAnswer.ACCEPTED


def test_a_declined_proposal_makes_no_request(app, fair, sign_in, db_session):
    organizer, rep = app.test_client(), app.test_client()
    sign_in(fair["organizer"], on=organizer)
    sign_in(fair["rep"], on=rep)
    event = fair["event"]
    organizer.post(
        f"/organizer/events/{event.id}/matchmaking/propose",
        data={"first_company": fair["wines"].id, "second_company": fair["robots"].id},
    )
    proposal = db_session.scalar(select(MeetingProposal))
    assert rep.post(f"/proposals/{proposal.id}/decline").status_code == 302
    db_session.expire_all()
    assert not db_session.get(MeetingProposal, proposal.id).is_open
    assert db_session.scalar(select(MeetingRequest)) is None


def test_proposals_are_refused_to_companies_and_between_one_side(app, fair, sign_in, db_session):
    rep, organizer = app.test_client(), app.test_client()
    sign_in(fair["rep"], on=rep)
    sign_in(fair["organizer"], on=organizer)
    event = fair["event"]
    url = f"/organizer/events/{event.id}/matchmaking/propose"
    both = {"first_company": fair["wines"].id, "second_company": fair["importer"].id}
    assert rep.post(url, data=both).status_code == 403
    assert rep.get(f"/organizer/events/{event.id}/matchmaking").status_code == 403
    same_side = {"first_company": fair["wines"].id, "second_company": fair["rival"].id}
    response = organizer.post(url, data=same_side, follow_redirects=True)
    assert "between a European and a Chinese company" in response.get_data(as_text=True)
    assert db_session.scalar(select(MeetingProposal)) is None


def test_another_companys_proposal_is_not_found(app, fair, sign_in, db_session):
    organizer, importer = app.test_client(), app.test_client()
    sign_in(fair["organizer"], on=organizer)
    sign_in(fair["importer_rep"], on=importer)
    event = fair["event"]
    organizer.post(
        f"/organizer/events/{event.id}/matchmaking/propose",
        data={"first_company": fair["wines"].id, "second_company": fair["tea"].id},
    )
    proposal = db_session.scalar(select(MeetingProposal))
    assert importer.post(f"/proposals/{proposal.id}/accept").status_code == 404
    assert importer.post("/proposals/99999/accept").status_code == 404


def test_proposals_close_when_scheduling_starts(app, fair, sign_in, db_session):
    organizer = app.test_client()
    sign_in(fair["organizer"], on=organizer)
    fair["event"].phase = EventPhase.SCHEDULING
    db_session.commit()
    response = organizer.post(
        f"/organizer/events/{fair['event'].id}/matchmaking/propose",
        data={"first_company": fair["wines"].id, "second_company": fair["tea"].id},
        follow_redirects=True,
    )
    assert "only before scheduling starts" in response.get_data(as_text=True)
    assert db_session.scalar(select(MeetingProposal)) is None


def test_ticked_topics_are_saved_and_feed_the_suggestions(client, fair, sign_in, db_session):
    sign_in(fair["rep"])
    page = client.get("/account/company").get_data(as_text=True)
    assert 'name="sought_topics"' in page
    wines = fair["wines"]
    data = {
        "name": wines.name, "country": "FR", "sector": "11", "description": "",
        "offers": "", "seeks": "", "languages": ["fr"], "offered_topics": ["wine"],
        "sought_topics": ["automation"],
    }  # fmt: skip
    response = client.post("/account/company", data=data)
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    db_session.expire_all()
    assert sorted(t.topic for t in wines.topic_links) == ["automation", "wine"]
    page = client.get(f"/events/{fair['event'].id}/suggestions")
    assert fair["robots"].id in suggested(page)
    assert "They offer what you seek: Automation and robotics" in html.unescape(
        page.get_data(as_text=True)
    )
    bad = dict(data, sought_topics=["no-such-topic"])
    assert client.post("/account/company", data=bad).status_code == 400
