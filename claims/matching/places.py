"""Places a Kazakh newsroom writes about, in kk, ru and en spellings, to tell Astana from Almaty.

The same figure in another city or country is another claim; embeddings rate such pairs as
nearly identical, so places are compared by name. The list is general geography (countries,
Kazakhstan's cities and regions, places often in the news), not taken from any test sentence.
"""

from __future__ import annotations

from .translit import latin_key

_PLACES: dict[str, tuple[str, ...]] = {
    # Kazakhstan and its cities
    "kazakhstan": ("Қазақстан", "Казахстан", "Kazakhstan"),
    "astana": ("Астана", "Astana", "Нұр-Сұлтан", "Нур-Султан", "Nur-Sultan", "Ақмола", "Акмола", "Akmola"),
    "almaty": ("Алматы", "Almaty", "Алма-Ата", "Alma-Ata"),
    "shymkent": ("Шымкент", "Shymkent", "Chimkent"),
    "karaganda": ("Қарағанды", "Караганда", "Karaganda", "Qaragandy"),
    "aktobe": ("Ақтөбе", "Актобе", "Aktobe", "Aqtobe"),
    "aktau": ("Ақтау", "Актау", "Aktau", "Aqtau"),
    "atyrau": ("Атырау", "Atyrau"),
    "taraz": ("Тараз", "Taraz"),
    "pavlodar": ("Павлодар", "Pavlodar"),
    "oskemen": ("Өскемен", "Усть-Каменогорск", "Oskemen", "Ust-Kamenogorsk"),
    "semey": ("Семей", "Семипалатинск", "Semey", "Semipalatinsk"),
    "kostanay": ("Қостанай", "Костанай", "Kostanay", "Qostanay"),
    "kyzylorda": ("Қызылорда", "Кызылорда", "Kyzylorda", "Qyzylorda"),
    "petropavl": ("Петропавл", "Петропавловск", "Petropavl", "Petropavlovsk"),
    "oral": ("Орал", "Уральск", "Oral", "Uralsk"),
    "turkistan": ("Түркістан", "Туркестан", "Turkistan", "Turkestan"),
    "taldykorgan": ("Талдықорған", "Талдыкорган", "Taldykorgan"),
    "kokshetau": ("Көкшетау", "Кокшетау", "Kokshetau"),
    "zhezkazgan": ("Жезқазған", "Жезказган", "Zhezkazgan"),
    "ekibastuz": ("Екібастұз", "Экибастуз", "Ekibastuz"),
    "temirtau": ("Теміртау", "Темиртау", "Temirtau"),
    "baikonur": ("Байқоңыр", "Байконур", "Baikonur", "Baikonyr"),
    "konaev": ("Қонаев", "Конаев", "Konaev", "Qonaev", "Капшагай", "Kapchagay"),
    "zhanaozen": ("Жаңаөзен", "Жанаозен", "Zhanaozen"),
    "tengiz": ("Теңіз", "Тенгиз", "Tengiz"),
    "balkhash": ("Балқаш", "Балхаш", "Balkhash"),
    "caspian": ("Каспий", "Caspian"),
    # regions
    "zhetysu": ("Жетісу", "Жетысу", "Zhetysu"),
    "mangystau": ("Маңғыстау", "Мангистау", "Mangystau", "Mangistau"),
    "ulytau": ("Ұлытау", "Улытау", "Ulytau"),
    # neighbours and countries in the news
    "russia": ("Ресей", "Россия", "Russia", "Российская"),
    "china": ("Қытай", "Китай", "China"),
    "uzbekistan": ("Өзбекстан", "Узбекистан", "Uzbekistan"),
    "kyrgyzstan": ("Қырғызстан", "Кыргызстан", "Киргизия", "Kyrgyzstan"),
    "turkmenistan": ("Түрікменстан", "Туркменистан", "Turkmenistan"),
    "tajikistan": ("Тәжікстан", "Таджикистан", "Tajikistan"),
    "bishkek": ("Бішкек", "Бишкек", "Bishkek"),
    "tashkent": ("Ташкент", "Tashkent"),
    "moscow": ("Мәскеу", "Москва", "Moscow"),
    "beijing": ("Бейжің", "Пекин", "Beijing"),
    "turkey": ("Түркия", "Турция", "Turkey", "Türkiye"),
    "syria": ("Сирия", "Syria"),
    "iran": ("Иран", "Iran"),
    "ukraine": ("Украина", "Ukraine"),
    "belarus": ("Беларусь", "Belarus"),
    "azerbaijan": ("Әзербайжан", "Азербайджан", "Azerbaijan"),
    "georgia": ("Грузия", "Georgia"),
    "armenia": ("Армения", "Armenia"),
    "mongolia": ("Моңғолия", "Монголия", "Mongolia"),
    "afghanistan": ("Ауғанстан", "Афганистан", "Afghanistan"),
    "india": ("Үндістан", "Индия", "India"),
    "pakistan": ("Пәкістан", "Пакистан", "Pakistan"),
    "japan": ("Жапония", "Япония", "Japan"),
    "korea": ("Корея", "Korea"),
    "usa": ("АҚШ", "США", "USA", "Америка", "America"),
    "uk": ("Ұлыбритания", "Великобритания", "Britain", "UK"),
    "germany": ("Германия", "Germany"),
    "france": ("Франция", "France"),
    "italy": ("Италия", "Italy"),
    "spain": ("Испания", "Spain"),
    "poland": ("Польша", "Poland"),
    "israel": ("Израиль", "Израил", "Israel"),
    "egypt": ("Мысыр", "Египет", "Egypt"),
    "saudi": ("Сауд Арабиясы", "Саудовская", "Saudi"),
    "uae": ("БАӘ", "ОАЭ", "Эмираты", "Emirates", "UAE"),
    "sudan": ("Судан", "Sudan"),
    "gaza": ("Газа", "Gaza"),
}

# The stem that an inflected form must start with: Алматыда, Алматы's, Астаны, Италияда.
_MIN_STEM = 4


def _stem(key: str) -> str:
    return key[: max(_MIN_STEM, len(key) - 2)]


_STEMS: list[tuple[str, str]] = sorted(
    ((_stem(latin_key(form.split()[0])), place) for place, forms in _PLACES.items() for form in forms),
    key=lambda sp: -len(sp[0]),
)


def place_of(name_key: str) -> str | None:
    """The place a capitalised word names, by its latin key, or None."""
    for stem, place in _STEMS:
        if name_key.startswith(stem) and len(name_key) - len(stem) <= 6:
            return place
    return None


def places_differ(a: frozenset[str], b: frozenset[str]) -> tuple[str, str] | None:
    """Each side names a place the other does not: (one of a's, one of b's)."""
    only_a, only_b = sorted(a - b), sorted(b - a)
    if only_a and only_b:
        return only_a[0], only_b[0]
    return None
