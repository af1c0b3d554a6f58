"""The claim itself, by hand: added from a tipline or a social post, corrected where the
extractor misread it, split in two, or merged into the claim it repeats.

Each is a row in the review's history and, where the review is moved or touched, the same
conditional UPDATE as a move (so re-extraction leaves a corrected claim alone and a page
opened before someone else's change is refused).
"""

import datetime
import uuid
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from claims.hashing import content_hash
from claims.matching_queue import claims_match_again, claims_queue_matching
from claims.models import Article, Claim, ClaimKind, Comparator, ExtractionStatus, Language, SpeakerKind
from reviews.workflow.errors import InvalidInput, MissingInput, MoveNotAllowed, NotAllowedForRole
from reviews.workflow.models import Review
from reviews.workflow.moves import Move, ReviewStatus, Role
from reviews.workflow.notes import note_values
from reviews.workflow.roles import UserLike, is_fact_checker
from reviews.workflow.services.moves import _check_role, _check_status, _move
from reviews.workflow.services.opening import reviews_open_for_claims

BY_HAND_VERSION = "by hand"
HAND_CHECKWORTHINESS = 0.5
MAX_CLAIM_CHARS = 2000

# Not in the move table: correcting and splitting keep the status; merging ends the duplicate's
# review as dismissed. All three only before the verdict is submitted.
_BEFORE_SUBMISSION: dict[str, str] = {
    ReviewStatus.NEW: ReviewStatus.NEW,
    ReviewStatus.RESEARCHING: ReviewStatus.RESEARCHING,
}
CORRECT = Move("claim_correct", gettext_lazy("Correct the claim"), _BEFORE_SUBMISSION, Role.FACT_CHECKER)
SPLIT = Move("claim_split", gettext_lazy("Split the claim"), _BEFORE_SUBMISSION, Role.FACT_CHECKER)
MERGE = Move(
    "claim_merge",
    gettext_lazy("Merge into another claim"),
    {ReviewStatus.NEW: ReviewStatus.DISMISSED, ReviewStatus.RESEARCHING: ReviewStatus.DISMISSED},
    Role.FACT_CHECKER,
)
CLAIM_MOVES = (CORRECT, SPLIT, MERGE)

# What a correction may change: the figure, the date window and the speaker the extractor read.
CORRECTABLE = (
    "quantity_value", "quantity_upper", "quantity_comparator", "quantity_unit", "quantity_subject",
    "date_earliest", "date_latest", "speaker", "speaker_kind",
)
_TEXT_FIELDS = ("quantity_comparator", "quantity_unit", "quantity_subject", "speaker", "speaker_kind")
MAX_SPEAKER_CHARS = 300


def claim_moves_for(*, review: Review, user: UserLike | None) -> list[Move]:
    allowed = []
    for move in CLAIM_MOVES:
        try:
            _check_status(review, move)
            _check_role(review, move, user)
        except (MoveNotAllowed, NotAllowedForRole):
            continue
        allowed.append(move)
    return allowed


def _check_figures(values: dict[str, Any]) -> None:
    comparator = values.get("quantity_comparator") or ""
    if comparator and comparator not in Comparator.values:
        raise InvalidInput("quantity_comparator", _("“%(value)s” is not a comparator.") % {"value": comparator})
    if comparator == Comparator.BETWEEN and values.get("quantity_upper") is None:
        raise MissingInput("quantity_upper", _("“Between” needs the upper value too."))
    earliest, latest = values.get("date_earliest"), values.get("date_latest")
    if (earliest is None) != (latest is None):
        raise MissingInput("date_latest", _("Give both ends of the date window, or neither."))
    if earliest is not None and latest is not None and latest < earliest:
        raise InvalidInput("date_latest", _("The date window ends before it starts."))
    kind = values.get("speaker_kind") or ""
    if kind and kind not in SpeakerKind.values:
        raise InvalidInput("speaker_kind", _("“%(value)s” is not a kind of speaker.") % {"value": kind})
    if len(values.get("speaker") or "") > MAX_SPEAKER_CHARS:
        raise InvalidInput("speaker", _("A speaker is at most %(n)d characters.") % {"n": MAX_SPEAKER_CHARS})


