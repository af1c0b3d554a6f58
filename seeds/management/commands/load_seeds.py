from django.core.management.base import BaseCommand

from claims.services import article_ingest
from seeds.articles import seed_articles


class Command(BaseCommand):
    help = "Store the seed articles (each once, however often this runs) and queue their extraction."

    def handle(self, *args: object, **options: object) -> None:
        for seed in seed_articles():
            ingested = article_ingest(
                title=seed.title,
                body=seed.body,
                published_on=seed.published_on,
                language=seed.language,
                outlet=seed.outlet,
                url=seed.url,
            )
            state = "stored" if ingested.created else "already stored"
            self.stdout.write(f"{state}: #{ingested.article.pk} {ingested.article.title[:70]}")
