"""Languages: German and English, chosen by cookie or browser, switchable on every page."""

from flask import has_request_context, request
from flask_babel import Babel, get_locale
from markupsafe import Markup, escape

LANGUAGES = ("de", "en")
DEFAULT_LANGUAGE = "de"
LANGUAGE_COOKIE = "lang"

babel = Babel()


def select_locale() -> str:
    """The language for this request: an explicit choice first, then the browser's wish.

    Outside a request (command-line tasks) messages are in English, like the CLI itself.
    """
    if not has_request_context():
        return "en"
    chosen = request.cookies.get(LANGUAGE_COOKIE)
    if chosen in LANGUAGES:
        return chosen
    return request.accept_languages.best_match(LANGUAGES) or DEFAULT_LANGUAGE


def content_lang(language) -> Markup:
    """`` lang="…"`` for workshop content in ``language`` on a page in another language, else
    nothing: titles, texts and options keep the workshop's language (WCAG 3.1.2)."""
    if not language or language == str(get_locale()):
        return Markup("")
    return Markup(' lang="{}"').format(language)


def content_span(text, language) -> Markup:
    """``text`` for a translated sentence's placeholder, in a ``<span lang>`` when its language
    differs from the page's (a workshop title inside the page's own words)."""
    if not language or language == str(get_locale()):
        return escape(text)
    return Markup('<span lang="{}">{}</span>').format(language, text)


def init_app(app):
    """Bind Flask-Babel with our catalogs in ``facilitation/translations``."""
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", "translations")
    # Dates people read (retention, planned dates) are in the instance's time zone.
    app.config.setdefault("BABEL_DEFAULT_TIMEZONE", app.config["TIMEZONE"])
    babel.init_app(app, locale_selector=select_locale)

    @app.context_processor
    def languages():
        return {
            "languages": LANGUAGES,
            "get_locale": get_locale,
            "content_lang": content_lang,
            "content_span": content_span,
        }
