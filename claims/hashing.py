"""The content hash that makes an article's text stored once."""

import hashlib
import unicodedata


def normalise_body(body: str) -> str:
    text = unicodedata.normalize("NFC", body).replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(line.strip() for line in text.strip().split("\n"))


def content_hash(body: str) -> str:
    collapsed = " ".join(normalise_body(body).split())
    return hashlib.sha256(collapsed.encode("utf-8")).hexdigest()
