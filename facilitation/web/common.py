"""Helpers every blueprint uses."""

from flask import current_app


def store():
    """The app's storage."""
    return current_app.extensions["facilitation.store"]


def links():
    """The app's link builder."""
    return current_app.extensions["facilitation.links"]
