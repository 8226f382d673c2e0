"""How many usual renderings of well-known names the matcher accepts, and how many
frequent words of each language sound like a name to it.

Run from the repository root::

    python benchmarks/transliteration_pairs.py [--words 1500]

PAIRS are well-known names with the rendering a translation into Japanese, Korean,
Chinese, Russian or Greek usually gives them, and the language of the text the name
would come from (its readings: data/inflection/*.toml). A pair counts as accepted when
``match_score`` reaches the threshold the names stage uses for that name. The second
figure is the matcher alone, without the stage's other guards (case, hiragana, frequent
Hangul/kana/kanji words, transliteration characters): for each language, how many of its
``--words`` most frequent words (wordfreq) match one of the names of PAIRS or NAMES below
the exact score of 100. Lower is better; the guards keep most of them out of findings.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from mtcheck.config import NamesConfig
from mtcheck.names.inflection import rules_for
from mtcheck.names.matching import EntityForms, _threshold, entity_forms, match_score
from mtcheck.types import Entity

# (name, usual rendering, translation language, language the name is read in)
PAIRS: tuple[tuple[str, str, str, str], ...] = (
    ("Washington", "ワシントン", "ja", "en"),
    ("Chicago", "シカゴ", "ja", "en"),
    ("Mozart", "モーツァルト", "ja", "de"),
    ("Schubert", "シューベルト", "ja", "de"),
    ("Beethoven", "ベートーヴェン", "ja", "de"),
    ("Bordeaux", "ボルドー", "ja", "fr"),
    ("Marseille", "マルセイユ", "ja", "fr"),
    ("Renault", "ルノー", "ja", "en"),
    ("Peugeot", "プジョー", "ja", "en"),
    ("Michelin", "ミシュラン", "ja", "en"),
    ("Valencia", "バレンシア", "ja", "es"),
    ("Guadalajara", "グアダラハラ", "ja", "es"),
    ("Juan", "フアン", "ja", "es"),
    ("Jorge", "ホルヘ", "ja", "es"),
    ("Javier", "ハビエル", "ja", "es"),
    ("Giuseppe", "ジュゼッペ", "ja", "it"),
    ("Giovanni", "ジョヴァンニ", "ja", "it"),
    ("Zurich", "チューリッヒ", "ja", "en"),
    ("Göteborg", "ヨーテボリ", "ja", "sv"),
    ("Kjell", "シェル", "ja", "en"),
    ("Bjørn", "ビョルン", "ja", "en"),
    ("Quentin", "カンタン", "ja", "fr"),
    ("Jacques", "ジャック", "ja", "fr"),
    ("Dubois", "デュボワ", "ja", "fr"),
    ("Swatch", "スウォッチ", "ja", "en"),
    ("Watson", "ワトソン", "ja", "en"),
    ("Walker", "ウォーカー", "ja", "en"),
    ("Wales", "ウェールズ", "ja", "en"),
    ("Xavier", "ザビエル", "ja", "en"),
    ("Luanda", "ルアンダ", "ja", "en"),
    ("Washington", "워싱턴", "ko", "en"),
    ("Chicago", "시카고", "ko", "en"),
    ("Mozart", "모차르트", "ko", "de"),
    ("Bordeaux", "보르도", "ko", "fr"),
    ("Renault", "르노", "ko", "fr"),
    ("Peugeot", "푸조", "ko", "fr"),
    ("Michelin", "미쉐린", "ko", "fr"),
    ("Valencia", "발렌시아", "ko", "es"),
    ("Juan", "후안", "ko", "es"),
    ("Jorge", "호르헤", "ko", "es"),
    ("Giuseppe", "주세페", "ko", "it"),
    ("Zurich", "취리히", "ko", "en"),
    ("Jacques", "자크", "ko", "fr"),
    ("Dubois", "뒤부아", "ko", "fr"),
    ("Watson", "왓슨", "ko", "en"),
    ("Walker", "워커", "ko", "en"),
    ("Xavier", "하비에르", "ko", "es"),
    ("Apple", "애플", "ko", "en"),
    ("Jackson", "잭슨", "ko", "en"),
    ("Chelsea", "첼시", "ko", "en"),
    ("Richard", "리처드", "ko", "en"),
    ("Washington", "华盛顿", "zh", "en"),
    ("Chicago", "芝加哥", "zh", "en"),
    ("Mozart", "莫扎特", "zh", "en"),
    ("Bordeaux", "波尔多", "zh", "en"),
    ("Valencia", "巴伦西亚", "zh", "en"),
    ("Jackson", "杰克逊", "zh", "en"),
    ("Richard", "理查德", "zh", "en"),
    ("Trump", "特朗普", "zh", "en"),
    ("Zelensky", "泽连斯基", "zh", "en"),
    ("Macron", "马克龙", "zh", "en"),
    ("Schubert", "舒伯特", "zh", "en"),
    ("Michelin", "米其林", "zh", "en"),
    ("Chelsea", "切尔西", "zh", "en"),
    ("Quentin", "昆汀", "zh", "en"),
    ("Xavier", "哈维尔", "zh", "es"),
    ("Washington", "Вашингтон", "ru", "en"),
    ("Chicago", "Чикаго", "ru", "en"),
    ("Bordeaux", "Бордо", "ru", "fr"),
    ("Renault", "Рено", "ru", "fr"),
    ("Jacques", "Жак", "ru", "fr"),
    ("Giuseppe", "Джузеппе", "ru", "it"),
    ("Juan", "Хуан", "ru", "es"),
    ("Jorge", "Хорхе", "ru", "es"),
    ("Zurich", "Цюрих", "ru", "en"),
    ("Jackson", "Джексон", "ru", "en"),
    ("Watson", "Уотсон", "ru", "en"),
    ("Bjørn", "Бьёрн", "ru", "en"),
    ("Dubois", "Дюбуа", "ru", "fr"),
    ("Washington", "Ουάσινγκτον", "el", "en"),
    ("Chicago", "Σικάγο", "el", "en"),
    ("Bordeaux", "Μπορντό", "el", "fr"),
    ("Jackson", "Τζάκσον", "el", "en"),
    ("Juan", "Χουάν", "el", "es"),
)
# Further names, short and long, for the frequent-word count.
NAMES: tuple[str, ...] = (
    "Guiuan", "Haiyan", "Tangier", "Jura", "Axiom", "Gotion", "Renault", "Khural", "Leyte",
    "Samar", "Tacloban", "Kenitra", "Rabat", "Biel", "Genf", "Moser", "Berna", "Lima",
    "Cusco", "Huaraz", "Quito", "Oman", "Iran", "Iraq", "Gaza", "Hamas", "Rosa", "Sanaa",
    "Dili", "Bali", "Java", "Kiev", "Milan", "Roma", "Paris", "Berlin", "Tokyo", "Seoul",
    "Osaka", "Mali", "Chad", "Peru", "Cuba", "Laos",
)
LANGUAGES = ("ja", "ko", "zh", "ru", "el")


def _forms(name: str, lang: str, source_lang: str = "") -> EntityForms:
    entity = Entity(id=name.lower(), canonical=name, source_forms=(name,), source_ids=(0,))
    return entity_forms([entity], lang, source_lang=source_lang)[0]


def accepted(config: NamesConfig) -> tuple[int, list[tuple[str, str, str, float]]]:
    """Pairs accepted, and the others with their scores."""
    count, refused = 0, []
    for name, rendering, lang, source_lang in PAIRS:
        forms = _forms(name, lang, "" if source_lang == "en" else source_lang)
        score = match_score(rendering, lang, forms, rules_for(lang))[0]
        if score >= _threshold(forms, config):
            count += 1
        else:
            refused.append((name, rendering, lang, round(score, 1)))
    return count, refused


def frequent_words(lang: str, limit: int) -> list[str]:
    from wordfreq import get_frequency_dict

    # The frequency table itself, most frequent first: no tokenizer needed (jieba, MeCab).
    table = get_frequency_dict(lang)
    return [w for w in sorted(table, key=lambda w: -table[w]) if len(w) >= 2][:limit]


def sound_alikes(lang: str, limit: int, config: NamesConfig) -> list[tuple[str, str]]:
    names = sorted({n for n, _, _, _ in PAIRS} | set(NAMES))
    forms = [_forms(n, lang) for n in names]
    rules = rules_for(lang)
    hits = []
    for word in frequent_words(lang, limit):
        for entry in forms:
            score = match_score(word, lang, entry, rules)[0]
            if _threshold(entry, config) <= score < 100:
                hits.append((word, entry.entity.canonical))
    return hits


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=1500)
    parser.add_argument("--verbose", action="store_true", help="list refused pairs and hits")
    args = parser.parse_args(argv)
    config = NamesConfig()
    count, refused = accepted(config)
    print(f"pairs accepted: {count} of {len(PAIRS)}")
    if args.verbose:
        for item in refused:
            print("  refused", *item)
    for lang in LANGUAGES:
        hits = sound_alikes(lang, args.words, config)
        print(f"{lang}: {len(hits)} of {args.words} frequent words sound like a name")
        if args.verbose:
            print("  ", ", ".join(f"{w}~{n}" for w, n in hits))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
