"""Other fact-checkers' verdicts (imported ClaimReview) as "Checked before" shows them: the claim
they reviewed, its language, the outlet that published the verdict, and the verdict itself
linked to their page."""

from django.utils.html import format_html
from django.utils.safestring import SafeString

from claims.models import ExternalVerdict, Language


def cells(verdict: ExternalVerdict) -> tuple[str, str, str, SafeString]:
    """The claim reviewed, its language, the publisher, and the rating and date linked to the verdict."""
    code = (verdict.language or "").strip().lower()[:2]
    language = str(Language(code).label) if code in Language.values else (verdict.language or "—")
    outlet = verdict.publisher or (verdict.outlet.name if verdict.outlet is not None else "—")
    said = format_html("{} · {}", verdict.rating_text or "—",
                       verdict.published_on.isoformat() if verdict.published_on else "—")
    shown = format_html('<a href="{}" rel="noopener" target="_blank">{}</a>', verdict.url, said) if verdict.url \
        else said
    return verdict.claim_reviewed, language, outlet, shown
