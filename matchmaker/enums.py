"""Enumerations shared by models, forms and services.

Values are stored as their lowercase ``value`` strings (``native_enum=False`` columns with a
CHECK constraint), so adding a member is a migration of a CHECK, not of a database type.
"""

from __future__ import annotations

import enum


class LabelledEnum(enum.StrEnum):
    """A string enum whose members carry a human label (translated in templates)."""

    label: str

    def __new__(cls, value: str, label: str) -> LabelledEnum:
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        return member

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        return [(m.value, m.label) for m in cls]


class Side(LabelledEnum):
    EU = ("EU", "European")
    CN = ("CN", "Chinese")


class Role(LabelledEnum):
    REPRESENTATIVE = ("representative", "Company representative")
    ORGANIZER = ("organizer", "Organizer")


class EventPhase(LabelledEnum):
    """An edition moves forward through these phases (organizers may step back one)."""

    REGISTRATION = ("registration", "Registration")
    REQUESTS = ("requests", "Meeting requests")
    SCHEDULING = ("scheduling", "Scheduling")
    PUBLISHED = ("published", "Schedule published")
    CLOSED = ("closed", "Closed")


class ParticipationStatus(LabelledEnum):
    PENDING = ("pending", "Awaiting approval")
    APPROVED = ("approved", "Approved")
    REJECTED = ("rejected", "Rejected")
    WITHDRAWN = ("withdrawn", "Withdrawn")


class AttendanceMode(LabelledEnum):
    ON_SITE = ("on_site", "On site")
    REMOTE = ("remote", "Online")


class RequestStatus(LabelledEnum):
    PENDING = ("pending", "Pending")
    ACCEPTED = ("accepted", "Accepted")
    DECLINED = ("declined", "Declined")
    WITHDRAWN = ("withdrawn", "Withdrawn")


class RequestPriority(LabelledEnum):
    """How much the requester wants the meeting; feeds the scheduler's weights."""

    LOW = ("low", "Nice to have")
    NORMAL = ("normal", "Interested")
    HIGH = ("high", "Top priority")


class SizeBand(LabelledEnum):
    MICRO = ("micro", "Micro (< 10 employees)")
    SMALL = ("small", "Small (10–49)")
    MEDIUM = ("medium", "Medium (50–249)")
    LARGE = ("large", "Large (250+)")


class CooperationType(LabelledEnum):
    TRADE = ("trade", "Trade / distribution")
    INVESTMENT_IN = ("investment_in", "Investment in (inbound)")
    INVESTMENT_OUT = ("investment_out", "Investment out (outbound)")
    TECHNOLOGY_TRANSFER = ("technology_transfer", "Technology transfer")
    JOINT_VENTURE = ("joint_venture", "Joint venture")
    RESEARCH = ("research", "R&D cooperation")
    SERVICES = ("services", "Services")


class SessionPart(LabelledEnum):
    """Half-day blocks; the solver counts idle gaps within one (day, session) block."""

    MORNING = ("morning", "Morning")
    AFTERNOON = ("afternoon", "Afternoon")


class MeetingMode(LabelledEnum):
    ON_SITE = ("on_site", "At a table")
    ONLINE = ("online", "Online (video)")


class RunStatus(LabelledEnum):
    QUEUED = ("queued", "Queued")
    RUNNING = ("running", "Running")
    SUCCEEDED = ("succeeded", "Finished")
    FAILED = ("failed", "Failed")
    CANCELLED = ("cancelled", "Cancelled")

    @property
    def is_active(self) -> bool:
        return self in (RunStatus.QUEUED, RunStatus.RUNNING)


class RunKind(LabelledEnum):
    SOLVE = ("solve", "Full schedule")
    REPLAN = ("replan", "Re-plan from the published schedule")


class MeetingStatus(LabelledEnum):
    """What became of a scheduled meeting on the day (a meeting without a status is planned)."""

    HELD = ("held", "Held")
    NO_SHOW = ("no_show", "No-show")
    CANCELLED = ("cancelled", "Cancelled")
    MOVED = ("moved", "Moved")

    @property
    def fell_through(self) -> bool:
        """The meeting will not take place in its slot: the slot is free for another one."""
        return self in (MeetingStatus.NO_SHOW, MeetingStatus.CANCELLED)


class NextStep(LabelledEnum):
    NONE = ("none", "None")
    FOLLOW_UP_CALL = ("follow_up_call", "Follow-up call")
    VISIT = ("visit", "Visit")
    NEGOTIATION = ("negotiation", "Negotiation")


class AgreementLevel(LabelledEnum):
    """How far a meeting went towards a cooperation agreement (ordered: none < intention <
    signed)."""

    NONE = ("none", "No agreement")
    INTENTION = ("intention", "Intention (letter of intent)")
    SIGNED = ("signed", "Signed agreement")

    @property
    def rank(self) -> int:
        return list(AgreementLevel).index(self)


class AgreementType(LabelledEnum):
    TRADE = ("trade", "Trade / distribution")
    INVESTMENT = ("investment", "Investment")
    TECHNOLOGY_TRANSFER = ("technology_transfer", "Technology transfer")
    JOINT_VENTURE = ("joint_venture", "Joint venture")
    RESEARCH = ("research", "R&D cooperation")
    SERVICES = ("services", "Services")


class NotificationKind(LabelledEnum):
    """What an e-mail is about; a representative chooses which kinds they receive, except the
    ones that are ``always_sent`` (an account cannot work without them)."""

    REQUEST_RECEIVED = ("request_received", "A company asks you for a meeting")
    REQUEST_ACCEPTED = ("request_accepted", "Your meeting request is accepted")
    REQUEST_DECLINED = ("request_declined", "Your meeting request is declined")
    REQUEST_WITHDRAWN = ("request_withdrawn", "A request to you is withdrawn")
    REQUEST_MESSAGE = ("request_message", "A new message about a meeting request")
    APPLICATION_APPROVED = ("application_approved", "Your participation is approved")
    APPLICATION_REJECTED = ("application_rejected", "Your participation is not accepted")
    SCHEDULE_PUBLISHED = ("schedule_published", "The meeting schedule is published")
    SCHEDULE_CHANGED = ("schedule_changed", "Your agenda changed")
    DAY_CHANGE = ("day_change", "A meeting is booked or moved on the fair day")
    OUTCOME_REMINDER = ("outcome_reminder", "Reminder to report the outcome of your meetings")
    INVITATION = ("invitation", "Invitation to set your password")
    PASSWORD_RESET = ("password_reset", "Password reset link")

    @property
    def always_sent(self) -> bool:
        return self in (NotificationKind.INVITATION, NotificationKind.PASSWORD_RESET)

    @classmethod
    def optional(cls) -> list[NotificationKind]:
        return [kind for kind in cls if not kind.always_sent]


class OutboxStatus(LabelledEnum):
    """Where an outgoing e-mail stands. ``sending`` is held while one delivery job has claimed
    it; ``failed`` waits for an organizer (retries exhausted, or a delivery was interrupted)."""

    PENDING = ("pending", "Waiting to be sent")
    SENDING = ("sending", "Being sent")
    SENT = ("sent", "Sent")
    FAILED = ("failed", "Failed")


class TopicRole(LabelledEnum):
    """Whether a company offers a topic of the matchmaking taxonomy or seeks it."""

    OFFER = ("offer", "We offer")
    SEEK = ("seek", "We seek")


class ProposalAnswer(LabelledEnum):
    """One company's answer to a meeting the organizers propose."""

    PENDING = ("pending", "Not answered yet")
    ACCEPTED = ("accepted", "Accepted")
    DECLINED = ("declined", "Declined")
