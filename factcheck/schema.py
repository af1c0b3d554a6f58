"""The OpenAPI document as clients read it: every refusal an operation can give, in the one
Error shape, and the validators of the cacheable reads."""

# ruff: noqa: E501 (the table of operations is prose, one line each)

from typing import Any

ERROR_SCHEMA = {
    "type": "object",
    "description": "Every refusal: a code to branch on, words for a person, the input field at fault.",
    "properties": {
        "error": {"type": "string", "example": "invalid_input"},
        "detail": {"type": "string", "example": "This field is required."},
        "field": {"type": "string", "nullable": True, "example": "url"},
        "request_id": {"type": "string", "description": "Quote it when you report a problem."},
    },
    "required": ["error", "detail", "field"],
}
WHY = {
    "400": "Unusable input or an unknown query parameter; `field` names it.",
    "401": "No credentials, or a token that is not valid.",
    "403": "Your token or role may not do this.",
    "404": "No such object, or not one you may see.",
    "409": "The object's state does not allow it, or someone changed it first.",
    "413": "The request body is larger than the server accepts.",
    "415": "The body is not JSON: send `Content-Type: application/json`.",
    "414": "The URL is longer than the server accepts.",
    "429": "Too many requests: wait for `Retry-After` seconds (see the RateLimit-* headers).",
}
RATE_LIMIT_HEADERS = {
    "RateLimit-Limit": "Requests allowed in the current window.",
    "RateLimit-Remaining": "Requests left in the current window.",
    "RateLimit-Reset": "Seconds until the window frees a request.",
}
VALIDATORS = {
    "ETag": "The representation's tag (it differs per language); send it back in If-None-Match for a 304.",
    "Last-Modified": "When the verdict last changed; send it back in If-Modified-Since for a 304.",
    "Cache-Control": "public, max-age=60: anyone may cache it briefly.",
}


