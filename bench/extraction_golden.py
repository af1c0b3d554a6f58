"""Golden check for speed work on the extractor: every output must stay exactly as it was.

    .venv/bin/python bench/extraction_golden.py write [--golden FILE]
    .venv/bin/python bench/extraction_golden.py compare [--golden FILE]

Runs extract() (language detected, as the API does) over every KazNERD valid and test sentence
(tokens joined by spaces), the seed article, the seed, dev and KazNERD dev claim texts and the
project's held-out sentences, and writes the JSON of every result, or compares with the file
written before a change and lists the first texts whose claims differ (default file: extraction-golden.json in
the temporary directory). The golden file stays
out of the repository: it is a snapshot of one machine's state before a change, not a fixture.
"""

from __future__ import annotations

import argparse
import datetime
import json
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
SHARED = BASE_DIR.parent / "shared"
sys.path.insert(0, str(BASE_DIR))

from claims.extraction import extract  # noqa: E402

KAZNERD_PUBLISHED = datetime.date(2020, 1, 1)
SEED_PUBLISHED = datetime.date(2018, 2, 23)


def _kaznerd(path: Path) -> Iterator[tuple[str, str, datetime.date]]:
    tokens: list[str] = []
    number = 0
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                tokens.append(line.rstrip("\n").rpartition(" ")[0])
                continue
            if tokens:
                number += 1
                yield f"{path.name}:{number}", " ".join(tokens), KAZNERD_PUBLISHED
                tokens = []
    if tokens:
        yield f"{path.name}:{number + 1}", " ".join(tokens), KAZNERD_PUBLISHED


def _jsonl(path: Path) -> Iterator[tuple[str, str, datetime.date]]:
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                item = json.loads(line)
                yield f"{path.name}:{item['id']}", item["text"], datetime.date.fromisoformat(item["published"])


def texts() -> Iterator[tuple[str, str, datetime.date]]:
    """(key, text, published) of everything the golden file covers."""
    for name in ("IOB2_valid.txt", "IOB2_test.txt"):
        yield from _kaznerd(SHARED / "data" / "kaznerd" / name)
    for seed in sorted((SHARED / "seeds").glob("*.txt")):
        yield f"seeds/{seed.name}", seed.read_text(encoding="utf-8"), SEED_PUBLISHED
    for name in ("seed-claims.jsonl", "dev-claims.jsonl", "kaznerd-dev-claims.jsonl"):
        yield from _jsonl(SHARED / "eval" / name)
    for path in sorted((BASE_DIR / "tests" / "extraction" / "heldout").glob("*.jsonl")):
        yield from _jsonl(path)


def results() -> dict[str, list[dict[str, object]]]:
    return {
        key: [claim.to_dict() for claim in extract(text, published=published, language=None)]
        for key, text, published in texts()
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("action", choices=("write", "compare"))
    parser.add_argument("--golden", type=Path, default=Path(tempfile.gettempdir()) / "extraction-golden.json")
    args = parser.parse_args()
    now = results()
    if args.action == "write":
        args.golden.write_text(json.dumps(now, ensure_ascii=False, sort_keys=True), encoding="utf-8")
        print(f"wrote {len(now)} texts, {sum(map(len, now.values()))} claims to {args.golden}")
        return 0
    golden = json.loads(args.golden.read_text(encoding="utf-8"))
    # Through JSON both ways, so tuples and lists compare alike.
    now = json.loads(json.dumps(now, ensure_ascii=False))
    differing = [key for key in golden.keys() | now.keys() if golden.get(key) != now.get(key)]
    print(f"{len(now)} texts, {sum(map(len, now.values()))} claims; {len(differing)} differ from {args.golden}")
    for key in sorted(differing)[:20]:
        print(f"  {key}:\n    was {golden.get(key)}\n    now {now.get(key)}")
    return 1 if differing else 0


if __name__ == "__main__":
    sys.exit(main())
