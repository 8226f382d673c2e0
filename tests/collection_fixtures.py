"""Small collections written to a temporary folder for the collection tests.

Each article is a three-paragraph English news item about a visit by Shoigu to
Tehran with a German and a French translation; ``french_name`` picks how the
French translation renders "Shoigu", so that tests can make one article drift.
"""

from __future__ import annotations

from pathlib import Path

SOURCE = """Shoigu visits Tehran

Sergei Shoigu arrived in Tehran on Monday. Shoigu met officials for {hours} hours.

The talks covered trade.
"""
GERMAN = """Schoigu besucht Teheran

Sergei Schoigu kam am Montag in Teheran an. Schoigu traf Beamte für {hours} Stunden.

Die Gespräche betrafen den Handel.
"""
FRENCH = """{name} visite Téhéran

Sergueï {name} est arrivé à Téhéran lundi. {name} a rencontré des responsables pendant {hours} heures.

Les discussions ont porté sur le commerce.
"""


def write_article(folder: Path, number: int, *, french_name: str = "Choïgou",
                  hours: int | None = None, date: str | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    hours = hours if hours is not None else number + 2
    (folder / "source.en.txt").write_text(SOURCE.format(hours=hours), encoding="utf-8")
    (folder / "de.txt").write_text(GERMAN.format(hours=hours), encoding="utf-8")
    (folder / "fr.txt").write_text(FRENCH.format(name=french_name, hours=hours), encoding="utf-8")
    date = date or f"2024-01-{number:02d}"
    (folder / "manifest.toml").write_text(
        f'[document]\nid = "article-{number}"\ndate = "{date}"\nsource_language = "en"\n'
        'source = "source.en.txt"\n\n[translations]\nde = "de.txt"\nfr = "fr.txt"\n',
        encoding="utf-8")
    return folder


def write_site(root: Path, count: int = 4, *, drifting: tuple[int, ...] = (4,)) -> Path:
    """``count`` articles; those numbered in ``drifting`` write "Choigou" in French."""
    for number in range(1, count + 1):
        write_article(root / f"a{number}", number,
                      french_name="Choigou" if number in drifting else "Choïgou")
    return root
