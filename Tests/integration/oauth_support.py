"""What the OAuth tests share (single process and cluster): the stand-in with its OAuth endpoints, a provider
configuration pointing providers at it, and HTTP without following redirects."""

from __future__ import annotations

import secrets
import sys
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import support

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from standin import oauth as standin_oauth  # noqa: E402
from standin import server as standin_server  # noqa: E402
from standin.config import write_provider_config  # noqa: E402

standin_server.load_handler_modules()

RETURN_ORIGIN = "https://app.example"
RETURN_URL = RETURN_ORIGIN + "/connected"
# The callback URL the provider is told; the tests follow redirects by hand and call the server's own address.
REDIRECT_URL = "https://switchboard.example/oauth/callback"
PROVIDERS = ("gitlab", "github", "slack")
CLIENTS = {provider: ("client-" + provider, "secret-" + secrets.token_hex(8)) for provider in PROVIDERS}

START = """mutation($input: StartOAuthInput!) {
  startOAuth(input: $input) { authorizationUrl state codeChallengeMethod expiresAt providerId scopes redirectUri }
}"""
REFRESH = """mutation($id: ID!, $force: Boolean) {
  refreshConnectorToken(id: $id, force: $force) { refreshed error connector { id status tokenExpiresAt tokenError } }
}"""
VERIFY = "mutation($id: ID!) { verifyConnector(id: $id) { success error status } }"
CONNECTOR = "query($id: ID!) { connector(id: $id) { id status providerId tokenExpiresAt tokenError credentials { field maskedValue } } }"


def new_standin() -> standin_server.StandIn:
    standin = standin_server.StandIn().start()
    for provider, (client_id, secret) in CLIENTS.items():
        standin_oauth.register_client(standin, provider, client_id, secret)
    return standin


def write_config(path: Path, standin: standin_server.StandIn) -> Path:
    return write_provider_config(
        path, standin.base_url, PROVIDERS,
        platform_apps={provider: {"clientId": client_id, "clientSecret": secret}
                       for provider, (client_id, secret) in CLIENTS.items()},
        oauthRedirectUrl=REDIRECT_URL, allowedReturnOrigins=[RETURN_ORIGIN])


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


_opener = urllib.request.build_opener(_NoRedirect)


def get(url: str, timeout: float = 60) -> support.Response:
    """GET without following redirects."""
    try:
        with _opener.open(urllib.request.Request(url), timeout=timeout) as answer:
            return support.Response(answer.status, {k.lower(): v for k, v in answer.headers.items()}, answer.read())
    except urllib.error.HTTPError as error:
        return support.Response(error.code, {k.lower(): v for k, v in error.headers.items()}, error.read())


def query_of(url: str) -> dict[str, str]:
    return {k: v[0] for k, v in urllib.parse.parse_qs(urllib.parse.urlsplit(url).query).items()}


def start(server: support.Server, tenant: support.Tenant, provider: str = "gitlab", **extra) -> dict:
    return server.data(START, {"input": {"providerId": provider, "returnUrl": RETURN_URL, **extra}},
                       token=tenant.token)["startOAuth"]


def authorize(authorization_url: str) -> str:
    """Follows the provider's authorize step; returns the callback URL's query (code or error, and state)."""
    answer = get(authorization_url)
    assert answer.status == 302, (answer.status, answer.body)
    location = answer.headers["location"]
    assert location.startswith(REDIRECT_URL + "?"), location
    return urllib.parse.urlsplit(location).query


def callback(server: support.Server, query: str, timeout: float = 60) -> support.Response:
    return get(server.base + "/oauth/callback?" + query, timeout=timeout)


def connect(server: support.Server, tenant: support.Tenant, provider: str = "gitlab") -> str:
    """The whole flow; returns the connector id."""
    started = start(server, tenant, provider)
    answer = callback(server, authorize(started["authorizationUrl"]))
    assert answer.status == 302, (answer.status, answer.body)
    outcome = query_of(answer.headers["location"])
    assert outcome["status"] == "connected", outcome
    return outcome["connectorId"]


def refresh_calls(standin: standin_server.StandIn, provider: str = "gitlab") -> int:
    """How many refresh grants the provider's token endpoint received."""
    return sum(1 for request in standin.requests_to(standin_oauth.token_path(provider))
               if request.form().get("grant_type") == "refresh_token")
