"""Companies and their profiles. A company carries over from one edition of the fair to the next;
its participation in each edition lives in ``Participation``."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from matchmaker.enums import CooperationType, Side, SizeBand, TopicRole
from matchmaker.extensions import db
from matchmaker.models.base import created_at_column, enum_column, updated_at_column

if TYPE_CHECKING:
    from matchmaker.models.events import Participation
    from matchmaker.models.matching import CompanyTopic
    from matchmaker.models.users import User


class Company(db.Model):
    __tablename__ = "companies"
    __table_args__ = (
        CheckConstraint(
            "founded_year IS NULL OR founded_year BETWEEN 1800 AND 2100", name="founded_year_range"
        ),
        CheckConstraint("length(country) = 2", name="country_is_iso2"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(160), index=True)  # Latin script
    name_zh: Mapped[str | None] = mapped_column(String(160))  # Chinese characters, optional
    # An organizer's stable key for the company (business registration or their CRM's number);
    # spreadsheet imports match on it, or on a representative's e-mail address.
    registration_number: Mapped[str | None] = mapped_column(String(64), unique=True)
    country: Mapped[str] = mapped_column(String(2), index=True)  # ISO 3166-1 alpha-2
    region: Mapped[str | None] = mapped_column(String(120))  # region / province
    # Derived from the country by the service layer unless an organizer overrode it.
    side: Mapped[Side] = enum_column(Side, index=True)
    side_overridden: Mapped[bool] = mapped_column(default=False)
    sector: Mapped[str | None] = mapped_column(String(2), index=True)  # NACE Rev. 2 division
    size_band: Mapped[SizeBand | None] = enum_column(SizeBand)
    founded_year: Mapped[int | None]
    website: Mapped[str | None] = mapped_column(String(255))
    description: Mapped[str] = mapped_column(Text, default="")
    offers: Mapped[str] = mapped_column(Text, default="")
    seeks: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = created_at_column()
    updated_at: Mapped[datetime] = updated_at_column()

    representatives: Mapped[list[User]] = relationship(back_populates="company")
    cooperation_links: Mapped[list[CompanyCooperation]] = relationship(
        cascade="all, delete-orphan", order_by="CompanyCooperation.cooperation_type"
    )
    language_links: Mapped[list[CompanyLanguage]] = relationship(
        cascade="all, delete-orphan", order_by="CompanyLanguage.language"
    )
    participations: Mapped[list[Participation]] = relationship(back_populates="company")
    topic_links: Mapped[list[CompanyTopic]] = relationship(
        cascade="all, delete-orphan", order_by="CompanyTopic.topic"
    )

    @property
    def cooperation_types(self) -> list[CooperationType]:
        return [link.cooperation_type for link in self.cooperation_links]

    def topics(self, role: TopicRole) -> list[str]:
        """The taxonomy topics the company ticked as offered or sought."""
        return [link.topic for link in self.topic_links if link.role == role]

    @property
    def languages(self) -> list[str]:
        return [link.language for link in self.language_links]

    @property
    def display_name(self) -> str:
        return f"{self.name} ({self.name_zh})" if self.name_zh else self.name

    def __repr__(self) -> str:
        return f"<Company {self.id} {self.name!r} {self.side.value}>"


class CompanyCooperation(db.Model):
    """A cooperation type a company seeks (one row per type)."""

    __tablename__ = "company_cooperation_types"

    company_id: Mapped[int] = mapped_column(
        ForeignKey("companies.id", ondelete="CASCADE"), primary_key=True
    )
    cooperation_type: Mapped[CooperationType] = enum_column(CooperationType, primary_key=True)


class CompanyLanguage(db.Model):
    """A language the company's delegates can hold a meeting in (ISO 639-1 code)."""

    __tablename__ = "company_languages"

    company_id: Mapped[int] = mapped_column(
        ForeignKey("companies.id", ondelete="CASCADE"), primary_key=True
    )
    language: Mapped[str] = mapped_column(String(8), primary_key=True)
