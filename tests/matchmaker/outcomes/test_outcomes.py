"""Outcome reports: both sides report, disagreements are computed, organizers correct on a
company's behalf with an audit trail, reminders go to companies that have not reported."""

from __future__ import annotations

from decimal import Decimal

import pytest

from matchmaker.enums import AgreementLevel, AgreementType, MeetingStatus, NextStep
from matchmaker.errors import RuleViolation
from matchmaker.eventday import operations as day
from matchmaker.extensions import db
from matchmaker.mail import outbox
from matchmaker.models import OutcomeChange, OutcomeReport
from matchmaker.outcomes import operations
from matchmaker.outcomes.operations import OutcomeData
from matchmaker.outcomes.queries import meeting_outcomes
from tests.factories import login, make_user

HELD_SIGNED = {
    "held": "yes",
    "interest": "4",
    "next_step": "negotiation",
    "agreement": "signed",
    "agreement_type": "trade",
    "value": "250000",
    "currency": "eur",
    "comment": "Distribution of gearboxes in Sichuan.",
}


def _client_for(app, user):
    client = app.test_client()
    login(client, user)
    return client


def _report_url(fair, company_key, request_key):
    return (
        f"/events/{fair.event.id}/meetings/{fair.companies[company_key].id}/"
        f"{fair.requests[request_key].id}/report"
    )


def _outcome(fair, key):
    return next(o for o in meeting_outcomes(fair.event) if o.request.id == fair.requests[key].id)


def test_each_side_reports_and_both_answers_are_kept(app, fair):
    alpha = make_user(fair.companies["alpha"])
    gamma = make_user(fair.companies["gamma"])
    db.session.commit()
    client = _client_for(app, alpha)
    response = client.post(_report_url(fair, "alpha", "ac"), data=HELD_SIGNED)
    assert response.status_code == 302
    client = _client_for(app, gamma)
    answers = dict(HELD_SIGNED, agreement="intention", interest="5", value="", currency="")
    assert client.post(_report_url(fair, "gamma", "ac"), data=answers).status_code == 302
    outcome = _outcome(fair, "ac")
    mine, theirs = outcome.from_report, outcome.to_report
    assert (mine.agreement, mine.value, mine.currency) == (
        AgreementLevel.SIGNED,
        Decimal("250000.00"),
        "EUR",
    )
    assert (theirs.agreement, theirs.interest, theirs.value) == (AgreementLevel.INTENTION, 5, None)
    assert mine.next_step == NextStep.NEGOTIATION
    assert outcome.disagreements == ["agreement"]
    assert outcome.agreement == AgreementLevel.SIGNED and outcome.held is True


def test_disagreements_are_visible_to_organizers(app, fair):
    for key, kind in (("alpha", AgreementType.JOINT_VENTURE), ("delta", AgreementType.INVESTMENT)):
        placement, company = operations.reportable_placement(
            fair.event, fair.requests["ad"].id, fair.companies[key].id, fair.organizer
        )
        operations.save_report(
            fair.event,
            placement,
            company,
            OutcomeData(held=True, agreement=AgreementLevel.INTENTION, agreement_type=kind),
            fair.organizer,
        )
    placement, company = operations.reportable_placement(
        fair.event, fair.requests["ac"].id, fair.companies["alpha"].id, fair.organizer
    )
    operations.save_report(fair.event, placement, company, OutcomeData(held=True), fair.organizer)
    db.session.commit()
    assert _outcome(fair, "ad").disagreements == ["agreement_type"]
    assert _outcome(fair, "ac").disagreements == []  # one side only: nothing to compare
    client = _client_for(app, fair.organizer)
    page = client.get(f"/organizer/events/{fair.event.id}/outcomes?disagreements=1").get_data(
        as_text=True
    )
    assert f'data-request="{fair.requests["ad"].id}" class="disagreement"' in page
    assert "<td>Type of agreement</td>" in page and "agreement_type" not in page
    assert f'data-request="{fair.requests["ac"].id}"' not in page


def test_a_held_meeting_disagreement_is_found():
    a = OutcomeReport(held=True, agreement=AgreementLevel.NONE)
    b = OutcomeReport(held=False, agreement=AgreementLevel.NONE)
    from matchmaker.outcomes.queries import disagreements

    assert disagreements(a, b) == ["held"]
    assert disagreements(a, None) == []


