"""Benchmark of the spreadsheet import: ``python -m matchmaker.imports.bench [--companies N]
[--database-url URL]``. Builds a CSV of N companies (60 % Chinese), then times on a fresh
database (a temporary SQLite file unless a URL is given):

* baseline: reading the CSV with ``csv`` and inserting N bare company rows with one Core
  INSERT (the least any import must do);
* preview: reading, checking and matching every row (nothing written);
* commit: applying the plan and committing (companies, representatives, profiles,
  participations, requests);
* re-import preview: the same file again (every row left alone).

Prints seconds; no assertion (figures go in the README with the command).
"""

from __future__ import annotations

import argparse
import csv
import io
import tempfile
import time
from datetime import date
from pathlib import Path

from sqlalchemy import insert

from matchmaker import create_app
from matchmaker.enums import Role, Side
from matchmaker.extensions import db
from matchmaker.imports.operations import apply_plan
from matchmaker.imports.planning import plan_import
from matchmaker.imports.reading import read_table
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


def build_csv(companies: int) -> bytes:
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
                "Machines, food, software and services for partners across the continent.",
                "trade;joint_venture",
                "zh;en" if chinese else "en",
                f"rep{i}@bench.example",
                f"代表{i}" if chinese else f"Person {i}",
                "zh" if chinese else "en",
                str(1 + i % 3),
                target,
            ]
        )
    return buffer.getvalue().encode("utf-8")


def _timed(action):
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--companies", type=int, default=2000)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    data = build_csv(args.companies)
    with tempfile.TemporaryDirectory() as folder:
        url = args.database_url or f"sqlite:///{Path(folder) / 'bench.sqlite'}"
        app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench", "TESTING": True})
        with app.app_context():
            db.drop_all()
            db.create_all()
            event = Event(
                name="Benchmark fair",
                year=2026,
                start_date=date(2026, 11, 26),
                end_date=date(2026, 11, 27),
            )
            event.days = [EventDay(date=date(2026, 11, 26)), EventDay(date=date(2026, 11, 27))]
            organizer = User(
                email="desk@bench.example",
                password_hash=unusable_password(),
                full_name="Desk",
                role=Role.ORGANIZER,
            )
            db.session.add_all([event, organizer])
            db.session.commit()

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
            preview_s, plan = _timed(lambda: plan_import(event, read_table("bench.csv", data)))
            assert plan.ok, plan.errors[:5]

            def commit():
                result = apply_plan(organizer, plan, send_invitations=False)
                db.session.commit()
                return result

            commit_s, result = _timed(commit)
            again_s, again = _timed(lambda: plan_import(event, read_table("bench.csv", data)))
            unchanged = again.count("unchanged")
        backend = url.split(":", 1)[0]
        size = f"{len(data) / 1024:.0f} KiB"
        print(f"import benchmark: {args.companies} companies, {size} CSV, {backend}")
        print(f"  baseline (csv + one bulk INSERT of bare rows): {baseline_s:6.2f} s")
        print(f"  preview (read, check, match every row):        {preview_s:6.2f} s")
        print(
            f"  commit (write everything, one transaction):    {commit_s:6.2f} s"
            f"  ({result.created} companies, {result.requests} requests)"
        )
        print(f"  re-import preview (all left alone: {unchanged}):     {again_s:6.2f} s")


if __name__ == "__main__":
    main()
