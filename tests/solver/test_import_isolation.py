"""Importing the solver must not pull in the web application or its database layer."""

import subprocess
import sys

CODE = (
    "import solver, solver.cli, sys; "
    "web = {'flask', 'sqlalchemy', 'matchmaker'}; "
    "bad = sorted(m for m in sys.modules if m.split('.')[0] in web); "
    "assert not bad, bad"
)


def test_solver_does_not_import_web_stack():
    done = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
