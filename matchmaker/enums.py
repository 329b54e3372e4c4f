"""Enumerations shared by models, forms and services.

Values are stored as their lowercase ``value`` strings (``native_enum=False`` columns with a
CHECK constraint), so adding a member is a migration of a CHECK, not of a database type.
"""

from __future__ import annotations

import enum

from flask_babel import lazy_gettext


def N_(text: str) -> str:
    """Marks an English label for the catalogues (extracted, translated where it is shown)."""
    return text


class LabelledEnum(enum.StrEnum):
    """A string enum whose members carry a human label: ``label`` is the English msgid (show it
    as ``_(member.label)``), ``choices()`` gives labels that translate when rendered."""

    label: str

    # ``label`` has a default for type checkers only: ``Side("EU")`` looks a member up by value.
    def __new__(cls, value: str, label: str = "") -> LabelledEnum:
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        return member

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        return [(m.value, lazy_gettext(m.label)) for m in cls]


class Side(LabelledEnum):
    EU = ("EU", N_("European"))
    CN = ("CN", N_("Chinese"))


class Role(LabelledEnum):
    REPRESENTATIVE = ("representative", N_("Company representative"))
    ORGANIZER = ("organizer", N_("Organizer"))


class EventPhase(LabelledEnum):
    """An edition moves forward through these phases (organizers may step back one)."""

    REGISTRATION = ("registration", N_("Registration"))
    REQUESTS = ("requests", N_("Meeting requests"))
    SCHEDULING = ("scheduling", N_("Scheduling"))
    PUBLISHED = ("published", N_("Schedule published"))
    CLOSED = ("closed", N_("Closed"))


class ParticipationStatus(LabelledEnum):
    PENDING = ("pending", N_("Awaiting approval"))
    APPROVED = ("approved", N_("Approved"))
    REJECTED = ("rejected", N_("Rejected"))
    WITHDRAWN = ("withdrawn", N_("Withdrawn"))


class AttendanceMode(LabelledEnum):
    ON_SITE = ("on_site", N_("On site"))
    REMOTE = ("remote", N_("Online"))


class RequestStatus(LabelledEnum):
    PENDING = ("pending", N_("Pending"))
    ACCEPTED = ("accepted", N_("Accepted"))
    DECLINED = ("declined", N_("Declined"))
    WITHDRAWN = ("withdrawn", N_("Withdrawn"))


class RequestPriority(LabelledEnum):
    """How much the requester wants the meeting; feeds the scheduler's weights."""

    LOW = ("low", N_("Nice to have"))
    NORMAL = ("normal", N_("Interested"))
    HIGH = ("high", N_("Top priority"))


class SizeBand(LabelledEnum):
    MICRO = ("micro", N_("Micro (< 10 employees)"))
    SMALL = ("small", N_("Small (10–49)"))
    MEDIUM = ("medium", N_("Medium (50–249)"))
    LARGE = ("large", N_("Large (250+)"))


class CooperationType(LabelledEnum):
    TRADE = ("trade", N_("Trade / distribution"))
    INVESTMENT_IN = ("investment_in", N_("Investment in (inbound)"))
    INVESTMENT_OUT = ("investment_out", N_("Investment out (outbound)"))
    TECHNOLOGY_TRANSFER = ("technology_transfer", N_("Technology transfer"))
    JOINT_VENTURE = ("joint_venture", N_("Joint venture"))
    RESEARCH = ("research", N_("R&D cooperation"))
    SERVICES = ("services", N_("Services"))


class SessionPart(LabelledEnum):
    """Half-day blocks; the solver counts idle gaps within one (day, session) block."""

    MORNING = ("morning", N_("Morning"))
    AFTERNOON = ("afternoon", N_("Afternoon"))


class MeetingMode(LabelledEnum):
    ON_SITE = ("on_site", N_("At a table"))
    ONLINE = ("online", N_("Online (video)"))


class RunStatus(LabelledEnum):
    QUEUED = ("queued", N_("Queued"))
    RUNNING = ("running", N_("Running"))
    SUCCEEDED = ("succeeded", N_("Finished"))
    FAILED = ("failed", N_("Failed"))
    CANCELLED = ("cancelled", N_("Cancelled"))

    @property
    def is_active(self) -> bool:
        return self in (RunStatus.QUEUED, RunStatus.RUNNING)


class ExportKind(LabelledEnum):
    """A whole-edition download that can be produced in the background (``agendas.exports``)."""

    TABLE_SHEETS = ("tables_pdf", N_("Table sheets (PDF)"))
    SCHEDULE_XLSX = ("schedule_xlsx", N_("Whole schedule (XLSX)"))
    SCHEDULE_CSV = ("schedule_csv", N_("Whole schedule (CSV)"))


