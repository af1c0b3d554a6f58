"""The claim queue's filters: by check-worthiness band and by re-check date."""

import datetime

from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class CheckworthinessFilter(admin.SimpleListFilter):
    title = _("check-worthiness")
    parameter_name = "worth"
    BANDS = {"high": (0.7, None), "medium": (0.4, 0.7), "low": (None, 0.4)}

    def lookups(self, request, model_admin):
        return [("high", _("high (≥ 0.7)")), ("medium", _("medium (0.4–0.7)")), ("low", _("low (< 0.4)"))]

    def queryset(self, request, queryset):
        value = self.value()
        if value is None or value not in self.BANDS:
            return queryset
        low, high = self.BANDS[value]
        if low is not None:
            queryset = queryset.filter(claim__checkworthiness__gte=low)
        if high is not None:
            queryset = queryset.filter(claim__checkworthiness__lt=high)
        return queryset


class RecheckFilter(admin.SimpleListFilter):
    title = _("re-check date")
    parameter_name = "recheck"

    def lookups(self, request, model_admin):
        return [
            ("due", _("due (today or earlier)")),
            ("week", _("in the next 7 days")),
            ("later", _("later")),
            ("none", _("none")),
        ]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        week = today + datetime.timedelta(days=7)
        match self.value():
            case "due":
                return queryset.filter(recheck_on__lte=today)
            case "week":
                return queryset.filter(recheck_on__gt=today, recheck_on__lte=week)
            case "later":
                return queryset.filter(recheck_on__gt=week)
            case "none":
                return queryset.filter(recheck_on__isnull=True)
        return queryset
