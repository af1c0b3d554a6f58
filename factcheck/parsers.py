"""Request parsers: JSON with a nesting limit.

Python's json module recurses once per level, so a body of 100,000 `[` ends in RecursionError
(a 500) before any serializer sees it. No input of ours nests more than a few levels.
"""

import io
import re
from typing import Any

from django.conf import settings
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

# A string (escapes included) or a bracket: brackets inside strings do not count.
_TOKENS = re.compile(rb'"(?:[^"\\]|\\.)*"|[\[\]{}]')
_OPENERS = frozenset(b"[{")


def nesting_depth_exceeds(body: bytes, limit: int) -> bool:
    depth = 0
    for token in _TOKENS.finditer(body):
        first = token.group()[0]
        if first in _OPENERS:
            depth += 1
            if depth > limit:
                return True
        elif first != ord('"'):
            depth -= 1
    return False


class DepthLimitedJSONParser(JSONParser):
    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        body = stream.read()
        limit = settings.API_MAX_JSON_DEPTH
        if nesting_depth_exceeds(body, limit):
            raise ParseError(f"JSON parse error - the body nests deeper than {limit} levels.")
        return super().parse(io.BytesIO(body), media_type, parser_context)
