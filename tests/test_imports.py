"""The import graph of src/rashomon has no cycle, neither between modules nor between subpackages.

The graph is read from the source with `ast`, so every import counts wherever it stands: inside a
function, or under `if TYPE_CHECKING:`. Deferring an import into a function hides a cycle from the
interpreter, not from the reader. Importing `pkg.mod` also imports `pkg` (its `__init__`), unless
`pkg` is a package of the importing module itself.
"""

from __future__ import annotations

import ast
from collections import deque
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = "rashomon"

Graph = dict[str, set[str]]


def _module_name(path: Path, src: Path) -> str:
    parts = path.relative_to(src).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _is_within(name: str, package: str) -> bool:
    return name == package or name.startswith(package + ".")


def _imported(node: ast.Import | ast.ImportFrom, module: str, is_package: bool) -> list[str]:
    """The dotted names an import statement may load: its modules, and for `from X import a`, X.a."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if node.level:
        here = module.split(".") if is_package else module.split(".")[:-1]
        base = ".".join(here[:len(here) - node.level + 1] + ([node.module] if node.module else []))
    else:
        base = node.module or ""
    return [base] + [f"{base}.{alias.name}" for alias in node.names]


def import_graph(src: Path, package: str) -> Graph:
    """Each module of `package` under `src`, with the modules of the package it imports."""
    paths = {_module_name(path, src): path for path in sorted((src / package).rglob("*.py"))}
    graph: Graph = {}
    for module, path in paths.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        targets: set[str] = set()
        for node in ast.walk(tree):
            if not isinstance(node, ast.Import | ast.ImportFrom):
                continue
            for name in _imported(node, module, path.name == "__init__.py"):
                while name:  # the module itself, then each package that importing it initialises
                    if name in paths and not _is_within(module, name):
                        targets.add(name)
                    name = name.rpartition(".")[0]
        graph[module] = targets
    return graph


def package_graph(graph: Graph, package: str) -> Graph:
    """The graph between the package's direct members: `rashomon.events`, `rashomon.cli`, ..."""
    def member(name: str) -> str:
        return ".".join(name.split(".")[:2]) if _is_within(name, package) else name

    collapsed: Graph = {}
    for module, targets in graph.items():
        if module == package:
            continue
        edges = collapsed.setdefault(member(module), set())
        edges.update(member(t) for t in targets if member(t) != member(module) and t != package)
    return collapsed


def cycles(graph: Graph) -> list[list[str]]:
    """One cycle (a path that ends where it starts) through each strongly connected group of nodes."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[set[str]] = []

    def visit(node: str) -> None:  # Tarjan's algorithm
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.add(member)
                if member == node:
                    break
            if len(group) > 1 or node in graph.get(node, ()):
                groups.append(group)

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return [_cycle_in(group, graph) for group in groups]


def _cycle_in(group: set[str], graph: Graph) -> list[str]:
    """The shortest path from the group's first node back to itself, inside the group."""
    start = min(group)
    came_from: dict[str, str] = {}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for target in sorted(graph.get(node, set()) & group):
            if target == start:
                path = [node]
                while path[-1] != start:
                    path.append(came_from[path[-1]])
                return [start, *reversed(path[:-1]), start]
            if target not in came_from:
                came_from[target] = node
                queue.append(target)
    raise AssertionError(f"no cycle through {sorted(group)}")  # a strongly connected group always has one


def _explain(found: list[list[str]]) -> str:
    return "import cycles: " + "; ".join(" -> ".join(cycle) for cycle in found)


def test_imports_no_cycle_between_modules() -> None:
    found = cycles(import_graph(SRC, PACKAGE))
    assert not found, _explain(found)


def test_imports_no_cycle_between_subpackages() -> None:
    found = cycles(package_graph(import_graph(SRC, PACKAGE), PACKAGE))
    assert not found, _explain(found)


@pytest.mark.parametrize(("graph", "expected"), [
    ({"a": {"b"}, "b": {"c"}, "c": set()}, []),
    ({"a": {"b"}, "b": {"a"}}, [["a", "b", "a"]]),
    ({"a": {"b"}, "b": {"c"}, "c": {"a", "d"}, "d": {"d"}}, [["d", "d"], ["a", "b", "c", "a"]]),
])
def test_imports_cycles_of_a_hand_made_graph(graph: Graph, expected: list[list[str]]) -> None:
    assert cycles(graph) == expected


def test_imports_graph_sees_deferred_and_package_imports(tmp_path: Path) -> None:
    root = tmp_path / "pkg"
    (root / "sub").mkdir(parents=True)
    (root / "__init__.py").write_text("")
    (root / "app.py").write_text("from . import api\n")
    (root / "api.py").write_text("def route():\n    from .app import thing\n")
    (root / "sub" / "__init__.py").write_text("from .deep import x\n")
    (root / "sub" / "deep.py").write_text("from ..api import route\n")
    (root / "user.py").write_text("from pkg.sub.deep import x\n")
    graph = import_graph(tmp_path, "pkg")
    assert graph["pkg.app"] == {"pkg.api"}
    assert graph["pkg.api"] == {"pkg.app"}  # the import inside the function counts
    assert graph["pkg.sub"] == {"pkg.sub.deep"}
    assert graph["pkg.sub.deep"] == {"pkg.api"}  # its own package pkg.sub is no edge
    assert graph["pkg.user"] == {"pkg.sub.deep", "pkg.sub"}  # importing pkg.sub.deep runs pkg/sub/__init__
    assert cycles(graph) == [["pkg.api", "pkg.app", "pkg.api"]]
    assert package_graph(graph, "pkg")["pkg.sub"] == {"pkg.api"}
