"""The data model. Import models from here; each lives in a module of its own area."""

from matchmaker.models.caching import CacheGeneration
from matchmaker.models.companies import Company, CompanyCooperation, CompanyLanguage
from matchmaker.models.events import Event, EventDay, Participation, participation_days
from matchmaker.models.exports import ExportFile
from matchmaker.models.history import PastEdition
from matchmaker.models.imports import ImportUpload
from matchmaker.models.matching import CompanyTopic, MeetingProposal, SuggestionDismissal
from matchmaker.models.messages import RequestMessage
from matchmaker.models.notifications import NotificationOptOut, OutboxMessage
from matchmaker.models.outcomes import (
    CheckIn,
    DayStatusChange,
    MeetingDayStatus,
    OutcomeChange,
    OutcomeReport,
)
from matchmaker.models.requests import MeetingRequest
from matchmaker.models.scheduling import (
    InterpreterPool,
    Meeting,
    MeetingTable,
    ScheduleRun,
    ScheduleSetup,
    ScheduleVersion,
    SlotUnavailability,
    TimeSlot,
)
from matchmaker.models.tokens import ApiToken, CalendarFeedToken
from matchmaker.models.users import User, UserSession

__all__ = [
    "ApiToken",
    "CacheGeneration",
    "CalendarFeedToken",
    "CheckIn",
    "Company",
    "CompanyCooperation",
    "CompanyLanguage",
    "CompanyTopic",
    "DayStatusChange",
    "Event",
    "EventDay",
    "ExportFile",
    "ImportUpload",
    "InterpreterPool",
    "Meeting",
    "MeetingDayStatus",
    "MeetingProposal",
    "MeetingRequest",
    "MeetingTable",
    "NotificationOptOut",
    "OutboxMessage",
    "OutcomeChange",
    "OutcomeReport",
    "Participation",
    "PastEdition",
    "RequestMessage",
    "ScheduleRun",
    "ScheduleSetup",
    "ScheduleVersion",
    "SlotUnavailability",
    "SuggestionDismissal",
    "TimeSlot",
    "User",
    "UserSession",
    "participation_days",
]
