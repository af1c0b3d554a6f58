"""Suggested evidence: what arrived since a claim was stored, found when the claim comes due.

An article qualifies when it was stored after the claim's article and one of its claims
- says the same or something alike, in any of kk, ru and en: the claim matcher found the pair
  when the later claim was stored (a ClaimMatch row, not rejected; its `why` is the reason),
- has a date window overlapping the claim's window (scored by how much they overlap), or
- names the same event: shares at least two rare words with the claim's sentence, scored by
  the share of the claim's word weight they carry. A word's weight is its rarity across the
  stored claims, log(N / claims using it); words in more than one claim of twenty (or in more
  than a thousand) are dropped, so the two shared words are rare ones.

Words are compared by their first five letters, so Kazakh and Russian endings still match
("келіссөзі" and "келіссөз", "Сириядағы" and "Сирия"). Both tests run on `EvidenceTerm`, an
index of each claim's word stems and the months its window touches, so every query is an index
range on (term, article) and nothing scans the articles.
"""

import datetime
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, cast

from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import F, Max, Q
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from claims.extraction import words_en, words_kk, words_ru
from claims.models import Claim, ClaimMatch, MatchState, MatchTier
from reviews.rechecks.models import EvidenceMatch, EvidenceTerm, SuggestedEvidence, SuggestionStatus
from reviews.workflow.errors import NotAllowedForRole, ReviewConflict
from reviews.workflow.models import Review, Source, Stance
from reviews.workflow.roles import UserLike, is_fact_checker
from reviews.workflow.services import source_add, source_can_add

STEM_LETTERS = 5
MIN_WORD_LETTERS = 4
# A window longer than this ("in 2018") is too vague to say two claims are about the same days.
MAX_WINDOW_MONTHS = 3
CLAIM_MARKER = "#"
# Words in more than this share of claims (or in more than MAX_CLAIMS_PER_WORD claims) are too
# common to name an event.
COMMON_SHARE = 0.05
MAX_CLAIMS_PER_WORD = 1000
MIN_SHARED_WORDS = 2
MAX_SUGGESTIONS = 10
# Bounds on each look-up (rows read from the index), whatever the corpus size.
MAX_CANDIDATE_ROWS = 2000
# Claims re-read behind the indexer's watermark: one committed late with a lower id is caught.
INDEX_OVERLAP = 1000

# Function words and newsroom filler, by whole word (months are left to the date test).
COMMON_WORDS = frozenset(
    """
    that this with from have been were will would said says about after before more than their
    there which also into over under next last year years week month according least most some
    который которая которые также после более менее было будет были этот этом этого году года
    сообщил сообщила заявил заявила следующий следующая следующие примерно около свыше уже ещё
    бойынша туралы және сонымен қатар келесі бұған дейінгі кейін бірнеше кемінде астам жылы
    күні отыр болды болып мәлімдеді мәлімдеген хабарлауынша мәліметінше деді шамамен тағы
    """.split()  # noqa: SIM905 (a word list reads better as text)
)


def _month_names() -> tuple[str, ...]:
    """Month names as the extractor spells them (claims/extraction/words_*: Kazakh words,
    Russian stems, English words), abbreviations aside ("mar", a prefix of "march", would
    swallow "market"). May's short names are left out too: "may", "май", "мая" are shorter
    than MIN_WORD_LETTERS, so never taken as words, and as prefixes would swallow "mayor"."""
    names = []
    for words in (words_kk, words_ru, words_en):
        for name, month in words.MONTHS.items():
            abbreviation = any(other != name and other.startswith(name) for other in words.MONTHS)
            if abbreviation or (month == 5 and len(name) < MIN_WORD_LETTERS):
                continue
            names.append(name)
    return tuple(names)


MONTH_PREFIXES = _month_names()
WORD_RE = re.compile(r"[^\W\d_]+")


def word_stems(text: str) -> set[str]:
    """The claim's words that can name an event, as stems."""
    stems = set()
    for word in WORD_RE.findall(text.lower()):
        if len(word) < MIN_WORD_LETTERS or word in COMMON_WORDS or word.startswith(MONTH_PREFIXES):
            continue
        stems.add(word[:STEM_LETTERS])
    return stems


