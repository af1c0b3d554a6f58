"""How many claims one article may put in the queue.

A million-character post once made 34,483 claims (and as many reviews). An article keeps its
ARTICLE_MAX_CLAIMS most check-worthy claims; a claim repeated word for word (the same sentence
read the same way: kind, figure, date, speaker) is one claim. Two claims of one sentence (340
killed, 800 wounded) stay two.
What was left out is said in a note on the article.
"""

from collections.abc import Sequence
from typing import Any


def claims_to_store(extracted: Sequence[dict], cap: int) -> tuple[list[dict], str]:
    """(the claims to store, in the extractor's order; a note on what was left out, or "")."""
    seen: set[tuple[Any, ...]] = set()
    distinct: list[dict] = []
    for found in extracted:
        key = _what_it_says(found)
        if key not in seen:
            seen.add(key)
            distinct.append(found)
    repeated = len(extracted) - len(distinct)
    kept = distinct
    if len(distinct) > cap:
        # The most check-worthy first; the earlier in the article on a tie.
        ranked = sorted(range(len(distinct)), key=lambda i: (-distinct[i]["checkworthiness"], i))
        chosen = sorted(ranked[:cap])
        kept = [distinct[i] for i in chosen]
    notes = []
    if repeated:
        notes.append(f"{repeated:,} claims repeating a sentence word for word were stored once.")
    if len(distinct) > cap:
        notes.append(
            f"{len(distinct) - cap:,} less check-worthy claims were dropped: an article keeps at most {cap:,}."
        )
    return kept, " ".join(notes)


def _what_it_says(found: dict) -> tuple[Any, ...]:
    """A claim without where it stands: equal for the same sentence read the same way."""
    quantity = {k: v for k, v in (found.get("quantity") or {}).items() if k != "span"}
    date = {k: v for k, v in (found.get("date") or {}).items() if k != "span"}
    return (
        found["kind"],
        " ".join(found["text"].split()),
        tuple(sorted((k, repr(v)) for k, v in quantity.items())),
        tuple(sorted((k, repr(v)) for k, v in date.items())),
        repr(found.get("speaker")),
    )
