"""Spreadsheet import: preview of every row, exact error messages by row and column, nothing
written unless the file is error-free, re-import changes nothing, GB18030 and Chinese XLSX."""

from __future__ import annotations

import csv
import io
import re

import pytest
from argon2 import PasswordHasher
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select

from matchmaker.enums import EventPhase, ParticipationStatus, Side
from matchmaker.errors import RuleViolation
from matchmaker.imports.operations import apply_plan, apply_upload, upload
from matchmaker.imports.planning import plan_import
from matchmaker.imports.reading import MAX_ROWS, ImportRefused, read_table
from matchmaker.mail import outbox
from matchmaker.models import Company, Event, MeetingRequest, Participation, User
from tests import factories
from tests.factories import login, make_company, make_event, make_organizer, make_user

_cheap_hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)

HEADER = [
    "registration_number",
    "name",
    "name_zh",
    "country",
    "sector",
    "size_band",
    "languages",
    "cooperation_types",
    "email",
    "full_name",
    "locale",
    "delegates",
    "requests_to",
]
GOOD = [
    [
        "FR-001",
        "Dupont SA",
        "",
        "FR",
        "28",
        "medium",
        "fr;en",
        "trade",
        "anne@dupont.example",
        "Anne Dupont",
        "en",
        "2",
        "li@chengdu.example",
    ],
    [
        "CN-001",
        "Chengdu Tech",
        "成都科技",
        "CN",
        "62",
        "large",
        "zh;en",
        "joint_venture",
        "li@chengdu.example",
        "李明",
        "zh",
        "1",
        "",
    ],
]


@pytest.fixture(autouse=True)
def _fast_password_hashing(monkeypatch):
    monkeypatch.setattr(factories, "hash_password", _cheap_hasher.hash)


def _csv(rows, header=HEADER, encoding="utf-8", delimiter=",") -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding)


def _counts(db_session) -> tuple[int, int, int, int]:
    return tuple(
        db_session.scalar(select(func.count()).select_from(model))
        for model in (Company, User, Participation, MeetingRequest)
    )


@pytest.fixture
def setting(db_session):
    event = make_event(phase=EventPhase.REGISTRATION)
    organizer = make_organizer()
    db_session.commit()
    return event, organizer


def test_a_good_file_is_previewed_then_imported_in_one_go(app, db_session, setting):
    event, organizer = setting
    before = _counts(db_session)
    plan = plan_import(event, read_table("companies.csv", _csv(GOOD)))
    assert plan.ok, plan.errors
    assert [(row.number, row.action) for row in plan.rows] == [(2, "create"), (3, "create")]
    assert len(plan.requests) == 1
    assert _counts(db_session) == before  # a preview writes nothing
    result = apply_plan(organizer, plan, send_invitations=False)
    db_session.commit()
    assert (result.created, result.requests, result.invitations) == (2, 1, 0)
    dupont = db_session.scalar(select(Company).where(Company.registration_number == "FR-001"))
    assert (dupont.side, dupont.sector, dupont.languages) == (Side.EU, "28", ["en", "fr"])
    chengdu = db_session.scalar(select(Company).where(Company.name == "Chengdu Tech"))
    assert (chengdu.name_zh, chengdu.side) == ("成都科技", Side.CN)
    [li] = chengdu.representatives
    assert (li.full_name, li.locale) == ("李明", "zh_Hans")  # "zh" in the file: the catalogue
    participation = db_session.scalar(
        select(Participation).where(Participation.company_id == dupont.id)
    )
    assert (participation.status, participation.delegates) == (ParticipationStatus.APPROVED, 2)
    assert len(participation.days) == len(event.days)
    [request] = db_session.scalars(select(MeetingRequest)).all()
    assert (request.from_company_id, request.to_company_id) == (dupont.id, chengdu.id)
    assert outbox(app) == []  # no invitation unless chosen


def test_re_importing_the_same_file_changes_nothing(app, db_session, setting):
    event, organizer = setting
    data = _csv(GOOD)
    apply_plan(organizer, plan_import(event, read_table("a.csv", data)), False)
    db_session.commit()
    after_first = _counts(db_session)
    again = plan_import(event, read_table("a.csv", data))
    assert again.ok
    assert [row.action for row in again.rows] == ["unchanged", "unchanged"]
    assert again.requests == []
    result = apply_plan(organizer, again, False)
    db_session.commit()
    assert (result.created, result.updated, result.unchanged) == (0, 0, 2)
    assert _counts(db_session) == after_first


