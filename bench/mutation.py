"""Mutation check of the workflow: small wrong changes to its services and its move table
(reviews/workflow/), and whether the tests notice. Not part of CI (it runs the workflow's
tests once per mutant).

    .venv/bin/python bench/mutation.py                 # every mutant, one at a time
    .venv/bin/python bench/mutation.py --list          # the mutants only, nothing run
    .venv/bin/python bench/mutation.py --only moves.py:120   # the mutants of one line

Each mutant is one change made with `ast`: a comparison flipped (== / !=, < / >=, in / not
in, is / is not), `and` / `or` swapped, a `not` dropped, True / False swapped, a number moved
by one, a guard (an `if` that raises or returns) removed, a call made as a statement removed
(a check, a side effect), a keyword argument of a write removed (a field left unchanged), an
entry of a dict (a path of a move) or of a tuple of names (an input a move needs) removed, a
move's role changed. The
project is copied to a temporary folder; the tests in TESTS run there once on the unchanged
code, tracing which test runs which line; then each mutant is written into the copy and the
tests that ran its line run against it with `-x`. A mutant the tests pass with *survives*: a missing
test. The report lists every survivor with its line, and the score per file.
"""

import argparse
import ast
import contextlib
import dataclasses
import json
import os
import shutil
import signal
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The workflow's bottom layer, wherever the reviews package keeps it.
TARGET_GLOBS = ["reviews/services/*.py", "reviews/workflow.py", "reviews/workflow/services/*.py",
                "reviews/workflow/moves.py", "reviews/workflow/services.py"]
# The tests that exercise the workflow, quickest first (-x stops at the first failure).
TESTS = [
    "tests/reviews/test_services.py",
    "tests/reviews/test_roles.py",
    "tests/reviews/test_open_for_claims.py",
    "tests/reviews/test_sources.py",
    "tests/reviews/test_race.py",
    "tests/api/test_moves.py",
    "tests/api/test_sources.py",
    "tests/reviews/test_admin.py",
    "tests/reviews/test_admin_dates.py",
    "tests/recheck/test_sweep.py",
    "tests/claims/test_store_claims.py",
    "tests/hardening/test_lost_races.py",
    "tests/hardening/test_access_matrix.py",
    "tests/matching/test_already_checked.py",
]
# Module-level code (the move table) runs on import, so no trace tells which test needs it:
# its mutants run these, the tests of the moves themselves.
MODULE_LEVEL_TESTS = [
    "tests/reviews/test_services.py",
    "tests/reviews/test_roles.py",
    "tests/api/test_moves.py",
    "tests/recheck/test_sweep.py",
]
# Keyword arguments dropped only from the calls that write (a field then stays as it was).
WRITES = {"_move", "_apply", "update", "create", "update_or_create", "filter", "Move"}
ROLES = ("FACT_CHECKER", "EDITOR", "SYSTEM")
# Calls whose removal is not a behaviour change worth a test: messages and logging.
NOT_REMOVED = {"_", "gettext", "gettext_lazy", "debug", "info", "warning", "exception"}
FLIPPED: dict[type[ast.cmpop], type[ast.cmpop]] = {
    ast.Eq: ast.NotEq, ast.NotEq: ast.Eq, ast.Lt: ast.GtE, ast.GtE: ast.Lt, ast.LtE: ast.Gt, ast.Gt: ast.LtE,
    ast.In: ast.NotIn, ast.NotIn: ast.In, ast.Is: ast.IsNot, ast.IsNot: ast.Is,
}


@dataclasses.dataclass(frozen=True)
class Mutant:
    path: str  # relative to ROOT
    number: int  # its place among the file's mutants
    line: int
    what: str
    end_line: int = 0  # the changed node's last line: a test that ran any of its lines runs it
    in_function: bool = True  # False: module level, run when imported, so every test covers it

    @property
    def name(self) -> str:
        return f"{self.path}:{self.line} #{self.number} {self.what}"


