"""One Latin spelling for Kazakh, Russian and English words, so names compare across scripts.

Қазақстан, Казахстан and Kazakhstan all become `kazakstan`-like keys: the Kazakh letters fold
into their nearest Russian/Latin sound, digraphs (kh, zh, sh) fold to one letter, y/i and doubled
letters merge. The key is for comparing, never for showing.
"""

from __future__ import annotations

import re
import unicodedata

_CYRILLIC = {
    "а": "a", "ә": "a", "б": "b", "в": "v", "г": "g", "ғ": "g", "д": "d", "е": "e", "ё": "e",
    "ж": "j", "з": "z", "и": "i", "й": "i", "і": "i", "к": "k", "қ": "k", "л": "l", "м": "m",
    "н": "n", "ң": "n", "о": "o", "ө": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
    "ұ": "u", "ү": "u", "ф": "f", "х": "h", "һ": "h", "ц": "c", "ч": "c", "ш": "s", "щ": "s",
    "ъ": "", "ы": "i", "ь": "", "э": "e", "ю": "iu", "я": "ia",
}
# Latin spellings of the same sounds, applied after lower-casing Latin input.
_LATIN_FOLDS = (("kh", "h"), ("zh", "j"), ("sh", "s"), ("ch", "c"), ("ts", "c"), ("q", "k"),
                ("gh", "g"), ("ou", "u"), ("y", "i"), ("w", "v"), ("x", "ks"), ("ph", "f"))
_DOUBLE = re.compile(r"(.)\1+")
_NOT_LETTER = re.compile(r"[^a-z0-9]+")


def latin_key(word: str) -> str:
    """The comparison key of one word: lower case, Latin, folded."""
    out = []
    for ch in word.lower():
        if ch in _CYRILLIC:
            out.append(_CYRILLIC[ch])
        else:
            out.append(unicodedata.normalize("NFKD", ch).encode("ascii", "ignore").decode())
    key = "".join(out)
    for a, b in _LATIN_FOLDS:
        key = key.replace(a, b)
    key = _NOT_LETTER.sub("", key)
    return _DOUBLE.sub(r"\1", key)
