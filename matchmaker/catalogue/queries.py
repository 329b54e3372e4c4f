"""Read-only queries of the catalogue: the full-text search with filters over the profiles of
the companies that take part in an edition (``participations.queries``).

Search is one code path on SQLite and PostgreSQL: every search term must occur (case-insensitive
substring, ``LIKE`` with the wildcards of the term escaped) in at least one of the searched
columns; terms are ANDed.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import selectinload

from matchmaker.enums import CooperationType, Side
from matchmaker.extensions import db
from matchmaker.models import Company, CompanyCooperation, CompanyLanguage, Event
from matchmaker.participations.queries import approved_participant_ids
from matchmaker.reference import nace_divisions_in_section

SEARCHED_COLUMNS = (
    Company.name,
    Company.name_zh,
    Company.description,
    Company.offers,
    Company.seeks,
)
MAX_SEARCH_TERMS = 8


@dataclass(frozen=True)
class CatalogueFilters:
    """Validated catalogue filters; empty values mean "any"."""

    query: str = ""
    side: Side | None = None
    country: str | None = None
    sector: str | None = None  # a NACE division ("62") or a section letter ("J")
    cooperation: CooperationType | None = None
    language: str | None = None

    @property
    def active(self) -> bool:
        return any(
            (self.query, self.side, self.country, self.sector, self.cooperation, self.language)
        )


def search_terms(query: str) -> list[str]:
    return query.split()[:MAX_SEARCH_TERMS]


def _like_pattern(term: str) -> str:
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def catalogue_statement(event: Event, filters: CatalogueFilters):
    """The SELECT of the companies of ``event`` matching ``filters``, in catalogue order."""
    statement = select(Company).where(Company.id.in_(approved_participant_ids(event)))
    for term in search_terms(filters.query):
        pattern = _like_pattern(term)
        statement = statement.where(
            or_(*(column.ilike(pattern, escape="\\") for column in SEARCHED_COLUMNS))
        )
    if filters.side is not None:
        statement = statement.where(Company.side == filters.side)
    if filters.country:
        statement = statement.where(Company.country == filters.country)
    if filters.sector:
        if filters.sector.isalpha():
            divisions = nace_divisions_in_section(filters.sector)
            statement = statement.where(Company.sector.in_(divisions))
        else:
            statement = statement.where(Company.sector == filters.sector)
    if filters.cooperation is not None:
        statement = statement.where(
            select(CompanyCooperation.company_id)
            .where(
                and_(
                    CompanyCooperation.company_id == Company.id,
                    CompanyCooperation.cooperation_type == filters.cooperation,
                )
            )
            .exists()
        )
    if filters.language:
        statement = statement.where(
            select(CompanyLanguage.company_id)
            .where(
                CompanyLanguage.company_id == Company.id,
                CompanyLanguage.language == filters.language,
            )
            .exists()
        )
    return statement.order_by(Company.name, Company.id).options(
        selectinload(Company.cooperation_links), selectinload(Company.language_links)
    )


def search_catalogue(event: Event, filters: CatalogueFilters, page: int, per_page: int):
    """One page (Flask-SQLAlchemy ``Pagination``) of the matching companies."""
    return db.paginate(
        catalogue_statement(event, filters),
        page=page,
        per_page=per_page,
        error_out=False,
        count=True,
    )


def get_company(company_id: int) -> Company | None:
    return db.session.scalar(
        select(Company)
        .where(Company.id == company_id)
        .options(selectinload(Company.cooperation_links), selectinload(Company.language_links))
    )
