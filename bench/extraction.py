"""Benchmark: the claim extractor against dateparser's search_dates, memory, and linear cost.

    .venv/bin/python bench/extraction.py [--kaznerd-sentences 2000] [--repeats 5]

Over the seed article, the dev set and KazNERD sentences (../shared), in one process:
- extract() and dateparser.search.search_dates (told the language, which is its fast path)
  on the same texts, timed in turns (extract, search_dates, extract, ...) so that other work
  on the machine weighs on both alike: chars/s and sentences/s of each, and how many times
  faster extract is, the median of the per-turn ratios (goal: at least 20x faster than
  search_dates alone, which only finds dates). The first pass of extract, with its per-word
  memories still empty, is printed apart;
- peak RSS (resource.getrusage) once extract has run with the lingua detector loaded, and at
  the end with dateparser loaded too (goal: under 300 MB with the detector);
- linearity: a 1 KB article against the same text repeated to 1 MB, timed in turns, the
  median of the per-turn ratios (goal: at most 1,100x per 1,000x text);
- quality: F1 per language on the dev set (seed included), on the KazNERD dev claims and on
  the project's own held-out sentences (tests/extraction/heldout), scored by
  ../shared/eval/score.py's own functions.
Times are process CPU time; on a busy machine single turns still move by a few tens of
percent, which the medians damp.
"""

from __future__ import annotations

import argparse
import datetime
import json
import resource
import statistics
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
SHARED = BASE_DIR.parent / "shared"
sys.path.insert(0, str(BASE_DIR))

from claims.extraction import extract  # noqa: E402
from claims.extraction.language import detect_language  # noqa: E402
from claims.extraction.sentences import split_sentences  # noqa: E402

KAZNERD_PUBLISHED = datetime.date(2020, 1, 1)
SPEED_GOAL = 20
LINEARITY_GOAL = 1.1  # a 1,000x longer text may cost at most 1,100x
HELDOUT = BASE_DIR / "tests" / "extraction" / "heldout"


