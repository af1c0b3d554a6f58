"""CI gate on the extractor's quality, scored by the shared tools as other tools score it.

    .venv/bin/python scripts/check_extraction.py [--project DIR] [--eval DIR]

- the seed article: F1 1.00;
- seed + dev set: F1 >= 0.95 in each of kk, ru and en (all three must be reported);
- KazNERD test split: numbers and calendar dates, recall and precision at their goals.

It fails (exit 1) when a goal is missed, when a scorer crashes or exits non-zero, and when a
result line it needs is missing: a scorer that cannot read its data must not pass the gate.
`--project` is the checkout whose `claims.extraction` is scored (default: this one), `--eval`
the directory of the shared scorers (default: ../shared/eval).
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval"
LANGUAGES = ("kk", "ru", "en")
MIN_LANGUAGE_F1 = 0.95
# (recall, precision) on the KazNERD test split.
KAZNERD_GOALS = {"numbers": (0.95, 0.95), "dates": (0.95, 0.95)}
LANGUAGE_LINE = re.compile(r"^(\w\w): P [\d.]+ R [\d.]+ F1 ([\d.]+)", re.MULTILINE)
TOTAL_LINE = re.compile(r"^F1 ([\d.]+) ", re.MULTILINE)
KAZNERD_LINE = re.compile(r"^(\w+): recall ([\d.]+) of \d+, precision ([\d.]+) of \d+", re.MULTILINE)


class ScorerFailed(Exception):
    pass


def run(project: Path, script: Path, *args: str) -> str:
    result = subprocess.run(
        [sys.executable, str(script), *args], cwd=project, capture_output=True, text=True, check=False
    )
    print(result.stdout, end="")
    if result.returncode != 0:
        raise ScorerFailed(f"{script.name} {' '.join(args)} exited {result.returncode}:\n{result.stderr[-3000:]}")
    return result.stdout


def seed_problems(output: str) -> list[str]:
    total = TOTAL_LINE.search(output)
    if total is None:
        return ["score.py printed no F1 for the seed article"]
    return [] if float(total.group(1)) >= 1.0 else [f"the seed article is not found whole (F1 {total.group(1)})"]


def language_problems(output: str) -> list[str]:
    found = dict(LANGUAGE_LINE.findall(output))
    problems = [f"score.py did not report {language}" for language in LANGUAGES if language not in found]
    problems += [
        f"{language}: F1 {f1} below {MIN_LANGUAGE_F1:.2f}"
        for language, f1 in found.items()
        if float(f1) < MIN_LANGUAGE_F1
    ]
    return problems


def kaznerd_problems(output: str) -> list[str]:
    found = {kind: (float(recall), float(precision)) for kind, recall, precision in KAZNERD_LINE.findall(output)}
    problems = []
    for kind, (want_recall, want_precision) in KAZNERD_GOALS.items():
        if kind not in found:
            problems.append(f"kaznerd.py printed no {kind} line")
            continue
        recall, precision = found[kind]
        if recall < want_recall or precision < want_precision:
            problems.append(
                f"KazNERD {kind}: recall {recall:.3f}, precision {precision:.3f}, "
                f"goal {want_recall:.2f} and {want_precision:.2f}"
            )
    return problems


def check(project: Path, eval_dir: Path) -> list[str]:
    score, kaznerd = eval_dir / "score.py", eval_dir / "kaznerd.py"
    problems: list[str] = []
    steps = (
        (seed_problems, score, ("--data", str(eval_dir / "seed-claims.jsonl"))),
        (language_problems, score, ()),
        (kaznerd_problems, kaznerd, ("--split", "test")),
    )
    for judge, script, args in steps:
        try:
            problems += judge(run(project, script, *args))
        except ScorerFailed as failure:
            problems.append(str(failure))
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--project", type=Path, default=ROOT)
    parser.add_argument("--eval", type=Path, default=EVAL, dest="eval_dir")
    args = parser.parse_args(argv)
    problems = check(args.project.resolve(), args.eval_dir.resolve())
    for problem in problems:
        print(f"check_extraction: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