def test_an_update_matches_on_the_stable_key_and_never_duplicates(app, db_session, setting):
    event, organizer = setting
    apply_plan(organizer, plan_import(event, read_table("a.csv", _csv(GOOD))), False)
    db_session.commit()
    changed = [list(GOOD[0]), list(GOOD[1])]
    changed[0][1] = "Dupont et Fils SA"  # renamed: matched on the registration number
    changed[1][0] = ""  # no number: matched on the e-mail
    changed[1][5] = "medium"
    plan = plan_import(event, read_table("a.csv", _csv(changed)))
    assert [(row.action, row.changes) for row in plan.rows] == [
        ("update", ["name"]),
        ("update", ["registration_number", "size_band"]),
    ]
    companies = _counts(db_session)[0]
    apply_plan(organizer, plan, False)
    db_session.commit()
    assert _counts(db_session)[0] == companies
    assert db_session.scalar(
        select(Company.name).where(Company.registration_number == "FR-001")
    ) == ("Dupont et Fils SA")


@pytest.mark.parametrize(
    ("cell", "value", "message"),
    [
        ("country", "Chine", "row 2, Country: 'Chine' is not a country; did you mean CN?"),
        ("country", "Allemagne", "row 2, Country: 'Allemagne' is not a country; did you mean DE?"),
        (
            "country",
            "Atlantis",
            "row 2, Country: 'Atlantis' is not a country of the fair (a two-letter code, "
            "e.g. DE, FR, CN).",
        ),
        (
            "sector",
            "999",
            "row 2, Sector (NACE): '999' is not a NACE division (two digits, e.g. 28).",
        ),
        ("size_band", "huge", "row 2, Size: 'huge' is not one of: micro, small, medium, large."),
        (
            "languages",
            "xx",
            "row 2, Meeting languages: 'xx' is not a language code (e.g. en, zh, fr).",
        ),
        (
            "email",
            "not-an-address",
            "row 2, Representative e-mail: 'not-an-address' is not an e-mail address.",
        ),
        ("email", "", "row 2, Representative e-mail: this cell must not be empty."),
        ("name", "", "row 2, Company name: this cell must not be empty."),
        ("delegates", "0", "row 2, Delegates: '0' is not a number from 1 to 20."),
        (
            "locale",
            "de",
            "row 2, Language of the account: 'de' is not a language of the site (en, fr, zh_Hans).",
        ),
        (
            "requests_to",
            "nobody@x.example",
            "row 2, Meeting requests to: 'nobody@x.example' is neither in this file nor a "
            "known company.",
        ),
    ],
)
def test_every_kind_of_error_is_named_by_row_and_column(
    app, db_session, setting, cell, value, message
):
    event, organizer = setting
    rows = [list(GOOD[0]), list(GOOD[1])]
    rows[0][HEADER.index(cell)] = value
    if cell == "requests_to":
        rows[0][HEADER.index(cell)] = value
    before = _counts(db_session)
    stored, plan = upload(organizer, event, "bad.csv", _csv(rows), False)
    db_session.commit()
    assert message in plan.errors, plan.errors
    with pytest.raises(RuleViolation, match="nothing was imported"):
        apply_upload(organizer, stored.id)
    db_session.rollback()
    assert _counts(db_session) == before


def test_file_level_errors(app, db_session, setting):
    event, _ = setting
    header = ["name", "Land", "e-mail"]  # "Pays" is the French header of "Country"
    plan = plan_import(event, read_table("x.csv", _csv([], header=header)))
    assert "row 1, column 2: 'Land' is not a column of the template." in plan.errors
    assert "row 1: the column 'Country' is missing." in plan.errors
    duplicated = [list(GOOD[0]), list(GOOD[0])]
    duplicated[1][0] = "FR-002"
    plan = plan_import(event, read_table("x.csv", _csv(duplicated)))
    assert "row 3, Representative e-mail: 'anne@dupont.example' is on row 2 already." in plan.errors


