"""The API's pages: a cursor that is checked before it reaches a query, and numbered pages."""

import base64
import binascii
import re
from typing import Any
from urllib import parse

from rest_framework import status
from rest_framework.exceptions import APIException, ValidationError
from rest_framework.pagination import Cursor, CursorPagination, PageNumberPagination
from rest_framework.request import Request

# Our cursors order by id, so a position is an id: digits only, at most a bigint.
_POSITION = re.compile(r"\d{1,19}")
_MAX_ID = 2**63 - 1
_OFFSET = re.compile(r"\d{1,4}")


class InvalidCursor(APIException):
    status_code = status.HTTP_400_BAD_REQUEST
    default_detail = "invalid cursor: use the next or previous link of a page as it was given."
    default_code = "invalid_cursor"


class StrictPageSize:
    """`page_size` between 1 and max_page_size, or a 400 that says so (DRF would clamp it)."""

    page_size: int | None
    page_size_query_param: str | None
    max_page_size: int | None

    def get_page_size(self, request: Request) -> int | None:
        name = self.page_size_query_param
        if not name or name not in request.query_params:
            return self.page_size
        given = request.query_params[name]
        highest = self.max_page_size or 1000
        if not given.isdigit() or not 1 <= int(given) <= highest:
            raise ValidationError({name: [f"A whole number from 1 to {highest}."]})
        return int(given)

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        # The bounds the 400 above enforces, so that clients (and fuzzers) know them.
        parameters: list[dict[str, Any]] = super().get_schema_operation_parameters(view)  # type: ignore[misc]
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"].update(minimum=1, maximum=self.max_page_size or 1000)
            elif parameter["name"] == getattr(self, "page_query_param", None):
                parameter["schema"].update(minimum=1)
            elif parameter["name"] == getattr(self, "cursor_query_param", None):
                parameter["schema"].update(pattern=r"^[A-Za-z0-9+/]+={0,2}$")  # as the links give it
        return parameters


class IdCursorPagination(StrictPageSize, CursorPagination):
    """Cursor pages over id: a cursor someone crafted is a 400, never a query error."""

    ordering = "-id"

    def valid_position(self, position: str) -> bool:
        return bool(_POSITION.fullmatch(position)) and int(position) <= _MAX_ID

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
        if position is not None and not self.valid_position(position):
            raise InvalidCursor()
        # DRF's Cursor says int, but it carries the position as the text it was given.
        return Cursor(offset=int(offset), reverse=reverse == "1", position=position)  # type: ignore[arg-type]


class NumberedPages(StrictPageSize, PageNumberPagination):
    """Numbered pages: `page` is a whole number from 1 (a 400 otherwise); past the last page, 404."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 100
    last_page_strings = ()

    def get_page_number(self, request: Request, paginator: Any) -> Any:
        given = request.query_params.get(self.page_query_param, "1")
        if not given.isdigit() or int(given) < 1:  # a page past the last one is a 404
            raise ValidationError({self.page_query_param: ["A whole number from 1."]})
        return given


def query_params_of(paginator_class: type | None) -> set[str]:
    """The query parameters a pagination class reads."""
    if paginator_class is None:
        return set()
    names = {getattr(paginator_class, attribute, None) for attribute in (
        "page_query_param", "cursor_query_param", "page_size_query_param", "limit_query_param", "offset_query_param",
    )}
    return {name for name in names if name}