MOVE = " The role is checked first (403), then the review's status (409); send `version` to be told if anyone moved it since you read it."
# What each operation does, in a client's words (the views' docstrings are for their readers).
WORDS: dict[str, tuple[str | None, str]] = {
    "articles_list": (None, "Articles you may see: the newsroom sees all; a client sees those with a published verdict and those it sent. Without the text; 50 a page."),
    "articles_create": (None, "Send `body` (plain text), `html` (the main text is found in it) or `url` alone. Text and HTML are stored at once (201, or 200 with the stored article when the same text came before); a URL answers 202 and is fetched by a task: follow the article's `extraction_status` from `fetching` to `done`, or `failed` with the reason in `extraction_error`."),
    "articles_retrieve": (None, "The article with its full text. Its claims are at `claims_url`, in pages."),
    "claims_list": (None, "The review queue. Without a newsroom role only published claims, and no filter by assignee."),
    "claims_retrieve": (None, "The claim, its review, its sources and its published revisions; the audit log and the moves open to you for the newsroom only."),
    "claims_approve_create": (None, "An editor who did not submit the verdict publishes it: a revision is recorded and webhooks are sent." + MOVE),
    "claims_assign_create": (None, "An editor gives the claim to a fact-checker (or `null` to unassign)." + MOVE),
    "claims_close_as_checked_create": (None, "The claim repeats one checked before: with `match`, the id of its confirmed match (claims/{id}/matches/) to a published verdict, it goes to an editor carrying that verdict's rating and citing it (`based_on`); the approval is another editor's, as for any verdict. Refused (400) when the match is not this claim's, not confirmed, or its verdict is not published now." + MOVE),
    "claims_dismiss_create": (None, "Set a new claim aside as not worth checking; `note` says why." + MOVE),
    "claims_recheck_now_create": (None, "Bring a scheduled claim back to research today." + MOVE),
    "claims_reopen_create": (None, "An editor reopens a published verdict for a correction; the published revision stays visible." + MOVE),
    "claims_restore_create": (None, "Bring a dismissed claim back to the queue." + MOVE),
    "claims_schedule_create": (None, "Park the claim until `recheck_on`, a future date: it comes back by itself." + MOVE),
    "claims_send_back_create": (None, "An editor returns a submitted verdict to research with a note." + MOVE),
    "claims_sources_list": (None, "The evidence of the claim's review; a source withheld for safety shows its public description only to readers outside the newsroom."),
    "claims_sources_create": (None, "Add evidence to the review: a URL, title and stance at least, or a withheld source with its public description."),
    "claims_submit_create": (None, "Submit a rating and explanation for an editor; the review needs a source first." + MOVE),
    "claims_take_create": (None, "Assign yourself the claim and start researching it." + MOVE),
    "ratings_retrieve": (None, "The scale every verdict is rated on, best to worst, with each rating's number (ClaimReview's ratingValue) and definition, in your language."),
    "verdicts_list": (None, "Published verdicts, newest first, for anyone. Follow `next` (a cursor) to page; filter by language, rating, words or `updated_since`. Send the ETag back in If-None-Match for a 304."),
    "verdicts_retrieve": (None, "One published verdict with its sources and every earlier revision; with `Accept: application/ld+json`, its ClaimReview."),
    "claims_matches_retrieve": (None, "Claims already stored that say the same as this one, in any of Kazakh, Russian and English, best first: each with its score, tier (same or related), why, any conflicting figure or date, and the verdict when it is published."),
    "verdicts_search_retrieve": (None, "Published verdicts that match any text you send in Kazakh, Russian or English, best first, each with its score and why; an empty list when nothing like it was checked. Throttled."),
    "external_verdicts_list": (None, "Other fact-checkers' published verdicts imported from their ClaimReview markup, newest first; filter with `q` (words), `publisher` and `language`. For the newsroom."),
    "external_verdicts_retrieve": (None, "One imported verdict: the claim reviewed, the rating as its publisher gave it, publisher, date, language, the claim's author and appearance, and the markup's licence."),
    "feed_sources_list": (None, "The feeds and news sitemaps the newsroom polls, with their state: last poll and success, failures in a row, last error, and why a source was switched off. Filter by `enabled` and `outlet`."),
    "feed_sources_retrieve": (None, "One feed or sitemap with its poll state and the report of its last poll (what it found and what it skipped, with reasons)."),
    "feed_sources_partial_update": (None, "Editors change how often a source is polled (`poll_minutes`) or switch it off (`enabled: false`)."),
    "feed_sources_switch_on_create": (None, "Editors switch a source on again after it was switched off: its failures are cleared and the next sweep polls it."),
    "outlets_list": (None, "The outlets the newsroom watches, each with its languages and its feeds and sitemaps. For the newsroom."),
    "outlets_create": (None, "Editors add an outlet with its feeds and sitemaps (or add sources to an outlet of that name); each new source is polled at the next sweep."),
    "outlets_retrieve": (None, "One outlet with its feeds and sitemaps and the state of each."),
    "verdicts_claimreview_retrieve": (None, "The verdict as schema.org ClaimReview JSON-LD, as embedded in its public page."),
    "webhooks_list": ("Your webhook endpoints", "The URLs that receive your verdict events; secrets are never shown again."),
    "webhooks_create": ("Register a webhook endpoint", "A public https URL and the events it wants. The answer shows the signing secret once: keep it. Deliveries are signed over `timestamp.body` (see X-Factcheck-Signature)."),
    "webhooks_retrieve": ("One of your webhook endpoints", "The endpoint's URL, events and whether it is active."),
    "webhooks_partial_update": ("Change a webhook endpoint", "Change its URL or events, or switch it off with `active: false`."),
    "webhooks_destroy": ("Delete a webhook endpoint", "The endpoint and its delivery log go; nothing more is sent to it."),
    "webhooks_deliveries_list": (None, "The last 100 deliveries to the endpoint: attempts, last status code, error, when delivered."),
}


