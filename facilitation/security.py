"""Secrets and headers: presenter/screen keys, the participant cookie, CSP."""

import hmac

from flask import request
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


def participant_cookie_name(workshop_id: str) -> str:
    """One cookie per workshop, so joining one workshop never touches another."""
    return f"fac_p_{workshop_id}"


def _serializer(secret_key: str) -> URLSafeSerializer:
    return URLSafeSerializer(secret_key, salt="facilitation.participant")


def sign_participant(secret_key: str, workshop_id: str, participant_id: str) -> str:
    """Return the signed cookie value naming this participant of this workshop."""
    return _serializer(secret_key).dumps([workshop_id, participant_id])


def participant_from_cookie(secret_key: str, workshop_id: str, cookies) -> str | None:
    """Return the participant id from a valid cookie for ``workshop_id``, else None."""
    raw = cookies.get(participant_cookie_name(workshop_id))
    if not raw:
        return None
    try:
        signed_workshop, participant_id = _serializer(secret_key).loads(raw)
    except (BadSignature, ValueError, TypeError):
        return None
    return participant_id if signed_workshop == workshop_id else None


def init_app(app):
    """Send security headers with every response."""

    @app.after_request
    def headers(response):
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        response.headers.setdefault("X-Frame-Options", "DENY")
        if request.endpoint and not request.endpoint.endswith("static"):
            response.headers.setdefault("Cache-Control", "no-store")
        return response
