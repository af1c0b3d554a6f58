from collections.abc import Iterator

import pytest
from django.utils import translation

from tests.i18n.catalogs import compile_stale_catalogs


def pytest_configure(config) -> None:
    compile_stale_catalogs()


@pytest.fixture(autouse=True)
def back_to_the_default_language() -> Iterator[None]:
    """A request in Kazakh leaves Kazakh active on this thread (LocaleMiddleware does not
    undo it); later tests expect the default."""
    yield
    translation.deactivate()
