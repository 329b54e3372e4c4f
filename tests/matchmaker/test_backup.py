"""``flask backup`` and ``flask restore`` on each backend: a restored backup holds exactly the
rows of every table at backup time."""

from __future__ import annotations

from sqlalchemy import delete, select

from matchmaker.extensions import db
from matchmaker.models import MeetingRequest, User
from tests.builders import build_published_fair
from tests.factories import make_user


def _every_row() -> dict[str, list[tuple]]:
    rows = {}
    with db.engine.connect() as connection:
        for table in db.metadata.sorted_tables:
            ordered = select(table).order_by(*table.primary_key.columns)
            rows[table.name] = [tuple(row) for row in connection.execute(ordered)]
    return rows


def test_a_restored_backup_holds_every_row_of_every_table(app, db_session, tmp_path):
    build_published_fair()
    make_user()
    db_session.commit()
    saved = _every_row()
    assert sum(len(rows) for rows in saved.values()) > 30
    runner = app.test_cli_runner()
    target = tmp_path / "matchmaker.backup"
    done = runner.invoke(args=["backup", str(target)])
    assert done.exit_code == 0, done.output
    # Damage after the backup: rows deleted, one added.
    db_session.execute(delete(MeetingRequest))
    make_user()
    db_session.commit()
    assert _every_row() != saved
    refused = runner.invoke(args=["restore", str(target)])
    assert refused.exit_code != 0 and "--i-know-this-replaces-data" in refused.output
    db_session.remove()
    done = runner.invoke(args=["restore", str(target), "--i-know-this-replaces-data"])
    assert done.exit_code == 0, done.output
    assert _every_row() == saved
    assert db.session.scalar(select(User).limit(1)) is not None
