"""Blueprints ``auth`` (register, log in/out, password reset) and ``accounts`` (own account,
company profile, colleagues, participation). Thin: parse the form, call a service, render or
redirect; the request commits at its end (``matchmaker.lifecycle``)."""

from __future__ import annotations

from flask import (
    Blueprint,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from matchmaker.accounts import forms, operations, sessions
from matchmaker.accounts.throttling import (
    COLLEAGUE_PER_USER,
    LOGIN_PER_ACCOUNT,
    LOGIN_PER_ADDRESS,
    REGISTER_PER_ACCOUNT,
    REGISTER_PER_ADDRESS,
    RESEND_PER_ADDRESS,
    RESET_PER_ACCOUNT,
    RESET_PER_ADDRESS,
    throttled,
    throttled_per_user,
)
from matchmaker.enums import AttendanceMode, CooperationType, SizeBand, TopicRole
from matchmaker.extensions import limiter
from matchmaker.lifecycle import redirect_on_refusal, render_on_refusal
from matchmaker.matching import operations as matching_operations
from matchmaker.participations import operations as participations
from matchmaker.participations.forms import ParticipationForm
from matchmaker.reference import CHINA_REGION_NAMES, country_name, nace_division_label
from matchmaker.responses import safe_next

auth = Blueprint("auth", __name__)
accounts = Blueprint("accounts", __name__, url_prefix="/account")

# Session key remembering the organizer while they act as a representative (see organizer/).
ACTING_ORGANIZER_KEY = "acting_organizer_id"


def _invalid(template: str, **context):
    """Re-render a form whose input was refused: 400 with the field-level messages."""
    return render_template(template, **context), 400


def _home_url() -> str:
    """Where a log-in lands: the organizer area, or the start page's dashboard."""
    if current_user.is_authenticated and current_user.is_organizer:
        return url_for("organizer.index")
    return url_for("home.index")


# --- auth ----------------------------------------------------------------------------------------


@auth.route("/login", methods=["GET", "POST"])
@throttled(LOGIN_PER_ADDRESS, LOGIN_PER_ACCOUNT)
def login():
    form = forms.LoginForm()
    if request.method == "GET":
        form.next.data = request.args.get("next", "")
        return render_template("accounts/login.html", form=form)
    if not form.validate():
        return _invalid("accounts/login.html", form=form)
    user = operations.authenticate(form.email.data, form.password.data)
    if user is None:
        flash(_("Unknown e-mail address or wrong password."), "error")
        return render_template("accounts/login.html", form=form), 401
    refusal = operations.login_refusal(user)
    if refusal is not None:
        resend = None
        if user.active:  # not confirmed yet: offer a new link
            resend = forms.ResendConfirmationForm(formdata=None)
            resend.token.data = operations.resend_token(user)
        return render_template(
            "accounts/login.html", form=form, refusal=refusal, resend_form=resend
        ), 403
    _log_in(user)
    return redirect(safe_next(form.next.data) or _home_url())


def _log_in(user) -> None:
    """A fresh session: nothing carried over from before log-in (the CSRF token included), a
    server-side session row, and the configured lifetime."""
    session.clear()
    g.pop(current_app.config["WTF_CSRF_FIELD_NAME"], None)  # Flask-WTF's per-request copy
    session[sessions.SESSION_TOKEN_KEY] = sessions.start_session(user)
    session.permanent = True
    login_user(user)


def _log_out() -> None:
    sessions.end_session(session.get(sessions.SESSION_TOKEN_KEY))
    logout_user()
    session.clear()


@auth.route("/logout", methods=["POST"])
def logout():
    _log_out()
    flash(_("You are logged out."), "success")
    return redirect(url_for("auth.login"))


@accounts.route("/sessions/end", methods=["POST"])
@login_required
def log_out_everywhere():
    """End every session of this user, on every device (this one included)."""
    sessions.end_all_sessions(current_user)
    _log_out()
    flash(_("You are logged out on every device."), "success")
    return redirect(url_for("auth.login"))


@auth.route("/register", methods=["GET", "POST"])
@throttled(REGISTER_PER_ADDRESS, REGISTER_PER_ACCOUNT)
def register():
    form = forms.RegistrationForm()
    if request.method == "GET":
        return render_template("accounts/register.html", form=form)
    if not form.validate():
        return _invalid("accounts/register.html", form=form)
    data = operations.Registration(
        company_name=form.company_name.data,
        country=form.country.data,
        full_name=form.full_name.data,
        email=form.email.data,
        password=form.password.data,
        job_title=form.job_title.data,
        locale=form.locale.data,
    )
    operations.register_company(data)
    # The same answer whether or not the address has an account: the mailbox tells.
    return redirect(url_for("auth.check_mailbox"))


@auth.route("/register/sent")
def check_mailbox():
    return render_template(
        "accounts/check_mailbox.html", hours=operations.confirmation_max_age() // 3600 or 1
    )


@auth.route("/register/confirm/<token>", methods=["GET", "POST"])
def confirm_email(token: str):
    """The link of the confirmation e-mail: a page with one button (a GET never writes, and a
    mail scanner that opens links confirms nothing)."""
    # A refused link (forged, expired, used) is the same page with the message and a way on.
    render_on_refusal("accounts/confirm_email.html", form=None, user=None)
    if request.method == "GET":
        user = operations.user_to_confirm(token)
        return render_template(
            "accounts/confirm_email.html", form=forms.ConfirmEmailForm(), user=user
        )
    if not forms.ConfirmEmailForm().validate():
        return redirect(url_for("auth.confirm_email", token=token))
    operations.confirm_email(token)
    flash(
        _("Your e-mail address is confirmed. Log in to complete your company profile."), "success"
    )
    return redirect(url_for("auth.login", next=url_for("accounts.company")))


@auth.route("/register/confirm/resend", methods=["POST"])
@limiter.limit(RESEND_PER_ADDRESS, methods=["POST"])
def resend_confirmation():
    form = forms.ResendConfirmationForm()
    if not form.validate():
        return redirect(url_for("auth.login"))
    redirect_on_refusal(url_for("auth.login"))  # a stale token: log in again, from there
    operations.resend_confirmation(form.token.data or "")
    return redirect(url_for("auth.check_mailbox"))


@auth.route("/password/forgot", methods=["GET", "POST"])
@throttled(RESET_PER_ADDRESS, RESET_PER_ACCOUNT)
def forgot_password():
    form = forms.ForgotPasswordForm()
    if request.method == "GET":
        return render_template("accounts/forgot_password.html", form=form)
    if not form.validate():
        return _invalid("accounts/forgot_password.html", form=form)
    operations.request_password_reset(form.email.data)
    flash(
        _("If an account uses this address, we have sent it a link to choose a new password."),
        "success",
    )
    return redirect(url_for("auth.login"))


@auth.route("/password/reset/<token>", methods=["GET", "POST"])
def reset_password(token: str):
    form = forms.ResetPasswordForm()
    form.account_user = operations.user_for_password_token(token)
    if form.account_user is None:
        return render_template("accounts/reset_password.html", form=None), 400
    if request.method == "GET":
        return render_template("accounts/reset_password.html", form=form)
    if not form.validate():
        return _invalid("accounts/reset_password.html", form=form)
    render_on_refusal("accounts/reset_password.html", form=form)
    operations.reset_password(token, form.password.data)
    flash(_("Your new password is set. Please log in."), "success")
    return redirect(url_for("auth.login"))


# --- own account ---------------------------------------------------------------------------------


@accounts.route("/", methods=["GET", "POST"])
@login_required
def account():
    form = forms.AccountForm(obj=current_user)
    password_form = forms.ChangePasswordForm(formdata=None)
    context = {"password_form": password_form}
    if request.method == "GET":
        return render_template("accounts/account.html", form=form, **context)
    if not form.validate():
        return _invalid("accounts/account.html", form=form, **context)
    operations.update_account(
        current_user, form.full_name.data, form.job_title.data, form.locale.data
    )
    flash(_("Your account is saved."), "success")
    return redirect(url_for("accounts.account"))


@accounts.route("/password", methods=["POST"])
@login_required
def change_password():
    form = forms.AccountForm(formdata=None, obj=current_user)
    password_form = forms.ChangePasswordForm()
    password_form.account_user = current_user
    if not password_form.validate():
        return _invalid("accounts/account.html", form=form, password_form=password_form)
    render_on_refusal(
        "accounts/account.html", errors_on=password_form, form=form, password_form=password_form
    )
    operations.change_password(
        current_user, password_form.current_password.data, password_form.password.data
    )
    # Every other session of this user has ended (the service did it); this one goes on.
    _log_in(current_user._get_current_object())
    flash(_("Your password is changed; you are logged out on your other devices."), "success")
    return redirect(url_for("accounts.account"))


# --- colleagues ----------------------------------------------------------------------------------


@accounts.route("/colleagues", methods=["GET", "POST"])
@login_required
@throttled_per_user(COLLEAGUE_PER_USER)
def colleagues():
    members = operations.colleagues(current_user)
    form = forms.ColleagueForm()
    if request.method == "GET":
        return render_template("accounts/colleagues.html", form=form, members=members)
    if not form.validate():
        return _invalid("accounts/colleagues.html", form=form, members=members)
    render_on_refusal("accounts/colleagues.html", form=form, members=members)
    user = operations.add_colleague(
        current_user, form.email.data, form.full_name.data, form.job_title.data
    )
    flash(
        _("%(name)s is added and gets an e-mail to set a password.", name=user.full_name), "success"
    )
    return redirect(url_for("accounts.colleagues"))


# --- company profile -----------------------------------------------------------------------------


def _profile_context(company):
    return {
        "company": company,
        "region_suggestions": CHINA_REGION_NAMES,
        "country_name": country_name(company.country),
        "sector_label": nace_division_label(company.sector),
    }


@accounts.route("/company", methods=["GET", "POST"])
@login_required
def company():
    if current_user.is_organizer or current_user.company_id is None:
        # Organizers pick the company from their list.
        return redirect(url_for("organizer.companies"))
    company = operations.company_for_edit(current_user, current_user.company_id)
    return _edit_company(company, url_for("accounts.company"))


@accounts.route("/company/<id:company_id>", methods=["GET", "POST"])
@login_required
def company_by_id(company_id: int):
    """Any company's profile for organizers; one's own for representatives; 404 otherwise."""
    company = operations.company_for_edit(current_user, company_id)
    return _edit_company(company, url_for("accounts.company_by_id", company_id=company.id))


def _edit_company(company, done_url: str):
    # On POST the form reads only the submitted data: unchecked boxes must not fall back to
    # the stored values.
    form = forms.CompanyProfileForm(obj=company if request.method == "GET" else None)
    if request.method == "GET":
        form.cooperation_types.data = [c.value for c in company.cooperation_types]
        form.languages.data = list(company.languages)
        form.size_band.data = company.size_band.value if company.size_band else ""
        form.offered_topics.data = company.topics(TopicRole.OFFER)
        form.sought_topics.data = company.topics(TopicRole.SEEK)
        return render_template("accounts/company.html", form=form, **_profile_context(company))
    if not form.validate():
        return _invalid("accounts/company.html", form=form, **_profile_context(company))
    profile = operations.CompanyProfile(
        name=form.name.data,
        name_zh=form.name_zh.data,
        registration_number=form.registration_number.data or "",
        country=form.country.data,
        region=form.region.data,
        sector=form.sector.data,
        size_band=SizeBand(form.size_band.data) if form.size_band.data else None,
        founded_year=form.founded_year.data,
        website=form.website.data,
        description=form.description.data or "",
        offers=form.offers.data or "",
        seeks=form.seeks.data or "",
        cooperation_types=tuple(CooperationType(v) for v in form.cooperation_types.data or []),
        languages=tuple(form.languages.data or []),
    )
    render_on_refusal("accounts/company.html", form=form, **_profile_context(company))
    operations.update_company_profile(current_user, company.id, profile)
    matching_operations.set_topics(
        current_user, company, form.offered_topics.data or [], form.sought_topics.data or []
    )
    flash(_("The company profile is saved."), "success")
    return redirect(done_url)


# --- participation (the rules: ``matchmaker.participations``) ------------------------------------


@accounts.route("/participations", endpoint="participations")
@login_required
def company_participations():
    if current_user.is_organizer:
        return redirect(url_for("organizer.index"))
    rows = participations.participation_overview(current_user)
    return render_template("accounts/participations.html", rows=rows)


@accounts.route("/participations/<id:event_id>", methods=["GET", "POST"])
@login_required
def apply(event_id: int):
    event, participation = participations.event_for_application(current_user, event_id)
    form = ParticipationForm(obj=participation if request.method == "GET" else None)
    form.set_days(event.days)
    context = {
        "event": event,
        "participation": participation,
        "open": participations.accepts_registrations(event),
    }
    if request.method == "GET":
        if participation is not None:
            form.days.data = [day.date.isoformat() for day in participation.days]
            form.attendance.data = participation.attendance.value
        else:
            form.days.data = [day.date.isoformat() for day in event.days]
        return render_template("accounts/apply.html", form=form, **context)
    if not form.validate():
        return render_template("accounts/apply.html", form=form, **context), 400
    render_on_refusal("accounts/apply.html", form=form, **context)
    participations.apply_for_participation(
        current_user,
        event.id,
        form.delegates.data,
        AttendanceMode(form.attendance.data),
        form.chosen_dates(),
    )
    flash(_("Your application is saved. The organizers will review it."), "success")
    return redirect(url_for("accounts.participations"))


@accounts.route("/participations/<id:event_id>/withdraw", methods=["POST"])
@login_required
def withdraw(event_id: int):
    participations.withdraw_participation(current_user, event_id)
    flash(_("Your application is withdrawn."), "success")
    return redirect(url_for("accounts.participations"))
