"""Whether a speaker is a person or an organisation, where the words tell ("СІМ", "ҚР Денсаулық
сақтау министрлігі", "пресс-служба МВД", "the UN" are organisations; "СІМ өкілі", "глава МВД",
"Astana's mayor", "Зейд әл-Хусейн" are people). Unknown (None) when nothing tells.

Each word is an organisation's (an acronym, a ministry, agency, committee, department word), a
person's (a minister, spokesperson, head, a name's patronymic or surname ending) or neither.
The phrase's head decides: in Kazakh and in English compounds it comes last ("СІМ өкілі",
"UN spokesperson"), in Russian and before an English "of"/"for" it comes first ("глава МВД",
"head of the UN office"). A phrase of capitalised words only and no such word is a name.
The word lists hold all three languages: a Kazakh sentence quotes "ООН" and "the UN" alike.
"""

from __future__ import annotations

import re
from typing import Literal

SpeakerKind = Literal["person", "organisation"]

PERSON: SpeakerKind = "person"
ORGANISATION: SpeakerKind = "organisation"

_UPPER = "A-ZА-ЯЁӘҒҚҢӨҰҮҺІ"
ACRONYM = re.compile(rf"^[{_UPPER}]{{2,8}}(?:-[{_UPPER}0-9]{{1,4}})?$")

# Stems; a word is matched from its start, any ending after (министрлігінің, министерства).
ORGANISATION_STEMS = (
    # kk
    "министрлі", "агенттіг", "агенттік", "комитет", "департамент", "басқарма", "әкімдіг", "әкімдік",
    "қызмет", "ұйым", "үкімет", "прокуратура", "полиция", "комиссия", "инспекция", "орталығ", "орталық",
    "палата", "партия", "компания", "банк", "университет", "институт", "академия", "мәслихат", "парламент",
    "сенат", "мәжіліс", "кеңсе", "бюро", "ассоциация", "одағ", "одақ", "штаб", "елшілі", "консулдығ",
    "қауымдастығ", "корпорация", "холдинг", "зертхана", "басшылығ", "әкімшілі", "республика", "орган",
    "газет", "телеарна", "телеканал", "радио", "жаңалықтар", "корольдіг",
    # ru
    "министерств", "ведомств", "агентств",
    "управлени", "служб", "пресс-служб", "акимат", "правительств", "мажилис", "прокуратур", "полици",
    "комисси", "инспекци", "центр", "фонд", "организаци", "компани", "администраци", "ассоциаци", "союз",
    "корпораци", "концерн", "посольств", "консульств", "лаборатори", "совет", "суд", "мэри", "федераци",
    "королевств", "руководств",
    # en
    "ministry", "ministries", "agency", "agencies", "committee", "office", "government", "council",
    "commission", "company", "corporation", "organization", "organisation", "authorit", "administration",
    "embassy", "bureau", "center", "centre", "court", "union", "association", "service", "police", "party",
    "republic", "federation", "kingdom",
)
# Whole words only: short or shared with other words as a stem ("суд" but not "судья").
ORGANISATION_WORDS = frozenset({
    "сот", "соты", "сотының", "сотында", "қор", "қоры", "қорының",
    "department", "departments", "bank", "university", "institute", "parliament", "senate", "fund", "inc",
    "ltd", "llc", "plc", "group", "board", "state", "states", "press", "post", "times", "news", "media", "tv",
})
PERSON_STEMS = (
    # kk (министрі, not министрлігі; әкімі, not әкімдігі)
    "президент", "төраға", "бастығ", "бастық", "басшы", "орынбасар", "өкіл", "спикер", "депутат", "сарапшы",
    "дәрігер", "хатшы", "директор", "премьер", "тергеуш", "журналист", "ғалым", "профессор", "тұрғын",
    "мұғалім", "маман",
    # ru
    "глава", "главы", "председател", "заместител", "замминистр", "представител", "пресс-секретар",
    "секретар", "эксперт", "генсек", "руководител", "начальник", "губернатор", "мэр", "политолог",
    "экономист", "аналитик", "врач", "судья", "посол", "житель", "учёны", "ученый", "ученые",
    # en
    "president", "minister", "secretary", "spokes", "chief", "director", "chair", "governor", "mayor",
    "expert", "ambassador", "deputy", "official", "analyst", "economist", "professor", "senator", "lawmaker",
    "judge", "officer", "representative", "founder", "doctor", "researcher", "scientist", "activist",
    "premier", "ceo",
)
# Whole words only, or their stem would take an organisation's word first (officer, office).
PERSON_WORDS = frozenset({
    "dr", "mr", "mrs", "ms", "sir", "prime", "head", "heads", "officer", "officers", "судья", "судьи",
    "советник", "советника",
})
# министр/министрі/minister but not министрлігі (kk ministry) or министерство (ru ministry);
# әкім/әкімі/аким but not әкімдігі, әкімшілігі or акимат; елші but not елшілігі.
PERSON_PATTERN = re.compile(r"^(?:министр(?!лі)|әкім(?![дш])|аким(?!ат)|елші(?!лі))", re.I)
# Patronymics and surnames of the region: -ұлы, -қызы, -ович, -овна, -ов(а), -ев(а), -ский, -енко.
NAME_ENDING = re.compile(r"(?:ұлы|қызы|улы|кызы|ович|овна|евич|евна|ьевич|ов|ова|ев|ева|ёв|ёва|ский|ская|енко)$")
# Particles inside names: әл-Хусейн, аль-Асад, ибн, van, von, de.
NAME_PARTICLES = frozenset({"әл", "ал", "аль", "ибн", "бин", "бен", "al", "bin", "ibn", "van", "von", "de", "da", "la"})
CONNECTIVES = frozenset({"of", "for"})
# Russian compound names of bodies: Минздрав, Минфин, Госдума, Нацбанк, Облстат, Горакимат.
COMPOUND_BODY = re.compile(
    r"^(?:мин|гос|нац|обл|гор|рай)(?:здрав|фин|обр|просвещ|энерго|труд|юст|экономразвит|сельхоз|транс|цифр|оборон"
    r"|иностр|инфо|культ|спорт|дума|банк|стат|комитет|совет|акимат|прокуратур|доход)"
)