def _called_name(call: ast.Call) -> str:
    func = call.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def _is_docstring(node: ast.AST, parent: ast.AST | None) -> bool:
    return (
        isinstance(node, ast.Expr)
        and isinstance(node.value, ast.Constant)
        and isinstance(node.value.value, str)
        and isinstance(parent, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
    )


def _guards(statement: ast.If) -> bool:
    """An `if` whose body leaves: it stops something from happening."""
    return any(isinstance(inner, ast.Raise | ast.Return | ast.Continue) for inner in statement.body)


class _Mutations:
    """Walks a module in a fixed order and yields, for each place, the changes it allows. The
    same walk over a copy of the tree finds the same places, so mutant N is change N."""

    def __init__(self, tree: ast.Module) -> None:
        self.tree = tree

    def places(self) -> Iterator[tuple[ast.AST, ast.AST | None, str, str]]:
        """(node, its parent, kind, description) for every change, in a fixed order."""
        parents: dict[ast.AST, ast.AST] = {}
        for outer in ast.walk(self.tree):
            for child in ast.iter_child_nodes(outer):
                parents[child] = outer
        for node in ast.walk(self.tree):
            parent: ast.AST | None = parents.get(node)
            if isinstance(parent, ast.Call) and _called_name(parent) in NOT_REMOVED:
                continue
            if isinstance(node, ast.Compare):
                for index, op in enumerate(node.ops):
                    if type(op) in FLIPPED:
                        yield node, parent, f"compare:{index}", (
                            f"{type(op).__name__} -> {FLIPPED[type(op)].__name__}")
            elif isinstance(node, ast.BoolOp):
                other = "Or" if isinstance(node.op, ast.And) else "And"
                yield node, parent, "boolop", f"{type(node.op).__name__} -> {other}"
            elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
                yield node, parent, "not", "not dropped"
            elif isinstance(node, ast.Constant) and isinstance(node.value, bool):
                yield node, parent, "bool", f"{node.value} -> {not node.value}"
            elif isinstance(node, ast.Constant) and type(node.value) is int:
                yield node, parent, "int", f"{node.value} -> {node.value + 1}"
            elif isinstance(node, ast.If):
                if _guards(node):
                    yield node, parent, "guard", "guard removed"
                elif not isinstance(node.test, ast.Compare | ast.BoolOp | ast.UnaryOp):
                    yield node, parent, "negate", "condition negated"
            elif isinstance(node, ast.Expr) and isinstance(node.value, ast.Call) and not _is_docstring(node, parent):
                if _called_name(node.value) not in NOT_REMOVED:
                    yield node, parent, "call", f"call {_called_name(node.value)}() removed"
            elif isinstance(node, ast.Dict):
                for index, key in enumerate(node.keys):
                    if key is not None:
                        yield node, parent, f"dict:{index}", f"entry {ast.unparse(key)} removed"
            elif (isinstance(node, ast.Tuple) and node.elts
                  and all(isinstance(e, ast.Constant) and isinstance(e.value, str) for e in node.elts)):
                for index, element in enumerate(node.elts):
                    yield node, parent, f"tuple:{index}", f"{ast.unparse(element)} removed from a tuple"
            elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "Role":
                for other in ROLES:
                    if other != node.attr:
                        yield node, parent, f"role:{other}", f"Role.{node.attr} -> Role.{other}"
            elif isinstance(node, ast.Call) and _called_name(node) in WRITES:
                for keyword in node.keywords:
                    if keyword.arg is not None:
                        yield node, parent, f"keyword:{keyword.arg}", (
                            f"{keyword.arg}= dropped from {_called_name(node)}()")


def _apply(node: ast.AST, parent: ast.AST | None, kind: str) -> None:
    """Make one change in place."""
    if kind.startswith("compare:"):
        assert isinstance(node, ast.Compare)
        index = int(kind.split(":")[1])
        node.ops[index] = FLIPPED[type(node.ops[index])]()
    elif kind == "boolop":
        assert isinstance(node, ast.BoolOp)
        node.op = ast.Or() if isinstance(node.op, ast.And) else ast.And()
    elif kind == "bool":
        assert isinstance(node, ast.Constant)
        node.value = not node.value
    elif kind == "int":
        assert isinstance(node, ast.Constant) and type(node.value) is int
        node.value = int(node.value) + 1
    elif kind in {"not", "guard", "call", "negate"}:
        if kind == "negate":
            assert isinstance(node, ast.If)
            node.test = ast.UnaryOp(op=ast.Not(), operand=node.test)
            return
        replacement: ast.AST = node.operand if kind == "not" else ast.Pass()  # type: ignore[attr-defined]
        assert parent is not None
        for name, value in ast.iter_fields(parent):
            if isinstance(value, list) and node in value:
                value[value.index(node)] = replacement
            elif value is node:
                setattr(parent, name, replacement)
    elif kind.startswith("dict:"):
        assert isinstance(node, ast.Dict)
        index = int(kind.split(":")[1])
        del node.keys[index], node.values[index]
    elif kind.startswith("tuple:"):
        assert isinstance(node, ast.Tuple)
        del node.elts[int(kind.split(":")[1])]
    elif kind.startswith("role:"):
        assert isinstance(node, ast.Attribute)
        node.attr = kind.split(":")[1]
    elif kind.startswith("keyword:"):
        assert isinstance(node, ast.Call)
        name = kind.split(":", 1)[1]
        node.keywords = [keyword for keyword in node.keywords if keyword.arg != name]
    else:  # pragma: no cover
        raise ValueError(kind)


def _function_lines(tree: ast.Module) -> set[int]:
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            first = node.body[0].lineno
            lines.update(range(first, (node.end_lineno or first) + 1))
    return lines


def _last_line(node: ast.AST) -> int:
    # An `if`'s own lines are its condition's: its body runs only when the condition held.
    if isinstance(node, ast.If):
        return node.test.end_lineno or node.lineno
    last = getattr(node, "end_lineno", None) or getattr(node, "lineno", None)
    return last if isinstance(last, int) else 0


def mutants_of(path: str) -> list[Mutant]:
    tree = ast.parse((ROOT / path).read_text(encoding="utf-8"))
    inside = _function_lines(tree)
    return [
        Mutant(path, number, getattr(node, "lineno", 0), what, _last_line(node),
               getattr(node, "lineno", 0) in inside)
        for number, (node, _parent, _kind, what) in enumerate(_Mutations(tree).places())
    ]


def mutated_source(mutant: Mutant) -> str:
    tree = ast.parse((ROOT / mutant.path).read_text(encoding="utf-8"))
    node, parent, kind, _what = list(_Mutations(tree).places())[mutant.number]
    _apply(node, parent, kind)
    return ast.unparse(ast.fix_missing_locations(tree))


# Imported once here and shared with every run through fork(): loading them costs more than
# most runs of the selected tests. Third-party only: the project is imported afresh each run.
PRELOADED = ["pytest", "hypothesis", "faker", "factory", "django", "django.db.models", "django.test",
             "celery", "kombu", "schemathesis", "lingua", "time_machine", "pytest_django", "requests"]


def preload() -> None:
    import importlib

    for name in PRELOADED:
        # A module that will not load on its own (it wants settings) loads in the run instead.
        with contextlib.suppress(Exception):
            importlib.import_module(name)


def run_tests(workdir: Path, timeout: float, tests: list[str], *extra: str) -> tuple[str, float]:
    """'passed', 'failed' or 'timeout', and the seconds it took: pytest in a forked child."""
    started = time.monotonic()
    args = ["-x", "-q", "-p", "no:randomly", "-p", "no:cacheprovider", "--no-header", "-o", "addopts=",
            "--rootdir", str(workdir), *extra, *tests]
    pid = os.fork()
    if pid == 0:  # the child: the copy's code, no output
        code = 3
        try:
            for name in ("DATABASE_URL", "CELERY_BROKER_URL", "REDIS_URL", "CI"):
                os.environ.pop(name, None)
            os.environ["PYTHONDONTWRITEBYTECODE"] = "1"
            os.chdir(workdir)
            sys.path.insert(0, str(workdir))
            null = os.open(os.devnull, os.O_WRONLY)
            os.dup2(null, 1)
            os.dup2(null, 2)
            import pytest

            code = int(pytest.main(args))
        finally:
            os._exit(code)
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        if time.monotonic() - started > timeout:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            return "timeout", time.monotonic() - started
        time.sleep(0.2)
    return ("passed" if os.waitstatus_to_exitcode(status) == 0 else "failed"), time.monotonic() - started


TRACER = '''"""Which test runs which line of the mutated files (written by bench/mutation.py)."""
import json, os, sys, threading
import pytest

TARGETS = set(json.loads(os.environ["MUTATION_TARGETS"]))
covered = {}
hits = set()


def _local(frame, event, arg):
    if event == "line":
        hits.add((frame.f_code.co_filename, frame.f_lineno))
    return _local


def _global(frame, event, arg):
    if frame.f_code.co_filename in TARGETS:
        hits.add((frame.f_code.co_filename, frame.f_lineno))
        return _local
    return None


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item, nextitem):
    hits.clear()
    sys.settrace(_global)
    threading.settrace(_global)
    yield
    sys.settrace(None)
    threading.settrace(None)
    for filename, line in hits:
        covered.setdefault(f"{filename}:{line}", []).append(item.nodeid)


def pytest_sessionfinish(session):
    with open(os.environ["MUTATION_MAP"], "w") as out:
        json.dump(covered, out)
'''


def coverage_map(workdir: Path, files: list[str]) -> tuple[str, float, dict[str, list[str]]]:
    """Run the tests once on the unchanged code, noting which test ran which target line."""
    (workdir / "_mutation_trace.py").write_text(TRACER, encoding="utf-8")
    os.environ["MUTATION_TARGETS"] = json.dumps([str(workdir / path) for path in files])
    os.environ["MUTATION_MAP"] = str(workdir / "mutation-map.json")
    outcome, seconds = run_tests(workdir, 3600, TESTS, "-p", "_mutation_trace")
    covered = json.loads((workdir / "mutation-map.json").read_text()) if outcome == "passed" else {}
    return outcome, seconds, {key.removeprefix(str(workdir) + "/"): tests for key, tests in covered.items()}


def copy_project(into: Path) -> Path:
    workdir = into / "project"
    shutil.copytree(ROOT, workdir, ignore=shutil.ignore_patterns(".venv", ".git", "__pycache__", ".pytest_cache",
                                                                  "var", "*.egg-info", "node_modules"))
    (workdir / "var").mkdir()
    return workdir


def targets() -> list[str]:
    found = sorted({str(p.relative_to(ROOT)) for pattern in TARGET_GLOBS for p in ROOT.glob(pattern)})
    return [path for path in found if not path.endswith("__init__.py")]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--list", action="store_true", help="list the mutants, run nothing")
    parser.add_argument("--only", action="append", default=[],
                        help="FILE or FILE:LINE (file name as the report prints it); repeatable")
    args = parser.parse_args()

    mutants = [mutant for path in targets() for mutant in mutants_of(path)]
    if args.only:
        def chosen(mutant: Mutant) -> bool:
            for only in args.only:
                where, _, line = only.partition(":")
                if mutant.path.endswith(where) and (not line or mutant.line == int(line)):
                    return True
            return False
        mutants = [mutant for mutant in mutants if chosen(mutant)]
    print(f"{len(mutants)} mutants in {', '.join(targets())}")
    if args.list:
        for mutant in mutants:
            print(" ", mutant.name)
        return 0

    preload()
    with tempfile.TemporaryDirectory(prefix="mutation-") as folder:
        workdir = copy_project(Path(folder))
        baseline, seconds, covered = coverage_map(workdir, targets())
        print(f"unchanged code: tests {baseline} in {seconds:.1f} s ({len(TESTS)} test files, lines traced)")
        if baseline != "passed":
            print("the tests fail on the unchanged code: fix them first")
            return 1
        timeout = max(120.0, 2 * seconds)
        results: dict[str, list[Mutant]] = {"failed": [], "passed": [], "timeout": []}
        started = time.monotonic()
        for done, mutant in enumerate(mutants, 1):
            # A mutant runs the tests that ran its line (module-level ones, MODULE_LEVEL_TESTS).
            # A line no test runs is a survivor outright.
            tests = MODULE_LEVEL_TESTS if not mutant.in_function else [
                test for line in range(mutant.line, max(mutant.line, mutant.end_line) + 1)
                for test in covered.get(f"{mutant.path}:{line}", [])
            ]
            if not tests:
                outcome, seconds = "passed", 0.0
            else:
                original = (workdir / mutant.path).read_text(encoding="utf-8")
                (workdir / mutant.path).write_text(mutated_source(mutant), encoding="utf-8")
                try:
                    outcome, seconds = run_tests(workdir, timeout, sorted(set(tests), key=tests.index))
                finally:
                    (workdir / mutant.path).write_text(original, encoding="utf-8")
            results[outcome].append(mutant)
            verdict = {"failed": "killed", "passed": "SURVIVED", "timeout": "killed (timeout)"}[outcome]
            if not tests:
                verdict = "SURVIVED (no test runs the line)"
            print(f"[{done}/{len(mutants)}] {verdict:16} {seconds:5.1f} s  {len(tests):4} tests  {mutant.name}",
                  flush=True)

    print()
    print(f"{'file':40} {'mutants':>8} {'killed':>8} {'survived':>9} {'score':>7}")
    for path in sorted({mutant.path for mutant in mutants}):
        total = sum(1 for mutant in mutants if mutant.path == path)
        alive = sum(1 for mutant in results["passed"] if mutant.path == path)
        print(f"{path:40} {total:8} {total - alive:8} {alive:9} {(total - alive) / total:7.0%}")
    killed = len(results["failed"]) + len(results["timeout"])
    print(f"{'all':40} {len(mutants):8} {killed:8} {len(results['passed']):9} "
          f"{killed / max(1, len(mutants)):7.0%}   in {time.monotonic() - started:.0f} s")
    if results["passed"]:
        print("\nsurvivors (each is a missing test):")
        for mutant in results["passed"]:
            print(" ", mutant.name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
