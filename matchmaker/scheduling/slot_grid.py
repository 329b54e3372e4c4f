"""Cutting meeting days into time slots — pure functions, no database."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from matchmaker.enums import N_, SessionPart


class SlotGridError(ValueError):
    """Settings that cannot produce a single slot. ``message`` is the English msgid with
    ``%(name)s`` placeholders filled from ``params`` (translate with ``_(message, **params)``);
    ``str(error)`` is the English sentence."""

    def __init__(self, message: str, **params: object):
        super().__init__(message % params if params else message)
        self.message = message
        self.params = params


@dataclass(frozen=True)
class SlotTimes:
    day: date
    starts_at: datetime  # aware, UTC
    ends_at: datetime
    session: SessionPart


@dataclass(frozen=True)
class GridSettings:
    day_start: time
    day_end: time
    slot_minutes: int
    gap_minutes: int
    lunch_start: time | None
    lunch_end: time | None
    timezone: str


def slot_times(days: list[date], settings: GridSettings) -> list[SlotTimes]:
    """Slots of ``slot_minutes`` separated by ``gap_minutes`` from day start to day end, none
    overlapping the lunch break; slots that start before lunch are the morning session."""
    _validate(settings)
    zone = ZoneInfo(settings.timezone)
    length = timedelta(minutes=settings.slot_minutes)
    step = length + timedelta(minutes=settings.gap_minutes)
    result: list[SlotTimes] = []
    for day in days:
        cursor = datetime.combine(day, settings.day_start, zone)
        day_end = datetime.combine(day, settings.day_end, zone)
        lunch = _lunch_window(day, settings, zone)
        # Morning is everything before lunch (before noon when there is no lunch break).
        afternoon_from = lunch[0] if lunch else datetime.combine(day, time(12, 0), zone)
        while cursor + length <= day_end:
            if lunch and cursor < lunch[1] and cursor + length > lunch[0]:
                cursor = lunch[1]
                continue
            session = SessionPart.MORNING if cursor < afternoon_from else SessionPart.AFTERNOON
            result.append(
                SlotTimes(
                    day=day,
                    starts_at=cursor.astimezone(ZoneInfo("UTC")),
                    ends_at=(cursor + length).astimezone(ZoneInfo("UTC")),
                    session=session,
                )
            )
            cursor += step
    return result


def _lunch_window(day: date, settings: GridSettings, zone: ZoneInfo):
    if settings.lunch_start is None or settings.lunch_end is None:
        return None
    return (
        datetime.combine(day, settings.lunch_start, zone),
        datetime.combine(day, settings.lunch_end, zone),
    )


def _validate(settings: GridSettings) -> None:
    if settings.day_end <= settings.day_start:
        raise SlotGridError(N_("The day must end after it starts."))
    day_minutes = _minutes(settings.day_end) - _minutes(settings.day_start)
    if settings.slot_minutes <= 0:
        raise SlotGridError(N_("A slot must last at least one minute."))
    if settings.slot_minutes > day_minutes:
        raise SlotGridError(
            N_("A %(slot)d-minute slot does not fit in a day of %(day)d minutes."),
            slot=settings.slot_minutes,
            day=day_minutes,
        )
    if (settings.lunch_start is None) != (settings.lunch_end is None):
        raise SlotGridError(N_("Give both the start and the end of the lunch break, or neither."))
    if settings.lunch_start is not None and settings.lunch_end is not None:
        if settings.lunch_end <= settings.lunch_start:
            raise SlotGridError(N_("The lunch break must end after it starts."))
        if settings.lunch_start < settings.day_start or settings.lunch_end > settings.day_end:
            raise SlotGridError(N_("The lunch break must lie within the day."))


def _minutes(moment: time) -> int:
    return moment.hour * 60 + moment.minute
