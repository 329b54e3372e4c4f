"""Benchmark of the spreadsheet import: ``python -m matchmaker.imports.bench [--companies N]
[--database-url URL] [--before REV]``. Builds a CSV of N companies (60 % Chinese), then times on a
fresh database (a temporary SQLite file unless a URL is given; its tables are dropped and made
again, so give a database of its own):

* baseline: reading the CSV with ``csv`` and inserting N bare company rows with one Core
  INSERT (the least any import must do);
* preview: reading, checking and matching every row (nothing written);
* commit: applying the plan and committing (companies, representatives, profiles,
  participations, requests);
* re-import preview: the same file again (every row left alone);
* update: preview and commit of the list revised (every company's description and delegates).

``--before REV`` also times the import code of git revision REV (its ``matchmaker/imports``
loaded beside the current one) on a fresh database in the same run, so both sets of figures
share the machine's load. Prints seconds and statements; no assertion (figures go in the README
with the command).
"""

from __future__ import annotations

import argparse
import csv
import importlib
import io
import os
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from types import SimpleNamespace
from typing import cast

from sqlalchemy import event, insert

from matchmaker import create_app
from matchmaker.enums import Role, Side
from matchmaker.extensions import db
from matchmaker.imports import operations, planning, reading
from matchmaker.models import Company, Event, EventDay, User
from matchmaker.passwords import unusable_password

HEADER = [
    "registration_number",
    "name",
    "name_zh",
    "country",
    "region",
    "sector",
    "size_band",
    "founded_year",
    "website",
    "description",
    "cooperation_types",
    "languages",
    "email",
    "full_name",
    "locale",
    "delegates",
    "requests_to",
]


