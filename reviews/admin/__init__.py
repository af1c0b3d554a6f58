"""The reviews app's admin pages. Django's admin autodiscovery imports this package; the review
page (`review`) registers the models and uses the dates and evidence parts."""

from reviews.admin import review  # noqa: F401
