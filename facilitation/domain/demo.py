"""The canonical 60-minute impulse workshop on Kaizen (PRODUCT.md), in German and English.

Activity kinds that do not exist yet (word cloud, question board, breakout) are
carried by content cards that hold the same prompts, so the demo runs end to end.
"""

DEMO = {
    "de": {
        "title": "Mikro-Impuls: Kaizen und Fehlerkultur in der Verwaltung",
        "items": [
            {
                "kind": "single_choice",
                "title": "Check-in: Wie geht Ihr Team mit Fehlern um?",
                "minutes": 5,
                "config": {
                    "options": [
                        "Fehler werden eher verschwiegen",
                        "Fehler werden still korrigiert",
                        "Über Fehler wird offen gesprochen",
                        "Wir lernen gemeinsam aus Fehlern",
                        "Fehler werden gesucht und gefeiert",
                    ]
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
                "kind": "content",
                "title": "Was hält neue Ideen in Ihrer Verwaltung auf?",
                "minutes": 5,
                "config": {
                    "body": (
                        "Notieren Sie ein bis drei Stichworte – wir sammeln sie gleich im Plenum."
                    )
                },
            },
            {
                "kind": "content",
                "title": "Reflexion in Kleingruppen",
                "minutes": 15,
                "config": {
                    "body": (
                        "In Gruppen zu dritt oder viert, mit diesen coachenden Fragen:\n\n"
                        "Wo haben Sie Entscheidungsspielraum, den Sie noch nicht nutzen?\n\n"
                        "Was würden Sie ausprobieren, wenn Fehler erlaubt wären?\n\n"
                        "Welchen kleinen Schritt gehen Sie nächste Woche?"
                    )
                },
            },
            {
                "kind": "content",
                "title": "Ernte im Plenum",
                "minutes": 15,
                "config": {
                    "body": "Was nehmen die Gruppen mit? Wir sammeln Reflexionen und Fragen."
                },
            },
            {
                "kind": "single_choice",
                "title": "Abschluss: Wie hilfreich war dieser Impuls für Sie?",
                "minutes": 5,
                "config": {
                    "options": [
                        "Sehr hilfreich",
                        "Hilfreich",
                        "Teils, teils",
                        "Wenig hilfreich",
                    ]
                },
            },
        ],
    },
    "en": {
        "title": "Micro-impulse: Kaizen and the culture of mistakes in public administration",
        "items": [
            {
                "kind": "single_choice",
                "title": "Check-in: How does your team deal with mistakes?",
                "minutes": 5,
                "config": {
                    "options": [
                        "Mistakes tend to be kept quiet",
                        "Mistakes are fixed quietly",
                        "We talk openly about mistakes",
                        "We learn from mistakes together",
                        "Mistakes are looked for and celebrated",
                    ]
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
                "kind": "content",
                "title": "What stops new ideas in your administration?",
                "minutes": 5,
                "config": {
                    "body": "Note one to three keywords – we will collect them in a moment."
                },
            },
            {
                "kind": "content",
                "title": "Reflection in small groups",
                "minutes": 15,
                "config": {
                    "body": (
                        "In groups of three or four, with these coaching questions:\n\n"
                        "Where do you have room to decide that you don't use yet?\n\n"
                        "What would you try if mistakes were allowed?\n\n"
                        "What small step will you take next week?"
                    )
                },
            },
            {
                "kind": "content",
                "title": "Plenary harvest",
                "minutes": 15,
                "config": {
                    "body": "What do the groups take away? We collect reflections and questions."
                },
            },
            {
                "kind": "single_choice",
                "title": "Closing: How helpful was this session for you?",
                "minutes": 5,
                "config": {
                    "options": ["Very helpful", "Helpful", "Partly", "Not very helpful"],
                },
            },
        ],
    },
}


def demo_workshop(language: str = "de") -> dict:
    """Return the demo workshop's definition (title, language, items) in ``language``."""
    definition = DEMO[language]
    return {"title": definition["title"], "language": language, "items": definition["items"]}
