"""Benchmark of the organizer's pages at the size of the real fair (a script, never a test).

    python -m matchmaker.bench_organizer [--companies 2000] [--time-limit 60] [--repeat 3]
                                         [--database sqlite:///… | postgresql+psycopg://…]
                                         [--reuse] [--only floor,statistics,export]

Seeds a demo fair (``seed-demo``) into a fresh database (a temporary SQLite file by default),
moves it to the scheduling phase, solves and publishes it, edits a copy of the published
schedule, then requests each organizer page as a logged-in organizer through the WSGI app and
prints the server time (best and median of ``--repeat``), the CPU time (best), the SQL
statements and the HTML size of each; then the whole-edition exports, each made directly as the
download or the background job makes it (``agendas.exports.build``), and one export asked for
through its page and made by the in-process job runner. The first line, the organizer's start
page, is the baseline measured in the same run: figures on a shared machine are noisy, so
compare pages with it rather than across runs.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from sqlalchemy import func, select

from matchmaker import create_app, jobs
from matchmaker.accounts.sessions import SESSION_TOKEN_KEY, start_session
from matchmaker.agendas import exports
from matchmaker.benchmark.statements import StatementCounter
from matchmaker.demo.builder import DemoBuilder
from matchmaker.enums import EventPhase, ExportKind, Role
from matchmaker.extensions import db
from matchmaker.models import Event, Meeting, ScheduleRun, ScheduleVersion, User
from matchmaker.scheduling import editing, publishing, runs
from matchmaker.scheduling.tasks import execute_run


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--companies", type=int, default=2000)
    parser.add_argument("--time-limit", type=int, default=60, help="solver seconds")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--database", default=None, help="an EMPTY database (default: temp)")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="--database already holds a fair this script seeded and published: measure only",
    )
    parser.add_argument(
        "--only",
        default="",
        help="comma-separated words: measure only the pages and exports whose label has one",
    )
    return parser.parse_args()


def _prepare(args) -> tuple[int, int, int]:
    """Seed, solve and publish, then solve again from scratch (a draft that differs from the
    published schedule in most meetings); (event id, published version id, organizer id)."""
    result = _timed(
        f"seed {args.companies} companies",
        lambda: DemoBuilder(companies=args.companies, seed=2026, previous=True).build(),
    )
    db.session.commit()
    event = result.current_event
    event.phase = EventPhase.SCHEDULING
    organizer = db.session.scalar(select(User).where(User.email == result.organizer_email))
    run = runs.start_run(event, organizer, time_limit_s=args.time_limit)
    db.session.commit()
    _timed("solve", lambda: execute_run(run.id))
    version = publishing.version_of_run(db.session.get(ScheduleRun, run.id))
    _timed("publish", lambda: publishing.publish(version, organizer))
    db.session.commit()
    run = runs.start_run(event, organizer, time_limit_s=args.time_limit)
    db.session.commit()
    _timed("solve again (a draft unlike the published schedule)", lambda: execute_run(run.id))
    return event.id, version.id, organizer.id


def _resolved_draft(event_id: int) -> int | None:
    """The draft of the edition's newest run (not a copy made for editing)."""
    newest = db.session.scalar(
        select(ScheduleRun.id)
        .where(ScheduleRun.event_id == event_id)
        .order_by(ScheduleRun.id.desc())
        .limit(1)
    )
    return db.session.scalar(
        select(ScheduleVersion.id)
        .where(ScheduleVersion.run_id == newest, ScheduleVersion.published_at.is_(None))
        .order_by(ScheduleVersion.id)
        .limit(1)
    )


def _reused() -> tuple[int, int, int]:
    event = db.session.scalar(select(Event).order_by(Event.year.desc(), Event.id).limit(1))
    organizer = db.session.scalar(select(User).where(User.role == Role.ORGANIZER).limit(1))
    return event.id, event.published_version_id, organizer.id


def _timed(label: str, action):
    started = time.perf_counter()
    result = action()
    print(f"{label}: {time.perf_counter() - started:.2f} s", flush=True)
    return result