def window_months(earliest: datetime.date | None, latest: datetime.date | None) -> list[str]:
    if earliest is None or latest is None:
        return []
    months = []
    year, month = earliest.year, earliest.month
    while (year, month) <= (latest.year, latest.month):
        months.append(f"@{year:04d}-{month:02d}")
        if len(months) > MAX_WINDOW_MONTHS:
            return []
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def claim_terms(text: str, earliest: datetime.date | None, latest: datetime.date | None) -> set[str]:
    return {CLAIM_MARKER, *word_stems(text), *window_months(earliest, latest)}


# --- the index ---------------------------------------------------------------------------


def evidence_index_claims(*, claims: Iterable[Mapping[str, Any]]) -> int:
    """Index claims given as dicts of pk, article_id, text, date_earliest, date_latest."""
    rows = [
        EvidenceTerm(claim_id=claim["pk"], article_id=claim["article_id"], term=term)
        for claim in claims
        for term in claim_terms(claim["text"], claim["date_earliest"], claim["date_latest"])
    ]
    # Two sweeps may index the same claim at once: the unique (claim, term) keeps one row.
    EvidenceTerm.objects.bulk_create(rows, ignore_conflicts=True, batch_size=2000)
    return len(rows)


def evidence_index_pending(*, limit: int) -> int:
    """Index up to `limit` claims not indexed yet, oldest first; returns how many were indexed."""
    if limit <= 0:
        return 0
    watermark = EvidenceTerm.objects.aggregate(top=Max("claim_id"))["top"] or 0
    floor = max(watermark - INDEX_OVERLAP, 0)
    indexed = EvidenceTerm.objects.filter(term=CLAIM_MARKER, claim_id__gt=floor).values("claim_id")
    pending = list(
        Claim.objects.filter(pk__gt=floor)
        .exclude(pk__in=indexed)
        .order_by("pk")
        .values("pk", "article_id", "text", "date_earliest", "date_latest")[:limit]
    )
    evidence_index_claims(claims=pending)
    return len(pending)


class Corpus:
    """The indexed claims a word's rarity is measured against, with the counts a sweep needs."""

    def __init__(self, claims: int) -> None:
        self.claims = claims
        self._uses: dict[str, int] = {}

    @classmethod
    def measure(cls) -> "Corpus":
        return cls(claims=EvidenceTerm.objects.filter(term=CLAIM_MARKER).count())

    @property
    def common_above(self) -> int:
        """A word used by more claims than this is too common to name an event."""
        if self.claims >= 1 / COMMON_SHARE:
            return min(MAX_CLAIMS_PER_WORD, int(self.claims * COMMON_SHARE))
        return MAX_CLAIMS_PER_WORD

    def uses(self, stem: str) -> int:
        """How many claims use `stem`, counted no further than common_above + 1: each count
        reads a bounded stretch of the (term, article) index, whatever the corpus size."""
        if stem not in self._uses:
            self._uses[stem] = EvidenceTerm.objects.filter(term=stem)[: self.common_above + 1].count()
        return self._uses[stem]


# --- suggesting --------------------------------------------------------------------------


@dataclass
class Match:
    matched_by: str
    score: float
    reason: str


def _overlap_days(a: tuple[datetime.date, datetime.date], b: tuple[datetime.date, datetime.date]) -> int:
    return max((min(a[1], b[1]) - max(a[0], b[0])).days + 1, 0)


def _date_matches(claim: Claim) -> dict[int, Match]:
    months = window_months(claim.date_earliest, claim.date_latest)
    if not months or claim.date_earliest is None or claim.date_latest is None:
        return {}
    candidate_ids = (
        EvidenceTerm.objects.filter(term__in=months, article_id__gt=claim.article_id)
        .values_list("claim_id", flat=True)[:MAX_CANDIDATE_ROWS]
    )
    window = (claim.date_earliest, claim.date_latest)
    matches: dict[int, Match] = {}
    for article_id, earliest, latest in Claim.objects.filter(
        pk__in=list(candidate_ids), date_earliest__lte=claim.date_latest, date_latest__gte=claim.date_earliest
    ).values_list("article_id", "date_earliest", "date_latest"):
        if earliest is None or latest is None:  # not after the filter above; for the type checker
            continue
        other = (earliest, latest)
        union = (max(window[1], other[1]) - min(window[0], other[0])).days + 1
        score = _overlap_days(window, other) / union
        if article_id not in matches or score > matches[article_id].score:
            matches[article_id] = Match(
                EvidenceMatch.DATE_OVERLAP,
                score,
                f"dates {earliest.isoformat()}–{latest.isoformat()} overlap {window[0].isoformat()}–"
                f"{window[1].isoformat()}",
            )
    return matches


