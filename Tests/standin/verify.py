"""Verification endpoints of the stand-in: for every catalog provider, its verification request's path under
`/p/<provider>` answers as the provider would, checking the credential exactly where the catalog says it goes.

`accept(standin, provider, **values)` tells the stand-in which values are valid for a provider (say
`apiKey="sk-…"`). A request then succeeds (the catalog's first expected status, with its success field `true`)
only when every header, basic authentication, path segment and query parameter of the catalog's verification
request that the accepted values fill in is there with those values. Otherwise it answers 401 with a body that
quotes what it received, so that a test can prove the server never passes a provider's body on.
"""

from __future__ import annotations

import base64
import json
import re
import urllib.parse
from functools import lru_cache
from pathlib import Path
from typing import Optional

from standin.server import Request, Response, StandIn, register

PROVIDERS_DIR = Path(__file__).resolve().parents[2] / "Sources" / "SwitchboardCatalog" / "Resources" / "providers"
PLACEHOLDER = re.compile(r"\{([A-Za-z][A-Za-z0-9_]*)\}")
# What the server leaves unencoded in a path segment (RFC 3986 pchar without "/"), and in a query value.
PATH_SAFE = "-._~!$&'()*+,;=:@"
QUERY_SAFE = "-._~"


@lru_cache(maxsize=None)
def catalog_provider(provider_id: str) -> dict:
    return json.loads((PROVIDERS_DIR / f"{provider_id}.json").read_text())


def accept(standin: StandIn, provider_id: str, **values: str) -> None:
    """Makes `values` (by form field, or `accessToken`) the valid credentials of `provider_id`."""
    with standin.lock:
        standin.state.setdefault("verify", {})[provider_id] = dict(values)


def verification_path(provider: dict) -> Optional[str]:
    """The path template of the provider's verification request as the stand-in receives it (without `/p/<id>`):
    the URL's path after its scheme and host, or after a leading placeholder (a tenant's own server)."""
    verification = provider.get("verification")
    if not verification or verification.get("kind", "HTTP") != "HTTP":
        return None
    url = verification["url"]
    if url.startswith("{"):
        end = url.index("}") + 1
        rest = url[end:]
    else:
        rest = url.split("://", 1)[1]
        rest = rest[rest.index("/"):] if "/" in rest else "/"
    return rest.split("?", 1)[0]


def _render(template: str, values: dict[str, str], encode=lambda value: value) -> Optional[str]:
    """`template` filled in from `values`; None when a placeholder has no value."""
    missing = False

    def substitute(match: re.Match) -> str:
        nonlocal missing
        value = values.get(match.group(1))
        if value is None:
            missing = True
            return ""
        return encode(value)

    text = PLACEHOLDER.sub(substitute, template)
    return None if missing else text


def problems(provider_id: str, request: Request, accepted: dict[str, str]) -> list[str]:
    """What in `request` differs from the verification request the catalog describes with `accepted` values."""
    provider = catalog_provider(provider_id)
    verification = provider["verification"]
    found: list[str] = []
    if request.method != verification.get("method", "GET"):
        found.append(f"method {request.method}")
    path = verification_path(provider)
    expected_path = _render(path, accepted, lambda v: urllib.parse.quote(v, safe=PATH_SAFE))
    received_path = request.path[len(f"/p/{provider_id}"):] or "/"
    if expected_path is not None and received_path != expected_path:
        found.append("path")
    for name, template in verification.get("headers", {}).items():
        expected = _render(template, accepted)
        if expected is not None and request.header(name) != expected:
            found.append(f"header {name}")
    basic = verification.get("basicAuth")
    if basic:
        user, password = _render(basic["username"], accepted), _render(basic["password"], accepted)
        if user is not None and password is not None:
            token = base64.b64encode(f"{user}:{password}".encode()).decode()
            if request.header("authorization") != f"Basic {token}":
                found.append("basic authentication")
    query = request.query
    for name, template in verification.get("query", {}).items():
        expected = _render(template, accepted)
        if expected is not None and query.get(name) != [expected]:
            found.append(f"query {name}")
    return found


def success_body(verification: dict) -> dict:
    body: dict = {"object": "standin", "data": []}
    if verification.get("successField"):
        node = body
        keys = verification["successField"].split(".")
        for key in keys[:-1]:
            node = node.setdefault(key, {})
        node[keys[-1]] = True
    return body


def handle(request: Request, standin: StandIn) -> Optional[Response]:
    match = re.fullmatch(r"/p/([a-z0-9-]+)(/.*)?", request.path)
    provider_id = match.group(1)
    if not (PROVIDERS_DIR / f"{provider_id}.json").exists():
        return None
    provider = catalog_provider(provider_id)
    path = verification_path(provider)
    if path is None:
        return None
    # Only the verification path is this module's (OAuth endpoints share the provider's prefix).
    pattern = "".join("[^/]+" if part.startswith("{") else re.escape(part)
                      for part in re.split(r"(\{[A-Za-z][A-Za-z0-9_]*\})", path))
    if not re.fullmatch(pattern, match.group(2) or "/"):
        return None
    with standin.lock:
        accepted = dict(standin.state.get("verify", {}).get(provider_id) or {})
    verification = provider["verification"]
    if accepted and not problems(provider_id, request, accepted):
        return Response.json(verification.get("expectedStatus", [200])[0], success_body(verification))
    # What a careless server would pass on: the credential it was sent.
    received = request.header("authorization") or request.header("x-api-key") or request.path
    if verification.get("successField"):
        # Providers like Slack answer 200 with `ok: false`.
        return Response.json(200, {verification["successField"]: False, "error": "invalid_auth", "received": received})
    return Response.json(401, {"error": "invalid credentials", "received": received})


register("*", r"/p/[a-z0-9-]+(/.*)?", handle)
