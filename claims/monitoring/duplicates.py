"""Near-duplicate stories: a wire story republished by ten outlets is one story.

Each monitored article gets a MinHash of its word 5-shingles (datasketch). The signature is cut
into LSH bands (the band count and width that datasketch's MinHashLSH chooses for our threshold)
stored as indexed rows, so candidates are one indexed query in any process, and a candidate is
linked only when the signatures' estimated Jaccard similarity passes the threshold.
"""

import hashlib
import re
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np

from claims.models import Article, StoryBand, StorySignature

NUM_PERM = 128
THRESHOLD = 0.8
SHINGLE_WORDS = 5
SEED = 1
WORD = re.compile(r"\w+", re.UNICODE)

if TYPE_CHECKING:
    from datasketch import MinHash


@lru_cache(maxsize=1)
def band_layout() -> tuple[int, int]:
    """(bands, rows per band) that balance false positives and negatives at THRESHOLD."""
    # Imported here: datasketch loads scipy, seconds a process need not spend until a story comes in.
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
    return lsh.b, lsh.r


def shingles(text: str) -> set[bytes]:
    words = WORD.findall(text.lower())
    if len(words) <= SHINGLE_WORDS:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i : i + SHINGLE_WORDS]).encode() for i in range(len(words) - SHINGLE_WORDS + 1)}


def story_minhash(text: str) -> "MinHash":
    from datasketch import MinHash

    minhash = MinHash(num_perm=NUM_PERM, seed=SEED)
    minhash.update_batch(list(shingles(text)))
    return minhash


def band_keys(minhash: "MinHash") -> list[str]:
    bands, rows = band_layout()
    values = minhash.hashvalues.astype("<u8")
    return [
        hashlib.sha1(f"{band}:".encode() + values[band * rows : (band + 1) * rows].tobytes(),
                     usedforsecurity=False).hexdigest()
        for band in range(bands)
    ]


def similarity(minhash: "MinHash", stored: bytes) -> float:
    other = np.frombuffer(stored, dtype="<u8")
    return float(np.count_nonzero(minhash.hashvalues.astype("<u8") == other)) / NUM_PERM


def story_first_appearance(minhash: "MinHash") -> Article | None:
    """The first article of the story this text belongs to, if one is stored."""
    candidates = (
        StorySignature.objects.filter(article__story_bands__band__in=band_keys(minhash))
        .distinct()
        .values_list("article_id", "hashvalues")
    )
    matching = [article_id for article_id, stored in candidates if similarity(minhash, bytes(stored)) >= THRESHOLD]
    if not matching:
        return None
    first = Article.objects.filter(pk__in=matching).order_by("created_at", "pk").first()
    while first is not None and first.duplicate_of_id is not None:
        first = first.duplicate_of
    return first


def story_remember(article: Article, minhash: "MinHash") -> None:
    StorySignature.objects.update_or_create(
        article=article, defaults={"hashvalues": minhash.hashvalues.astype("<u8").tobytes()}
    )
    StoryBand.objects.filter(article=article).delete()
    StoryBand.objects.bulk_create([StoryBand(article=article, band=key) for key in band_keys(minhash)])
