"""Every product test of matching starts from an index built from its own database."""

import pytest
from django.core.cache import cache

from claims.matching_service import index_forget


@pytest.fixture(autouse=True)
def fresh_matching_index():
    """And no throttle counts left by another test (they live in the cache)."""
    index_forget()
    cache.clear()
    yield
    index_forget()
    cache.clear()