_Word = Literal["person", "organisation", "other"]


def _word_kind(word: str) -> _Word:
    if ACRONYM.match(word):
        return ORGANISATION
    folded = word.lower().strip("'’\"")
    folded = folded.removesuffix("'s").removesuffix("’s")
    if folded in ORGANISATION_WORDS:
        return ORGANISATION
    if folded in PERSON_WORDS or PERSON_PATTERN.match(folded):
        return PERSON
    if folded.startswith(ORGANISATION_STEMS) or COMPOUND_BODY.match(folded):
        return ORGANISATION
    if folded.startswith(PERSON_STEMS):
        return PERSON
    return "other"


def _is_name_word(word: str) -> bool:
    if word.lower() in NAME_PARTICLES:
        return True
    head, _, rest = word.partition("-")
    if rest and head.lower() in NAME_PARTICLES:
        word = rest
    return word[:1].isupper() and not ACRONYM.match(word) and any(ch.islower() for ch in word)


def speaker_kind_of(speaker: str | None, language: str) -> SpeakerKind | None:
    """`person`, `organisation`, or None when the words do not tell."""
    if not speaker:
        return None
    words = [word.strip(".,;:!?()«»\"“”") for word in speaker.split()]
    words = [word for word in words if word and word.lower() not in {"the", "a", "an"}]
    if not words:
        return None
    kinds = [_word_kind(word) for word in words]
    decisive = [(at, kind) for at, kind in enumerate(kinds) if kind != "other"]
    if decisive:
        connective = next((at for at, word in enumerate(words) if word.lower() in CONNECTIVES), None)
        if language == "ru":
            return decisive[0][1]
        if language == "en" and connective is not None:
            before = [kind for at, kind in decisive if at < connective]
            if before:
                return before[-1]
        return decisive[-1][1]
    if 2 <= len(words) <= 4 and all(_is_name_word(word) for word in words):
        return PERSON
    if len(words) <= 2 and NAME_ENDING.search(words[-1].lower()) and words[-1][:1].isupper():
        return PERSON
    return None
