"""A gunicorn started for one benchmark run, with the production configuration."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

# The baseline of every run: a static file served by the same gunicorn.
STATIC_PATH = "/static/css/matchmaker.css"
GUNICORN_CONFIG = Path(__file__).resolve().parents[2] / "gunicorn.conf.py"


@contextmanager
def gunicorn(
    database_url: str, port: int, workers: int, worker_class: str, threads: int, log: Path
):
    env = dict(os.environ, MATCHMAKER_DATABASE_URL=database_url)
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "-c",
        str(GUNICORN_CONFIG),
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--worker-class",
        worker_class,
        "--threads",
        str(threads),
    ]
    with log.open("w") as log_file:
        process = subprocess.Popen(command, env=env, stdout=log_file, stderr=subprocess.STDOUT)
        try:
            _wait_until_up(f"http://127.0.0.1:{port}{STATIC_PATH}", process)
            yield process
        finally:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_until_up(url: str, process: subprocess.Popen, seconds: float = 300) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("gunicorn exited at start-up; see its log")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"gunicorn did not answer within {seconds:.0f} s")


def drain(base_url: str, seconds: float = 300) -> None:
    """Wait until the workers are idle: requests of the previous scenario that wrk gave up on
    are still queued in gunicorn's backlog and would slow the next one down."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        started = time.monotonic()
        try:
            with urllib.request.urlopen(f"{base_url}{STATIC_PATH}", timeout=30):
                pass
        except OSError:
            continue
        if time.monotonic() - started < 0.5:
            return


def worker_crashes(log: Path) -> int:
    """Workers that died of a signal (SIGSEGV and the like), from gunicorn's log."""
    text = log.read_text(errors="replace")
    return text.count("was terminated due to signal") + text.count("exited with code 139")
