"""What the project keeps about a person beyond Django's user: the language they read in."""

from collections.abc import Iterable

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Profile(models.Model):
    """One per person who chose a language (the switcher in the admin header sets it)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, primary_key=True, related_name="profile",
        verbose_name=_("user"),
    )
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)

    class Meta:
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")

    def __str__(self) -> str:
        return f"{self.user} ({self.language})"


def languages_of(emails: Iterable[str]) -> dict[str, str]:
    """Each address and the language its person reads in; the site's language for anyone who
    never chose one (or an address that is nobody's)."""
    emails = list(emails)
    chosen = dict(
        Profile.objects.filter(user__email__in=emails).values_list("user__email", "language")
    )
    return {email: chosen.get(email, settings.LANGUAGE_CODE) for email in emails}
