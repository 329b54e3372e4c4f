"""``flask --app matchmaker bench-web``: load the app at the fair's real size and print figures.

Seeds or reuses a fair in the configured database (``MATCHMAKER_DATABASE_URL``, PostgreSQL or
SQLite), starts gunicorn with the production configuration, loads each page on its own with wrk
(16 connections), then the fair-morning mix with writes, with a static file as the baseline of
the same run (before and after). Prints req/s, p50/p95/p99, errors, lost writes, statements and
size per request; organizer pages and exports are timed one request at a time.
"""

from __future__ import annotations

import json
import math
import tempfile
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from matchmaker.benchmark import fair, load, scenarios, server, statements
from matchmaker.enums import EventPhase
from matchmaker.extensions import db


def _ms(value: float) -> str:
    return "–" if math.isnan(value) else f"{value:,.0f}" if value >= 100 else f"{value:.1f}"


@click.command("bench-web")
@click.option("--companies", default=2000, show_default=True, help="size of a fair to seed")
@click.option("--solve-seconds", default=60, show_default=True, help="scheduler time limit")
@click.option("--seconds", default=10, show_default=True, help="load per page (s)")
@click.option("--mix-seconds", default=20, show_default=True, help="load of the mix (s)")
@click.option("--connections", default=16, show_default=True)
@click.option("--workers", default=5, show_default=True, help="gunicorn workers")
@click.option("--worker-class", default="sync", show_default=True)
@click.option("--threads", default=1, show_default=True, help="threads per gthread worker")
@click.option("--users", default=300, show_default=True, help="simulated representatives")
@click.option("--port", default=0, help="gunicorn's port (default: a free one)")
@click.option(
    "--only",
    default="",
    help="comma-separated page names (substrings), 'mix', 'organizer'; the static file always",
)
@click.option("--no-mix", is_flag=True, help="skip the mix with writes")
@click.option("--no-organizer", is_flag=True, help="skip organizer pages and exports")
@click.option("--json", "json_path", default=None, help="also write the figures to this file")
@with_appcontext
def bench_web_command(
    companies: int,
    solve_seconds: int,
    seconds: int,
    mix_seconds: int,
    connections: int,
    workers: int,
    worker_class: str,
    threads: int,
    users: int,
    port: int,
    only: str,
    no_mix: bool,
    no_organizer: bool,
    json_path: str | None,
) -> None:
    """Load the web app at the fair's size with wrk and print the figures."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    database_url = app.config["SQLALCHEMY_DATABASE_URI"]
    if not app.config.get("SECRET_KEY"):
        raise click.ClickException(
            "No SECRET_KEY: run `flask init-config` (make bench-web does) or set "
            "MATCHMAKER_SECRET_KEY; the fair's video links and sessions are signed with it."
        )
    the_fair = fair.ensure_fair(companies, solve_seconds)
    fair.set_phase(the_fair.event_id, EventPhase.PUBLISHED)
    pop = scenarios.population(app, the_fair.event_id, the_fair.organizer_id, users, seed=11)
    if not pop.attendees:
        raise click.ClickException(
            "The edition has no published meetings with representatives to simulate: seed an "
            "empty database (the benchmark solves and publishes it) instead of this one."
        )
    click.echo(
        f"Fair: {the_fair.companies} companies, {len(pop.attendees)} simulated users; "
        f"database {db.engine.url.render_as_string(hide_password=True)}; gunicorn "
        f"{workers} {worker_class} workers"
        + (f" × {threads} threads" if threads > 1 else "")
        + f"; wrk {connections} connections, {seconds} s per page."
    )
    wanted = [name.strip().lower() for name in only.split(",") if name.strip()]
    pages = [
        s
        for s in scenarios.page_scenarios(pop, seed=11)
        if not wanted or s.group == "static" or any(w in s.name.lower() for w in wanted)
    ]
    results: dict = {"pages": [], "mix": None, "organizer": [], "crashes": 0}
    log = Path(tempfile.mkdtemp(prefix="bench-web-")) / "gunicorn.log"
    port = port or server.free_port()
    base = f"http://127.0.0.1:{port}"
    with server.gunicorn(database_url, port, workers, worker_class, threads, log):
        # Each worker's first requests load templates, translations and code: not measured.
        warm_up = scenarios.Scenario("warm-up", [c for s in pages for c in s.calls[:20]])
        load.run_wrk(base, warm_up, connections, max(5, seconds // 2))
        _header("Each page on its own")
        for scenario in pages:
            server.drain(base)
            figures = load.run_wrk(base, scenario, connections, seconds)
            single = statements.measure(app, scenario.calls[0], repeat=3)
            results["pages"].append(_page_row(figures, single))
            _print_page(results["pages"][-1])
        if not no_mix and (not wanted or "mix" in wanted):
            fair.set_phase(the_fair.event_id, EventPhase.REQUESTS)
            fair.move_to_today(the_fair.event_id)  # a fair morning: held, outcome reports
            try:
                server.drain(base)
                results["mix"] = _run_mix(app, base, pop, connections, mix_seconds)
            finally:
                fair.set_phase(the_fair.event_id, EventPhase.PUBLISHED)
            server.drain(base)
            baseline = load.run_wrk(base, pages[0], connections, seconds)
            results["pages"].append(_page_row(baseline, None, "static file (after the mix)"))
            _print_page(results["pages"][-1])
    results["crashes"] = server.worker_crashes(log)
    if not no_organizer and (not wanted or "organizer" in wanted):
        _header("Organizer pages and exports, one request at a time (in-process, best of 3)")
        for call in scenarios.organizer_pages(pop):
            single = statements.measure(app, call, repeat=3)
            results["organizer"].append(single.__dict__)
            click.echo(
                f"{single.label:<42} {single.status:>4} {_ms(single.milliseconds):>8} ms "
                f"({_ms(single.cpu_milliseconds):>6} ms CPU) "
                f"{single.kilobytes:>9,.0f} KB {single.statements:>6} statements"
            )
    click.echo(f"\nWorker crashes (signals) in gunicorn's log: {results['crashes']} ({log})")
    if json_path:
        Path(json_path).write_text(json.dumps(results, indent=2, ensure_ascii=False))


def _header(title: str) -> None:
    click.echo(f"\n{title}")
    click.echo(
        f"{'page':<34} {'req/s':>8} {'p50':>7} {'p95':>7} {'p99':>7} {'errors':>7} "
        f"{'stmts':>6} {'KB':>6} {'CPU ms':>7}   (latencies in ms; statements, size and CPU "
        "time of one request in-process)"
    )


def _page_row(figures: load.RunFigures, single, name: str | None = None) -> dict:
    overall = figures.overall()
    return {
        "page": name or figures.scenario,
        "rate": figures.rate,
        "p50": overall.percentile(50),
        "p95": overall.percentile(95),
        "p99": overall.percentile(99),
        "errors": overall.errors,
        "requests": figures.requests,
        "statements": single.statements if single else None,
        "kilobytes": single.kilobytes if single else None,
        "status": single.status if single else None,
        "cpu_ms": single.cpu_milliseconds if single else None,
    }


def _print_page(row: dict) -> None:
    stmts = "–" if row["statements"] is None else str(row["statements"])
    size = "–" if row["kilobytes"] is None else f"{row['kilobytes']:.0f}"
    cpu = "–" if row.get("cpu_ms") is None else _ms(row["cpu_ms"])
    status = "" if row["status"] in (None, 200) else f"  (answer {row['status']})"
    click.echo(
        f"{row['page']:<34} {row['rate']:>8,.1f} {_ms(row['p50']):>7} {_ms(row['p95']):>7} "
        f"{_ms(row['p99']):>7} {row['errors']:>7} {stmts:>6} {size:>6} {cpu:>7}{status}"
    )


def _run_mix(app, base: str, pop, connections: int, seconds: int) -> dict:
    scenario = scenarios.mix_scenario(pop, calls=max(2000, 400 * seconds), seed=12)
    figures = load.run_wrk(base, scenario, connections, seconds)
    db.session.expire_all()
    serializer = app.session_interface.get_signing_serializer(app)
    per_write: dict[str, dict[str, int]] = {}
    for call, status, set_cookie in figures.writes:
        tally = per_write.setdefault(call.label, {"sent": 0, "ok": 0, "refused": 0, "lost": 0})
        tally["sent"] += 1
        if status >= 400 or _refused(serializer, set_cookie):
            tally["refused"] += 1
            continue
        tally["ok"] += 1
        if not scenarios.row_present(call, pop.event_id):
            tally["lost"] += 1
    _header(
        f"Fair-morning mix, {seconds} s (request phase open, schedule published, the fair's "
        "first day today)"
    )
    rows = []
    for label, part in sorted(figures.by_label.items()):
        row = {
            "page": label,
            "rate": part.count / figures.seconds,
            "p50": part.percentile(50),
            "p95": part.percentile(95),
            "p99": part.percentile(99),
            "errors": part.errors,
            "statements": None,
            "kilobytes": None,
            "status": None,
            **per_write.get(label, {}),
        }
        rows.append(row)
        _print_page(row)
    total = _page_row(figures, None, "mix, all calls")
    _print_page(total)
    writes = {k: sum(t[k] for t in per_write.values()) for k in ("sent", "ok", "refused", "lost")}
    write_seconds = sum(figures.by_label[label].count for label in per_write) / figures.seconds
    click.echo(
        f"writes: {write_seconds:.1f}/s; {writes['sent']} sent, {writes['ok']} succeeded, "
        f"{writes['refused']} refused or failed, {writes['lost']} lost (succeeded, row missing); "
        f"socket errors {figures.socket_errors}"
    )
    for label, tally in sorted(per_write.items()):
        click.echo(f"  {label}: {tally}")
    return {"rows": rows, "total": total, "writes": writes, "per_write": per_write}


def _refused(serializer, set_cookie: str) -> bool:
    """Whether the answer flashed an error (a refused action redirects back with a message)."""
    if not set_cookie:
        return False
    value = set_cookie.split(";", 1)[0].split("=", 1)[-1]
    try:
        data = serializer.loads(value)
    except Exception:  # not the session cookie; nothing to tell
        return False
    return any(category == "error" for category, _message in data.get("_flashes", []))
