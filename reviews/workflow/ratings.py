"""The rating scale: one place for values, numbers, labels and definitions.

The API publishes this scale as it stands, and ClaimReview takes `number` as ratingValue
(bestRating 5, worstRating 1). `misleading` and `unproven` sit outside the scale: they have
no number, so ClaimReview gets only alternateName for them.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

BEST_RATING = 5
WORST_RATING = 1


class Rating(models.TextChoices):
    TRUE = "true", _("True")
    MOSTLY_TRUE = "mostly_true", _("Mostly true")
    HALF_TRUE = "half_true", _("Half true")
    MOSTLY_FALSE = "mostly_false", _("Mostly false")
    FALSE = "false", _("False")
    MISLEADING = "misleading", _("Misleading")
    UNPROVEN = "unproven", _("Unproven")


@dataclass(frozen=True)
class RatingLevel:
    value: str
    number: int | None
    definition: str | Promise  # lazily translated: read it inside a request, in the reader's language

    @property
    def label(self) -> str:
        return str(Rating(self.value).label)


# Ordered best to worst, then the two ratings outside the numeric scale.
SCALE: tuple[RatingLevel, ...] = (
    RatingLevel(Rating.TRUE, 5, _("The claim is accurate and nothing significant is missing.")),
    RatingLevel(
        Rating.MOSTLY_TRUE, 4,
        _("The claim is accurate but needs clarification or additional information."),
    ),
    RatingLevel(
        Rating.HALF_TRUE, 3,
        _("The claim is partially accurate but leaves out important details or takes things out of context."),
    ),
    RatingLevel(
        Rating.MOSTLY_FALSE, 2,
        _("The claim contains an element of truth but ignores facts that would give a different impression."),
    ),
    RatingLevel(Rating.FALSE, 1, _("The claim is not accurate.")),
    RatingLevel(
        Rating.MISLEADING, None,
        _("The facts may be accurate, but they are presented so as to give a false impression."),
    ),
    RatingLevel(
        Rating.UNPROVEN, None,
        _("The available evidence can neither confirm nor refute the claim."),
    ),
)

BY_VALUE: dict[str, RatingLevel] = {level.value: level for level in SCALE}


def rating_level(value: str) -> RatingLevel:
    """The scale entry for a stored rating value; KeyError for an unknown one."""
    return BY_VALUE[value]
