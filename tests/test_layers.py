"""The packages stand in layers, and an import only ever points down (or across, inside a layer).

From the bottom:

0. ``assistant.errors`` — the user-facing errors. It imports nothing, so that every layer may
   raise them (the parser a ``SourceError``, the index an ``IndexMissingError``).
1. ``corpus`` — reading issues: PDF, text and web pages into documents, pages and chunks.
2. ``embeddings`` — embedding models, the vector store, BM25 and the retriever. It is handed
   values (a model choice, folders), never the settings object.
3. The assistant's core — the application: settings, ingesting (``assistant.ingest``), the ask
   service and the answer step (question analysis, evidence, extractive and LLM answers,
   follow-ups), and the feedback store. It returns data and renders nothing.
4. Interfaces — adapters that take requests and render the core's answers: the CLI, the HTTP
   API and its schema, the OpenAI-compatible endpoint, the Gradio page, the admin and upload
   routes, the source viewer, the plain-text and chat-page renderers, the HTTP guards and the
   request log.
5. ``evals`` and ``benchmarks`` — they drive everything below and nothing imports them.

Every import counts, a lazy one inside a function too: it is a dependency all the same. A
module must be placed in a layer before it may exist (the test names any new one). Cycles are
looked for among the imports that run (``if TYPE_CHECKING:`` imports are annotations only);
the layers are checked on every import.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("corpus", "embeddings", "assistant", "evals", "benchmarks")

FOUNDATION = {"assistant.errors"}
CORE = {
    "assistant", "assistant.analysis", "assistant.answer", "assistant.asked", "assistant.citing", "assistant.claims",
    "assistant.compound", "assistant.continuation", "assistant.conversation", "assistant.document_answers",
    "assistant.listed",
    "assistant.evidence", "assistant.extractive", "assistant.grading", "assistant.identifiers", "assistant.references",
    "assistant.feedback", "assistant.glossary", "assistant.ingest", "assistant.listing", "assistant.llm",
    "assistant.matching", "assistant.mentions", "assistant.outline", "assistant.people", "assistant.pointing",
    "assistant.questions", "assistant.rows",
    "assistant.subjects",
    "assistant.service",
    "assistant.settings", "assistant.spelling", "assistant.swaps", "assistant.tasks", "assistant.vocabulary",
}
INTERFACES = {
    "assistant.admin", "assistant.api", "assistant.api_examples", "assistant.api_schema", "assistant.chat_html",
    "assistant.cli", "assistant.generations", "assistant.guards", "assistant.openai_compat", "assistant.plain",
    "assistant.request_log",
    "assistant.ui", "assistant.uploads", "assistant.viewer",
}
LAYER_NAMES = ["assistant.errors", "corpus", "embeddings", "assistant core", "interfaces", "evals/benchmarks"]

# Imports that point up on purpose, each with its reason. Keep this short.
ALLOWED_UPWARD = {
    # `gazette eval` is the command line's door to the evaluation; the import sits inside that
    # command, and nothing in evals imports the CLI back.
    ("assistant.cli", "evals.harness"),
}


def layer_of(module: str) -> int:
    """The layer index of ``module`` (see the module docstring)."""
    top = module.split(".")[0]
    if module in FOUNDATION:
        return 0
    if top == "corpus":
        return 1
    if top == "embeddings":
        return 2
    if module in CORE:
        return 3
    if module in INTERFACES:
        return 4
    if top in ("evals", "benchmarks"):
        return 5
    raise LookupError(module)


def module_files() -> dict[str, Path]:
    """Every module of the packages, by dotted name."""
    out = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            out[".".join(parts)] = path
    return out


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _imported(node: ast.AST, module: str, known: set[str], is_package: bool = False) -> set[str]:
    """The project modules one import statement names (``from a import b`` names ``a.b`` when
    ``b`` is a module, else ``a``)."""
    names: set[str] = set()
    if isinstance(node, ast.Import):
        names = {alias.name for alias in node.names}
    elif isinstance(node, ast.ImportFrom):
        base = node.module or ""
        if node.level:  # relative: resolve against this module's package
            parts = module.split(".")
            package = parts[: len(parts) - node.level + is_package]
            base = ".".join(package + ([base] if base else []))
        for alias in node.names:
            sub = f"{base}.{alias.name}" if base else alias.name
            names.add(sub if sub in known else base)
    found = set()
    for name in names:
        # ``import a.b.c`` depends on the deepest project module it names.
        while name and name not in known:
            name = name.rpartition(".")[0]
        if name:
            found.add(name)
    return found


def import_graph() -> dict[str, dict[str, bool]]:
    """module → {imported module: whether the import runs (False: under ``if TYPE_CHECKING``)}."""
    files = module_files()
    known = set(files)
    graph: dict[str, dict[str, bool]] = {}
    for module, path in files.items():
        edges: dict[str, bool] = {}
        tree = ast.parse(path.read_text("utf-8"), filename=str(path))
        type_only: set[int] = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.If) and _is_type_checking(node.test):
                type_only.update(id(n) for child in node.body for n in ast.walk(child))
        for node in ast.walk(tree):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                targets = _imported(node, module, known, path.name == "__init__.py")
                for target in targets - {module}:
                    edges[target] = edges.get(target, False) or id(node) not in type_only
        graph[module] = edges
    return graph


def find_cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(edges.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                out.append(sorted(component))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return out


@pytest.fixture(scope="module")
def graph() -> dict[str, dict[str, bool]]:
    return import_graph()


def test_every_module_has_a_layer(graph):
    unplaced = []
    for module in graph:
        try:
            layer_of(module)
        except LookupError:
            unplaced.append(module)
    assert not unplaced, f"place these modules in a layer (tests/test_layers.py): {unplaced}"


def test_no_import_cycles(graph):
    runtime = {m: {t for t, runs in edges.items() if runs} for m, edges in graph.items()}
    cycles = find_cycles(runtime)
    assert cycles == [], "modules that import each other, directly or round a circle:\n" + "\n".join(
        " ↔ ".join(c) for c in cycles)


def test_no_layer_imports_a_higher_one(graph):
    upward = sorted(
        f"{m} ({LAYER_NAMES[layer_of(m)]}) imports {t} ({LAYER_NAMES[layer_of(t)]})"
        for m, edges in graph.items() for t in edges
        if layer_of(t) > layer_of(m) and (m, t) not in ALLOWED_UPWARD)
    assert upward == [], "imports that point up a layer:\n" + "\n".join(upward)


def test_the_graph_sees_lazy_relative_and_type_only_imports(tmp_path):
    """The reader itself, on a made-up package: a lazy import, a relative one, a submodule
    named in ``from pkg import mod`` and a TYPE_CHECKING import are all found."""
    tree = ast.parse("from typing import TYPE_CHECKING\n"
                     "from . import b\n"
                     "if TYPE_CHECKING:\n    from pkg.c import C\n"
                     "def f():\n    import pkg.d.e\n")
    known = {"pkg", "pkg.a", "pkg.b", "pkg.c", "pkg.d"}
    found = set().union(*(_imported(n, "pkg.a", known) for n in ast.walk(tree)
                          if isinstance(n, (ast.Import, ast.ImportFrom))))
    assert found == {"pkg.b", "pkg.c", "pkg.d"}
    assert find_cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert find_cycles({"a": {"b"}, "b": set()}) == []


def test_the_layers_are_in_the_documented_order():
    assert [layer_of(m) for m in ("assistant.errors", "corpus.parse", "embeddings.index", "assistant.service",
                                  "assistant.api", "evals.harness")] == [0, 1, 2, 3, 4, 5]