# What each request body looks like when it is right (a client copies these first).
MOVE_EXAMPLE = {"note": "Сарапшыға жібердім.", "version": 3}
EXAMPLES: dict[str, dict[str, Any]] = {
    "articles_create": {
        "title": "Кемінде 340 бейбіт тұрғын мерт болды",
        "body": "БҰҰ мәліметінше, кемінде 340 бейбіт тұрғын мерт болды. Келесі келіссөз наурыздың ортасына жоспарланып отыр.",
        "published_on": "2018-02-23",
        "language": "kk",
        "outlet": "Kazinform",
    },
    "claims_approve_create": {"version": 5, "correction_note": ""},
    "claims_assign_create": {"assignee": 12, "note": "Сандарды тексеріңіз.", "version": 1},
    "claims_dismiss_create": {"note": "Пікір, тексерілетін факт емес.", "version": 0},
    "claims_recheck_now_create": MOVE_EXAMPLE,
    "claims_reopen_create": {"note": "БҰҰ жаңа сан жариялады.", "version": 6},
    "claims_restore_create": MOVE_EXAMPLE,
    "claims_schedule_create": {"recheck_on": "2027-03-15", "note": "Келіссөз өткен соң тексеру.", "version": 2},
    "claims_send_back_create": {"note": "Екінші дереккөз керек.", "version": 4},
    "claims_sources_create": {
        "url": "https://www.ohchr.org/en/press-releases/2018/02/civilian-casualties",
        "title": "Civilian casualties: monthly update",
        "publisher": "OHCHR",
        "accessed_on": "2018-02-24",
        "stance": "supports",
        "primary": True,
    },
    "claims_submit_create": {
        "rating": "mostly_true",
        "explanation": "БҰҰ есебі 336 адамды атайды: сан сәл асырылған.",
        "claim_summary": "Шығыс Гутада кемінде 340 бейбіт тұрғын мерт болды",
        "version": 3,
    },
    "claims_close_as_checked_create": {
        "match": 41,
        "claim_summary": "В Восточной Гуте погибли не менее 340 мирных жителей",
        "explanation": "",
        "version": 0,
    },
    "claims_take_create": {"version": 0},
    "feed_sources_partial_update": {"poll_minutes": 30, "enabled": True},
    "outlets_create": {
        "name": "Kazinform",
        "home_page": "https://www.inform.kz/",
        "languages": ["kk", "ru", "en"],
        "feeds": ["https://www.inform.kz/rss/kz.xml"],
        "sitemaps": [],
        "poll_minutes": 15,
    },
    "webhooks_create": {"url": "https://newsroom.example/hooks/verdicts", "events": ["verdict.published"]},
    "webhooks_partial_update": {"events": ["verdict.published", "verdict.corrected"], "active": True},
}
CONDITIONAL_HEADERS = {
    "If-None-Match": "An ETag you were given: 304 with no body while it still matches.",
    "If-Modified-Since": "A Last-Modified you were given: 304 with no body if nothing changed since.",
}


# Creates refused when what they add is stored already (a URL with another text, a watched feed).
CONFLICTING_CREATES = {"articles_create", "outlets_create"}


def error_codes(path: str, method: str, operation: dict[str, Any]) -> list[str]:
    # 401 everywhere: a token that is not valid is refused even where no token is needed.
    codes = ["400", "401", "414", "429"]
    if not operation.get("security") or {} not in operation["security"]:
        codes.append("403")
    if "{" in path:
        codes.append("404")
    if method in {"post", "patch", "put"}:
        codes += ["413", "415"]
        if ("{" in path and method == "post") or operation.get("operationId") in CONFLICTING_CREATES:
            codes.append("409")
    return codes


# Django refuses a NUL character in any text, and a text of spaces alone where one is required
# (DRF trims it first).
NO_NUL = r"^[^\x00]*$"
NOT_BLANK = r"^[^\x00]*[^\x00\s][^\x00]*$"
# An outlet comes with a feed or a sitemap at least (OutletAddSerializer.validate).
OUTLET_SOURCES_RULE = {
    "anyOf": [{"required": ["feeds"], "properties": {"feeds": {"minItems": 1}}},
              {"required": ["sitemaps"], "properties": {"sitemaps": {"minItems": 1}}}],
}
# An article is one of body or html, or a URL alone (ArticleIngestSerializer.validate).
ARTICLE_TEXT_RULE = {
    "anyOf": [{"required": ["body"]}, {"required": ["html"]},
              {"required": ["url"], "properties": {"url": {"type": "string"}}}],
    "not": {"required": ["body", "html"]},
}


# URLs stored blank when unknown (the models' blank=True URL fields): "" is a value they answer.
MAYBE_BLANK_URLS = {
    "Outlet": {"home_page"},
    "ExternalVerdict": {"url", "publisher_url", "claim_appearance"},
    "PublicSource": {"url"},
    "Source": {"url", "archive_url"},
}


def allow_blank_urls(components: dict[str, Any]) -> None:
    for name, fields in MAYBE_BLANK_URLS.items():
        properties = components.get(name, {}).get("properties", {})
        for field in fields & set(properties):
            url = properties[field]
            if url.get("format") == "uri":
                properties[field] = {"oneOf": [url, {"type": "string", "maxLength": 0}],
                                     **({"readOnly": True} if url.get("readOnly") else {})}


