"""A short English news text and its German translation, sentence by sentence."""

from __future__ import annotations

SOURCE = [
    "The minister arrived in Tehran on Monday for a two-day visit.",
    "He met the president, who received him at the palace, and the two men spoke for an hour.",
    "The talks covered trade, energy and security in the region.",
    "According to the ministry, both sides signed three agreements on transport.",
    "The new railway line, which will link the two capitals by 2028, is one of Moscow's "
    "diplomatic priorities.",
    "Journalists were not allowed to attend the meeting.",
    "In the evening the delegation visited a museum of modern art.",
    "On Tuesday the minister flew on to Baku, where he is expected to stay until Thursday.",
    "Observers said the visit showed how close the two governments have become.",
    "A joint statement is due to be published next week.",
    "The next round of talks will take place in Moscow in the spring.",
    "Both ministers described the atmosphere as friendly and constructive.",
]

GERMAN = [
    "Der Minister traf am Montag zu einem zweitägigen Besuch in Teheran ein.",
    "Er traf den Präsidenten, der ihn im Palast empfing, und die beiden Männer sprachen eine "
    "Stunde lang.",
    "Die Gespräche betrafen Handel, Energie und Sicherheit in der Region.",
    "Nach Angaben des Ministeriums unterzeichneten beide Seiten drei Abkommen über den Verkehr.",
    "Die neue Eisenbahnlinie, die die beiden Hauptstädte bis 2028 verbinden soll, ist eine der "
    "diplomatischen Prioritäten Moskaus.",
    "Journalisten durften an dem Treffen nicht teilnehmen.",
    "Am Abend besuchte die Delegation ein Museum für moderne Kunst.",
    "Am Dienstag flog der Minister weiter nach Baku, wo er bis Donnerstag bleiben soll.",
    "Beobachter sagten, der Besuch zeige, wie nah sich die beiden Regierungen gekommen seien.",
    "Eine gemeinsame Erklärung soll nächste Woche veröffentlicht werden.",
    "Die nächste Gesprächsrunde findet im Frühjahr in Moskau statt.",
    "Beide Minister bezeichneten die Atmosphäre als freundlich und konstruktiv.",
]

# Sentence 4 without its relative clause ("which will link the two capitals by 2028").
CLAUSE_DROPPED = 4
GERMAN_WITHOUT_CLAUSE = [
    *GERMAN[:4],
    "Die neue Eisenbahnlinie ist eine der diplomatischen Prioritäten Moskaus.",
    *GERMAN[5:],
]

# Back-translations into English of the German sentences (as an MT system might write them).
BACKTRANSLATION = [
    "The minister arrived in Tehran on Monday for a two-day visit.",
    "He met the president, who received him in the palace, and the two men talked for an hour.",
    "The talks concerned trade, energy and security in the region.",
    "According to the ministry, both sides signed three agreements on traffic.",
    "The new railway, which is to connect the two capitals by 2028, is one of Moscow's "
    "diplomatic priorities.",
    "Journalists were not allowed to take part in the meeting.",
    "In the evening the delegation visited a museum of modern art.",
    "On Tuesday the minister flew on to Baku, where he is to stay until Thursday.",
    "Observers said the visit showed how close the two governments had become.",
    "A joint declaration is to be published next week.",
    "The next round of talks takes place in Moscow in spring.",
    "Both ministers described the atmosphere as friendly and constructive.",
]
