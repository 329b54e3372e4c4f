"""Salon Matchmaker scheduling engine (OR-Tools CP-SAT); knows nothing of the web app.

Public API: :func:`solve`, :func:`greedy_schedule`, :func:`load_instance`, :class:`InstanceError`.
"""

from solver.engine import greedy_schedule, solve
from solver.instance import InstanceError, load_instance

__all__ = ["InstanceError", "greedy_schedule", "load_instance", "solve"]
