"""Account, company-profile and participation services.

Business rules and authorization live here. Functions take the acting user, flush and never
commit; the view commits once per request.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from flask import current_app
from flask_babel import gettext as _
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from werkzeug.exceptions import NotFound

from matchmaker.access import require_acts_for, require_organizer, require_representative
from matchmaker.accounts.sessions import end_all_sessions
from matchmaker.database import lock_for_update
from matchmaker.enums import (
    CooperationType,
    NotificationKind,
    Role,
    SizeBand,
)
from matchmaker.errors import RuleViolation
from matchmaker.extensions import db
from matchmaker.mail import absolute_url
from matchmaker.models import (
    Company,
    CompanyCooperation,
    CompanyLanguage,
    User,
)
from matchmaker.models.base import utcnow
from matchmaker.notifications.outbox import notify_user
from matchmaker.passwords import hash_password, needs_rehash, verify_password
from matchmaker.reference import side_for_country

_PASSWORD_TOKEN_SALT = "matchmaker.password-reset"
_CONFIRM_TOKEN_SALT = "matchmaker.confirm-email"
_RESEND_TOKEN_SALT = "matchmaker.resend-confirmation"
RESEND_TOKEN_MAX_AGE = 3600
# Verified against when the e-mail is unknown, so both failures take the same time.
_DUMMY_HASH = hash_password(secrets.token_urlsafe(16))


def normalize_email(email: str) -> str:
    return email.strip().lower()


def find_user_by_email(email: str) -> User | None:
    return db.session.scalar(select(User).where(User.email == normalize_email(email)))


def email_taken(email: str) -> bool:
    return find_user_by_email(email) is not None


def _flush_unique_email() -> None:
    """Flush in a savepoint: a concurrent request that took the address first is a clear
    message, not a 500 (the unique constraint decides)."""
    try:
        with db.session.begin_nested():
            db.session.flush()
    except IntegrityError as error:
        raise RuleViolation(
            _("An account with this e-mail address exists already."), "email"
        ) from error


# --- Registration and log-in ---------------------------------------------------------------------


@dataclass(frozen=True)
class Registration:
    company_name: str
    country: str
    full_name: str
    email: str
    password: str
    job_title: str | None = None
    locale: str = "en"


def register_company(data: Registration) -> User | None:
    """Start a registration; the answer never tells whether the address has an account.

    A new address gets a company and its first representative, not confirmed yet (no log-in
    before the owner of the mailbox opens the confirmation link we mail). An address that has
    an account gets a mail saying someone tried to register with it, with a link to log in and
    one to choose a new password; nothing else changes. Both paths hash the password and write
    one mail, so they also take about as long. Returns the new user, or None.
    """
    email = normalize_email(data.email)
    password_hash = hash_password(data.password)
    existing = find_user_by_email(email)
    if existing is not None:
        _tell_of_registration_attempt(existing)
        return None
    country = data.country.upper()
    company = Company(name=data.company_name.strip(), country=country)
    company.side = side_for_country(country)
    user = User(
        email=email,
        password_hash=password_hash,
        full_name=data.full_name.strip(),
        job_title=(data.job_title or "").strip() or None,
        locale=data.locale,
        role=Role.REPRESENTATIVE,
        company=company,
        email_confirmed=False,
    )
    try:
        # Added inside the savepoint: begin_nested() flushes what is pending before it starts.
        with db.session.begin_nested():
            db.session.add_all([company, user])
            db.session.flush()
    except IntegrityError:
        # Another request registered the address a moment ago (the unique constraint
        # decides): its owner gets that request's mail; this one answers the same as always.
        return None
    send_confirmation(user)
    return user


def _tell_of_registration_attempt(user: User) -> None:
    notify_user(
        user,
        NotificationKind.REGISTRATION_ATTEMPT,
        login_link=absolute_url("auth.login"),
        reset_link=absolute_url("auth.reset_password", token=password_token(user)),
        hours=int(current_app.config["PASSWORD_RESET_MAX_AGE"]) // 3600 or 1,
    )


def create_organizer(email: str, full_name: str, password: str) -> User:
    """An organizer account (from the command line; no acting user)."""
    email = normalize_email(email)
    if email_taken(email):
        raise RuleViolation(_("An account with this e-mail address exists already."), "email")
    user = User(
        email=email,
        password_hash=hash_password(password),
        full_name=full_name.strip()[:120],
        role=Role.ORGANIZER,
        company=None,
    )
    db.session.add(user)
    _flush_unique_email()
    return user


def authenticate(email: str, password: str) -> User | None:
    """The user with this e-mail and password, or None (the same answer for an unknown address
    and a wrong password). Whether that user may log in is ``login_refusal``'s question: only
    someone who knows the password learns that an account is deactivated or not confirmed."""
    user = find_user_by_email(email)
    if user is None:
        verify_password(_DUMMY_HASH, password)
        return None
    if not verify_password(user.password_hash, password):
        return None
    if login_refusal(user) is None:
        if needs_rehash(user.password_hash):
            user.password_hash = hash_password(password)
        user.last_login_at = utcnow()
        db.session.flush()
    return user


def login_refusal(user: User) -> str | None:
    """Why ``user`` (who gave the right password) may not log in, or None."""
    if not user.active:
        return _(
            "This account is deactivated. If you think this is a mistake, contact the "
            "organizers of the fair."
        )
    if not user.email_confirmed:
        return _(
            "Your e-mail address is not confirmed yet: open the link in the e-mail we sent you "
            "when you registered."
        )
    return None


# --- Confirming the address of a registration (signed token; no table) ------------------------


def _confirmation_serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=_CONFIRM_TOKEN_SALT)


def _resend_serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=_RESEND_TOKEN_SALT)


def confirmation_max_age() -> int:
    return int(current_app.config.get("EMAIL_CONFIRMATION_MAX_AGE", 48 * 3600))


def confirmation_token(user: User) -> str:
    """The link's token: the account and the address it confirms, signed. It expires after
    ``EMAIL_CONFIRMATION_MAX_AGE`` seconds and works once (a confirmed account refuses it)."""
    return _confirmation_serializer().dumps({"user": user.id, "email": user.email})


def send_confirmation(user: User) -> None:
    notify_user(
        user,
        NotificationKind.CONFIRM_EMAIL,
        company=user.company,
        link=absolute_url("auth.confirm_email", token=confirmation_token(user)),
        hours=confirmation_max_age() // 3600 or 1,
    )


def user_to_confirm(token: str) -> User:
    """The account a confirmation link names; a 400 with a message saying what is wrong with
    the link otherwise (forged or damaged, expired, used already)."""
    invalid = RuleViolation(
        _(
            "This confirmation link is not valid. Open the complete link from the e-mail, or "
            "register again."
        ),
        status_code=400,
    )
    try:
        payload = _confirmation_serializer().loads(token, max_age=confirmation_max_age())
    except SignatureExpired as error:
        raise RuleViolation(
            _(
                "This confirmation link has expired. Log in with your e-mail address and "
                "password to receive a new one."
            ),
            status_code=400,
        ) from error
    except BadSignature as error:
        raise invalid from error
    if not isinstance(payload, dict) or not isinstance(payload.get("user"), int):
        raise invalid
    user = db.session.get(User, payload["user"])
    if user is None or user.email != payload.get("email") or not user.active:
        raise invalid
    if user.email_confirmed:
        raise RuleViolation(
            _("This link was used already: your e-mail address is confirmed. Please log in."),
            status_code=400,
        )
    return user


def confirm_email(token: str) -> User:
    user = lock_for_update(user_to_confirm(token))  # two clicks at once: one confirms
    if user.email_confirmed:
        raise RuleViolation(
            _("This link was used already: your e-mail address is confirmed. Please log in."),
            status_code=400,
        )
    user.email_confirmed = True
    db.session.flush()
    return user


def resend_token(user: User) -> str:
    """What the log-in page gives someone who typed the right password of an account that is
    not confirmed: it lets them ask for a new link (for ``RESEND_TOKEN_MAX_AGE``)."""
    return _resend_serializer().dumps({"user": user.id})


def resend_confirmation(token: str) -> None:
    try:
        payload = _resend_serializer().loads(token, max_age=RESEND_TOKEN_MAX_AGE)
    except BadSignature as error:  # expired included
        raise RuleViolation(
            _("This page is too old. Log in again to receive a new confirmation link."),
            status_code=400,
        ) from error
    user = db.session.get(User, payload.get("user")) if isinstance(payload, dict) else None
    if user is not None and user.active and not user.email_confirmed:
        send_confirmation(user)


# --- Password reset (signed token bound to the current password hash; no table) -----------------


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=_PASSWORD_TOKEN_SALT)


def _hash_fingerprint(user: User) -> str:
    return hashlib.sha256(user.password_hash.encode()).hexdigest()[:20]


def _max_age(invitation: bool) -> int:
    config = current_app.config
    if invitation:
        return int(config.get("INVITATION_MAX_AGE", 7 * 24 * 3600))
    return int(config["PASSWORD_RESET_MAX_AGE"])


def password_token(user: User, invitation: bool = False) -> str:
    """A token that sets a new password for ``user``. It stops working once the password changes
    (so it works once) or when it gets too old: ``PASSWORD_RESET_MAX_AGE`` seconds for a reset,
    ``INVITATION_MAX_AGE`` for the link a new colleague receives."""
    payload = {"user": user.id, "fp": _hash_fingerprint(user)}
    if invitation:
        payload["inv"] = 1
    return _serializer().dumps(payload)


def user_for_password_token(token: str, max_age: int | None = None) -> User | None:
    try:
        payload, signed_at = _serializer().loads(
            token,
            max_age=max(_max_age(False), _max_age(True)) if max_age is None else max_age,
            return_timestamp=True,
        )
    except (SignatureExpired, BadSignature):
        return None
    if not isinstance(payload, dict) or not isinstance(payload.get("user"), int):
        return None
    allowed = _max_age(bool(payload.get("inv"))) if max_age is None else max_age
    if (utcnow() - signed_at).total_seconds() > allowed:
        return None
    user = db.session.get(User, payload["user"])
    if user is None or not user.active or payload.get("fp") != _hash_fingerprint(user):
        return None
    return user


def request_password_reset(email: str) -> None:
    """Mail a reset link if the address belongs to an active account; silent otherwise."""
    user = find_user_by_email(email)
    if user is None or not user.active:
        return
    notify_user(
        user,
        NotificationKind.PASSWORD_RESET,
        link=absolute_url("auth.reset_password", token=password_token(user)),
        hours=int(current_app.config["PASSWORD_RESET_MAX_AGE"]) // 3600 or 1,
    )


def reset_password(token: str, new_password: str) -> User:
    user = user_for_password_token(token)
    if user is None:
        raise RuleViolation(
            _("This link is invalid or has expired. Ask for a new one."), status_code=400
        )
    user.password_hash = hash_password(new_password)
    # The link reached this mailbox: the address is confirmed (an account someone else
    # registered with it now has the mailbox owner's password).
    user.email_confirmed = True
    end_all_sessions(user)  # whoever had the old password is logged out
    db.session.flush()
    return user


# --- Own account -------------------------------------------------------------------------------


def update_account(actor: User, full_name: str, job_title: str | None, locale: str) -> User:
    actor.full_name = full_name.strip()
    actor.job_title = (job_title or "").strip() or None
    actor.locale = locale
    db.session.flush()
    return actor


def change_password(actor: User, current_password: str, new_password: str) -> None:
    if not verify_password(actor.password_hash, current_password):
        raise RuleViolation(
            _("This is not your current password."), "current_password", status_code=400
        )
    actor.password_hash = hash_password(new_password)
    end_all_sessions(actor)  # the caller opens a new session for the browser that asked
    db.session.flush()


# --- Colleagues --------------------------------------------------------------------------------


def colleagues(actor: User) -> Sequence[User]:
    company = require_representative(actor)
    return db.session.scalars(
        select(User).where(User.company_id == company.id).order_by(User.full_name)
    ).all()


def add_colleague(actor: User, email: str, full_name: str, job_title: str | None) -> User:
    """A further representative of the actor's company; they get a link to set a password."""
    company = require_representative(actor)
    email = normalize_email(email)
    if email_taken(email):
        raise RuleViolation(_("An account with this e-mail address exists already."), "email")
    user = User(
        email=email,
        # Unusable until they set one through the link.
        password_hash=hash_password(secrets.token_urlsafe(32)),
        full_name=full_name.strip(),
        job_title=(job_title or "").strip() or None,
        locale=actor.locale,
        role=Role.REPRESENTATIVE,
        company=company,
    )
    db.session.add(user)
    _flush_unique_email()
    send_invitation(user, inviter=actor.full_name)
    return user