def main() -> None:
    args = _arguments()
    folder = tempfile.mkdtemp(prefix="matchmaker-bench-")
    url = args.database or f"sqlite:///{Path(folder) / 'bench.sqlite'}"
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": url,
            "SECRET_KEY": "bench",
            "WTF_CSRF_ENABLED": False,
            "SMTP_HOST": None,
            "REDIS_URL": None,
            "TESTING": True,  # e-mails go to the in-memory outbox, not the console
        }
    )
    with app.app_context():
        if args.reuse:
            db.create_all()  # tables added since the fair was seeded (export files)
            event_id, version_id, organizer_id = _reused()
        else:
            db.create_all()
            event_id, version_id, organizer_id = _prepare(args)
        event = db.session.get(Event, event_id)
        organizer = db.session.get(User, organizer_id)
        copy = _timed(
            "edit a copy of the published schedule (service)",
            lambda: editing.draft_for_editing(event, organizer),
        )
        db.session.rollback()  # the copy is made again through the page below
        del copy
        meetings = db.session.scalar(
            select(func.count()).select_from(Meeting).where(Meeting.version_id == version_id)
        )
    print(f"event {event_id}: {meetings} meetings published (version {version_id})")

    client = app.test_client()
    with app.app_context():  # a real server-side session, as the log-in form opens one
        token = start_session(db.session.get(User, organizer_id))
        db.session.commit()
    with client.session_transaction() as session:
        session["_user_id"] = str(organizer_id)
        session["_fresh"] = True
        session[SESSION_TOKEN_KEY] = token
    started = time.perf_counter()
    draft_response = client.post(f"/organizer/events/{event_id}/schedule/draft")
    print(
        f"edit a copy of the published schedule (page): "
        f"{(time.perf_counter() - started) * 1000:.0f} ms"
    )
    draft_url = draft_response.headers.get("Location", "")
    with app.app_context():
        draft_id = int(draft_url.split("/versions/")[1].split("/")[0])
    base = f"/organizer/events/{event_id}"
    pages = [
        ("baseline: organizer start page", "/organizer/"),
        ("schedule overview (set-up, runs, versions)", f"{base}/schedule/"),
        ("draft editor (tables, day 1)", f"{base}/schedule/versions/{draft_id}/editor"),
        (
            "draft editor (companies, page 2)",
            f"{base}/schedule/versions/{draft_id}/editor?view=companies&page=2",
        ),
        ("draft editor (a meeting's panel)", None),
        ("published schedule in the editor", f"{base}/schedule/versions/{version_id}/editor"),
        ("review of the draft", f"{base}/schedule/versions/{draft_id}"),
        ("publish confirmation", f"{base}/schedule/versions/{draft_id}/publish"),
        ("meeting requests", f"{base}/requests"),
        ("applications", f"{base}/participations"),
        ("outcomes", f"/organizer/events/{event_id}/outcomes"),
        ("outcomes, page 2", f"/organizer/events/{event_id}/outcomes?page=2"),
        ("outcomes, disagreements only", f"/organizer/events/{event_id}/outcomes?disagreements=1"),
        ("statistics", f"/organizer/events/{event_id}/statistics"),
        ("statistics, all editions", "/organizer/statistics"),
        ("floor view", f"/organizer/events/{event_id}/floor"),
        ("floor view, page 2", f"/organizer/events/{event_id}/floor?page=2"),
        ("export page: table sheets PDF", f"/organizer/events/{event_id}/exports/tables_pdf"),
    ]
    with app.app_context():
        some_meeting = db.session.scalar(
            select(Meeting.id).where(Meeting.version_id == draft_id).limit(1)
        )
        resolved = _resolved_draft(event_id)
    panel = [label for label, _path in pages].index("draft editor (a meeting's panel)")
    pages[panel] = (
        pages[panel][0],
        f"{base}/schedule/versions/{draft_id}/editor?meeting={some_meeting}",
    )
    if resolved is not None and resolved != draft_id:
        at = pages.index(("publish confirmation", f"{base}/schedule/versions/{draft_id}/publish"))
        pages[at + 1 : at + 1] = [
            ("review of a re-solved draft", f"{base}/schedule/versions/{resolved}"),
            ("publish confirmation, re-solved", f"{base}/schedule/versions/{resolved}/publish"),
        ]
    wanted = [word for word in args.only.split(",") if word]
    baseline = pages[0]
    pages = [baseline] + [
        (label, path)
        for label, path in pages[1:]
        if not wanted or any(word in label for word in wanted)
    ]
    print(
        f"{'page':40} {'best ms':>8} {'median ms':>10} {'CPU ms':>7} {'SQL':>5} "
        f"{'HTML KB':>8} status"
    )
    for label, path in pages:
        times, cpu, size, status, statements = [], [], 0, 0, 0
        for _ in range(max(1, args.repeat)):
            with app.app_context(), StatementCounter() as counter:
                started, started_cpu = time.perf_counter(), time.process_time()
                response = client.get(path)
                times.append((time.perf_counter() - started) * 1000)
                cpu.append((time.process_time() - started_cpu) * 1000)
            size, status, statements = len(response.data), response.status_code, counter.count
        print(
            f"{label:40} {min(times):8.0f} {statistics.median(times):10.0f} {min(cpu):7.0f} "
            f"{statements:5} {size / 1024:8.0f} {status}",
            flush=True,
        )
    if not wanted or any(word in "export" for word in wanted):
        _exports(app, client, event_id, args.repeat)
    started = time.perf_counter()
    client.post(f"/organizer/events/{event_id}/schedule/versions/{draft_id}/publish")
    print(f"publish the edited copy (page): {(time.perf_counter() - started) * 1000:.0f} ms")


def _exports(app, client, event_id: int, repeat: int) -> None:
    """Each whole-edition export made as the download (or the job) makes it, then the table
    sheets asked for through the page and made by the in-process runner."""
    print(f"{'export (made directly)':40} {'best ms':>8} {'CPU ms':>7} {'KB':>8}")
    for kind in ExportKind:
        times, cpu, size = [], [], 0
        for _ in range(max(1, repeat)):
            with app.test_request_context():
                event = db.session.get(Event, event_id)
                started, started_cpu = time.perf_counter(), time.process_time()
                size = len(exports.build(event, kind).body)
                times.append((time.perf_counter() - started) * 1000)
                cpu.append((time.process_time() - started_cpu) * 1000)
        print(f"{kind.label:40} {min(times):8.0f} {min(cpu):7.0f} {size / 1024:8.0f}")
    base = f"/organizer/events/{event_id}/exports/tables_pdf"
    started = time.perf_counter()
    asked = client.post(base)
    asked_ms = (time.perf_counter() - started) * 1000
    jobs.wait_for_in_process_jobs(app)
    made_ms = (time.perf_counter() - started) * 1000
    download = client.get(f"{base}/download")
    print(
        f"table sheets through the page: POST {asked_ms:.0f} ms ({asked.status_code}), "
        f"file ready after {made_ms:.0f} ms, download {download.status_code}, "
        f"{len(download.data) / 1024:.0f} KB"
    )


if __name__ == "__main__":
    main()
