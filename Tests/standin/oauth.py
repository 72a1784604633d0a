"""OAuth 2.0 endpoints of the stand-in: for every OAuth provider of the catalog, its authorize and token URLs' paths
under `/p/<provider>` play an authorization server with PKCE and rotating refresh tokens.

- Authorize (`GET`): redirects to `redirect_uri` with a new `code` and the request's `state`, or with
  `error=access_denied` when `deny(standin, provider)` was called. It checks `response_type=code`, the client id
  and, when PKCE is used, `code_challenge_method=S256`.
- Token (`POST`): the `authorization_code` grant (single-use code, same client and `redirect_uri`, and the PKCE
  check: BASE64URL(SHA-256(code_verifier)) must equal the challenge) and the `refresh_token` grant (with rotation
  when `settings(…, rotate=True)`: the old refresh token stops working). Client authentication in the body or as
  HTTP Basic, as the catalog says for the provider. Answers in the provider's shape: JSON (Slack's nested
  `authed_user` and `ok`), or form-encoded for GitHub when the request does not accept JSON.
- Failures on demand come from the server's `behave` (a 500, a slow answer, or `invalid_grant` with
  `behave(path, status=400, body={"error": "invalid_grant"})`); calls are counted by path as for every endpoint.

`register_client(standin, provider, client_id, client_secret)` says which client is valid (any client is refused
until one is registered). `settings(standin, provider, expires_in=…, refresh=…, rotate=…)` shapes the tokens.
`issued(standin)` lists the tokens issued, for tests that prove no token ever reaches a response or a log. The newest
access token of a provider is the one its verification endpoint (verify.py) accepts.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import secrets
import urllib.parse
from pathlib import Path
from typing import Optional

from standin.server import Request, Response, StandIn, register

PROVIDERS_DIR = Path(__file__).resolve().parents[2] / "Sources" / "SwitchboardCatalog" / "Resources" / "providers"


def _oauth_providers() -> dict[str, dict]:
    found = {}
    for path in sorted(PROVIDERS_DIR.glob("*.json")):
        provider = json.loads(path.read_text())
        if provider.get("oauth"):
            found[provider["id"]] = provider
    return found


PROVIDERS = _oauth_providers()


def _path(url: str) -> str:
    rest = url.split("://", 1)[1]
    rest = rest[rest.index("/"):] if "/" in rest else "/"
    return rest.split("?", 1)[0]


def authorize_path(provider_id: str) -> str:
    return f"/p/{provider_id}" + _path(PROVIDERS[provider_id]["oauth"]["authorizeUrl"])


def token_path(provider_id: str) -> str:
    return f"/p/{provider_id}" + _path(PROVIDERS[provider_id]["oauth"]["tokenUrl"])


def _state(standin: StandIn) -> dict:
    return standin.state.setdefault("oauth", {"clients": {}, "codes": {}, "refresh": {}, "settings": {},
                                              "denied": set(), "issued": []})


def register_client(standin: StandIn, provider_id: str, client_id: str, client_secret: str) -> None:
    with standin.lock:
        _state(standin)["clients"][provider_id] = (client_id, client_secret)


def settings(standin: StandIn, provider_id: str, *, expires_in: Optional[int] = 3600, refresh: bool = True,
             rotate: bool = True, next_expires_in: Optional[list[int]] = None) -> None:
    """`expires_in` of the tokens issued (None: left out); whether a refresh token is issued, and rotated on use.
    `next_expires_in` lists the `expires_in` of the next grants in order, before `expires_in` applies again."""
    with standin.lock:
        _state(standin)["settings"][provider_id] = {"expires_in": expires_in, "refresh": refresh, "rotate": rotate,
                                                   "queue": list(next_expires_in or [])}


def deny(standin: StandIn, provider_id: str, denied: bool = True) -> None:
    with standin.lock:
        (_state(standin)["denied"].add if denied else _state(standin)["denied"].discard)(provider_id)


def issued(standin: StandIn) -> list[str]:
    """Every code, access token and refresh token issued so far."""
    with standin.lock:
        return list(_state(standin)["issued"])


def valid_refresh_tokens(standin: StandIn, provider_id: str) -> list[str]:
    with standin.lock:
        return [token for token, grant in _state(standin)["refresh"].items()
                if grant["provider"] == provider_id and grant["valid"]]


def _error(status: int, error: str, description: str) -> Response:
    return Response.json(status, {"error": error, "error_description": description})


def _authorize(provider_id: str):
    def handle(request: Request, standin: StandIn) -> Optional[Response]:
        oauth = PROVIDERS[provider_id]["oauth"]
        query = {k: v[0] for k, v in request.query.items()}
        redirect_uri = query.get("redirect_uri")
        if not redirect_uri:
            return _error(400, "invalid_request", "no redirect_uri")
        with standin.lock:
            state = _state(standin)
            client = state["clients"].get(provider_id)
            denied = provider_id in state["denied"]
        if client is None or query.get("client_id") != client[0]:
            return _error(400, "invalid_client", "unknown client_id")
        if query.get("response_type") != "code":
            return _error(400, "unsupported_response_type", "response_type must be code")
        if oauth.get("pkce") and query.get("code_challenge_method") != "S256":
            return _error(400, "invalid_request", "PKCE with S256 is required")
        separator = "&" if "?" in redirect_uri else "?"
        if denied:
            parameters = {"error": "access_denied", "state": query.get("state", "")}
            return Response.redirect(redirect_uri + separator + urllib.parse.urlencode(parameters))
        code = "code_" + secrets.token_urlsafe(24)
        with standin.lock:
            state["codes"][code] = {"client_id": client[0], "redirect_uri": redirect_uri,
                                    "challenge": query.get("code_challenge"), "scope": query.get("scope", ""),
                                    "used": False}
            state["issued"].append(code)
        return Response.redirect(redirect_uri + separator + urllib.parse.urlencode({"code": code,
                                                                                     "state": query.get("state", "")}))
    return handle


def _client_of(request: Request, fields: dict[str, str]) -> tuple[Optional[str], Optional[str]]:
    authorization = request.header("authorization") or ""
    if authorization.startswith("Basic "):
        decoded = base64.b64decode(authorization[6:]).decode()
        client_id, _, secret = decoded.partition(":")
        return urllib.parse.unquote_plus(client_id), urllib.parse.unquote_plus(secret)
    return fields.get("client_id"), fields.get("client_secret")


def _grant(provider_id: str, standin: StandIn, scope: str) -> dict:
    """New tokens (under the lock)."""
    state = _state(standin)
    shape = state["settings"].get(provider_id, {"expires_in": 3600, "refresh": True, "rotate": True, "queue": []})
    expires_in = shape["queue"].pop(0) if shape["queue"] else shape["expires_in"]
    access = "at_" + secrets.token_urlsafe(24)
    state["issued"].append(access)
    # The newest access token is the one the provider's verification endpoint (verify.py) accepts.
    standin.state.setdefault("verify", {})[provider_id] = {"accessToken": access}
    tokens = {"access_token": access, "token_type": "bearer", "scope": scope}
    if expires_in is not None:
        tokens["expires_in"] = expires_in
    if shape["refresh"]:
        refresh = "rt_" + secrets.token_urlsafe(24)
        state["refresh"][refresh] = {"provider": provider_id, "valid": True, "scope": scope}
        state["issued"].append(refresh)
        tokens["refresh_token"] = refresh
    return tokens


def _token(provider_id: str):
    def handle(request: Request, standin: StandIn) -> Optional[Response]:
        oauth = PROVIDERS[provider_id]["oauth"]
        fields = request.json() if oauth.get("tokenRequestFormat") == "JSON" else request.form()
        client_id, client_secret = _client_of(request, fields)
        with standin.lock:
            state = _state(standin)
            client = state["clients"].get(provider_id)
            if client is None or (client_id, client_secret) != client:
                return _error(401, "invalid_client", "client authentication failed")
            grant_type = fields.get("grant_type")
            if grant_type == "authorization_code":
                code = state["codes"].get(fields.get("code", ""))
                if code is None or code["used"] or code["client_id"] != client_id:
                    return _error(400, "invalid_grant", "unknown or used code")
                if code["redirect_uri"] != fields.get("redirect_uri"):
                    return _error(400, "invalid_grant", "redirect_uri differs from the authorization request's")
                if code["challenge"] is not None:
                    verifier = fields.get("code_verifier", "")
                    digest = hashlib.sha256(verifier.encode()).digest()
                    computed = base64.urlsafe_b64encode(digest).decode().rstrip("=")
                    if computed != code["challenge"]:
                        return _error(400, "invalid_grant", "PKCE verification failed")
                code["used"] = True
                tokens = _grant(provider_id, standin, code["scope"])
            elif grant_type == "refresh_token":
                refresh = state["refresh"].get(fields.get("refresh_token", ""))
                if refresh is None or not refresh["valid"] or refresh["provider"] != provider_id:
                    return _error(400, "invalid_grant", "unknown or revoked refresh token")
                shape = state["settings"].get(provider_id, {"rotate": True})
                tokens = _grant(provider_id, standin, refresh["scope"])
                if shape.get("rotate", True):
                    refresh["valid"] = False
                else:
                    # Keep the same refresh token: drop the one _grant made.
                    made = tokens.pop("refresh_token", None)
                    if made:
                        del state["refresh"][made]
            else:
                return _error(400, "unsupported_grant_type", "grant_type")
        return _answer(provider_id, request, tokens)
    return handle


def _answer(provider_id: str, request: Request, tokens: dict) -> Response:
    hints = PROVIDERS[provider_id]["oauth"].get("tokenResponse")
    if hints and hints.get("userAccessTokenPath") == "authed_user.access_token":
        # Slack's shape: the bot's token at the top, the user's under authed_user, and ok.
        user = {"id": "U1", "access_token": "xoxp-" + tokens["access_token"]}
        return Response.json(200, {"ok": True, **tokens, "authed_user": user})
    accept = request.header("accept") or ""
    if provider_id in ("github", "github-actions") and "application/json" not in accept:
        body = urllib.parse.urlencode(tokens).encode()
        return Response(200, body, {"Content-Type": "application/x-www-form-urlencoded"})
    return Response.json(200, tokens)


for _provider_id in PROVIDERS:
    register("GET", re.escape(authorize_path(_provider_id)), _authorize(_provider_id))
    register("POST", re.escape(token_path(_provider_id)), _token(_provider_id))
