"""How many claims one article may put in the queue.

A million-character post once made 34,483 claims (and as many reviews). An article keeps its
ARTICLE_MAX_CLAIMS most check-worthy claims; a sentence repeated word for word is one claim.
What was left out is said in a note on the article.
"""

from collections.abc import Sequence


def claims_to_store(extracted: Sequence[dict], cap: int) -> tuple[list[dict], str]:
    """(the claims to store, in the extractor's order; a note on what was left out, or "")."""
    seen: set[tuple[str, str]] = set()
    distinct: list[dict] = []
    for found in extracted:
        key = (found["kind"], " ".join(found["text"].split()))
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