def test_an_email_of_another_company_or_an_organizer_is_refused(app, db_session, setting):
    event, organizer = setting
    other = make_company("Someone Else GmbH", "DE", registration_number="DE-9")
    make_user(other, email="anne@dupont.example")
    db_session.commit()
    row = list(GOOD[0])
    row[HEADER.index("requests_to")] = ""
    plan = plan_import(event, read_table("x.csv", _csv([row])))
    assert plan.errors == [
        "row 2, Representative e-mail: 'anne@dupont.example' is a representative of Someone "
        "Else GmbH, whose registration number is DE-9."
    ]
    row = list(GOOD[0])
    row[HEADER.index("email")] = organizer.email
    row[HEADER.index("requests_to")] = ""
    plan = plan_import(event, read_table("x.csv", _csv([row])))
    assert plan.errors == [
        f"row 2, Representative e-mail: '{organizer.email}' is an organizer's account."
    ]


def test_limits_are_refused_with_a_clear_message(app, db_session, setting):
    with pytest.raises(ImportRefused, match="at most 5000 can be imported at once"):
        read_table("big.csv", _csv([GOOD[0]] * (MAX_ROWS + 1)))
    with pytest.raises(ImportRefused, match="the limit is 5 MB"):
        read_table("huge.csv", b"a" * (6 * 1024 * 1024))
    with pytest.raises(ImportRefused, match=r"Upload an \.xlsx or \.csv file\."):
        read_table("x.pdf", b"%PDF-1.4")
    with pytest.raises(ImportRefused, match=r"not a readable \.xlsx file"):
        read_table("x.xlsx", b"PK\x03\x04garbage")


def test_a_gb18030_csv_with_semicolons(app, db_session, setting):
    event, _organizer = setting
    data = _csv([GOOD[1]], encoding="gb18030", delimiter=";")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    plan = plan_import(event, read_table("chinese-excel.csv", data))
    assert plan.ok, plan.errors
    assert plan.rows[0].company["name_zh"] == "成都科技"
    assert plan.rows[0].person["full_name"] == "李明"


def test_a_utf8_csv_with_bom_and_translated_headers(app, db_session, setting):
    event, _organizer = setting
    header = ["Company name", "Country", "Representative e-mail", "Representative name"]
    data = "\ufeff".encode() + _csv(
        [["Müller AG", "DE", "m@muller.example", "Jörg Müller"]], header
    )
    plan = plan_import(event, read_table("x.csv", data))
    assert plan.ok, plan.errors
    assert plan.rows[0].company["name"] == "Müller AG"


def test_an_xlsx_with_chinese_text(app, db_session, setting):
    event, organizer = setting
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER)
    sheet.append([*GOOD[1][:-1], None])
    sheet.append(
        [
            "CN-002",
            "Sichuan Foods",
            "四川食品",
            "CN",
            10,
            "small",
            "zh",
            "trade",
            "wang@sichuan.example",
            "王芳",
            "zh",
            3,
            None,
        ]
    )
    buffer = io.BytesIO()
    workbook.save(buffer)
    plan = plan_import(event, read_table("公司.xlsx", buffer.getvalue()))
    assert plan.ok, plan.errors
    assert [row.company["name_zh"] for row in plan.rows] == ["成都科技", "四川食品"]
    assert plan.rows[1].company["sector"] == "10" and plan.rows[1].delegates == 3
    apply_plan(organizer, plan, False)
    db_session.commit()
    assert (
        db_session.scalar(select(User.full_name).where(User.email == "wang@sichuan.example"))
        == "王芳"
    )


def test_invitations_only_when_chosen_and_in_the_persons_language(app, db_session, setting):
    event, organizer = setting
    stored, _plan = upload(organizer, event, "a.csv", _csv(GOOD), True)
    db_session.commit()
    result = apply_upload(organizer, stored.id)
    db_session.commit()
    assert result.invitations == 2
    assert sorted(m.to for m in outbox(app)) == ["anne@dupont.example", "li@chengdu.example"]
    with pytest.raises(RuleViolation, match="imported already"):
        apply_upload(organizer, stored.id)