def _speaker_kept_apart(values: dict[str, Any]) -> dict[str, Any]:
    """The speaker's name with single spaces; without a speaker, no kind of speaker."""
    values = dict(values)
    if "speaker" in values:
        values["speaker"] = " ".join((values["speaker"] or "").split())
    if "speaker_kind" in values and not values.get("speaker"):
        values["speaker_kind"] = ""
    return values


def _kind_of(values: dict[str, Any]) -> str:
    if values.get("quantity_value") is not None:
        return ClaimKind.QUANTITY
    if values.get("date_earliest") is not None:
        return ClaimKind.EVENT
    return ClaimKind.STATEMENT


@transaction.atomic
def claim_add_by_hand(
    *,
    actor: UserLike,
    text: str,
    language: str,
    seen_where: str,
    seen_url: str = "",
    seen_on: datetime.date | None = None,
    **figures: Any,
) -> Review:
    """A claim that came in by a tipline or a social post: stored as a one-claim article (the
    claim's own text, where it was seen), with its review opened and the first event by `actor`."""
    if actor is None or not is_fact_checker(actor):
        raise NotAllowedForRole(_("Only fact-checkers and editors may add claims."))
    text = " ".join((text or "").split())
    if not text:
        raise MissingInput("text", _("Write the claim."))
    if len(text) > MAX_CLAIM_CHARS:
        raise InvalidInput("text", _("A claim is at most %(n)d characters.") % {"n": MAX_CLAIM_CHARS})
    if language not in Language.values:
        raise InvalidInput("language", _("Choose the claim's language."))
    seen_where = (seen_where or "").strip()
    if not seen_where:
        raise MissingInput("seen_where", _("Say where the claim was seen (a tipline, a post)."))
    seen_on = seen_on or timezone.localdate()
    if seen_on > timezone.localdate():
        raise InvalidInput("seen_on", _("The date seen cannot be in the future."))
    unknown = set(figures) - set(CORRECTABLE)
    if unknown:
        raise InvalidInput(sorted(unknown)[0], _("A claim has no field “%(field)s”.") % {"field": sorted(unknown)[0]})
    figures = _speaker_kept_apart(figures)
    _check_figures(figures)
    digest = content_hash(f"{text}\n{seen_where}\n{seen_url}\n{uuid.uuid4()}")
    if seen_url and Article.objects.filter(url=seen_url).exists():
        raise InvalidInput("seen_url", _("An article is stored for this address already: add the claim there."))
    article = Article.objects.create(
        title=seen_where[:500], body=text, url=seen_url or None, outlet=seen_where[:200], language=language,
        published_on=seen_on, content_hash=digest, extraction_status=ExtractionStatus.DONE,
        extractor_version=BY_HAND_VERSION, extracted_at=timezone.now(),
    )
    claim = Claim.objects.create(
        article=article, kind=_kind_of(figures), text=text, span_start=0, span_end=len(text), language=language,
        checkworthiness=HAND_CHECKWORTHINESS, extraction_key=f"hand:{digest[:40]}",
        **{name: value for name, value in figures.items() if value not in (None, "")},
    )
    [review] = reviews_open_for_claims(
        claims=[claim], actor=actor, note_code="added_by_hand", note_values=note_values(seen=seen_where)
    )
    # Matched as an extracted claim is: in the matching task once this commits, never waited for.
    claims_queue_matching([claim.pk])
    return review


@transaction.atomic
def claim_correct(*, review: Review, actor: UserLike, note: str = "", **changes: Any) -> Review:
    """Correct the figure or date window the extractor misread, before the verdict is submitted."""
    _check_status(review, CORRECT)
    _check_role(review, CORRECT, actor)
    unknown = set(changes) - set(CORRECTABLE)
    if unknown:
        raise InvalidInput(sorted(unknown)[0], _("A claim has no field “%(field)s”.") % {"field": sorted(unknown)[0]})
    claim = Claim.objects.select_for_update().get(pk=review.claim_id)
    values = {name: getattr(claim, name) for name in CORRECTABLE}
    normal = {name: ("" if value is None and name in _TEXT_FIELDS else value) for name, value in changes.items()}
    if "speaker" in normal and "speaker_kind" not in normal:
        normal["speaker_kind"] = values["speaker_kind"]
    normal = _speaker_kept_apart(normal)
    changed = {name: value for name, value in normal.items() if values[name] != value}
    if not changed:
        raise InvalidInput("claim", _("Nothing to correct: the claim reads so already."))
    values.update(changed)
    _check_figures(values)
    text = "; ".join(f"{name} {getattr(claim, name)!s} → {value!s}" for name, value in sorted(changed.items()))
    for name, value in changed.items():
        setattr(claim, name, value)
    claim.kind = _kind_of(values) if claim.kind in (ClaimKind.QUANTITY, ClaimKind.EVENT, ClaimKind.STATEMENT) \
        else claim.kind
    claim.save()
    review.claim = claim
    _move(review, review.status, actor, note.strip(), move=CORRECT.name, note_code="claim_corrected",
          note_values=note_values(changes=text))
    claims_match_again([claim.pk])
    return review


