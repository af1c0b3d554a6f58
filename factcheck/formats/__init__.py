"""Per-language date and number formats (FORMAT_MODULE_PATH), and the month names in dates.

Django's Kazakh catalog capitalises month names ("Наурыз"), which reads wrong inside a date
("11 Наурыз 2018"). Naming them here puts them in our catalogs, which take precedence over
Django's own (LOCALE_PATHS), with the lower-case forms running text uses ("11 наурыз 2018").
The "alt. month" context is the one Django's date format "E" looks up.
"""

from django.utils.translation import pgettext_lazy

MONTHS_AFTER_DAY = (
    pgettext_lazy("alt. month", "January"),
    pgettext_lazy("alt. month", "February"),
    pgettext_lazy("alt. month", "March"),
    pgettext_lazy("alt. month", "April"),
    pgettext_lazy("alt. month", "May"),
    pgettext_lazy("alt. month", "June"),
    pgettext_lazy("alt. month", "July"),
    pgettext_lazy("alt. month", "August"),
    pgettext_lazy("alt. month", "September"),
    pgettext_lazy("alt. month", "October"),
    pgettext_lazy("alt. month", "November"),
    pgettext_lazy("alt. month", "December"),
)
