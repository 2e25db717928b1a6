"""Secrets and headers: presenter/screen keys, the participant cookie, CSP."""

import base64
import hashlib
import hmac
import time

from flask import current_app, request
from itsdangerous import BadSignature, URLSafeSerializer

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


def keys_match(given, expected: str) -> bool:
    """Compare a presented key with the stored one in constant time."""
    if not isinstance(given, str) or not given:
        return False
    return hmac.compare_digest(given.encode(), expected.encode())


def derived_key(secret_key: str, purpose: str, *parts: str, length: int = 32) -> str:
    """An unguessable, URL-safe key for ``purpose`` and ``parts``, the same on every call.

    It is an HMAC of the instance secret, so it can be shown again without being
    stored, and nobody can compute it from the parts alone.
    """
    message = "\x1f".join([purpose, *parts]).encode()
    digest = hmac.new(secret_key.encode(), message, hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")[:length]


def participant_cookie_name(workshop_id: str) -> str:
    """One cookie per workshop, so joining one workshop never touches another."""
    return f"fac_p_{workshop_id}"


def _serializer(secret_key: str) -> URLSafeSerializer:
    return URLSafeSerializer(secret_key, salt="facilitation.participant")


def sign_participant(
    secret_key: str, workshop_id: str, participant_id: str, issued_at: float | None = None
) -> str:
    """Return the signed cookie value naming this participant of this workshop.

    The issue time is signed with it, so a copied cookie stops working after
    the workshop's retention even while the secret stays the same.
    """
    issued = int(time.time() if issued_at is None else issued_at)
    return _serializer(secret_key).dumps([workshop_id, participant_id, issued])


def participant_from_cookie(
    secret_key: str, workshop_id: str, cookies, max_age_days: float = 30
) -> str | None:
    """Return the participant id from a valid cookie for ``workshop_id``, else None.

    Cookies older than ``max_age_days`` (or without an issue time) are not valid.
    """
    raw = cookies.get(participant_cookie_name(workshop_id))
    if not raw:
        return None
    try:
        signed_workshop, participant_id, issued = _serializer(secret_key).loads(raw)
    except (BadSignature, ValueError, TypeError):
        return None
    if not isinstance(issued, int) or time.time() - issued > max_age_days * 24 * 3600:
        return None
    return participant_id if signed_workshop == workshop_id else None


def cookie_days(workshop) -> int:
    """How long a participant cookie of ``workshop`` is valid: its retention, else the setting."""
    retention = getattr(workshop, "retention_days", None)
    return retention or current_app.config["PARTICIPANT_COOKIE_DAYS"]


def cookies_secure() -> bool:
    """Whether cookies get ``Secure``: the request came over https (after ProxyFix), or
    the public URL is https (then browsers reach us over TLS whatever the proxy says).
    """
    public_url = current_app.config.get("PUBLIC_URL") or ""
    return request.is_secure or public_url.lower().startswith("https://")


class HeadersMiddleware:
    """Adds ``X-Content-Type-Options: nosniff`` to every response, also Socket.IO's.

    Flask's ``after_request`` never sees the polling transport's responses,
    which engineio answers before the request reaches Flask.
    """

    def __init__(self, wsgi_app):
        self.wsgi_app = wsgi_app

    def __call__(self, environ, start_response):
        def with_headers(status, headers, exc_info=None):
            if not any(name.lower() == "x-content-type-options" for name, _ in headers):
                headers = [*headers, ("X-Content-Type-Options", "nosniff")]
            return start_response(status, headers, exc_info)

        return self.wsgi_app(environ, with_headers)


def wrap_wsgi(app) -> None:
    """Put the header middleware and, with ``PROXY_FIX`` proxies, werkzeug's ProxyFix
    around everything (Socket.IO included), so client address and scheme are right.
    """
    app.wsgi_app = HeadersMiddleware(app.wsgi_app)
    proxies = int(app.config.get("PROXY_FIX") or 0)
    if proxies:
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(
            app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies, x_port=proxies
        )


def init_app(app):
    """Send security headers with every response; Secure cookies behind an https public URL."""
    if (app.config.get("PUBLIC_URL") or "").lower().startswith("https://"):
        app.config["SESSION_COOKIE_SECURE"] = True

    @app.after_request
    def headers(response):
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        response.headers.setdefault("X-Frame-Options", "DENY")
        if request.endpoint and not request.endpoint.endswith("static"):
            response.headers.setdefault("Cache-Control", "no-store")
        return response