@transaction.atomic
def claim_split(*, review: Review, actor: UserLike, second_starts: str) -> Review:
    """Split the claim where `second_starts` (words of its text) begins; the second part is a
    new claim with its own review. Returns the new review."""
    _check_status(review, SPLIT)
    _check_role(review, SPLIT, actor)
    claim = Claim.objects.select_for_update().get(pk=review.claim_id)
    second_starts = " ".join((second_starts or "").split())
    at = claim.text.find(second_starts) if second_starts else -1
    if at <= 0:
        raise InvalidInput("second_starts", _("Give the words where the second claim begins, as they are written."))
    first, second = claim.text[:at].rstrip(), claim.text[at:]
    if not first.strip():
        raise InvalidInput("second_starts", _("Both parts of a split need words of their own."))
    cut = claim.span_start + at
    new = Claim(
        article_id=claim.article_id, kind=claim.kind, text=second, span_start=cut, span_end=claim.span_end,
        language=claim.language, speaker=claim.speaker, speaker_kind=claim.speaker_kind,
        checkworthiness=claim.checkworthiness,
        extraction_key=f"split:{claim.pk}:{at}",
    )
    # The figure and the date go with the part they were read in.
    for prefix, fields in (("quantity", ("value", "upper", "comparator", "unit", "subject")),
                           ("date", ("earliest", "latest", "text"))):
        start = getattr(claim, f"{prefix}_span_start")
        if start is not None and start >= cut:
            for name in (*fields, "span_start", "span_end"):
                setattr(new, f"{prefix}_{name}", getattr(claim, f"{prefix}_{name}"))
                empty = "" if isinstance(getattr(claim, f"{prefix}_{name}"), str) else None
                setattr(claim, f"{prefix}_{name}", empty)
    new.kind = _kind_of({"quantity_value": new.quantity_value, "date_earliest": new.date_earliest})
    new.save()
    claim.text, claim.span_end = first, claim.span_start + len(first)
    claim.kind = _kind_of({"quantity_value": claim.quantity_value, "date_earliest": claim.date_earliest})
    claim.save()
    review.claim = claim
    [new_review] = reviews_open_for_claims(
        claims=[new], actor=actor, note_code="split_from", note_values=note_values(claim=claim.pk)
    )
    _move(review, review.status, actor, move=SPLIT.name, note_code="claim_split", note_values=note_values(claim=new.pk))
    claims_match_again([claim.pk, new.pk])
    return new_review


@transaction.atomic
def claim_merge(*, review: Review, actor: UserLike, kept: Review, note: str = "") -> Review:
    """The claim repeats `kept`'s: it points to the kept claim and its review ends dismissed."""
    _check_status(review, MERGE)
    _check_role(review, MERGE, actor)
    if kept is None:
        raise MissingInput("kept", _("Choose the claim to keep."))
    if kept.pk == review.pk:
        raise InvalidInput("kept", _("A claim cannot be merged into itself."))
    if kept.status == ReviewStatus.DISMISSED or kept.claim.merged_into_id is not None:
        raise InvalidInput("kept", _("Keep a claim that is still open, not one dismissed or merged."))
    Claim.objects.filter(pk=review.claim_id).update(merged_into=kept.claim_id, updated_at=timezone.now())
    review.claim.merged_into_id = kept.claim_id
    _move(review, ReviewStatus.DISMISSED, actor, note.strip(), move=MERGE.name, note_code="merged_into",
          note_values=note_values(claim=kept.claim_id))
    return review
