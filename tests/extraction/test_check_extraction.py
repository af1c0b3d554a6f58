"""The CI gate on extraction quality fails when it should: crashes, missing lines, missing data.

Each test runs scripts/check_extraction.py against a real checkout: this one, or a small
one of its own whose `claims.extraction` is broken on purpose, and the shared scorers, or a
copy of them with a piece taken away.
"""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EVAL = ROOT.parent / "shared" / "eval"
KAZNERD = ROOT.parent / "shared" / "data" / "kaznerd"

pytestmark = pytest.mark.skipif(not (EVAL / "score.py").exists(), reason="needs ../shared/eval")


def gate():
    spec = importlib.util.spec_from_file_location("check_extraction", ROOT / "scripts" / "check_extraction.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def broken_project(tmp_path: Path, body: str) -> Path:
    package = tmp_path / "project" / "claims" / "extraction"
    package.mkdir(parents=True)
    (package.parent / "__init__.py").write_text("")
    (package / "__init__.py").write_text(body)
    return tmp_path / "project"


def eval_copy(tmp_path: Path, *, with_data: bool) -> Path:
    target = tmp_path / "shared" / "eval"
    shutil.copytree(EVAL, target)
    if with_data:
        (tmp_path / "shared" / "data").mkdir()
        (tmp_path / "shared" / "data" / "kaznerd").symlink_to(KAZNERD)
    return target


def run_gate(capsys, *argv: str) -> tuple[int, str]:
    code = gate().main(list(argv))
    return code, capsys.readouterr().err


def test_an_extractor_that_crashes_fails_the_gate(tmp_path, capsys):
    crashing = "def extract(text, *, published, language=None):\n    raise RuntimeError('broken')\n"
    project = broken_project(tmp_path, crashing)
    code, err = run_gate(capsys, "--project", str(project), "--eval", str(EVAL))
    assert code == 1
    assert "score.py" in err and "exited" in err and "kaznerd.py" in err


def test_an_extractor_that_finds_nothing_fails_every_goal(tmp_path, capsys):
    project = broken_project(tmp_path, "def extract(text, *, published, language=None):\n    return []\n")
    code, err = run_gate(capsys, "--project", str(project), "--eval", str(EVAL))
    assert code == 1
    assert "seed article is not found whole" in err
    assert "kk: F1 0.000 below" in err
    assert "KazNERD numbers" in err and "KazNERD dates" in err


def test_missing_kaznerd_data_fails_the_gate(tmp_path, capsys):
    code, err = run_gate(capsys, "--eval", str(eval_copy(tmp_path, with_data=False)))
    assert code == 1
    assert "kaznerd.py --split test exited" in err


def test_fewer_than_three_languages_fails_the_gate(tmp_path, capsys):
    eval_dir = eval_copy(tmp_path, with_data=False)
    dev = eval_dir / "dev-claims.jsonl"
    dev.write_text("".join(line for line in dev.read_text().splitlines(True) if '"language": "en"' not in line))
    code, err = run_gate(capsys, "--eval", str(eval_dir))
    assert code == 1
    assert "score.py did not report en" in err


def test_a_missing_result_line_fails_the_gate(tmp_path, capsys):
    eval_dir = eval_copy(tmp_path, with_data=True)
    script = eval_dir / "kaznerd.py"
    source = script.read_text()
    without_dates = source.replace('print(f"dates: recall', 'print(f"no line: recall')
    assert without_dates != source
    script.write_text(without_dates)
    code, err = run_gate(capsys, "--eval", str(eval_dir))
    assert code == 1
    assert "kaznerd.py printed no dates line" in err and "printed no numbers line" not in err


def test_this_extractor_passes_the_gate(capsys):
    code, err = run_gate(capsys)
    assert (code, err) == (0, "")
