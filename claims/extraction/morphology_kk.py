"""A small Kazakh suffix analyser: a word's stem and its plural, possessive and case endings,
and for verbs their negation and tense.

Kazakh endings come in vowel-harmony pairs (back -дан / front -ден) and change their first
consonant after the sound before them (-дан after a vowel, -тан after a voiceless consonant,
-нан after a nasal or the third-person possessive). The tables below hold each ending once
per harmony, with the sounds it may follow; `analyse` strips case, then possessive, then
plural from the end of a word and keeps the reading with the longest ending that fits.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

BACK_VOWELS = frozenset("аоұыуя")
FRONT_VOWELS = frozenset("әеөүіэюи")
VOWELS = BACK_VOWELS | FRONT_VOWELS
VOICELESS = frozenset("пфкқтсшщхцчһ")
NASALS = frozenset("мнң")
KAZAKH_LETTERS = frozenset("абвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя")

# Which sound an ending may follow: a vowel, a voiced consonant, a voiceless one, a nasal, or
# (after the third-person possessive -ы/-і/-сы/-сі) "poss3"; "poss12" is after -м/-ң.
V, VOICED, VL, NAS, P3, P12 = "vowel", "voiced", "voiceless", "nasal", "poss3", "poss12"
ANY_SOUND = (V, VOICED, VL, NAS)

# case: (back form, front form, sounds it follows)
CASE_ENDINGS: dict[str, list[tuple[str, str, tuple[str, ...]]]] = {
    "ablative": [("дан", "ден", (V, VOICED)), ("тан", "тен", (VL,)), ("нан", "нен", (NAS, P3))],
    "dative": [("ға", "ге", (V, VOICED, NAS)), ("қа", "ке", (VL,)), ("на", "не", (P3,)), ("а", "е", (P12,))],
    "locative": [("да", "де", (V, VOICED, NAS)), ("та", "те", (VL,)), ("нда", "нде", (P3, P12))],
    "genitive": [("ның", "нің", (V, NAS, P3, P12)), ("дың", "дің", (VOICED, NAS)), ("тың", "тің", (VL,))],
    "accusative": [("ны", "ні", (V,)), ("ды", "ді", (VOICED, NAS)), ("ты", "ті", (VL,)), ("н", "н", (P3,))],
    "instrumental": [("мен", "мен", (V, NAS, P3, P12)), ("бен", "бен", (VOICED,)), ("пен", "пен", (VL,))],
    # "300-дей", "шақырымдай": about so many.
    "similative": [("дай", "дей", (V, VOICED, NAS)), ("тай", "тей", (VL,)), ("ндай", "ндей", (P3,))],
    # "жылғы", "айдағы": of that time or place.
    "attributive": [
        ("дағы", "дегі", (V, VOICED, NAS)),
        ("тағы", "тегі", (VL,)),
        ("ндағы", "ндегі", (P3,)),
        ("ғы", "гі", (V, VOICED, NAS)),
        ("қы", "кі", (VL,)),
    ],
    # "мәліметінше", "ойынша": according to.
    "equative": [("ша", "ше", (V, VOICED, NAS, VL)), ("нша", "нше", (P3,))],
}
# possessive: (back, front, person, sounds it follows)
POSSESSIVE_ENDINGS = [
    ("сы", "сі", "3", (V,)),
    ("ы", "і", "3", (VOICED, VL, NAS)),
    ("ымыз", "іміз", "1pl", (VOICED, VL, NAS)),
    ("мыз", "міз", "1pl", (V,)),
    ("ыңыз", "іңіз", "2pl", (VOICED, VL, NAS)),
    ("ңыз", "ңіз", "2pl", (V,)),
    ("ым", "ім", "1", (VOICED, VL, NAS)),
    ("м", "м", "1", (V,)),
    ("ың", "ің", "2", (VOICED, VL, NAS)),
    ("ң", "ң", "2", (V,)),
]
PLURAL_ENDINGS = [("лар", "лер", (V, VOICED)), ("дар", "дер", (VOICED, NAS)), ("тар", "тер", (VL,))]
MIN_STEM = 2


@dataclass(frozen=True, slots=True)
class NounForm:
    """A word read as a noun: stem + plural? + possessive? + case?"""

    stem: str
    plural: bool = False
    possessive: str | None = None  # "1", "2", "3", "1pl", "2pl"
    case: str | None = None  # ablative, dative, locative, genitive, accusative, instrumental, ...


def sound_before(stem: str) -> str | None:
    if not stem:
        return None
    last = stem[-1]
    if last in VOWELS:
        return V
    if last in NASALS:
        return NAS
    if last in VOICELESS:
        return VL
    return VOICED if last in KAZAKH_LETTERS else None


def harmony(stem: str) -> str | None:
    """ "back" or "front" from the stem's last vowel (loanwords follow their last vowel too)."""
    for ch in reversed(stem):
        if ch in BACK_VOWELS:
            return "back"
        if ch in FRONT_VOWELS:
            return "front"
    return None


def _has_vowel(stem: str) -> bool:
    return any(ch in VOWELS for ch in stem)


def _strip(word: str, back: str, front: str) -> tuple[str, str] | None:
    """(stem, "back"/"front") when `word` ends in the ending with the stem's harmony."""
    for form, side in ((back, "back"), (front, "front")):
        if word.endswith(form) and len(word) - len(form) >= MIN_STEM:
            stem = word[: len(word) - len(form)]
            found = harmony(stem)
            if back == front or found is None or found == side:
                return stem, side
    return None


