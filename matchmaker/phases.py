"""What each phase of an edition allows, and when: the one home of these rules.

An edition moves through registration → meeting requests → scheduling → schedule published →
closed. The services ask this module before they act; a refusal is a ``RuleViolation`` whose
message names the phase (or the date) that allows the action.

| action | allowed |
|---|---|
| apply, change or withdraw a participation | registration, meeting requests |
| send, accept, decline, withdraw a request | meeting requests |
| run the scheduler | meeting requests (a *preview*), scheduling, published (re-plan) |
| publish a version (never a preview) | scheduling, published; moves the phase to "published" |
| check in | the fair's days (venue time), schedule published |
| mark a meeting held / no-show | companies: the fair's days; organizers: from the first day |
| mark a meeting cancelled | companies: publication to the last fair day; organizers: always |
| report an outcome | companies: first fair day to ``outcome_report_days`` after the last; |
|                   | organizers: from the first fair day |

After a company's window has closed (or once the edition is closed) only organizers may
correct day statuses and outcome reports; every change is kept in an audit trail.

Time comes from ``now()``: tests (and rehearsals) replace it to move the clock.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from babel.dates import format_date
from flask_babel import get_locale
from flask_babel import gettext as _

from matchmaker.enums import EventPhase, MeetingStatus
from matchmaker.errors import RuleViolation
from matchmaker.languages.formatting import zone_name
from matchmaker.models import Event, ScheduleRun, ScheduleVersion, User

DEFAULT_OUTCOME_REPORT_DAYS = 30

REGISTRATION_PHASES = (EventPhase.REGISTRATION, EventPhase.REQUESTS)
RUN_PHASES = (EventPhase.REQUESTS, EventPhase.SCHEDULING, EventPhase.PUBLISHED)
PUBLISH_PHASES = (EventPhase.SCHEDULING, EventPhase.PUBLISHED)
# Runs started before the scheduling phase are previews: requests may still change.
PREVIEW_PHASES = (EventPhase.REQUESTS,)


def now() -> datetime:
    """The current moment (UTC). Tests replace this function to move the clock."""
    return datetime.now(UTC)


def phase_name(phase: EventPhase) -> str:
    return _(phase.label)


def _names(phases: tuple[EventPhase, ...]) -> str:
    return _(" or ").join(f"“{phase_name(p)}”" for p in phases)


def _phase_message(event: Event, action: str, allowed: tuple[EventPhase, ...]) -> str:
    return _(
        "%(action)s is possible only in the phase %(allowed)s; %(event)s is in the phase "
        "“%(phase)s”.",
        action=action,
        allowed=_names(allowed),
        event=event.name,
        phase=phase_name(event.phase),
    )


def _refuse_phase(event: Event, action: str, allowed: tuple[EventPhase, ...]) -> None:
    raise RuleViolation(_phase_message(event, action, allowed))


# --- registration and requests --------------------------------------------------------------


def registration_open(event: Event) -> bool:
    return event.phase in REGISTRATION_PHASES


def require_registration_open(event: Event) -> None:
    if not registration_open(event):
        _refuse_phase(event, _("Applying or withdrawing"), REGISTRATION_PHASES)


def requests_open(event: Event) -> bool:
    return event.phase == EventPhase.REQUESTS


def requests_closed_message(event: Event) -> str | None:
    """Why meeting requests cannot be sent or answered now (None: they can)."""
    if requests_open(event):
        return None
    return _phase_message(event, _("Sending or answering meeting requests"), (EventPhase.REQUESTS,))


def require_requests_open(event: Event) -> None:
    """Sending, accepting, declining and withdrawing meeting requests."""
    message = requests_closed_message(event)
    if message:
        raise RuleViolation(message)


# --- runs and publishing ------------------------------------------------------------------


def require_can_run(event: Event) -> None:
    if event.phase not in RUN_PHASES:
        _refuse_phase(event, _("Running the scheduler"), RUN_PHASES)


def run_is_preview(event: Event) -> bool:
    """A run started now would be a preview (requests are still open and may change)."""
    return event.phase in PREVIEW_PHASES


def version_is_preview(version: ScheduleVersion, run: ScheduleRun | None) -> bool:
    return run is not None and run.preview and version.run_id == run.id


def require_can_publish(event: Event, preview: bool) -> None:
    if event.phase not in PUBLISH_PHASES:
        _refuse_phase(event, _("Publishing a schedule"), PUBLISH_PHASES)
    if preview:
        raise RuleViolation(
            _(
                "This version is a preview, computed while meeting requests were still open. "
                "Run the scheduler again in the phase “%(phase)s” to publish.",
                phase=phase_name(EventPhase.SCHEDULING),
            )
        )


PHASE_AFTER_PUBLISHING = EventPhase.PUBLISHED


# --- the fair's days and the record windows -----------------------------------------------


@dataclass(frozen=True)
class Window:
    """A half-open span of time ``[opens, closes)`` in UTC."""

    opens: datetime
    closes: datetime

    def contains(self, moment: datetime) -> bool:
        return self.opens <= moment < self.closes


def _midnight(event: Event, day) -> datetime:
    return datetime.combine(day, time(0), tzinfo=ZoneInfo(event.timezone)).astimezone(UTC)


def fair_days(event: Event) -> Window:
    """From midnight of the first day to midnight after the last one, in the venue's zone."""
    return Window(
        _midnight(event, event.start_date),
        _midnight(event, event.end_date + timedelta(days=1)),
    )