def send_invitation(user: User, inviter: str) -> None:
    """Mail ``user`` (in their language) a link to choose their password."""
    notify_user(
        user,
        NotificationKind.INVITATION,
        inviter=inviter,
        company=user.company,
        link=absolute_url("auth.reset_password", token=password_token(user, invitation=True)),
        days=_max_age(True) // 86400 or 1,
    )


# --- Company profile ---------------------------------------------------------------------------


@dataclass(frozen=True)
class CompanyProfile:
    name: str
    country: str
    name_zh: str | None = None
    region: str | None = None
    sector: str | None = None
    size_band: SizeBand | None = None
    founded_year: int | None = None
    website: str | None = None
    description: str = ""
    offers: str = ""
    seeks: str = ""
    cooperation_types: tuple[CooperationType, ...] = ()
    languages: tuple[str, ...] = ()
    # The organizers' stable key (spreadsheet imports match on it). None leaves it as it is
    # (callers that do not edit it); "" removes it.
    registration_number: str | None = None


def company_for_edit(actor: User, company_id: int) -> Company:
    """The company if ``actor`` may edit it (its representatives, organizers); 404 otherwise."""
    company = db.session.get(Company, company_id)
    if company is None:
        raise NotFound()
    require_acts_for(actor, company.id)
    return company