def _plural(stem: str) -> list[NounForm]:
    readings = [NounForm(stem)]
    for back, front, after in PLURAL_ENDINGS:
        stripped = _strip(stem, back, front)
        if stripped and sound_before(stripped[0]) in after and _has_vowel(stripped[0]):
            readings.append(NounForm(stripped[0], plural=True))
    return readings


def _possessive(stem: str) -> list[tuple[NounForm, str | None]]:
    """Readings of `stem` as base (+ plural) (+ possessive), each with the sound a case would follow."""
    readings: list[tuple[NounForm, str | None]] = [(r, sound_before(stem)) for r in _plural(stem)]
    for back, front, person, after in POSSESSIVE_ENDINGS:
        stripped = _strip(stem, back, front)
        if not stripped or sound_before(stripped[0]) not in after or not _has_vowel(stripped[0]):
            continue
        follows = P3 if person == "3" else P12 if person in ("1", "2") else sound_before(stem)
        for base in _plural(stripped[0]):
            readings.append((NounForm(base.stem, base.plural, person), follows))
    return readings


@lru_cache(maxsize=65536)
def analyse(word: str) -> NounForm:
    """The likeliest reading of `word` as stem + plural? + possessive? + case?; a bare word is its own stem."""
    lw = word.lower()
    candidates: list[tuple[str, str | None, tuple[str, ...]]] = [(lw, None, ())]
    case: str | None
    for case, forms in CASE_ENDINGS.items():
        for back, front, after in forms:
            stripped = _strip(lw, back, front)
            if stripped:
                candidates.append((stripped[0], case, after))
    readings = [NounForm(lw)]
    for stem, case, after in candidates:
        for reading, follows in _possessive(stem):
            if case is not None and follows not in after:
                continue
            if _plausible_stem(reading.stem):
                readings.append(NounForm(reading.stem, reading.plural, reading.possessive, case))
    # The most ending stripped, among stems a Kazakh word can have.
    return min(readings, key=lambda r: len(r.stem))


SONORANTS = frozenset("рлйнмңу")
LOANWORD_CLUSTER_ENDS = frozenset("рлт")


def _plausible_stem(stem: str) -> bool:
    """A stem has a vowel; two letters only when the second is a consonant ("ой", not the "ке" of
    "кеше"); and it ends in two consonants only after a sonorant ("процент", not the "сарапш" of
    "сарапшының")."""
    if not _has_vowel(stem) or (len(stem) < 3 and stem[-1] in VOWELS):
        return False
    if len(stem) >= 2 and stem[-1] not in VOWELS and stem[-2] not in VOWELS:
        return stem[-2] in SONORANTS or stem[-1] in LOANWORD_CLUSTER_ENDS  # "процент", "метр", "факт"
    return True


def analyse_after(word: str, stem: str) -> NounForm | None:
    """`word` read as forms of the known `stem` ("адамдарынан" of "адам"), or None."""
    lw = word.lower()
    if not lw.startswith(stem):
        return None
    if lw == stem:
        return NounForm(stem)
    reading = analyse(lw)
    if reading.stem == stem:
        return reading
    # analyse() may strip a stem's own last letters ("тонна" + "сынан"); read the rest alone.
    rest = stem + lw[len(stem) :]
    for case, forms in CASE_ENDINGS.items():
        for back, front, after in forms:
            stripped = _strip(rest, back, front)
            if not stripped or not stripped[0].startswith(stem):
                continue
            for reading, follows in _possessive(stripped[0]):
                if reading.stem == stem and follows in after:
                    return NounForm(stem, reading.plural, reading.possessive, case)
    for reading, _ in _possessive(rest):
        if reading.stem == stem:
            return reading
    return None


def _ending_table() -> list[tuple[str, str]]:
    forms = [(form, case) for case, table in CASE_ENDINGS.items() for back, front, _ in table for form in (back, front)]
    return sorted(set(forms), key=lambda fc: -len(fc[0]))


ENDING_CASES = _ending_table()


@lru_cache(maxsize=4096)
def case_of_ending(ending: str) -> str | None:
    """The case of an ending standing alone, as on digits ("800-ден", "5-ке", "40-тан")."""
    lw = ending.lower()
    for form, case in ENDING_CASES:
        if lw.endswith(form) and (len(form) > 1 or len(lw) > 1):
            return case
    return None


# Verbs --------------------------------------------------------------------------------------

NEGATION = ("ма", "ме", "ба", "бе", "па", "пе")
# Intention future "-мақ/-бақ/-пақ" starts like the negation: "аспақ" (will exceed).
INTENTION = ("мақ", "мек", "бақ", "бек", "пақ", "пек")


@dataclass(frozen=True, slots=True)
class VerbForm:
    stem: str
    negative: bool
    rest: str  # what follows the stem (and the negation): "ды", "уы", "йды", "ған"


def verb_form(word: str, stems: tuple[str, ...]) -> VerbForm | None:
    """`word` as a form of one of the verb `stems` ("аспауы" of "ас": negative, "уы")."""
    lw = word.lower()
    for stem in stems:
        if not lw.startswith(stem) or len(lw) == len(stem):
            continue
        rest = lw[len(stem) :]
        negative = rest.startswith(NEGATION) and not rest.startswith(INTENTION)
        return VerbForm(stem, negative, rest[2:] if negative else rest)
    return None
