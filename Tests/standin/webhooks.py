"""A webhook sender that signs deliveries the way providers do (Python 3 standard library only).

Plain functions, usable without the provider stand-in's server: `sign_github`, `sign_slack`, `sign_stripe`,
`sign_svix` return the headers a provider would send with a body, and `send` POSTs a body with headers to a URL
and returns (status, headers, body). Timestamps default to now; pass another to make a stale delivery.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import time
import urllib.error
import urllib.request


def _hex_hmac(key: bytes, message: bytes, digest=hashlib.sha256) -> str:
    return hmac.new(key, message, digest).hexdigest()


def sign_github(secret: str, body: bytes, *, delivery: str | None = None, event: str = "push") -> dict[str, str]:
    """GitHub: `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the body>`, with a delivery id and event type."""
    return {
        "Content-Type": "application/json",
        "X-GitHub-Event": event,
        "X-GitHub-Delivery": delivery or secrets.token_hex(16),
        "X-Hub-Signature-256": "sha256=" + _hex_hmac(secret.encode(), body),
    }


def sign_slack(secret: str, body: bytes, *, timestamp: int | None = None) -> dict[str, str]:
    """Slack: `X-Slack-Signature: v0=<hex HMAC-SHA256 of "v0:<timestamp>:<body>">` and the timestamp header."""
    timestamp = int(time.time()) if timestamp is None else timestamp
    return {
        "Content-Type": "application/json",
        "X-Slack-Request-Timestamp": str(timestamp),
        "X-Slack-Signature": "v0=" + _hex_hmac(secret.encode(), f"v0:{timestamp}:".encode() + body),
    }


def sign_stripe(secret: str, body: bytes, *, timestamp: int | None = None) -> dict[str, str]:
    """Stripe: `Stripe-Signature: t=<timestamp>,v1=<hex HMAC-SHA256 of "<timestamp>.<body>">`."""
    timestamp = int(time.time()) if timestamp is None else timestamp
    signature = _hex_hmac(secret.encode(), f"{timestamp}.".encode() + body)
    return {"Content-Type": "application/json", "Stripe-Signature": f"t={timestamp},v1={signature}"}


def sign_svix(secret: str, body: bytes, *, message_id: str | None = None, timestamp: int | None = None) -> dict[str, str]:
    """Svix / Standard Webhooks (Resend, Clerk): `svix-signature: v1,<base64 HMAC-SHA256 of "<id>.<ts>.<body>">`,
    keyed with the base64 part of a `whsec_` secret."""
    timestamp = int(time.time()) if timestamp is None else timestamp
    message_id = message_id or "msg_" + secrets.token_hex(12)
    key = base64.b64decode(secret.removeprefix("whsec_"))
    digest = hmac.new(key, f"{message_id}.{timestamp}.".encode() + body, hashlib.sha256).digest()
    return {
        "Content-Type": "application/json",
        "svix-id": message_id,
        "svix-timestamp": str(timestamp),
        "svix-signature": "v1," + base64.b64encode(digest).decode(),
    }


def send(url: str, body: bytes, headers: dict[str, str], *, method: str = "POST",
         timeout: float = 30) -> tuple[int, dict[str, str], bytes]:
    """POSTs `body` with `headers` to `url`; returns the status, the headers (lowercase names) and the body."""
    request = urllib.request.Request(url, data=body, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as answer:
            return answer.status, {k.lower(): v for k, v in answer.headers.items()}, answer.read()
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}, error.read()
