"""Generation numbers of cached figures (see ``matchmaker.caching``)."""

from __future__ import annotations

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from matchmaker.extensions import db


class CacheGeneration(db.Model):
    """One row per family of cached figures; a change to the rows they are computed from
    raises ``generation``, which retires every value cached under the old number."""

    __tablename__ = "cache_generations"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    generation: Mapped[int] = mapped_column(default=0)
