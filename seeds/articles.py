"""The seed articles shipped with the app, as data."""

import datetime
import json
from dataclasses import dataclass
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True)
class SeedArticle:
    title: str
    body: str
    language: str
    published_on: datetime.date
    outlet: str
    url: str | None


def seed_articles() -> list[SeedArticle]:
    entries = json.loads((DATA_DIR / "articles.json").read_text(encoding="utf-8"))
    articles = []
    for entry in entries:
        text = (DATA_DIR / entry["file"]).read_text(encoding="utf-8")
        articles.append(
            SeedArticle(
                title=text.split("\n", 1)[0].strip(),
                body=text,
                language=entry["language"],
                published_on=datetime.date.fromisoformat(entry["published_on"]),
                outlet=entry.get("outlet") or "",
                url=entry.get("url"),
            )
        )
    return articles