def test_an_organizer_corrects_a_report_on_behalf_with_an_audit_trail(app, fair):
    rep = make_user(fair.companies["alpha"])
    db.session.commit()
    client = _client_for(app, rep)
    client.post(_report_url(fair, "alpha", "ac"), data=dict(HELD_SIGNED, agreement="intention"))
    client = _client_for(app, fair.organizer)
    page = client.get(_report_url(fair, "alpha", "ac")).get_data(as_text=True)
    assert 'value="intention" selected' in page or 'selected value="intention"' in page
    response = client.post(_report_url(fair, "alpha", "ac"), data=HELD_SIGNED)
    assert response.status_code == 302
    report = _outcome(fair, "ac").from_report
    assert report.agreement == AgreementLevel.SIGNED and report.updated_by_id == fair.organizer.id
    changes = db.session.query(OutcomeChange).order_by(OutcomeChange.id).all()
    by_rep = [c for c in changes if c.changed_by_id == rep.id]
    by_organizer = [c for c in changes if c.changed_by_id == fair.organizer.id]
    assert {c.field for c in by_rep} >= {"held", "interest", "agreement", "currency"}
    assert all(not c.on_behalf and c.old_value is None for c in by_rep)
    assert [(c.field, c.old_value, c.new_value, c.on_behalf) for c in by_organizer] == [
        ("agreement", "intention", "signed", True)
    ]
    page = client.get(_report_url(fair, "alpha", "ac")).get_data(as_text=True)
    assert 'id="audit-trail"' in page and "organizer, on behalf" in page
    trail = page[page.index('id="audit-trail"') :]
    # Answers by their names and values by their labels, never the stored ones.
    assert (
        "<td>Agreement</td><td>Intention (letter of intent)</td><td>Signed agreement</td>" in trail
    )
    for internal in ("next_step", "agreement_type", "intention<", "signed<", ">yes<"):
        assert internal not in trail, internal
    # Saving the same answers again records nothing.
    client.post(_report_url(fair, "alpha", "ac"), data=HELD_SIGNED)
    assert db.session.query(OutcomeChange).count() == len(changes)


def test_the_audit_trail_is_for_organizers_only(app, fair):
    rep = make_user(fair.companies["alpha"])
    db.session.commit()
    client = _client_for(app, rep)
    client.post(_report_url(fair, "alpha", "ac"), data=HELD_SIGNED)
    page = client.get(_report_url(fair, "alpha", "ac")).get_data(as_text=True)
    assert 'id="audit-trail"' not in page


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ({"held": "no", "interest": "3"}, "no interest rating"),
        ({"agreement": "signed", "agreement_type": ""}, "what kind of agreement"),
        ({"agreement": "none", "agreement_type": "trade", "value": "", "currency": ""}, "needs"),
        ({"currency": "EURO"}, "three letters"),
        ({"currency": "XYZ"}, "Unknown currency code"),
        ({"currency": ""}, "Give the currency"),
        ({"value": "-5"}, "cannot be negative"),
        ({"value": "lots"}, "Not a valid decimal"),
        ({"value": "NaN"}, "Enter an amount"),
        ({"value": "1e20"}, "too large"),
        ({"held": ""}, "Say whether the meeting took place"),
        ({"interest": "9"}, "Not a valid choice"),
    ],
)
def test_a_bad_report_is_refused_with_a_clear_message(app, fair, answers, message):
    client = _client_for(app, fair.organizer)
    response = client.post(_report_url(fair, "alpha", "ac"), data=dict(HELD_SIGNED, **answers))
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert db.session.query(OutcomeReport).count() == 0


