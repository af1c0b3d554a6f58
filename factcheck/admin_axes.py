"""django-axes' sign-in records in the admin, in the reader's language.

Its admin names a column after a method ("Status") and its records describe themselves in
English ("Failed access: user … from …"); both are said again here through our catalog.
"""

from axes import admin as axes_admin
from axes.conf import settings as axes_settings
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _


def _when(record: AccessAttempt | AccessLog | AccessFailureLog) -> str:
    return date_format(localtime(record.attempt_time), "DATETIME_FORMAT")


def attempt_str(attempt: AccessAttempt) -> str:
    return gettext("Sign-in attempts by %(username)s, last at %(when)s") % {
        "username": attempt.username, "when": _when(attempt)}


def failure_str(failure: AccessFailureLog) -> str:
    template = (gettext("Failed sign-in by %(username)s from %(ip)s at %(when)s, locked out") if failure.locked_out
                else gettext("Failed sign-in by %(username)s from %(ip)s at %(when)s"))
    return template % {"username": failure.username, "ip": failure.ip_address, "when": _when(failure)}


def log_str(log: AccessLog) -> str:
    return gettext("Sign-in by %(username)s at %(when)s") % {"username": log.username, "when": _when(log)}


AccessAttempt.__str__ = attempt_str
AccessFailureLog.__str__ = failure_str
AccessLog.__str__ = log_str


class AccessAttemptAdmin(axes_admin.AccessAttemptAdmin):
    @admin.display(description=_("status"))
    def status(self, obj: AccessAttempt) -> str:
        remaining = axes_settings.AXES_FAILURE_LIMIT - obj.failures_since_start
        if remaining > 0:
            return ngettext("%(n)d attempt left", "%(n)d attempts left", remaining) % {"n": remaining}
        return gettext("Locked Out")


admin.site.unregister(AccessAttempt)
admin.site.register(AccessAttempt, AccessAttemptAdmin)