def peak_rss_mb() -> float:
    # ru_maxrss is in kilobytes on Linux.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def corpus_items() -> dict[str, list[tuple[str, datetime.date, str]]]:
    """(text, published, language) per corpus."""
    corpora: dict[str, list[tuple[str, datetime.date, str]]] = {}
    for name, path in (("seed", "eval/seed-claims.jsonl"), ("dev", "eval/dev-claims.jsonl")):
        items = []
        with open(SHARED / path, encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    item = json.loads(line)
                    items.append((item["text"], datetime.date.fromisoformat(item["published"]), item["language"]))
        corpora[name] = items
    return corpora


def kaznerd_sentences(limit: int) -> list[tuple[str, datetime.date, str]]:
    sentences, tokens = [], []
    with open(SHARED / "data" / "kaznerd" / "IOB2_valid.txt", encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                tokens.append(line.rstrip("\n").rpartition(" ")[0])
                continue
            if tokens:
                sentences.append((" ".join(tokens), KAZNERD_PUBLISHED, "kk"))
                tokens = []
            if len(sentences) >= limit:
                break
    return sentences


def timed(run, items) -> float:
    started = time.process_time()
    for text, published, language in items:
        run(text, published, language)
    return time.process_time() - started


def run_extract(text: str, published: datetime.date, language: str) -> None:
    extract(text, published=published, language=None)


def run_dateparser(text: str, published: datetime.date, language: str) -> None:
    from dateparser.search import search_dates

    base = datetime.datetime.combine(published, datetime.time())
    search_dates(text, languages=[language], settings={"RELATIVE_BASE": base})


def in_turns(first, second, items, repeats: int) -> tuple[list[float], list[float]]:
    """Times of `first` and `second` over `items`, run in turns `repeats` times."""
    firsts, seconds = [], []
    for _ in range(repeats):
        firsts.append(timed(first, items))
        seconds.append(timed(second, items))
    return firsts, seconds


def linearity(repeats: int) -> tuple[float, float, float, int]:
    """Median per-run times of a 1 KB article and of the same text repeated to about 1 MB, and the
    median of the per-turn ratios. Each turn times the big text and, right after it, the small one
    run as many times as it is repeated in the big one: two runs of the same length, which other
    work on the machine slows alike."""
    seed = (SHARED / "seeds" / "000_3fa4b4e8f3932ef8.txt").read_text(encoding="utf-8")
    small = seed[: seed.rfind("\n", 0, 1024) + 1]
    factor = 1_000_000 // len(small)
    big = small * factor
    published = datetime.date(2018, 2, 23)
    timed(run_extract, [(small, published, "kk")])  # warm-up, off the clock
    smalls, bigs = [], []
    for _ in range(repeats):
        bigs.append(timed(run_extract, [(big, published, "kk")]))
        smalls.append(timed(run_extract, [(small, published, "kk")] * factor) / factor)
    ratio = statistics.median(b / s for s, b in zip(smalls, bigs, strict=True))
    return statistics.median(smalls), statistics.median(bigs), ratio, factor


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--kaznerd-sentences", type=int, default=2000)
    parser.add_argument("--repeats", type=int, default=5, help="turns of each side")
    args = parser.parse_args()

    corpora = corpus_items()
    corpora["kaznerd"] = kaznerd_sentences(args.kaznerd_sentences)
    everything = [item for items in corpora.values() for item in items]
    chars = sum(len(text) for text, _, _ in everything)
    sentences = sum(len(split_sentences(text)) for text, _, _ in everything)
    # Load lingua's models before measuring: Kazakh "мен" and Russian "в" leave this one to lingua.
    detect_language("Премьер мен министр в Астане.")
    print(
        f"texts: {len(everything)} ({', '.join(f'{k} {len(v)}' for k, v in corpora.items())}), "
        f"{chars:,} chars, {sentences:,} sentences"
    )

    first_pass = timed(run_extract, everything)
    rss_extract = peak_rss_mb()
    per_corpus = {name: min(timed(run_extract, items) for _ in range(args.repeats)) for name, items in corpora.items()}
    run_dateparser("Кеше 5 адам келді.", KAZNERD_PUBLISHED, "kk")  # its own warm-up, off the clock
    extract_times, dateparser_times = in_turns(run_extract, run_dateparser, everything, args.repeats)
    extract_time, dateparser_time = statistics.median(extract_times), statistics.median(dateparser_times)
    print(
        f"extract:      {extract_time:7.3f} s  {chars / extract_time:12,.0f} chars/s  "
        f"{sentences / extract_time:9,.0f} sentences/s (median of {args.repeats})"
    )
    print(f"  first pass {first_pass:7.3f} s  {chars / first_pass:12,.0f} chars/s (per-word memories empty)")
    for name, t in per_corpus.items():
        size = sum(len(text) for text, _, _ in corpora[name])
        print(f"  {name:<8} {t:7.3f} s  {size / t:12,.0f} chars/s")
    print(
        f"search_dates: {dateparser_time:7.3f} s  {chars / dateparser_time:12,.0f} chars/s  "
        f"{sentences / dateparser_time:9,.0f} sentences/s (median of {args.repeats})"
    )
    ratios = sorted(d / e for e, d in zip(extract_times, dateparser_times, strict=True))
    ratio = statistics.median(ratios)
    print(
        f"extract is {ratio:.1f}x faster than search_dates alone, median of {len(ratios)} turns "
        f"(range {ratios[0]:.1f}-{ratios[-1]:.1f}x; goal >= {SPEED_GOAL}x): "
        f"{'ok' if ratio >= SPEED_GOAL else 'MISSED'}"
    )

    print(
        f"peak RSS after extract, detector loaded: {rss_extract:.0f} MB (goal < 300 MB): "
        f"{'ok' if rss_extract < 300 else 'MISSED'}"
    )
    print(f"peak RSS at the end, dateparser loaded too: {peak_rss_mb():.0f} MB")

    small_time, big_time, cost, factor = linearity(args.repeats)
    print(
        f"linearity: 1 KB article {small_time * 1000:.2f} ms, {factor}x that text {big_time:.2f} s, "
        f"ratio {cost:.0f}x, median of {args.repeats} turns (goal at most {factor * LINEARITY_GOAL:.0f}x): "
        f"{'ok' if cost <= factor * LINEARITY_GOAL else 'MISSED'}"
    )
    quality()


def quality() -> None:
    """F1 per language, scored with the shared scorer's own functions."""
    sys.path.insert(0, str(SHARED / "eval"))
    import score  # the shared scorer: ../shared/eval/score.py

    sets = {
        "dev (seed + dev)": [SHARED / "eval" / "seed-claims.jsonl", SHARED / "eval" / "dev-claims.jsonl"],
        "KazNERD dev claims": [SHARED / "eval" / "kaznerd-dev-claims.jsonl"],
        "held-out (ours)": sorted(HELDOUT.glob("*.jsonl")),
    }
    for name, paths in sets.items():
        totals: dict[str, list[int]] = {}
        for path in paths:
            with open(path, encoding="utf-8") as fh:
                for line in fh:
                    if not line.strip():
                        continue
                    item = json.loads(line)
                    tp, npred, ngold, _, _ = score.score_item(item, extract)
                    for key in (item["language"], "all"):
                        t = totals.setdefault(key, [0, 0, 0])
                        t[0] += tp
                        t[1] += npred
                        t[2] += ngold
        figures = [
            f"{key} {score.f1(*totals[key])[2]:.3f} ({totals[key][2]} facts)"
            for key in ("kk", "ru", "en", "all")
            if key in totals
        ]
        print(f"F1 {name:<20} " + ", ".join(figures))


if __name__ == "__main__":
    main()