def update_company_profile(actor: User, company_id: int, profile: CompanyProfile) -> Company:
    company = company_for_edit(actor, company_id)
    if profile.registration_number is not None:
        company.registration_number = _free_registration_number(
            company, profile.registration_number
        )
    company.name = profile.name.strip()
    company.name_zh = (profile.name_zh or "").strip() or None
    company.country = profile.country.upper()
    if not company.side_overridden:
        company.side = side_for_country(company.country)
    company.region = (profile.region or "").strip() or None
    company.sector = profile.sector or None
    company.size_band = profile.size_band
    company.founded_year = profile.founded_year
    company.website = (profile.website or "").strip() or None
    company.description = profile.description.strip()
    company.offers = profile.offers.strip()
    company.seeks = profile.seeks.strip()
    _replace_links(
        company.cooperation_links,
        {link.cooperation_type: link for link in company.cooperation_links},
        dict.fromkeys(profile.cooperation_types),
        lambda value: CompanyCooperation(cooperation_type=value),
    )
    _replace_links(
        company.language_links,
        {link.language: link for link in company.language_links},
        dict.fromkeys(profile.languages),
        lambda value: CompanyLanguage(language=value),
    )
    db.session.flush()
    return company


def _free_registration_number(company: Company, number: str) -> str | None:
    """``number`` without surrounding spaces, if no other company has it in any letter case;
    None for an empty one."""
    number = number.strip()
    if not number:
        return None
    taken = db.session.scalar(
        select(Company.id).where(
            func.lower(Company.registration_number) == number.lower(), Company.id != company.id
        )
    )
    if taken is not None:
        raise RuleViolation(
            _("Another company has the registration number %(number)s.", number=number),
            "registration_number",
        )
    return number


def _replace_links(collection: list, existing: dict, wanted: Iterable, make) -> None:
    """Make ``collection`` hold exactly the ``wanted`` values, keeping rows that stay."""
    wanted = list(wanted)
    for value, link in existing.items():
        if value not in wanted:
            collection.remove(link)
    for value in wanted:
        if value not in existing:
            collection.append(make(value))


# --- Deactivating a representative (organizers) -----------------------------------------------


def representative_of(actor: User, company_id: int, user_id: int) -> User:
    """Representative ``user_id`` of company ``company_id``, for an organizer; 404 when the
    account is not a representative of that company."""
    require_organizer(actor)
    user = db.session.get(User, user_id)
    if user is None or user.role != Role.REPRESENTATIVE or user.company_id != company_id:
        raise NotFound()
    return user


def set_representative_active(actor: User, company_id: int, user_id: int, active: bool) -> User:
    """Deactivate (or reactivate) a representative's account. A deactivated account cannot log
    in, its API and calendar tokens are refused, it gets no e-mail, and every one of its
    sessions ends at once (reactivating opens none: they log in again)."""
    user = representative_of(actor, company_id, user_id)
    user.active = active
    if not active:
        end_all_sessions(user)
    db.session.flush()
    return user
