"""Meeting requests: send one from a company page, list incoming and outgoing requests, accept,
decline or withdraw. The rules live in ``operations``; a refused action answers with its message
and a 4xx status (``matchmaker.lifecycle``)."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from matchmaker import editions
from matchmaker.enums import RequestStatus
from matchmaker.extensions import db
from matchmaker.lifecycle import render_on_refusal
from matchmaker.meeting_requests import operations, queries
from matchmaker.meeting_requests.forms import MeetingRequestForm
from matchmaker.models import Company
from matchmaker.params import parse_id
from matchmaker.participations.queries import is_approved_participant, is_listed

bp = Blueprint("meeting_requests", __name__, url_prefix="/requests")

ORGANIZER_PAGE_SIZE = 50


@bp.route("/")
@login_required
def index():
    event = _event_from_args()
    company = current_user.company
    if current_user.is_organizer:
        company_arg = request.args.get("company", "")
        if company_arg:
            company = _company_or_404(_int_arg("company"))
    context = {"event": event, "company": company, "events": editions.all_events()}
    if event is None:
        return render_template("meeting_requests/index.html", **context)
    if company is None:  # an organizer's overview of the whole edition
        page = queries.event_requests(event, _int_arg("page") or 1, ORGANIZER_PAGE_SIZE)
        return render_template(
            "meeting_requests/overview.html",
            page=page,
            counts=queries.status_counts(event),
            **context,
        )
    return render_template(
        "meeting_requests/index.html",
        incoming=queries.incoming_requests(event, company),
        outgoing=queries.outgoing_requests(event, company),
        active_outgoing=queries.count_active_outgoing(event, company),
        participating=is_approved_participant(event, company),
        **context,
    )


@bp.route("/new/<id:company_id>", methods=["GET", "POST"])
@login_required
def new(company_id: int):
    to_company = _company_or_404(company_id)
    if not (current_user.is_organizer or is_listed(to_company)):
        abort(404)
    event = _event_from_args()
    if event is None:
        abort(404, description=_("No event is open for meeting requests."))
    form = MeetingRequestForm(for_organizer=current_user.is_organizer, event=event)
    page = {"form": form, "company": to_company, "event": event}
    if request.method == "GET":
        return render_template("meeting_requests/new.html", **page)
    if not form.validate():
        return render_template("meeting_requests/new.html", **page), 400
    from_company = (
        _company_or_404(form.from_company_id) if current_user.is_organizer else current_user.company
    )
    if from_company is None:
        abort(403, description=_("Only company representatives send meeting requests."))
    render_on_refusal("meeting_requests/new.html", **page)
    sent = operations.send_request(
        current_user,
        event,
        from_company,
        to_company,
        priority=form.priority_value,
        message=form.message.data or "",
    )
    if sent.from_company_id == to_company.id:
        message = _(
            "%(company)s had already asked you for a meeting: their request is now accepted.",
            company=to_company.name,
        )
    else:
        message = _("Your request to %(company)s is sent.", company=to_company.name)
    flash(message, "success")
    return redirect(url_for("catalogue.company", company_id=to_company.id, event=event.id))


@bp.route("/<id:request_id>/accept", methods=["POST"])
@login_required
def accept(request_id: int):
    return _act(request_id, operations.accept_request, _("Request accepted."))


@bp.route("/<id:request_id>/decline")
@login_required
def confirm_decline(request_id: int):
    meeting_request = queries.visible_request(current_user, request_id)
    if meeting_request is None:
        abort(404)
    sender = meeting_request.from_company
    return render_template(
        "_confirm.html",
        title=_("Decline the request of %(company)s?", company=sender.name),
        consequences=[
            _(
                "%(company)s is told that you declined, and cannot ask you again in this "
                "edition: a declined request cannot be sent again (you can still accept it "
                "later from your list).",
                company=sender.name,
            ),
        ],
        action=url_for(".decline", request_id=meeting_request.id),
        fields={"company": request.args.get("company", "")} if current_user.is_organizer else {},
        button=_("Decline the request"),
        cancel=url_for(".index", event=meeting_request.event_id),
    )


@bp.route("/<id:request_id>/decline", methods=["POST"])
@login_required
def decline(request_id: int):
    return _act(request_id, operations.decline_request, _("Request declined."))


@bp.route("/<id:request_id>/withdraw", methods=["POST"])
@login_required
def withdraw(request_id: int):
    return _act(request_id, operations.withdraw_request, _("Request withdrawn."))


def _act(request_id: int, action, done_message: str):
    meeting_request = queries.visible_request(current_user, request_id)
    if meeting_request is None:
        abort(404)
    action(current_user, meeting_request, seen=_seen_status())
    event_id = meeting_request.event_id
    flash(done_message, "success")
    args = {"event": event_id}
    if current_user.is_organizer:
        args["company"] = request.form.get("company") or None
    return redirect(url_for("meeting_requests.index", **{k: v for k, v in args.items() if v}))


def _seen_status() -> RequestStatus | None:
    """The status the request had on the page the button was on (None: not sent)."""
    value = request.form.get("seen")
    if not value:
        return None
    try:
        return RequestStatus(value)
    except ValueError:
        abort(400, description=_("Unknown request status."))


def _int_arg(name: str) -> int | None:
    value = request.args.get(name, "")
    if not value:
        return None
    number = parse_id(value)
    if number is None:
        abort(400, description=_("“%(name)s” must be a whole number.", name=name))
    return number


def _event_from_args():
    event_id = _int_arg("event")
    if event_id is None:
        return editions.current_event()
    event = editions.get_event(event_id)
    if event is None:
        abort(404, description=_("There is no such event."))
    return event


def _company_or_404(company_id: int | None):
    company = db.session.get(Company, company_id) if company_id else None
    if company is None:
        abort(404)
    return company
