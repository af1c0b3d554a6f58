"""The first look at a sentence (cues.py) reads its chunks one by one and remembers them; what it
says must be what the whole-sentence searches it stands for would say."""

import json
from pathlib import Path

import pytest

from claims.extraction import cues
from claims.extraction.checkworthiness import mentions_casualties
from claims.extraction.date_patterns import triggers_in
from claims.extraction.numerals import NUMBER_STARTS, NUMERAL_READERS
from claims.extraction.speakers import KK_CREDIT, KK_CREDIT_FIRST_WORD
from claims.extraction.tokens import Tokens, lowered

HELDOUT = Path(__file__).parent / "heldout"
WRITTEN = [
    ("kk", "2023-жылғы 5 наурызда «Қазақстан темір жолы» 1,5 млн тонна жүк тасыды."),
    ("kk", "ҚР Денсаулық сақтау министрлігінің мәліметінше, жол апатынан үш адам қаза тапты."),
    ("kk", "Статистика комитетінің мәліметі бойынша, биылғы бірінші тоқсанда бағалар өсті."),
    ("kk", "Ол: «Келесі жылы елу мектеп саламыз», – деді."),
    ("kk", "Жиналысқа (шамамен) жүзден астам адам келді; екі мың он жетіде басталған."),
    ("kk", "Оның айтуынша, бірақ әзірге ешқандай шешім жоқ."),
    ("ru", "По данным МЧС, в результате пожара погибли 12 человек, ещё двое ранены."),
    ("ru", "В прошлом году (2022) тарифы выросли на 15%-20% — до полутора тысяч тенге."),
    ("ru", "Выборы пройдут 19 марта; кандидатов — семь."),
    ("en", "At least 40 people were killed and 300 injured in Q3, officials said on Friday."),
    ("en", "The 737 MAX was grounded in March 2019, a third of the fleet."),
    ("en", "Nothing here: no figure, no date, no source."),
]


def _sentences() -> list[tuple[str, str]]:
    found = list(WRITTEN)
    for path in sorted(HELDOUT.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                item = json.loads(line)
                found.append((item["language"], item["text"]))
    return found


def _whole_sentence_numbers(text: str, language: str) -> bool:
    """What the number scanner can start on, searched over the whole sentence."""
    low = lowered(text)
    read = NUMERAL_READERS[language]
    for found in NUMBER_STARTS[language].finditer(low):
        if found.group()[0].isdigit():
            return True
        token = Tokens(text, language)
        i = token.at(found.start())
        if token.starts[i] == found.start() and read(token.words[i]) is not None:
            return True
    return False


@pytest.mark.parametrize(("language", "text"), _sentences())
def test_the_first_look_says_what_the_whole_sentence_searches_say(language, text):
    look = cues.cues_of(text, language)
    assert look.date_kinds == frozenset(triggers_in(text, language))
    assert look.numbers == _whole_sentence_numbers(text, language)
    assert look.casualties == mentions_casualties(text, language)
    if language == "kk":
        assert look.credited == (KK_CREDIT_FIRST_WORD.search(text) is not None)
        if KK_CREDIT.search(text):
            assert look.credited
    else:
        assert look.credited


def test_the_memory_starts_afresh_when_full_and_still_answers_right(monkeypatch):
    monkeypatch.setattr(cues, "REMEMBERED_CHUNKS", 5)
    monkeypatch.setitem(cues._MEMORY, "kk", cues._Memory())
    first = cues._MEMORY["kk"]
    answers = []
    for n in range(30):
        text = f"Өткен жылы {n} мың адам келді, бұл сөз{n} жаңа."
        answers.append(cues.cues_of(text, "kk"))
    assert cues._MEMORY["kk"] is not first
    assert len(cues._MEMORY["kk"].seen) <= 5 + 10
    assert all(look.numbers and "rel" in look.date_kinds for look in answers)
