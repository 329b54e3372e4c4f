"""Blueprint ``matching``: "Suggested for you" for companies, meetings the organizers propose,
and the organizers' list of companies with few requests."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from matchmaker.access import organizer_required
from matchmaker.extensions import db
from matchmaker.lifecycle import redirect_on_refusal
from matchmaker.matching import forms, operations, queries
from matchmaker.matching.reasons import reason_texts, strength
from matchmaker.models import Company, Event, MeetingProposal
from matchmaker.params import page_arg
from matchmaker.responses import safe_next

matching = Blueprint("matching", __name__)

SUGGESTIONS_ON_PAGE = 20
LONELY_PER_PAGE = 25


@matching.app_template_global()
def match_reasons(match) -> list[str]:
    return reason_texts(match)


@matching.app_template_global()
def match_strength(match) -> str:
    return strength(match)


def _back(default: str) -> str:
    """The page a one-click action came from (a local path only), else ``default``."""
    return safe_next(request.form.get("next")) or default


@matching.route("/events/<id:event_id>/suggestions")
@login_required
def suggestions(event_id: int):
    """The companies this company should meet, with the reasons, and proposed meetings."""
    if current_user.company_id is None:
        return redirect(url_for("organizer.index"))
    event = db.get_or_404(Event, event_id)
    items = queries.suggestions_for(event, current_user.company_id, SUGGESTIONS_ON_PAGE)
    proposals = queries.open_proposals_for(event, current_user.company_id)
    return render_template(
        "matching/suggestions.html",
        event=event,
        suggestions=items,
        proposals=proposals,
        action_form=forms.ActionForm(formdata=None),
    )


def _partner_or_404(partner_id: int):
    partner = db.session.get(Company, partner_id)
    if partner is None or current_user.company_id is None:
        abort(404)
    return partner


def _act_on_suggestion(event_id: int, partner_id: int, action, done):
    """A one-click action on the suggestion ``partner_id``; ``done(name)`` is the message
    flashed when it worked."""
    event = db.get_or_404(Event, event_id)
    partner = _partner_or_404(partner_id)
    if not forms.ActionForm().validate_on_submit():
        abort(400)
    back = _back(url_for(".suggestions", event_id=event.id))
    redirect_on_refusal(back)
    action(current_user, event, current_user.company, partner)
    flash(done(partner.name), "success")
    return redirect(back)


@matching.route("/suggestions/<id:event_id>/<id:partner_id>/request", methods=["POST"])
@login_required
def request_meeting(event_id: int, partner_id: int):
    return _act_on_suggestion(
        event_id,
        partner_id,
        operations.request_suggested,
        lambda name: _("Meeting request sent to %(company)s.", company=name),
    )


@matching.route("/suggestions/<id:event_id>/<id:partner_id>/dismiss", methods=["POST"])
@login_required
def dismiss(event_id: int, partner_id: int):
    return _act_on_suggestion(
        event_id,
        partner_id,
        operations.dismiss_suggestion,
        lambda name: _("%(company)s will not be suggested again.", company=name),
    )


def _proposal_for_company(proposal_id: int) -> MeetingProposal:
    proposal = db.session.get(MeetingProposal, proposal_id)
    company_id = current_user.company_id
    if proposal is None or company_id not in (proposal.company_a_id, proposal.company_b_id):
        abort(404)
    return proposal


def _answer(proposal_id: int, accept: bool):
    proposal = _proposal_for_company(proposal_id)
    if not forms.ActionForm().validate_on_submit():
        abort(400)
    back = _back(url_for(".suggestions", event_id=proposal.event_id))
    redirect_on_refusal(back)
    proposal = operations.answer_proposal(current_user, proposal, current_user.company, accept)
    if not accept:
        flash(_("You declined the proposed meeting."), "success")
    elif proposal.request_id is not None:
        flash(_("Both companies accepted: the meeting will be scheduled."), "success")
    else:
        flash(_("Accepted. The other company is asked too."), "success")
    return redirect(back)


@matching.route("/proposals/<id:proposal_id>/accept", methods=["POST"])
@login_required
def accept_proposal(proposal_id: int):
    return _answer(proposal_id, True)


@matching.route("/proposals/<id:proposal_id>/decline", methods=["POST"])
@login_required
def decline_proposal(proposal_id: int):
    return _answer(proposal_id, False)


# --- organizers -----------------------------------------------------------------------------


@matching.route("/organizer/events/<id:event_id>/matchmaking")
@organizer_required
def lonely_companies(event_id: int):
    """Companies with few requests, each with its best suggestions and a button to propose."""
    event = db.get_or_404(Event, event_id)
    page = page_arg()
    total, rows = queries.companies_with_few_requests(
        event, offset=(page - 1) * LONELY_PER_PAGE, limit=LONELY_PER_PAGE
    )
    pages = max(1, -(-total // LONELY_PER_PAGE))
    return render_template(
        "matching/organizer.html",
        event=event,
        rows=rows,
        total=total,
        page=page,
        pages=pages,
        threshold=queries.FEW_REQUESTS,
        proposals=queries.proposals_of_event(event)[:50],
        form=forms.ProposalForm(formdata=None),
    )


@matching.route("/organizer/events/<id:event_id>/matchmaking/propose", methods=["POST"])
@organizer_required
def propose(event_id: int):
    event = db.get_or_404(Event, event_id)
    form = forms.ProposalForm()
    back = _back(url_for(".lonely_companies", event_id=event.id))
    if not form.validate_on_submit():
        flash(_("The proposal is not valid; choose two companies."), "error")
        return redirect(back)
    first = db.session.get(Company, form.first_company.data)
    second = db.session.get(Company, form.second_company.data)
    if first is None or second is None:
        abort(404)
    redirect_on_refusal(back)
    operations.propose_meeting(current_user, event, first, second, form.note.data or "")
    flash(
        _("Meeting proposed to %(a)s and %(b)s.", a=first.name, b=second.name),
        "success",
    )
    return redirect(back)