def tighten_text(schema: dict[str, Any]) -> None:
    """The text rules Django applies, written into a property's schema."""
    if schema.get("type") == "array":
        tighten_text(schema.get("items", {}))
    if schema.get("type") != "string" or "format" in schema or "enum" in schema or "pattern" in schema:
        return
    schema["pattern"] = NOT_BLANK if schema.get("minLength", 0) >= 1 else NO_NUL


def refuse_unknown_fields(result: dict[str, Any], operation: dict[str, Any]) -> None:
    """Every input refuses unknown fields (reviews.api.serializers.refuse_unknown_fields): say so."""
    components = result["components"]["schemas"]
    for media in operation.get("requestBody", {}).get("content", {}).values():
        ref = media.get("schema", {}).get("$ref", "")
        if ref.startswith("#/components/schemas/"):
            name = ref.rsplit("/", 1)[1]
            component = components[name]
            component["additionalProperties"] = False
            for schema in component.get("properties", {}).values():
                tighten_text(schema)
            component.update({"ArticleIngestRequest": ARTICLE_TEXT_RULE, "OutletAddRequest": OUTLET_SOURCES_RULE}.get(
                name, {}))
            if component.get("required") or "anyOf" in component:
                operation["requestBody"]["required"] = True  # no body at all is not a request it takes
        example = EXAMPLES.get(operation.get("operationId", ""))
        if example is not None:
            media["example"] = example


def document_query(operation: dict[str, Any], responses: dict[str, Any]) -> None:
    for parameter in operation.get("parameters", []):
        if parameter["in"] != "query":
            continue
        # An empty one is refused (factcheck.query_params).
        if parameter["schema"].get("type") == "string":
            parameter["schema"].setdefault("minLength", 1)
        elif parameter["schema"].get("type") == "array":
            parameter["schema"].setdefault("minItems", 1)
        tighten_text(parameter["schema"])
        if parameter["name"] == "page":
            responses.setdefault("404", {"description": "No such page: the list is shorter."})


def document_conditional_reads(operation: dict[str, Any], responses: dict[str, Any]) -> None:
    parameters = operation.setdefault("parameters", [])
    for name, description in CONDITIONAL_HEADERS.items():
        parameters.append({"in": "header", "name": name, "schema": {"type": "string"}, "description": description})
    responses.setdefault("304", {"description": "Not modified: what you hold is current (the same validators)."})
    responses["304"]["headers"] = {
        name: {"schema": {"type": "string"}, "description": description}
        for name, description in VALIDATORS.items()
    }


def document_errors(result: dict[str, Any], generator: Any, request: Any, public: bool) -> dict[str, Any]:
    """drf-spectacular postprocessing hook."""
    components = result.setdefault("components", {}).setdefault("schemas", {})
    components["Error"] = ERROR_SCHEMA
    allow_blank_urls(components)
    error_ref = {"$ref": "#/components/schemas/Error"}
    for path, operations in result.get("paths", {}).items():
        for method, operation in operations.items():
            summary, description = WORDS.get(operation.get("operationId", ""), (None, ""))
            if summary:
                operation["summary"] = summary
            if description:
                operation["description"] = description
            responses = operation.setdefault("responses", {})
            refuse_unknown_fields(result, operation)
            document_query(operation, responses)
            cacheable = path.startswith("/api/v1/verdicts/{") or path == "/api/v1/verdicts/"
            if cacheable and method == "get":
                document_conditional_reads(operation, responses)
            # A refusal comes in the media type asked for (JSON-LD too, where a read offers it).
            media_types = {"application/json"} | {
                media for code, response in responses.items() if code.startswith("2")
                for media in response.get("content", {})
            }
            if path.startswith("/api/v1/verdicts/{"):
                media_types.add("application/ld+json")  # a verdict is also read as ClaimReview
            refusals = set(error_codes(path, method, operation)) | {code for code in responses if code[0] == "4"}
            for code in sorted(refusals):
                responses.setdefault(code, {"description": WHY.get(code, "")})
                responses[code]["content"] = {media: {"schema": error_ref} for media in sorted(media_types)}
                if code == "429":
                    responses[code]["headers"] = {
                        "Retry-After": {"schema": {"type": "integer"}, "description": "Seconds to wait."},
                    }
            for code, response in responses.items():
                if code.startswith("2"):
                    headers = response.setdefault("headers", {})
                    for name, description in RATE_LIMIT_HEADERS.items():
                        headers[name] = {"schema": {"type": "integer"}, "description": description}
                    if cacheable and method == "get":
                        for name, description in VALIDATORS.items():
                            headers[name] = {"schema": {"type": "string"}, "description": description}
    return result
