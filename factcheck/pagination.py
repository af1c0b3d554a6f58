"""The API's pages: a cursor that is checked before it reaches a query, and numbered pages."""

import base64
import binascii
import re
from urllib import parse

from rest_framework import status
from rest_framework.exceptions import APIException
from rest_framework.pagination import Cursor, CursorPagination
from rest_framework.request import Request

# Our cursors order by id, so a position is an id: digits only, at most a bigint.
_POSITION = re.compile(r"\d{1,19}")
_MAX_ID = 2**63 - 1
_OFFSET = re.compile(r"\d{1,4}")


class InvalidCursor(APIException):
    status_code = status.HTTP_400_BAD_REQUEST
    default_detail = "invalid cursor: use the next or previous link of a page as it was given."
    default_code = "invalid_cursor"


class IdCursorPagination(CursorPagination):
    """Cursor pages over id: a cursor someone crafted is a 400, never a query error."""

    ordering = "-id"

    def decode_cursor(self, request: Request) -> Cursor | None:
        encoded = request.query_params.get(self.cursor_query_param)
        if encoded is None:
            return None
        try:
            tokens = parse.parse_qs(
                base64.b64decode(encoded.encode("ascii"), validate=True).decode("ascii"),
                keep_blank_values=True, strict_parsing=True,
            )
        except (UnicodeError, ValueError, binascii.Error) as error:
            raise InvalidCursor() from error
        if set(tokens) - {"o", "r", "p"} or any(len(values) != 1 for values in tokens.values()):
            raise InvalidCursor()
        offset, reverse = tokens.get("o", ["0"])[0], tokens.get("r", ["0"])[0]
        position = tokens.get("p", [None])[0]
        if not _OFFSET.fullmatch(offset) or int(offset) > self.offset_cutoff or reverse not in {"0", "1"}:
            raise InvalidCursor()
        if position is not None and (not _POSITION.fullmatch(position) or int(position) > _MAX_ID):
            raise InvalidCursor()
        # DRF's Cursor says int, but it carries the position as the text it was given.
        return Cursor(offset=int(offset), reverse=reverse == "1", position=position)  # type: ignore[arg-type]
