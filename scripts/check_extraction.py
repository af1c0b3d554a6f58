"""CI gate on the extractor's quality, scored by the shared tools as other tools score it.

- the seed article: F1 1.00;
- seed + dev set: F1 >= 0.90 in each language;
- KazNERD test split: number recall >= 0.85 with precision >= 0.90, calendar-date recall
  >= 0.80 with precision >= 0.85.
"""

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval"


def run(*args: str) -> str:
    result = subprocess.run([sys.executable, *args], cwd=ROOT, capture_output=True, text=True, check=False)
    print(result.stdout, end="")
    if result.returncode not in (0, 1):
        sys.exit(f"{args[0]} failed:\n{result.stderr}")
    return result.stdout


def main() -> int:
    problems = []
    seed = run(str(EVAL / "score.py"), "--data", str(EVAL / "seed-claims.jsonl"))
    if not re.search(r"^F1 1\.000", seed, re.MULTILINE):
        problems.append("the seed article is not found whole (F1 below 1.00)")

    languages = run(str(EVAL / "score.py"))
    for language, f1 in re.findall(r"^(\w\w): P [\d.]+ R [\d.]+ F1 ([\d.]+)", languages, re.MULTILINE):
        if float(f1) < 0.9:
            problems.append(f"{language}: F1 {f1} below 0.90")
    if len(re.findall(r"^\w\w: P", languages, re.MULTILINE)) != 3:
        problems.append("score.py did not report kk, ru and en")

    kaznerd = run(str(EVAL / "kaznerd.py"), "--split", "test")
    goals = {"numbers": (0.85, 0.90), "dates": (0.80, 0.85)}
    for kind, recall, precision in re.findall(r"^(\w+): recall ([\d.]+) .*precision ([\d.]+)", kaznerd, re.MULTILINE):
        want_recall, want_precision = goals[kind]
        if float(recall) < want_recall or float(precision) < want_precision:
            problems.append(f"KazNERD {kind}: recall {recall}, precision {precision} below the goal")
    for problem in problems:
        print(f"check_extraction: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