def outcome_window(event: Event) -> Window:
    """Companies report outcomes from the first fair day until the configured period after."""
    days = event.outcome_report_days
    if days is None:
        days = DEFAULT_OUTCOME_REPORT_DAYS
    return Window(
        fair_days(event).opens,
        _midnight(event, event.end_date + timedelta(days=1 + days)),
    )


def _day(event: Event, moment: datetime) -> str:
    """A date in the reader's language, as it is at the venue ("26 Nov 2026")."""
    local = moment.astimezone(ZoneInfo(event.timezone))
    return format_date(local.date(), "medium", locale=str(get_locale() or "en"))


def _last_day(window: Window, event: Event) -> str:
    return _day(event, window.closes - timedelta(seconds=1))


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def require_check_in_open(event: Event) -> None:
    """Check-in happens at the venue, on the fair's days."""
    if event.phase != EventPhase.PUBLISHED:
        _refuse_phase(event, _("Check-in"), (EventPhase.PUBLISHED,))
    days = fair_days(event)
    moment = _aware(now())
    if not days.contains(moment):
        raise RuleViolation(
            _(
                "Check-in is open on the fair's days only, %(first)s to %(last)s (%(zone)s).",
                first=_day(event, days.opens),
                last=_last_day(days, event),
                zone=zone_name(event.timezone),
            )
        )


@dataclass(frozen=True)
class RecordAccess:
    """Whether an actor may write a kind of record now, and why not."""

    allowed: bool
    reason: str = ""
    late: bool = False  # an organizer correcting after the companies' window closed


def day_status_access(event: Event, actor: User, status: MeetingStatus | None) -> RecordAccess:
    """May ``actor`` set (or clear) a meeting's day status now?

    Held and no-show are facts of the fair's days: nobody records them before the first day.
    Companies record them during the fair's days; afterwards (or once the edition is closed)
    only organizers correct them. A cancellation can be announced from publication on.
    """
    days = fair_days(event)
    moment = _aware(now())
    before = moment < days.opens
    after = moment >= days.closes or event.phase == EventPhase.CLOSED
    announces_cancellation = status == MeetingStatus.CANCELLED
    if before and not announces_cancellation:
        return RecordAccess(
            False,
            _(
                "Meetings are marked held or no-show on the fair's days, from %(first)s "
                "(%(zone)s).",
                first=_day(event, days.opens),
                zone=zone_name(event.timezone),
            ),
        )
    if after:
        if actor.is_organizer:
            return RecordAccess(True, late=True)
        return RecordAccess(
            False,
            _(
                "The fair ended on %(last)s: only the organizers can correct what became of a "
                "meeting now.",
                last=_last_day(days, event),
            ),
        )
    return RecordAccess(True)


def require_day_status_open(event: Event, actor: User, status: MeetingStatus | None) -> bool:
    """Raise unless ``actor`` may set ``status`` now; returns whether it is a late correction."""
    access = day_status_access(event, actor, status)
    if not access.allowed:
        raise RuleViolation(access.reason)
    return access.late


def outcome_report_access(event: Event, actor: User) -> RecordAccess:
    window = outcome_window(event)
    moment = _aware(now())
    if moment < window.opens:
        return RecordAccess(
            False,
            _(
                "Outcome reports open on the first day of the fair, %(first)s (%(zone)s).",
                first=_day(event, window.opens),
                zone=zone_name(event.timezone),
            ),
        )
    if moment >= window.closes or event.phase == EventPhase.CLOSED:
        if actor.is_organizer:
            return RecordAccess(True, late=True)
        return RecordAccess(
            False,
            _(
                "Outcome reports closed on %(last)s: please ask the organizers to correct yours.",
                last=_last_day(window, event),
            ),
        )
    return RecordAccess(True)


def require_outcome_report_open(event: Event, actor: User) -> bool:
    """Raise unless ``actor`` may write an outcome report now; returns whether late."""
    access = outcome_report_access(event, actor)
    if not access.allowed:
        raise RuleViolation(access.reason)
    return access.late