class RunKind(LabelledEnum):
    SOLVE = ("solve", N_("Full schedule"))
    REPLAN = ("replan", N_("Re-plan from the published schedule"))


class MeetingStatus(LabelledEnum):
    """What became of a scheduled meeting on the day (a meeting without a status is planned)."""

    HELD = ("held", N_("Held"))
    NO_SHOW = ("no_show", N_("No-show"))
    CANCELLED = ("cancelled", N_("Cancelled"))
    MOVED = ("moved", N_("Moved"))

    @property
    def fell_through(self) -> bool:
        """The meeting will not take place in its slot: the slot is free for another one."""
        return self in (MeetingStatus.NO_SHOW, MeetingStatus.CANCELLED)


class NextStep(LabelledEnum):
    NONE = ("none", N_("None"))
    FOLLOW_UP_CALL = ("follow_up_call", N_("Follow-up call"))
    VISIT = ("visit", N_("Visit"))
    NEGOTIATION = ("negotiation", N_("Negotiation"))


class AgreementLevel(LabelledEnum):
    """How far a meeting went towards a cooperation agreement (ordered: none < intention <
    signed)."""

    NONE = ("none", N_("No agreement"))
    INTENTION = ("intention", N_("Intention (letter of intent)"))
    SIGNED = ("signed", N_("Signed agreement"))

    @property
    def rank(self) -> int:
        return list(AgreementLevel).index(self)


class AgreementType(LabelledEnum):
    TRADE = ("trade", N_("Trade / distribution"))
    INVESTMENT = ("investment", N_("Investment"))
    TECHNOLOGY_TRANSFER = ("technology_transfer", N_("Technology transfer"))
    JOINT_VENTURE = ("joint_venture", N_("Joint venture"))
    RESEARCH = ("research", N_("R&D cooperation"))
    SERVICES = ("services", N_("Services"))


class NotificationKind(LabelledEnum):
    """What an e-mail is about; a representative chooses which kinds they receive, except the
    ones that are ``always_sent`` (an account cannot work without them)."""

    REQUEST_RECEIVED = ("request_received", N_("A company asks you for a meeting"))
    REQUEST_ACCEPTED = ("request_accepted", N_("Your meeting request is accepted"))
    REQUEST_DECLINED = ("request_declined", N_("Your meeting request is declined"))
    REQUEST_WITHDRAWN = ("request_withdrawn", N_("A request to you is withdrawn"))
    REQUEST_MESSAGE = ("request_message", N_("A new message about a meeting request"))
    APPLICATION_APPROVED = ("application_approved", N_("Your participation is approved"))
    APPLICATION_REJECTED = ("application_rejected", N_("Your participation is not accepted"))
    SCHEDULE_PUBLISHED = ("schedule_published", N_("The meeting schedule is published"))
    SCHEDULE_CHANGED = ("schedule_changed", N_("Your agenda changed"))
    DAY_CHANGE = ("day_change", N_("A meeting is booked or moved on the fair day"))
    OUTCOME_REMINDER = ("outcome_reminder", N_("Reminder to report the outcome of your meetings"))
    INVITATION = ("invitation", N_("Invitation to set your password"))
    PASSWORD_RESET = ("password_reset", N_("Password reset link"))
    CONFIRM_EMAIL = ("confirm_email", N_("Link to confirm your e-mail address"))
    REGISTRATION_ATTEMPT = ("registration_attempt", N_("Someone tried to register your address"))

    @property
    def always_sent(self) -> bool:
        return self in (
            NotificationKind.INVITATION,
            NotificationKind.PASSWORD_RESET,
            NotificationKind.CONFIRM_EMAIL,
            NotificationKind.REGISTRATION_ATTEMPT,
        )

    @classmethod
    def optional(cls) -> list[NotificationKind]:
        return [kind for kind in cls if not kind.always_sent]


class OutboxStatus(LabelledEnum):
    """Where an outgoing e-mail stands. ``sending`` is held while one delivery job has claimed
    it; ``failed`` waits for an organizer (retries exhausted, or a delivery was interrupted)."""

    PENDING = ("pending", N_("Waiting to be sent"))
    SENDING = ("sending", N_("Being sent"))
    SENT = ("sent", N_("Sent"))
    FAILED = ("failed", N_("Failed"))


class TopicRole(LabelledEnum):
    """Whether a company offers a topic of the matchmaking taxonomy or seeks it."""

    OFFER = ("offer", N_("We offer"))
    SEEK = ("seek", N_("We seek"))


class ProposalAnswer(LabelledEnum):
    """One company's answer to a meeting the organizers propose."""

    PENDING = ("pending", N_("Not answered yet"))
    ACCEPTED = ("accepted", N_("Accepted"))
    DECLINED = ("declined", N_("Declined"))
