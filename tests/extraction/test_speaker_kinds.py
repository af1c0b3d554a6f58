"""Whether the speaker is a person or an organisation, where the words tell; unknown otherwise.

Kept beside the contract's fields (`to_record`), never in `to_dict`: the contract prints none."""

import datetime

import pytest

from claims.extraction import extract
from claims.extraction.speaker_kinds import speaker_kind_of

ORGANISATIONS = [
    ("СІМ", "kk"), ("ҚР ІІМ", "kk"), ("МВД", "ru"), ("UN", "en"), ("ООН", "ru"), ("WHO", "en"),
    ("Қазақстан Сыртқы істер министрлігі", "kk"), ("ҚР Денсаулық сақтау министрлігінің", "kk"),
    ("Ұлттық статистика бюросы", "kk"), ("Қаржылық мониторинг агенттігі", "kk"),
    ("Орталық сайлау комиссиясының", "kk"), ("Алматы қаласының әкімдігі", "kk"),
    ("ҚР ДСМ баспасөз қызметі", "kk"), ("Президент Әкімшілігі", "kk"),
    ("Министерство здравоохранения", "ru"), ("пресс-служба МВД", "ru"), ("акимат Алматы", "ru"),
    ("Комитет по статистике", "ru"), ("Минздрав РК", "ru"), ("Нацбанк", "ru"),
    ("the Health Ministry", "en"), ("the national statistics bureau", "en"), ("the Department of Energy", "en"),
    ("the UN human rights office", "en"), ("Agency for Strategic Planning", "en"),
]
PEOPLE = [
    ("Зейд әл-Хусейн", "kk"), ("Қасым-Жомарт Тоқаев", "kk"), ("Данияр Ақышев", "kk"), ("Астана әкімі", "kk"),
    ("Денсаулық сақтау министрі", "kk"), ("СІМ өкілі", "kk"), ("министрліктің баспасөз хатшысы", "kk"),
    ("глава МВД", "ru"), ("министр здравоохранения", "ru"), ("представитель ООН", "ru"), ("аким области", "ru"),
    ("Тоқаев", "kk"), ("Иван Петров", "ru"), ("Марат Бекетаевич", "ru"),
    ("the governor", "en"), ("UN spokesperson Stephane Dujarric", "en"), ("the head of the UN office", "en"),
    ("Foreign Minister Murat Nurtleu", "en"), ("John Smith", "en"), ("a ministry official", "en"),
]
UNKNOWN = [("бір дереккөз", "kk"), ("Қазақстан", "kk"), ("источники", "ru"), ("sources", "en"), ("", "en")]


@pytest.mark.parametrize(("speaker", "language"), ORGANISATIONS)
def test_organisations_are_told_by_acronyms_and_their_words(speaker, language):
    assert speaker_kind_of(speaker, language) == "organisation"


@pytest.mark.parametrize(("speaker", "language"), PEOPLE)
def test_people_are_told_by_their_office_or_their_name(speaker, language):
    assert speaker_kind_of(speaker, language) == "person"


@pytest.mark.parametrize(("speaker", "language"), UNKNOWN)
def test_the_rest_is_left_unknown(speaker, language):
    assert speaker_kind_of(speaker, language) is None


def test_the_extractor_sets_the_kind_beside_the_contracts_fields():
    text = ("Қазақстан СІМ мәліметінше, келесі Сирия келіссөзі наурыздың ортасына жоспарланып отыр. "
            "«Шығындар 340 адамнан асты», — деді Зейд әл-Хусейн.")

    claims = extract(text, published=datetime.date(2018, 2, 23), language="kk")

    assert [(claim.speaker, claim.speaker_kind) for claim in claims] == [
        ("СІМ", "organisation"), ("Зейд әл-Хусейн", "person"),
    ]
    assert all("speaker_kind" not in claim.to_dict() for claim in claims)
    assert [claim.to_record()["speaker_kind"] for claim in claims] == ["organisation", "person"]
    assert all({**claim.to_dict(), "speaker_kind": claim.speaker_kind} == claim.to_record() for claim in claims)
