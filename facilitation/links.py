"""A workshop's links: join (public); presenter, moderator and screen (each its own key)."""

from urllib.parse import quote

from flask import has_request_context, request


class Links:
    """Builds absolute links from PUBLIC_URL, the current request, or HOST and PORT."""

    def __init__(self, config):
        self.config = config

    def base(self) -> str:
        """The site's root URL, ending in a slash."""
        if self.config.get("PUBLIC_URL"):
            return self.config["PUBLIC_URL"].rstrip("/") + "/"
        if has_request_context():
            return request.host_url
        return f"http://{self.config['HOST']}:{self.config['PORT']}/"

    def join_url(self, workshop) -> str:
        """Where participants join; short enough to read out."""
        return f"{self.base()}j/{workshop.join_code}"

    def presenter_url(self, workshop) -> str:
        """The presenter view; carries the presenter key, so share it only with presenters."""
        return f"{self.base()}presenter/{workshop.id}?key={quote(workshop.presenter_token)}"

    def moderator_url(self, workshop) -> str:
        """The moderator view: question board and breakout messages, no agenda control."""
        return f"{self.base()}moderator/{workshop.id}?key={quote(workshop.moderator_token)}"

    def organizer_url(self) -> str:
        """Where organizers sign in."""
        return f"{self.base()}organize/"

    def screen_url(self, workshop) -> str:
        """The big-screen view; its own key, so hidden results never leak through it."""
        return f"{self.base()}screen/{workshop.id}?key={quote(workshop.screen_token)}"

    def takeaway_url(self, workshop, takeaway_key: str) -> str:
        """One participant's takeaway; it opens only with their own cookie too."""
        return f"{self.base()}j/{workshop.join_code}/takeaway/{quote(takeaway_key)}"

    def check_in_url(self, token: str) -> str:
        """A participant's Kaizen check (a private link: whoever has it can check in)."""
        return f"{self.base()}check/{quote(token)}"
