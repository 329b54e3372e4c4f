"""Matchmaking: the topics a company ticks, suggestions a company dismissed, and meetings the
organizers propose to two companies."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from matchmaker.enums import ProposalAnswer, TopicRole
from matchmaker.extensions import db
from matchmaker.models.base import created_at_column, enum_column, updated_at_column

if TYPE_CHECKING:
    from matchmaker.models.companies import Company
    from matchmaker.models.requests import MeetingRequest
    from matchmaker.models.users import User


class CompanyTopic(db.Model):
    """A topic of the taxonomy (``matching.taxonomy``) a company offers or seeks."""

    __tablename__ = "company_topics"

    company_id: Mapped[int] = mapped_column(
        ForeignKey("companies.id", ondelete="CASCADE"), primary_key=True
    )
    topic: Mapped[str] = mapped_column(String(40), primary_key=True)
    role: Mapped[TopicRole] = enum_column(TopicRole, primary_key=True)


class SuggestionDismissal(db.Model):
    """A company does not want ``partner`` suggested again at this edition."""

    __tablename__ = "suggestion_dismissals"
    __table_args__ = (UniqueConstraint("event_id", "company_id", "partner_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    company_id: Mapped[int] = mapped_column(
        ForeignKey("companies.id", ondelete="CASCADE"), index=True
    )
    partner_id: Mapped[int] = mapped_column(ForeignKey("companies.id", ondelete="CASCADE"))
    dismissed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = created_at_column()


class MeetingProposal(db.Model):
    """The organizers propose that two companies meet. Each side accepts or declines; when both
    accept, an accepted meeting request joins the edition's requests (``request``)."""

    __tablename__ = "meeting_proposals"
    __table_args__ = (
        UniqueConstraint("event_id", "company_a_id", "company_b_id"),
        CheckConstraint("company_a_id < company_b_id", name="proposal_pair_ordered"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    company_a_id: Mapped[int] = mapped_column(
        ForeignKey("companies.id", ondelete="CASCADE"), index=True
    )
    company_b_id: Mapped[int] = mapped_column(
        ForeignKey("companies.id", ondelete="CASCADE"), index=True
    )
    proposed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    note: Mapped[str] = mapped_column(String(500), default="")
    answer_a: Mapped[ProposalAnswer] = enum_column(
        ProposalAnswer, constraint_name="proposal_answer_a", default=ProposalAnswer.PENDING
    )
    answer_b: Mapped[ProposalAnswer] = enum_column(
        ProposalAnswer, constraint_name="proposal_answer_b", default=ProposalAnswer.PENDING
    )
    request_id: Mapped[int | None] = mapped_column(
        ForeignKey("meeting_requests.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = created_at_column()
    updated_at: Mapped[datetime] = updated_at_column()

    company_a: Mapped[Company] = relationship(foreign_keys=[company_a_id])
    company_b: Mapped[Company] = relationship(foreign_keys=[company_b_id])
    proposed_by: Mapped[User | None] = relationship()
    request: Mapped[MeetingRequest | None] = relationship()

    def answer_of(self, company_id: int) -> ProposalAnswer:
        return self.answer_a if company_id == self.company_a_id else self.answer_b

    def other_company(self, company_id: int) -> Company:
        return self.company_b if company_id == self.company_a_id else self.company_a

    @property
    def is_open(self) -> bool:
        return ProposalAnswer.DECLINED not in (self.answer_a, self.answer_b) and not (
            self.answer_a == self.answer_b == ProposalAnswer.ACCEPTED
        )
