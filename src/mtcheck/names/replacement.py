"""A word in a name's place that is another real place: a replacement, not a rendering.

Where a translation writes a word no rule matched in the place of a source name, the
rules that take such a word for an unforeseen spelling of the name (see
mtcheck.names.residual) judge by sound, and sound alone cannot tell Αρεκίπα (Arequipa)
from a Greek spelling of Áncash. Place data can: a word that names a city of geonames
whose names (in every language geonames holds) include none of the name's own forms or
words names another place, and the name was replaced by it.
"""

from __future__ import annotations

import unicodedata

from mtcheck.names.places import city_names, lookup
from mtcheck.types import Entity

# Words of a name shorter than this say too little to identify a place by (La, de, San).
_MIN_WORD = 3


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def names_another_city(word: str, entity: Entity, lang: str) -> bool:
    """True when ``word`` (written in language ``lang``) names a city of geonames and no
    city it may name is called by any form or word of ``entity``.

    A homonym counts as the entity's own place: a rendering of Mamani that geonames also
    lists as a town called Mamani is the name, not another place.
    """
    keys = [k for k in lookup(word, lang) if k.startswith("city:")]
    if not keys:
        return False
    own = {_fold(f) for f in entity.source_forms}
    own |= {_fold(w) for f in entity.source_forms for w in f.split() if len(w) >= _MIN_WORD}
    return not any(_fold(name) in own for key in keys for name in city_names(key))
