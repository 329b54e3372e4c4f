"""Read-only queries of the catalogue: the full-text search with filters over the profiles of
the companies that take part in an edition (``participations.queries``).

Filters are SQL; a search query is ranked by ``matching.search`` (words, not substrings, in Latin
scripts and segmented Chinese, relevance order), one code path on SQLite and PostgreSQL.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import and_, select
from sqlalchemy.orm import selectinload

from matchmaker.enums import CooperationType, Side
from matchmaker.extensions import db
from matchmaker.matching import search
from matchmaker.models import Company, CompanyCooperation, CompanyLanguage, Event
from matchmaker.participations.queries import approved_participant_ids
from matchmaker.reference import nace_divisions_in_section


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
    return search.query_terms(query)


def catalogue_statement(event: Event, filters: CatalogueFilters, columns=(Company,)):
    """The SELECT of the companies of ``event`` matching the filters other than the search
    query, in catalogue order."""
    statement = select(*columns).where(Company.id.in_(approved_participant_ids(event)))
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
    return statement.order_by(Company.name, Company.id)


def _with_profile_links(statement):
    return statement.options(
        selectinload(Company.cooperation_links), selectinload(Company.language_links)
    )


def _companies_by_id(ids: list[int]) -> list[Company]:
    return list(db.session.scalars(_with_profile_links(select(Company).where(Company.id.in_(ids)))))


def search_catalogue(event: Event, filters: CatalogueFilters, page: int, per_page: int):
    """One page (Flask-SQLAlchemy ``Pagination``) of the matching companies: in name order, or
    by relevance when there is a search query."""
    if filters.query.strip():  # a query without any word finds nothing
        candidates = set(db.session.scalars(catalogue_statement(event, filters, (Company.id,))))
        ranked = search.rank(search.edition_index(event), filters.query, candidates)
        return search.RankedPagination(
            page=page,
            per_page=per_page,
            error_out=False,
            count=True,
            ids=ranked,
            load=_companies_by_id,
        )
    return db.paginate(
        _with_profile_links(catalogue_statement(event, filters)),
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
