"""Accuracy and speed of mtcheck.langid on the shipped corpus's translations.

Run: python benchmarks/langid_corpus.py [corpus folder]

Prints, per unit (paragraph / sentence) and per candidate set, how many
translations are identified as their own language, with lingua as the named
baseline when it is installed (pip install lingua-language-detector).
"""

from __future__ import annotations

import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from mtcheck.corpus import load_corpus
from mtcheck.langid import detect_language
from mtcheck.languages import registry

_SENTENCE = re.compile(r"(?<=[.!?。！？।॥])\s*")


def units(text: str, kind: str) -> list[str]:
    if kind == "paragraph":
        return [text]
    return [s for s in _SENTENCE.split(text) if len(s.strip()) > 3]


def evaluate(name: str, detect: Callable[[str, str], str], data: dict[str, list[str]],
             kind: str) -> None:
    right = total = 0
    wrong: dict[str, set[str]] = {}
    started = time.perf_counter()
    for lang, paragraphs in data.items():
        for paragraph in paragraphs:
            for text in units(paragraph, kind):
                guess = detect(text, lang)
                total += 1
                right += guess == lang
                if guess != lang:
                    wrong.setdefault(lang, set()).add(guess)
    elapsed = time.perf_counter() - started
    errors = ", ".join(f"{k}->{'/'.join(sorted(v))}" for k, v in sorted(wrong.items())) or "-"
    print(f"{name:34s} {kind:9s} {right:4d}/{total:<4d} = {right / total:6.1%}  "
          f"{total / elapsed:8.0f} texts/s  errors: {errors}")


def lingua_detector() -> Callable[[str, str], str] | None:
    try:
        from lingua import IsoCode639_1, Language, LanguageDetectorBuilder
    except ImportError:
        return None
    languages = []
    for code in registry():
        iso = getattr(IsoCode639_1, code.upper(), None)
        if iso is not None:
            try:
                languages.append(Language.from_iso_code_639_1(iso))
            except ValueError:
                continue
    detector = LanguageDetectorBuilder.from_languages(*languages).build()

    def detect(text: str, lang: str) -> str:
        found = detector.detect_language_of(text)
        return found.iso_code_639_1.name.lower() if found else "und"

    return detect


def main() -> None:
    root = Path(sys.argv[1] if len(sys.argv) > 1 else "corpora/shoigu-visits-iran")
    corpus = load_corpus(root)
    data = {lang: [p.text for p in doc.paragraphs] for lang, doc in corpus.translations.items()}
    source = corpus.source.lang
    print(f"corpus {corpus.id}: {len(data)} translations ({', '.join(data)})")
    detectors: list[tuple[str, Callable[[str, str], str]]] = [
        ("mtcheck.langid, all registry langs", lambda t, lang: detect_language(t)[0]),
        (f"mtcheck.langid, candidates {{lang,{source}}}",
         lambda t, lang: detect_language(t, [lang, source])[0]),
    ]
    baseline = lingua_detector()
    if baseline is not None:
        detectors.append(("baseline lingua, registry langs", baseline))
    else:
        print("(lingua not installed: no baseline)")
    for _, detect in detectors:  # load models before timing
        detect("warm up the model", "en")
    for kind in ("paragraph", "sentence"):
        for name, detect in detectors:
            evaluate(name, detect, data, kind)


if __name__ == "__main__":
    main()
