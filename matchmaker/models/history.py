"""Editions run before this system: only their aggregate figures, as the organizers reported
them (no companies, no meetings as rows)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, String
from sqlalchemy.orm import Mapped, mapped_column

from matchmaker.extensions import db
from matchmaker.models.base import created_at_column, updated_at_column


class PastEdition(db.Model):
    __tablename__ = "past_editions"
    __table_args__ = (
        CheckConstraint(
            "companies_eu >= 0 AND companies_cn >= 0 AND meetings >= 0 AND agreements >= 0",
            name="figures_not_negative",
        ),
        CheckConstraint("year BETWEEN 1990 AND 2100", name="year_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(unique=True)
    name: Mapped[str] = mapped_column(String(200))
    city: Mapped[str] = mapped_column(String(120), default="")
    companies_eu: Mapped[int] = mapped_column(default=0)  # participating European companies
    companies_cn: Mapped[int] = mapped_column(default=0)  # participating Chinese companies
    meetings: Mapped[int] = mapped_column(default=0)  # one-to-one meetings held
    agreements: Mapped[int] = mapped_column(default=0)  # cooperation agreements (intentions incl.)
    source: Mapped[str] = mapped_column(String(300), default="")  # where the figures come from
    created_at: Mapped[datetime] = created_at_column()
    updated_at: Mapped[datetime] = updated_at_column()

    @property
    def companies(self) -> int:
        return self.companies_eu + self.companies_cn