def test_the_service_checks_the_rules_too(app, fair):
    placement, company = operations.reportable_placement(
        fair.event, fair.requests["ac"].id, fair.companies["alpha"].id, fair.organizer
    )
    for data in (
        OutcomeData(held=False, agreement=AgreementLevel.SIGNED),
        OutcomeData(held=True, interest=6),
        OutcomeData(held=True, value=Decimal(5)),
        OutcomeData(
            held=True,
            agreement=AgreementLevel.SIGNED,
            agreement_type=AgreementType.TRADE,
            value=Decimal("NaN"),
            currency="EUR",
        ),
        OutcomeData(
            held=True,
            agreement=AgreementLevel.SIGNED,
            agreement_type=AgreementType.TRADE,
            value=Decimal(5),
            currency="ABC",
        ),
    ):
        with pytest.raises(RuleViolation):
            operations.save_report(fair.event, placement, company, data, fair.organizer)


def test_reports_of_other_companies_and_unscheduled_meetings_are_not_found(app, fair):
    rep = make_user(fair.companies["beta"])
    db.session.commit()
    client = _client_for(app, rep)
    assert client.get(_report_url(fair, "alpha", "ac")).status_code == 404  # not Beta's
    assert client.post(_report_url(fair, "alpha", "ac"), data=HELD_SIGNED).status_code == 404
    assert client.get(_report_url(fair, "beta", "ac")).status_code == 404  # Beta not in it
    assert client.get(_report_url(fair, "beta", "eb")).status_code == 404  # not scheduled
    assert (
        client.get(f"/events/{fair.event.id}/meetings/{fair.companies['alpha'].id}").status_code
        == 404
    )
    page = client.get(f"/events/{fair.event.id}/meetings/{fair.companies['beta'].id}")
    assert page.status_code == 200 and "Gamma Chengdu" in page.get_data(as_text=True)
    assert client.get(f"/organizer/events/{fair.event.id}/outcomes").status_code == 403
    assert client.post(f"/organizer/events/{fair.event.id}/outcomes/remind").status_code == 403


def test_my_meetings_leads_to_the_newest_edition(app, fair):
    rep = make_user(fair.companies["beta"])
    db.session.commit()
    client = _client_for(app, rep)
    response = client.get("/meetings")
    assert response.location.endswith(
        f"/events/{fair.event.id}/meetings/{fair.companies['beta'].id}"
    )


def _reminded(app):
    return sorted(m.to for m in outbox(app))


def test_reminders_go_to_companies_with_unreported_meetings(app, fair):
    emails = {
        key: make_user(fair.companies[key], email=f"{key}@example.com").email
        for key in fair.companies
    }
    # Beta–Epsilon was cancelled: nothing to report there. Alpha reported both its meetings.
    plan, placement = day.placement_for(fair.event, fair.requests["be"].id, fair.organizer)
    day.set_meeting_status(fair.event, plan, placement, MeetingStatus.CANCELLED, fair.organizer)
    for key in ("ac", "ad"):
        placement, company = operations.reportable_placement(
            fair.event, fair.requests[key].id, fair.companies["alpha"].id, fair.organizer
        )
        operations.save_report(
            fair.event, placement, company, OutcomeData(held=True), fair.organizer
        )
    db.session.commit()
    assert operations.unreported_by_company(fair.event) == {
        fair.companies["gamma"].id: 2,
        fair.companies["delta"].id: 1,
        fair.companies["beta"].id: 1,
    }
    client = _client_for(app, fair.organizer)
    response = client.post(
        f"/organizer/events/{fair.event.id}/outcomes/remind", follow_redirects=True
    )
    assert "Reminders sent to 3 companies" in response.get_data(as_text=True)
    assert _reminded(app) == sorted([emails["gamma"], emails["delta"], emails["beta"]])
    assert "/meetings/" in outbox(app)[0].body


def test_the_reminder_command_mails_the_same_companies(app, fair):
    make_user(fair.companies["delta"], email="delta@example.com")
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["remind-outcomes", str(fair.event.id)])
    assert result.exit_code == 0, result.output
    assert "Reminded 1 companies" in result.output
    assert _reminded(app) == ["delta@example.com"]
    missing = app.test_cli_runner().invoke(args=["remind-outcomes", "999999"])
    assert missing.exit_code != 0 and "No edition" in missing.output


def test_my_meetings_tells_a_pending_company_that_its_application_awaits_approval(app, fair):
    zeta = make_user(fair.companies["zeta"])  # registered, awaiting approval
    db.session.commit()
    response = _client_for(app, zeta).get("/meetings")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "awaiting the organizers' approval" in page and fair.event.name in page
