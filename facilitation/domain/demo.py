"""The canonical 60-minute impulse workshop on Kaizen (PRODUCT.md), in German and English.

The workshop itself is the template ``kaizen-impulse``
(``facilitation/agenda_templates/kaizen-impulse.<language>.yaml``), so that the
demo and the template library can never drift apart. The question board is open
throughout; the reflection runs as a breakout in groups of four with the three
coaching questions from PRODUCT.md.
"""

DEMO_TEMPLATE = "kaizen-impulse"


def demo_workshop(language: str = "de") -> dict:
    """Return the demo workshop's definition (title, language, items, …) in ``language``."""
    # Imported here: the templates are read by the agenda-file parser, which sits above
    # the domain (it validates through the kinds and the workshop settings).
    from ..agenda_templates import template

    return template(DEMO_TEMPLATE, language).definition