def test_the_pages_preview_and_confirm(app, client, db_session, setting):
    event, organizer = setting
    login(client, organizer)
    assert client.get("/organizer/import/").status_code == 200
    template = client.get("/organizer/import/template.xlsx")
    assert load_workbook(io.BytesIO(template.data)).active["B1"].value == "Company name"
    response = client.post(
        "/organizer/import/",
        data={"event_id": str(event.id), "file": (io.BytesIO(_csv(GOOD)), "a.csv")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    preview = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Dupont SA" in preview and "New companies: 2" in preview
    before = _counts(db_session)
    done = client.post(response.headers["Location"], follow_redirects=True)
    assert "Imported: 2 new companies" in done.get_data(as_text=True)
    assert _counts(db_session)[0] == before[0] + 2


def test_the_import_pages_are_for_organizers(app, client, db_session, setting):
    login(client, make_user())
    db_session.commit()
    assert client.get("/organizer/import/").status_code == 403
    assert client.get("/organizer/import/template.csv").status_code == 403


def test_an_import_retires_the_cached_statistics(app, db_session, setting):
    """The bulk INSERTs skip the unit of work: the cache must hear of them all the same."""
    from matchmaker.caching import STATISTICS, TIMETABLE, current_generation

    event, organizer = setting
    before = {family: current_generation(family) for family in (STATISTICS, TIMETABLE)}
    apply_plan(organizer, plan_import(event, read_table("a.csv", _csv(GOOD))), False)
    db_session.commit()
    assert all(current_generation(family) != before[family] for family in before)


def test_an_update_keeps_an_overridden_side_and_writes_only_the_file(app, db_session, setting):
    event, organizer = setting
    apply_plan(organizer, plan_import(event, read_table("a.csv", _csv(GOOD))), False)
    db_session.commit()
    dupont = db_session.scalar(select(Company).where(Company.registration_number == "FR-001"))
    dupont.side, dupont.side_overridden, dupont.offers = Side.CN, True, "Kept offers"
    db_session.commit()
    changed = [list(GOOD[0]), list(GOOD[1])]
    changed[0][HEADER.index("name")] = "Dupont Frères"
    changed[0][HEADER.index("languages")] = "fr"
    changed[0][HEADER.index("delegates")] = "3"
    changed[1][HEADER.index("full_name")] = "李明明"
    plan = plan_import(event, read_table("a.csv", _csv(changed)))
    assert [row.changes for row in plan.rows] == [["name", "languages", "delegates"], ["full_name"]]
    result = apply_plan(organizer, plan, False)
    db_session.commit()
    assert (result.created, result.updated, result.unchanged) == (0, 2, 0)
    db_session.expire_all()
    dupont = db_session.get(Company, dupont.id)
    assert (dupont.name, dupont.side, dupont.offers) == ("Dupont Frères", Side.CN, "Kept offers")
    assert dupont.languages == ["fr"]
    assert dupont.participations[0].delegates == 3
    li = db_session.scalar(select(User).where(User.email == "li@chengdu.example"))
    assert li.full_name == "李明明"
    assert plan_import(event, read_table("a.csv", _csv(changed))).count("unchanged") == 2


def test_requests_to_a_company_outside_the_file_by_its_number_in_any_case(app, db_session, setting):
    event, organizer = setting
    other = make_company("Outside GmbH", "DE", registration_number="DE-HRB-77")
    db_session.commit()
    row = list(GOOD[1])
    row[HEADER.index("requests_to")] = "de-hrb-77"
    plan = plan_import(event, read_table("a.csv", _csv([row])))
    assert plan.ok, plan.errors
    result = apply_plan(organizer, plan, False)
    db_session.commit()
    assert result.requests == 1
    [request] = db_session.scalars(select(MeetingRequest)).all()
    assert request.to_company_id == other.id


def test_a_plan_with_errors_is_never_applied(app, db_session, setting):
    event, organizer = setting
    rows = [list(GOOD[0])]
    rows[0][HEADER.index("country")] = "Chine"
    rows[0][HEADER.index("requests_to")] = ""
    plan = plan_import(event, read_table("a.csv", _csv(rows)))
    before = _counts(db_session)
    with pytest.raises(RuleViolation, match="nothing was imported"):
        apply_plan(organizer, plan, False)
    assert _counts(db_session) == before


DAYS_HEADER = [*HEADER, "days"]


def _with_days(*days: str) -> list[list[str]]:
    return [[*row, day] for row, day in zip(GOOD, days, strict=True)]


def _days_of(db_session, company_id: int) -> list:
    participation = db_session.scalar(
        select(Participation).where(Participation.company_id == company_id)
    )
    return [day.date.isoformat() for day in participation.days]


def test_the_days_column_says_which_days_a_company_attends(app, db_session, setting):
    event, organizer = setting
    assert [day.date.isoformat() for day in event.days] == ["2026-11-26", "2026-11-27"]
    plan = plan_import(event, read_table("a.csv", _csv(_with_days("2", ""), DAYS_HEADER)))
    assert plan.ok, plan.errors
    apply_plan(organizer, plan, False)
    db_session.commit()
    dupont, chengdu = (
        db_session.scalar(select(Company.id).where(Company.name == name))
        for name in ("Dupont SA", "Chengdu Tech")
    )
    assert _days_of(db_session, dupont) == ["2026-11-27"]
    assert _days_of(db_session, chengdu) == ["2026-11-26", "2026-11-27"]  # empty: every day
    # By date this time, the other day for Dupont; an empty cell leaves Chengdu's days alone.
    rows = _with_days("2026-11-26", "")
    plan = plan_import(event, read_table("a.csv", _csv(rows, DAYS_HEADER)))
    assert [(row.action, row.changes) for row in plan.rows] == [
        ("update", ["days"]),
        ("unchanged", []),
    ]
    apply_plan(organizer, plan, False)
    db_session.commit()
    db_session.expire_all()
    assert _days_of(db_session, dupont) == ["2026-11-26"]
    assert _days_of(db_session, chengdu) == ["2026-11-26", "2026-11-27"]
    again = plan_import(event, read_table("a.csv", _csv(rows, DAYS_HEADER)))
    assert [row.action for row in again.rows] == ["unchanged", "unchanged"]


def test_days_in_an_xlsx_as_date_cells(app, db_session, setting):
    from datetime import datetime

    event, _organizer = setting
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(DAYS_HEADER)
    sheet.append([*GOOD[1][:-1], None, datetime(2026, 11, 27)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    plan = plan_import(event, read_table("days.xlsx", buffer.getvalue()))
    assert plan.ok, plan.errors
    assert plan.rows[0].day_ids == [event.days[1].id]


@pytest.mark.parametrize(
    ("value", "messages"),
    [
        (
            "3",
            [
                "row 2, Days attended: '3' is not a day of this edition: give its number "
                "(1 to 2) or its date (2026-11-26, 2026-11-27)."
            ],
        ),
        (
            "1; 2026-12-01; Monday",
            [
                "row 2, Days attended: '2026-12-01' is not a day of this edition: give its "
                "number (1 to 2) or its date (2026-11-26, 2026-11-27).",
                "row 2, Days attended: 'Monday' is not a day of this edition: give its number "
                "(1 to 2) or its date (2026-11-26, 2026-11-27).",
            ],
        ),
    ],
)
def test_every_bad_day_is_named(app, db_session, setting, value, messages):
    event, organizer = setting
    stored, plan = upload(organizer, event, "a.csv", _csv(_with_days(value, ""), DAYS_HEADER), 0)
    db_session.commit()
    assert plan.errors == messages
    before = _counts(db_session)
    with pytest.raises(RuleViolation, match="nothing was imported"):
        apply_upload(organizer, stored.id)
    db_session.rollback()
    assert _counts(db_session) == before


def test_days_for_an_edition_without_days(app, db_session):
    event = make_event(phase=EventPhase.REGISTRATION)
    event.days = []
    db_session.commit()
    plan = plan_import(event, read_table("a.csv", _csv(_with_days("1", ""), DAYS_HEADER)))
    assert plan.errors == [
        "row 2, Days attended: this edition has no days yet: leave the cell empty."
    ]


_DAY_CELLS = st.one_of(
    st.text(max_size=40),
    st.lists(
        st.sampled_from(["1", "2", "0", "3", "2026-11-26", "2026-11-27", "2026-11-28", "１", "²"]),
        max_size=5,
    ).map(lambda items: ";".join(items)),
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(cell=_DAY_CELLS)
def test_any_days_cell_gives_days_of_the_edition_or_named_errors(app, db_session, cell):
    """Hostile cells never crash the preview: they give days of the edition, or errors that
    name row 2 and the column, and only the cell's own items."""
    event = db_session.scalar(select(Event).where(Event.name == "Hypothesis fair"))
    if event is None:
        event = make_event(phase=EventPhase.REGISTRATION, name="Hypothesis fair")
        db_session.commit()
    data = _csv([[*GOOD[1][:-1], "", cell]], DAYS_HEADER)
    plan = plan_import(event, read_table("a.csv", data))
    day_ids = {day.id for day in event.days}
    if plan.ok:
        row = plan.rows[0]
        assert row.day_ids is None or (row.day_ids and set(row.day_ids) <= day_ids)
        if row.day_ids is None:  # nothing but separators and spaces: every day
            assert not [item for item in re.split(r"[;,，；、\n]+", cell) if item.strip()]
    else:
        assert plan.errors and all(e.startswith("row 2, Days attended: '") for e in plan.errors)


def test_days_typed_with_a_chinese_input_method(app, db_session, setting):
    event, _organizer = setting
    plan = plan_import(event, read_table("a.csv", _csv(_with_days("２；１", ""), DAYS_HEADER)))
    assert plan.ok, plan.errors
    assert plan.rows[0].day_ids == sorted(day.id for day in event.days)


def test_the_template_has_the_days_column_in_the_organizers_language(app, db_session, setting):
    from flask_babel import force_locale

    from matchmaker.imports.template import template_xlsx

    with force_locale("fr"):
        sheet = load_workbook(io.BytesIO(template_xlsx())).active
    headers = [cell.value for cell in sheet[1]]
    assert "Jours de présence" in headers
    assert sheet.cell(2, headers.index("Jours de présence") + 1).value == "1;2"


def test_every_new_row_gets_its_own_ids_after_other_companies(app, db_session, setting):
    """The ids of new companies, people and participations are taken before the rows go in
    (a sequence on PostgreSQL, the largest id on SQLite): each person and participation must
    land on the company of its own row, also when the table already holds rows and gaps."""
    event, organizer = setting
    for name in ("Old One", "Old Two", "Old Three"):
        make_company(name)
    db_session.commit()
    db_session.delete(db_session.scalar(select(Company).where(Company.name == "Old Two")))
    db_session.commit()
    rows = [
        dict.fromkeys(HEADER, "")
        | {
            "registration_number": f"N-{i}",
            "name": f"Firm {i}",
            "country": "CN" if i % 3 else "DE",
            "email": f"p{i}@x.example",
            "full_name": f"Person {i}",
            "delegates": str(1 + i % 3),
        }
        for i in range(30)
    ]
    rows = [list(row.values()) for row in rows]
    plan = plan_import(event, read_table("a.csv", _csv(rows)))
    assert plan.ok, plan.errors
    apply_plan(organizer, plan, False)
    db_session.commit()
    for i in range(30):
        company = db_session.scalar(select(Company).where(Company.registration_number == f"N-{i}"))
        assert company.name == f"Firm {i}"
        assert [u.email for u in company.representatives] == [f"p{i}@x.example"]
        [participation] = company.participations
        assert participation.delegates == 1 + i % 3


def test_a_day_with_published_meetings_cannot_be_taken_away(app, db_session):
    from tests.builders import build_published_fair

    fair = build_published_fair()
    alpha = make_user(fair.companies["alpha"], email="alpha@alpha.example")
    zeta = make_user(fair.companies["zeta"], email="zeta@zeta.example")
    db_session.commit()
    header = ["name", "country", "email", "full_name", "days"]
    rows = [
        ["Alpha GmbH", "DE", alpha.email, alpha.full_name, "2"],  # its meetings are on day 1
        ["Zeta Srl", "IT", zeta.email, zeta.full_name, "2"],  # no meeting: may leave day 1
    ]
    plan = plan_import(fair.event, read_table("a.csv", _csv(rows, header)))
    [error] = plan.errors
    assert error.startswith(
        "row 2, Days attended: the company has 2 published meetings on the days this row takes "
        "away ("
    )
    assert "with Gamma Chengdu" in error and "with Delta Co" in error
    assert error.endswith("); move them first.")
    rows[0][-1] = "1;2"
    plan = plan_import(fair.event, read_table("a.csv", _csv(rows, header)))
    assert plan.ok, plan.errors
    assert [row.changes for row in plan.rows] == [[], ["days"]]
