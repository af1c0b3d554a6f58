"""The matcher as the contract describes it: stored claims in, hits best first, `same` decided by figures."""

import datetime

import numpy as np
import pytest

from claims.matching import Matcher, Prepared, matching_status
from claims.matching.embedding import embedder

D = datetime.date

STORED = [
    ("v1", "Алматыда 1 қазаннан бастап автобустағы жол ақысы 200 теңгеге дейін қымбаттайды.", "kk", D(2023, 9, 13)),
    ("v2", "Урожай зерна в Казахстане в 2023 году составил 17,1 млн тонн.", "ru", D(2023, 11, 20)),
    ("v3", "Kazakhstan's economy grew by 4.5% in 2019.", "en", D(2020, 1, 17)),
    ("v4", "Мажилис одобрил закон о запрете вейпов.", "ru", D(2023, 1, 25)),
]

needs_model = pytest.mark.skipif(embedder() is None, reason="the embedding package is not installed here")


@pytest.fixture(scope="module")
def matcher():
    m = Matcher()
    m.add_many(STORED)
    return m


@needs_model
def test_a_translation_of_a_stored_claim_comes_first_and_is_the_same(matcher):
    hits = matcher.search("С 1 октября проезд в автобусах Алматы подорожает до 200 тенге.", language="ru",
                          published=D(2023, 9, 14))
    assert hits[0].id == "v1"
    assert hits[0].same and hits[0].conflict is None
    assert "200 KZT" in hits[0].why


@needs_model
def test_another_figure_is_never_the_same_and_says_which(matcher):
    hits = matcher.search("In 2023 Kazakhstan harvested 22.1 million tonnes of grain.", language="en",
                          published=D(2023, 11, 21))
    top = hits[0]
    assert top.id == "v2"
    assert not top.same
    assert top.conflict == "22 100 000 tonne vs 17 100 000 tonne"


@needs_model
def test_the_same_figure_in_another_city_is_not_the_same(matcher):
    hits = matcher.search("Астанада 1 қазаннан бастап автобустағы жол ақысы 200 теңгеге дейін қымбаттайды.",
                          language="kk", published=D(2023, 9, 13))
    v1 = next(h for h in hits if h.id == "v1")
    assert not v1.same
    assert v1.conflict == "astana vs almaty"


@needs_model
def test_a_claim_without_figures_is_found_across_languages_by_meaning(matcher):
    hits = matcher.search("Mazhilis approved a law banning vapes.", language="en", published=D(2023, 1, 26))
    assert hits[0].id == "v4" and hits[0].conflict is None
    assert [h.id for h in hits[1:] if h.score >= hits[0].score] == []


def test_hits_are_best_first_and_at_most_k(matcher):
    hits = matcher.search("Kazakhstan's economy grew by 4.5% in 2019.", language="en", published=D(2020, 1, 20), k=2)
    assert 1 <= len(hits) <= 2
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    assert hits[0].to_dict() == {"id": "v3", "score": hits[0].score, "same": True, "why": hits[0].why,
                                 "conflict": None}
    assert 0.0 <= hits[0].score <= 1.0


def test_empty_text_or_k_zero_finds_nothing(matcher):
    assert matcher.search("   ", language="en") == []
    assert matcher.search("Kazakhstan's economy grew by 4.5% in 2019.", k=0) == []


def test_adding_an_id_again_replaces_the_stored_claim():
    m = Matcher(embedder_=None)
    m.add("x", "Kazakhstan's economy grew by 4.5% in 2019.", "en", D(2020, 1, 17))
    m.add("x", "Astana will host the World Nomad Games in September.", "en", D(2024, 5, 2))
    assert len(m) == 1
    hits = m.search("Kazakhstan's economy grew by 4.5% in 2019.", language="en", published=D(2020, 1, 20))
    assert all(not h.same for h in hits)
    m.remove("x")
    assert len(m) == 0 and m.search("Astana will host the World Nomad Games.") == []


def test_a_matcher_rebuilt_from_stored_records_answers_the_same(matcher):
    prepared = matcher.prepare_many(STORED)
    stored = [Prepared.from_stored(p.id, p.language, p.published, p.signature_dict(), p.vector) for p in prepared]
    rebuilt = Matcher(embedder_=matcher.embedder)
    rebuilt.add_prepared(stored)
    query = ("Урожай зерна в Казахстане в 2023 году составил 17,1 млн тонн.", "ru", D(2023, 11, 22))
    assert rebuilt.search(query[0], language=query[1], published=query[2]) == matcher.search(
        query[0], language=query[1], published=query[2])


def test_without_the_embedding_rewordings_in_one_language_still_match():
    m = Matcher(embedder_=None)
    m.add_many(STORED)
    assert m.reduced
    hits = m.search("В 2023 году урожай зерна в Казахстане составил 17,1 млн тонн.", language="ru",
                    published=D(2023, 11, 21))
    assert hits[0].id == "v2" and hits[0].same
    changed = m.search("В 2023 году урожай зерна в Казахстане составил 21,7 млн тонн.", language="ru",
                       published=D(2023, 11, 21))
    assert not changed[0].same and changed[0].conflict


def test_the_status_says_when_matching_is_reduced(monkeypatch):
    monkeypatch.setenv("FACTCHECK_MATCHING_EMBEDDING", "off")
    status = matching_status()
    assert status.reduced and status.embedding is None
    assert "FACTCHECK_MATCHING_EMBEDDING" in (status.reason or "")
    assert Matcher().reduced


@pytest.mark.skipif(embedder() is None, reason="the embedding package is not installed here")
def test_a_text_searched_again_gets_the_same_embedding_and_changing_one_never_changes_the_next():
    model = embedder()
    text = "Өткен жылы Шымкентте 48 мың жаңа пәтер пайдалануға берілді."
    first = model.query(text)
    first[:] = 0.0
    again = model.query(text)
    assert float(np.linalg.norm(again)) == pytest.approx(1.0, abs=1e-3)
    assert np.array_equal(again, model.query(text))


def _heldout() -> tuple[list[tuple[str, str, str, datetime.date]], list[dict]]:
    import json
    from pathlib import Path

    here = Path(__file__).parent
    corpus = [json.loads(line) for line in (here / "heldout-corpus.jsonl").open(encoding="utf-8")]
    queries = [json.loads(line) for line in (here / "heldout-queries.jsonl").open(encoding="utf-8")]
    return [(c["id"], c["text"], c["language"], D.fromisoformat(c["published"])) for c in corpus], queries


@needs_model
def test_a_store_searched_on_its_main_axes_scores_every_candidate_on_the_full_vectors(monkeypatch):
    """Four axes rank the rows badly; the candidates' full cosines must still give the full pass's hits."""
    from claims.matching import thresholds

    corpus, queries = _heldout()
    full = Matcher()
    full.add_many(corpus)
    monkeypatch.setattr(thresholds, "COARSE_FROM", 4)
    monkeypatch.setattr(thresholds, "COARSE_DIMS", 4)
    monkeypatch.setattr(thresholds, "COARSE_RERANK", 2)
    coarse = Matcher(embedder_=full.embedder)
    coarse.add_many(corpus[:6])      # fitted at 6 vectors,
    coarse.add_many(corpus[6:10])    # new rows projected on those axes,
    coarse.add_many(corpus[10:])     # refitted past twice as many
    coarse.remove(corpus[0][0])
    full.remove(corpus[0][0])
    assert coarse._axes is not None and coarse._axes.shape[1] == 4
    for q in queries:
        args = (q["text"], q["language"], D.fromisoformat(q["published"]))
        assert coarse.search(*args) == full.search(*args)
