"""Words of Django's own admin that its Kazakh catalog leaves untranslated.

Naming them here (gettext_noop: nothing is translated at import) puts them in our catalogs,
which take precedence over Django's (LOCALE_PATHS), so the admin a Kazakh newsroom uses every
day reads in Kazakh throughout. The Russian entries repeat Django's own Russian.
"""

from django.utils.translation import gettext_noop as _

ADMIN_WORDS_MISSING_IN_KAZAKH = (
    _("Authentication and Authorization"),
    _("Administration"),
    _("View site"),
    _("View %s"),
    _("View"),
    _("Close"),
    _("Save and view"),
    _("Skip to main content"),
    _("Breadcrumbs"),
    _("Toggle navigation"),
    _("Sidebar"),
    _("Start typing to filter…"),
    _("Filter navigation items"),
    _("Toggle theme (current theme: auto)"),
    _("Toggle theme (current theme: light)"),
    _("Toggle theme (current theme: dark)"),
    _("Recent actions"),
    _("My actions"),
    _("Clear all filters"),
    _("Hide counts"),
    _("Show counts"),
    _("Empty"),
    _("Not empty"),
    _("Model name"),
    _("Add link"),
    _("Change or view list link"),
    _("Models in the %(name)s application"),
    _("Select all objects on this page for an action"),
    _("Select this object for an action - {}"),
    _("Remove from sorting"),
    _("Sorting priority: %(priority_number)s"),
    _("Toggle sorting"),
    _("Summary"),
    _("Objects"),
    _("Yes, I’m sure"),
    _("No, take me back"),
    _("Currently:"),
    _("Change:"),
    _("Error:"),
    _("You may edit it again below."),
    _("The {name} “{obj}” was changed successfully."),
    _("The {name} “{obj}” was changed successfully. You may edit it again below."),
    _("You don’t have permission to view or edit anything."),
    _("Forgotten your login credentials?"),
    _(
        "Please enter the correct %(username)s and password for a staff account. Note that both fields "
        "may be case-sensitive."
    ),
    _(
        "You are authenticated as %(username)s, but are not authorized to access this page. Would you "
        "like to login to a different account?"
    ),
    _("Hold down “Control”, or “Command” on a Mac, to select more than one."),
)
