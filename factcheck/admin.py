"""The admin site as the newsroom sees it: named factcheck, and what Django and django-axes
draw themselves (people, groups and permissions in `admin_people`, sign-in records in
`admin_axes`, the yes/no icons here) in the reader's language."""

from typing import Any

from django.contrib import admin
from django.contrib.admin.templatetags import admin_list
from django.http import HttpRequest
from django.templatetags.static import static
from django.urls import Resolver404, resolve
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from factcheck import admin_axes, admin_people  # noqa: F401  (they register their pages)

admin.site.site_header = "factcheck"
admin.site.site_title = "factcheck"
_each_context = admin.site.each_context


def public_home() -> str | None:
    """The public site's front page if there is one: "View site" never leads to a 404."""
    try:
        resolve("/")
    except Resolver404:
        return None
    return "/"


def each_context(request: HttpRequest) -> dict[str, Any]:
    context = _each_context(request)
    context["site_url"] = public_home()
    return context


admin.site.each_context = each_context  # type: ignore[method-assign]


def boolean_icon(field_val: bool | None) -> SafeString:
    """Django's yes/no icon, its alt text in the reader's language (Django writes "True")."""
    icon = {True: "yes", False: "no", None: "unknown"}[field_val]
    words = {True: gettext("Yes"), False: gettext("No"), None: gettext("Unknown")}
    return format_html('<img src="{}" alt="{}">', static(f"admin/img/icon-{icon}.svg"), words[field_val])


# The admin looks the helper up in this module each time it draws an icon.
admin_list._boolean_icon = boolean_icon  # type: ignore[attr-defined]