def build_csv(companies: int, revision: int = 1) -> bytes:
    """``revision`` 2 changes every company's description and delegates (an updated list)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADER)
    for i in range(companies):
        chinese = i % 5 < 3
        target = f"rep{(i + 1) % companies}@bench.example" if i % 4 == 0 else ""
        writer.writerow(
            [
                f"REG-{i:05d}",
                f"{'Chengdu' if chinese else 'Euro'} Company {i}",
                f"成都公司{i}" if chinese else "",
                "CN" if chinese else ("DE", "FR", "IT", "ES")[i % 4],
                "Sichuan" if chinese else "",
                ("28", "10", "62", "46")[i % 4],
                ("micro", "small", "medium", "large")[i % 4],
                str(1950 + i % 70),
                f"https://company{i}.example",
                "Machines, food, software and services for partners across the continent."
                + (f" Revised list {revision}." if revision > 1 else ""),
                "trade;joint_venture",
                "zh;en" if chinese else "en",
                f"rep{i}@bench.example",
                f"代表{i}" if chinese else f"Person {i}",
                "zh" if chinese else "en",
                str(1 + (i + revision - 1) % 3),
                target,
            ]
        )
    return buffer.getvalue().encode("utf-8")


def _timed(action):
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


def load_revision(revision: str, folder: Path) -> SimpleNamespace:
    """The import code of a git revision as a package of its own (``imports_<rev>``), beside
    the current one: its modules import each other, and the rest of today's ``matchmaker``."""
    root = Path(__file__).resolve().parents[2]
    package = f"imports_{revision.replace('~', '_').replace('^', '_')}"
    (folder / package).mkdir()
    (folder / package / "__init__.py").write_text("")
    for name in ("columns", "reading", "planning", "operations"):
        text = subprocess.run(
            ["git", "show", f"{revision}:matchmaker/imports/{name}.py"],
            cwd=root,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        text = text.replace("from matchmaker.imports.", f"from {package}.")
        (folder / package / f"{name}.py").write_text(text)
    sys.path.insert(0, str(folder))
    return SimpleNamespace(
        plan_import=importlib.import_module(f"{package}.planning").plan_import,
        apply_plan=importlib.import_module(f"{package}.operations").apply_plan,
        read_table=importlib.import_module(f"{package}.reading").read_table,
    )


class _Statements:
    """Counts the statements sent to the database."""

    def __init__(self, engine) -> None:
        self.count = 0
        event.listen(engine, "before_cursor_execute", self._seen)

    def _seen(self, *_args) -> None:
        self.count += 1


def measure(code: SimpleNamespace, companies: int, statements: _Statements) -> dict[str, object]:
    """Preview, commit and re-import preview of ``companies`` rows on empty tables, then the
    revised list; first a 10-row import, untimed, so that neither version pays for warming up."""
    data = build_csv(companies)
    db.session.remove()
    db.drop_all()
    db.create_all()
    event_ = Event(
        name="Benchmark fair",
        year=2026,
        start_date=date(2026, 11, 26),
        end_date=date(2026, 11, 27),
    )
    event_.days = [EventDay(date=date(2026, 11, 26)), EventDay(date=date(2026, 11, 27))]
    organizer = User(
        email="desk@bench.example",
        password_hash=unusable_password(),
        full_name="Desk",
        role=Role.ORGANIZER,
    )
    db.session.add_all([event_, organizer])
    db.session.commit()
    warm_up = code.plan_import(event_, code.read_table("warm.csv", build_csv(10)))
    code.apply_plan(organizer, warm_up, send_invitations=False)
    db.session.rollback()
    figures: dict[str, object] = {}

    def stage(name, action):
        statements.count = 0
        seconds, result = _timed(action)
        figures[name] = (seconds, statements.count)
        return result

    plan = stage("preview", lambda: code.plan_import(event_, code.read_table("bench.csv", data)))
    assert plan.ok, plan.errors[:5]

    def commit():
        result = code.apply_plan(organizer, plan, send_invitations=False)
        db.session.commit()
        return result

    result = stage("commit", commit)
    again = stage("again", lambda: code.plan_import(event_, code.read_table("bench.csv", data)))
    revised = build_csv(companies, revision=2)

    def update():
        plan = code.plan_import(event_, code.read_table("bench.csv", revised))
        result = code.apply_plan(organizer, plan, send_invitations=False)
        db.session.commit()
        return result

    updated = stage("update", update)
    figures["created"], figures["requests"] = result.created, result.requests
    figures["unchanged"], figures["updated"] = again.count("unchanged"), updated.updated
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--companies", type=int, default=2000)
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--before", metavar="REV", help="also time the import code of REV")
    args = parser.parse_args()
    data = build_csv(args.companies)
    current = SimpleNamespace(
        plan_import=planning.plan_import,
        apply_plan=operations.apply_plan,
        read_table=reading.read_table,
    )
    with tempfile.TemporaryDirectory() as folder:
        url = args.database_url or f"sqlite:///{Path(folder) / 'bench.sqlite'}"
        before = load_revision(args.before, Path(folder)) if args.before else None
        app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench", "TESTING": True})
        with app.app_context():
            statements = _Statements(db.engine)
            db.drop_all()
            db.create_all()

            def baseline():
                rows = list(csv.reader(io.StringIO(data.decode("utf-8"))))[1:]
                db.session.execute(
                    insert(Company),
                    [
                        {
                            "name": row[1],
                            "country": row[3],
                            "side": Side.CN if row[3] == "CN" else Side.EU,
                            "description": "",
                            "offers": "",
                            "seeks": "",
                        }
                        for row in rows
                    ],
                )
                db.session.rollback()

            baseline_s, _ = _timed(baseline)
            runs = {"before": measure(before, args.companies, statements)} if before else {}
            runs["after"] = measure(current, args.companies, statements)
            db.drop_all()
    backend = url.split(":", 1)[0]
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    print(
        f"import benchmark: {args.companies} companies, {len(data) / 1024:.0f} KiB CSV, {backend}"
    )
    print(f"  load average (1, 5, 15 min): {load}")
    print(f"  baseline (csv + one bulk INSERT of bare rows): {baseline_s:6.2f} s")
    names = {
        "preview": "preview (read, check, match every row)",
        "commit": "commit (write everything, one transaction)",
        "again": "re-import preview (every row left alone)",
        "update": "revised list: preview + commit (all updated)",
    }
    for label, figures in runs.items():
        title = f"before ({args.before})" if label == "before" else "after (this tree)"
        print(
            f"  {title}: {figures['created']} companies created, {figures['requests']} requests,"
            f" {figures['unchanged']} left alone on re-import, {figures['updated']} updated"
        )
        for key, name in names.items():
            seconds, count = cast(tuple[float, int], figures[key])
            print(f"    {name:<44} {seconds:6.2f} s  {count:5d} statements")


if __name__ == "__main__":
    main()
