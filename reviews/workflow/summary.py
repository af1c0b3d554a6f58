"""The claim summary: the short line a fact-checker writes for the claim reviewed (ClaimReview's
`claimReviewed`, what search engines show beside the verdict), in the claim's language.

A blind cut of the claim's text is only a suggestion: cut at 75 characters it keeps the
opening ("Денсаулық сақтау министрлігінің хабарлауынша, …") and loses what is claimed.
"""

import re

from django.utils.translation import gettext as _

from reviews.workflow.errors import InvalidInput, MissingInput

CLAIM_SUMMARY_MAX = 75
ELLIPSIS = "…"
_CYRILLIC = re.compile(r"[а-яёәғқңөұүһі]", re.I)
_LATIN = re.compile(r"[a-z]", re.I)


def suggested_summary(text: str, limit: int = CLAIM_SUMMARY_MAX) -> str:
    """The text in fewer than `limit` characters, cut at a word with an ellipsis if needed."""
    text = " ".join(text.split())
    if len(text) < limit:
        return text
    cut = text[: limit - 2]
    if " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.-–—") + ELLIPSIS


def _script(text: str) -> str | None:
    cyrillic, latin = len(_CYRILLIC.findall(text)), len(_LATIN.findall(text))
    if cyrillic == latin == 0:
        return None
    return "cyrillic" if cyrillic >= latin else "latin"


def checked_summary(summary: str, claim_text: str, language_name: str) -> str:
    """`summary` with its spaces made single; MissingInput or InvalidInput if it cannot be published."""
    summary = " ".join((summary or "").split())
    if not summary:
        raise MissingInput(
            "claim_summary",
            _("Write the claim summary: at most %(max)d characters, in the claim's language. "
              "It is what search engines show as the claim reviewed.") % {"max": CLAIM_SUMMARY_MAX},
        )
    if len(summary) > CLAIM_SUMMARY_MAX:
        raise InvalidInput(
            "claim_summary",
            _("The claim summary has %(n)d characters; keep it to %(max)d at most.")
            % {"n": len(summary), "max": CLAIM_SUMMARY_MAX},
        )
    # Only what is certain: a summary in another alphabet than the claim's is in another language.
    written, claimed = _script(summary), _script(claim_text)
    if written and claimed and written != claimed:
        raise InvalidInput(
            "claim_summary",
            _("Write the claim summary in the claim's language (%(language)s).") % {"language": language_name},
        )
    return summary
