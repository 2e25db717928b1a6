"""The canonical 60-minute impulse workshop on Kaizen (PRODUCT.md), in German and English.

The question board is open throughout; the reflection runs as a breakout in
groups of four with the three coaching questions from PRODUCT.md.
"""

DEMO = {
    "de": {
        "title": "Mikro-Impuls: Kaizen und Fehlerkultur in der Verwaltung",
        "items": [
            {
                "kind": "rating",
                "title": "Check-in: Wie geht Ihr Team mit Fehlern um?",
                "minutes": 5,
                "config": {
                    "minimum": 1,
                    "maximum": 5,
                    "low_label": "Fehler werden verschwiegen",
                    "high_label": "Fehler werden gefeiert",
                    "results": "presenter",
                },
            },
            {
                "kind": "content",
                "title": "Impuls: Kaizen – Wandel zum Besseren",
                "minutes": 15,
                "config": {
                    "body": (
                        "Kaizen heißt ungefähr „Wandel zum Besseren“: eine Haltung des "
                        "permanenten Lernens, in der Fehler gesucht und gefeiert werden.\n\n"
                        "Offenheit, gemeinsame Reflexion auf Augenhöhe und Verantwortung des "
                        "Einzelnen für das Ganze sind ihre Grundpfeiler.\n\n"
                        "Ihre Fragen können Sie jederzeit stellen."
                    )
                },
            },
            {
                "kind": "word_cloud",
                "title": "Was hält neue Ideen in Ihrer Verwaltung auf?",
                "minutes": 5,
                "config": {"max_entries": 3, "results": "live"},
            },
            {
                "kind": "breakout",
                "title": "Reflexion in Kleingruppen",
                "minutes": 15,
                "config": {
                    "prompts": [
                        "Wo haben Sie Entscheidungsspielraum, den Sie noch nicht nutzen?",
                        "Was würden Sie ausprobieren, wenn Fehler erlaubt wären?",
                        "Welchen kleinen Schritt gehen Sie nächste Woche?",
                    ],
                    "duration": 12,
                    "grouping": {"mode": "size", "size": 4},
                    "private_notes": True,
                },
            },
            {
                "kind": "question_board",
                "title": "Ernte im Plenum: Ihre Fragen",
                "minutes": 15,
                "config": {"prompt": "Welche Fragen sollen wir jetzt gemeinsam besprechen?"},
            },
            {
                "kind": "rating",
                "title": "Abschluss: Wie hilfreich war dieser Impuls für Sie?",
                "minutes": 2,
                "config": {
                    "minimum": 1,
                    "maximum": 5,
                    "low_label": "wenig hilfreich",
                    "high_label": "sehr hilfreich",
                },
            },
            {
                "kind": "open_text",
                "title": "Was nehmen Sie mit?",
                "minutes": 3,
                "config": {"max_length": 280, "results": "live"},
            },
        ],
    },
    "en": {
        "title": "Micro-impulse: Kaizen and the culture of mistakes in public administration",
        "items": [
            {
                "kind": "rating",
                "title": "Check-in: How does your team deal with mistakes?",
                "minutes": 5,
                "config": {
                    "minimum": 1,
                    "maximum": 5,
                    "low_label": "Mistakes are kept quiet",
                    "high_label": "Mistakes are celebrated",
                    "results": "presenter",
                },
            },
            {
                "kind": "content",
                "title": "Input: Kaizen – change for the better",
                "minutes": 15,
                "config": {
                    "body": (
                        "Kaizen roughly means “change for the better”: an attitude of "
                        "continuous learning in which mistakes are looked for and celebrated.\n\n"
                        "Openness, reflecting together as equals and each person's responsibility "
                        "for the whole are its cornerstones.\n\n"
                        "You can ask your questions at any time."
                    )
                },
            },
            {
                "kind": "word_cloud",
                "title": "What stops new ideas in your administration?",
                "minutes": 5,
                "config": {"max_entries": 3, "results": "live"},
            },
            {
                "kind": "breakout",
                "title": "Reflection in small groups",
                "minutes": 15,
                "config": {
                    "prompts": [
                        "Where do you have room to decide that you don't use yet?",
                        "What would you try if mistakes were allowed?",
                        "What small step will you take next week?",
                    ],
                    "duration": 12,
                    "grouping": {"mode": "size", "size": 4},
                    "private_notes": True,
                },
            },
            {
                "kind": "question_board",
                "title": "Plenary harvest: your questions",
                "minutes": 15,
                "config": {"prompt": "Which questions should we discuss together now?"},
            },
            {
                "kind": "rating",
                "title": "Closing: How helpful was this session for you?",
                "minutes": 2,
                "config": {
                    "minimum": 1,
                    "maximum": 5,
                    "low_label": "not very helpful",
                    "high_label": "very helpful",
                },
            },
            {
                "kind": "open_text",
                "title": "What will you take away?",
                "minutes": 3,
                "config": {"max_length": 280, "results": "live"},
            },
        ],
    },
}


def demo_workshop(language: str = "de") -> dict:
    """Return the demo workshop's definition (title, language, items) in ``language``."""
    definition = DEMO[language]
    return {"title": definition["title"], "language": language, "items": definition["items"]}
