"""The feature packages of ``matchmaker`` import each other without cycles (issue 8).

Every import counts, at module level or inside a function: a late import is still a cycle.
A new package is covered without editing this file.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import matchmaker

ROOT = Path(matchmaker.__file__).parent
# Not features: the models are the layer below all of them, migrations are standalone scripts.
NOT_FEATURES = {"models", "migrations"}


def feature_packages() -> list[str]:
    return sorted(
        path.name
        for path in ROOT.iterdir()
        if (path / "__init__.py").exists() and path.name not in NOT_FEATURES
    )


def imported_modules(source: str) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return names


def package_graph() -> dict[str, set[str]]:
    packages = set(feature_packages())
    graph: dict[str, set[str]] = defaultdict(set)
    for package in packages:
        for module in (ROOT / package).rglob("*.py"):
            for name in imported_modules(module.read_text(encoding="utf-8")):
                parts = name.split(".")
                if parts[0] == "matchmaker" and len(parts) > 1 and parts[1] in packages - {package}:
                    graph[package].add(parts[1])
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """A cycle of ``graph`` as a list of nodes (first == last), or None."""
    state: dict[str, str] = {}
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = "open"
        path.append(node)
        for target in sorted(graph.get(node, ())):
            if state.get(target) == "open":
                return [*path[path.index(target) :], target]
            if target not in state and (cycle := visit(target)):
                return cycle
        state[node] = "done"
        path.pop()
        return None

    for node in sorted(graph):
        if node not in state and (cycle := visit(node)):
            return cycle
    return None


def test_the_cycle_finder_finds_a_cycle_and_accepts_a_tree():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b", "c"}, "b": {"c"}, "c": set()}) is None


def test_the_graph_sees_the_known_dependencies():
    graph = package_graph()
    assert {"catalogue", "meeting_requests", "participations", "scheduling"} <= set(
        feature_packages()
    )
    assert "scheduling" in graph["eventday"]  # the event day builds on the published schedule


def test_feature_packages_import_each_other_without_cycles():
    cycle = find_cycle(package_graph())
    assert cycle is None, "import cycle between feature packages: " + " → ".join(cycle or [])