def _word_matches(claim: Claim, corpus: Corpus) -> dict[int, Match]:
    stems = word_stems(claim.text)
    if not stems:
        return {}
    weights = {}
    for stem in sorted(stems):
        uses = corpus.uses(stem)
        if uses > corpus.common_above:
            continue
        weights[stem] = math.log((max(corpus.claims, uses) + 1) / max(uses, 1))
    claim_weight = sum(weights.values())
    if claim_weight <= 0:
        return {}
    shared: dict[int, set[str]] = defaultdict(set)
    for article_id, term in (
        EvidenceTerm.objects.filter(term__in=list(weights), article_id__gt=claim.article_id)
        .values_list("article_id", "term")
        .distinct()[:MAX_CANDIDATE_ROWS]
    ):
        shared[article_id].add(term)
    matches = {}
    for article_id, terms in shared.items():
        score = sum(weights[term] for term in terms) / claim_weight
        if len(terms) >= MIN_SHARED_WORDS:
            matches[article_id] = Match(
                EvidenceMatch.SHARED_WORDS, score, "shared words: " + ", ".join(sorted(terms))
            )
    return matches


def claim_matches_since(*, claims: Sequence[Claim]) -> dict[int, dict[int, Match]]:
    """Per claim, the later articles with a claim the matcher found alike (article id -> Match),
    for a whole batch of claims in one query. Either side of a ClaimMatch may be the later one
    (a claim matched again after later ones were stored is the first side)."""
    ids = [claim.pk for claim in claims]
    if not ids:
        return {}
    rows = (ClaimMatch.objects.exclude(state=MatchState.REJECTED)
            .filter(Q(matched_id__in=ids, claim__article_id__gt=F("matched__article_id"))
                    | Q(claim_id__in=ids, matched__article_id__gt=F("claim__article_id")))
            .values_list("claim_id", "claim__article_id", "matched_id", "matched__article_id", "score", "tier", "why",
                         "conflict"))
    wanted = set(ids)
    found: dict[int, dict[int, Match]] = defaultdict(dict)
    for claim_id, claim_article, matched_id, matched_article, score, tier, why, conflict in rows:
        # The side stored first is ours (both may be in the batch).
        if matched_id in wanted and claim_article > matched_article:
            ours, theirs = matched_id, claim_article
        elif claim_id in wanted and matched_article > claim_article:
            ours, theirs = claim_id, matched_article
        else:
            continue
        said = "same claim" if tier == MatchTier.SAME else "related claim"
        reason = f"{said}: {why}" + (f"; conflict: {conflict}" if conflict else "")
        if theirs not in found[ours] or score > found[ours][theirs].score:
            found[ours][theirs] = Match(EvidenceMatch.CLAIM_MATCH, score, reason)
    return found


# A suggestion's reason is stored in the fixed form the matchers above write; it is put into
# the reader's words when shown (the claim matcher's `why` after its tier stays as it wrote it).
MATCHED = re.compile(r"(?P<tier>same claim|related claim): (?P<why>.+)")
CONFLICT = re.compile(r"conflict: (?P<what>.+)")
SHARED_WORDS = re.compile(r"shared words: (?P<words>.+)")
DATES = re.compile(r"dates (?P<e>[\d-]{10})–(?P<l>[\d-]{10}) overlap (?P<a>[\d-]{10})–(?P<b>[\d-]{10})")


def _span(first: str, last: str) -> str:
    start, end = (formats.date_format(datetime.date.fromisoformat(day)) for day in (first, last))
    return start if start == end else f"{start} – {end}"


def reason_text(reason: str) -> str:
    """A stored reason in the active language ("shared words: …; dates … overlap …")."""
    said = []
    for part in reason.split("; "):
        if matched := MATCHED.fullmatch(part):
            said.append((_("the same claim: %(why)s") if matched["tier"] == "same claim"
                         else _("a claim alike: %(why)s")) % {"why": matched["why"]})
        elif conflict := CONFLICT.fullmatch(part):
            said.append(_("disagrees: %(what)s") % {"what": conflict["what"]})
        elif shared := SHARED_WORDS.fullmatch(part):
            said.append(_("shared words: %(words)s") % {"words": shared["words"]})
        elif dates := DATES.fullmatch(part):
            said.append(_("dates %(theirs)s overlap %(ours)s") % {
                "theirs": _span(dates["e"], dates["l"]), "ours": _span(dates["a"], dates["b"])})
        else:
            said.append(part)
    return "; ".join(said)


# Suggestions in this order, each by score: the matcher's, those naming the same event, those
# only sharing days.
RANK: dict[str, int] = {EvidenceMatch.CLAIM_MATCH: 0, EvidenceMatch.SHARED_WORDS: 1, EvidenceMatch.DATE_OVERLAP: 2}


def _combined(first: Match, second: Match) -> Match:
    """Both found the article: the first says more, the second adds to its score and reason."""
    return Match(first.matched_by, first.score + second.score, f"{first.reason}; {second.reason}")


def evidence_suggest_for(
    *, review: Review, corpus: Corpus | None = None, claim_matches: Mapping[int, Match] | None = None
) -> list[SuggestedEvidence]:
    """Attach the articles that arrived since the claim as suggestions; safe to run again.

    `claim_matches`: this claim's from `claim_matches_since`, when the caller looked up a batch."""
    claim = review.claim
    if corpus is None:
        # Called on its own (not from the sweep, which indexes once per run).
        evidence_index_pending(limit=settings.RECHECK_INDEX_BATCH)
        corpus = Corpus.measure()
    if claim_matches is None:
        claim_matches = claim_matches_since(claims=[claim]).get(claim.pk, {})
    matches = _date_matches(claim)
    for article_id, match in _word_matches(claim, corpus).items():
        dated = matches.get(article_id)
        # Same event and same days: the words say more, the dates add to the score.
        matches[article_id] = _combined(match, dated) if dated is not None else match
    for article_id, match in claim_matches.items():
        found = matches.get(article_id)
        matches[article_id] = _combined(match, found) if found is not None else match
    best = sorted(matches.items(), key=lambda item: (RANK[item[1].matched_by], -item[1].score, item[0]))[
        :MAX_SUGGESTIONS]
    suggestions = [
        SuggestedEvidence(
            review=review,
            article_id=article_id,
            matched_by=match.matched_by,
            score=round(match.score, 4),
            reason=match.reason[:500],
        )
        for article_id, match in best
    ]
    # A second run (or a second sweep) suggests nothing twice: unique (review, article).
    SuggestedEvidence.objects.bulk_create(suggestions, ignore_conflicts=True)
    return suggestions


# --- deciding ------------------------------------------------------------------------------


def _decide(suggestion: SuggestedEvidence, actor: UserLike, status: str) -> None:
    decided = SuggestedEvidence.objects.filter(pk=suggestion.pk, status=SuggestionStatus.SUGGESTED).update(
        status=status, decided_by=actor, decided_at=timezone.now()
    )
    if not decided:
        raise ReviewConflict(_("Someone already decided on this suggestion; nothing was changed."))
    suggestion.status, suggestion.decided_by = status, cast(User, actor)  # a fact-checker (checked first)


@transaction.atomic
def evidence_accept(*, suggestion: SuggestedEvidence, actor: UserLike, stance: str = Stance.CONTEXT) -> Source:
    """Accept a suggestion: the article becomes a Source of the review (linked by its URL, or,
    without one, as our stored article, whose text is the evidence)."""
    review = suggestion.review
    source_can_add(review=review, actor=actor)
    _decide(suggestion, actor, SuggestionStatus.ACCEPTED)
    article = suggestion.article
    source = source_add(
        review=review,
        actor=actor,
        url=article.url or "",
        title=article.title,
        publisher=article.outlet,
        accessed_on=timezone.localdate(),
        stance=stance,
        article=article,
    )
    SuggestedEvidence.objects.filter(pk=suggestion.pk).update(source=source)
    suggestion.source = source
    return source


@transaction.atomic
def evidence_reject(*, suggestion: SuggestedEvidence, actor: UserLike) -> None:
    if not is_fact_checker(actor):
        raise NotAllowedForRole(_("Only fact-checkers and editors may reject suggested evidence."))
    _decide(suggestion, actor, SuggestionStatus.REJECTED)
