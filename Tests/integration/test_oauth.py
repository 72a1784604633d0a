"""OAuth 2.0 with PKCE and refresh, through the real `switchboard serve` over HTTP, against the provider stand-in
(Tests/standin/oauth.py) on loopback."""

from __future__ import annotations

import concurrent.futures
import json
import secrets
import time

import pytest

import oauth_support as o
import support


@pytest.fixture(scope="module")
def standin():
    standin = o.new_standin()
    yield standin
    standin.stop()


@pytest.fixture(scope="module")
def oauth_server(make_server, standin, tmp_path_factory):
    config = o.write_config(tmp_path_factory.mktemp("oauth-config") / "providers.json", standin)
    return make_server("oauth", args=("--provider-config", str(config), "--oauth-refresh-interval", "0"))


@pytest.fixture
def tenant(oauth_server) -> support.Tenant:
    return oauth_server.create_tenant("OAuth " + secrets.token_hex(3))


@pytest.fixture(autouse=True)
def fresh_standin(standin):
    standin.reset()
    for provider in o.PROVIDERS:
        o.standin_oauth.settings(standin, provider)
        o.standin_oauth.deny(standin, provider, False)


def database(server: support.Server) -> str:
    return server.database_url


def test_full_flow_connects_and_never_shows_a_token(oauth_server, tenant, standin):
    started = o.start(oauth_server, tenant)
    assert started["codeChallengeMethod"] == "S256"
    assert started["providerId"] == "gitlab"
    assert started["redirectUri"] == o.REDIRECT_URL
    parameters = o.query_of(started["authorizationUrl"])
    assert started["authorizationUrl"].startswith(standin.provider_url("gitlab") + "/oauth/authorize?")
    assert parameters["state"] == started["state"] and len(started["state"]) == 43
    assert parameters["client_id"] == o.CLIENTS["gitlab"][0]
    assert parameters["redirect_uri"] == o.REDIRECT_URL
    assert parameters["code_challenge_method"] == "S256" and len(parameters["code_challenge"]) == 43
    assert "code_verifier" not in started["authorizationUrl"]
    # The server keeps only the state's hash.
    stored = support.psql(database(oauth_server), "SELECT state_hash FROM oauth_states")
    assert started["state"] not in json.dumps(stored)

    answer = o.callback(oauth_server, o.authorize(started["authorizationUrl"]))
    assert answer.status == 302, answer.body
    location = answer.headers["location"]
    assert location.startswith(o.RETURN_URL + "?status=connected&connectorId=tc_")
    connector_id = o.query_of(location)["connectorId"]

    connector = oauth_server.data(o.CONNECTOR, {"id": connector_id}, token=tenant.token)["connector"]
    assert connector["status"] == "ACTIVE" and connector["providerId"] == "gitlab"
    assert connector["tokenExpiresAt"] is not None and connector["tokenError"] is None
    assert {c["field"]: c["maskedValue"] for c in connector["credentials"]} == {
        "accessToken": "••••", "refreshToken": "••••"}
    # The token request carried the PKCE verifier, and the stand-in checked it against the challenge.
    token_requests = standin.requests_to(o.standin_oauth.token_path("gitlab"))
    assert len(token_requests) == 1 and token_requests[0].form()["grant_type"] == "authorization_code"
    assert o.query_of("?" + token_requests[0].body.decode())["code_verifier"]

    # Neither the tokens nor the code nor the client secret appear in any response or log line.
    everything = json.dumps(oauth_server.data(
        "{ viewer { connectors { id status tokenExpiresAt credentials { field maskedValue } } } }",
        token=tenant.token)) + location + oauth_server.all_logs()
    for secret in o.standin_oauth.issued(standin) + [o.CLIENTS["gitlab"][1], started["state"]]:
        assert secret not in everything
    # The tokens are sealed at rest.
    rows = support.psql(database(oauth_server),
                        "SELECT encode(sealed, 'escape') FROM connector_credentials WHERE connector_id = :'c'",
                        c=connector_id)
    for secret in o.standin_oauth.issued(standin):
        assert secret not in json.dumps(rows)
    # Audit events in the same transactions as the changes.
    kinds = [row[0] for row in support.psql(
        database(oauth_server),
        "SELECT kind FROM audit_events WHERE tenant_id = :'t' ORDER BY created_at, id", t=tenant.id)]
    assert kinds[:1] == ["oauth.started"] and "oauth.completed" in kinds and "connector.connected" in kinds


def test_reused_state_is_refused_and_changes_nothing(oauth_server, tenant):
    started = o.start(oauth_server, tenant)
    query = o.authorize(started["authorizationUrl"])
    assert o.callback(oauth_server, query).status == 302
    again = o.callback(oauth_server, query)
    assert again.status == 400
    assert again.codes[0] == "OAUTH_STATE_USED"
    assert "location" not in again.headers


def test_expired_state_is_refused_and_nothing_is_stored(oauth_server, tenant, standin):
    started = o.start(oauth_server, tenant)
    query = o.authorize(started["authorizationUrl"])
    support.psql(database(oauth_server),
                 "UPDATE oauth_states SET expires_at = now() - interval '1 second' WHERE tenant_id = :'t'",
                 t=tenant.id)
    answer = o.callback(oauth_server, query)
    assert answer.status == 400 and answer.codes[0] == "OAUTH_STATE_EXPIRED"
    assert standin.count(o.standin_oauth.token_path("gitlab")) == 0
    assert oauth_server.data("{ viewer { connectors { id } } }", token=tenant.token)["viewer"]["connectors"] == []


@pytest.mark.parametrize("query", [
    "code=abc&state=" + "A" * 43,  # well formed, never issued
    "code=abc&state=short",
    "code=abc",
    "state=&code=abc",
])
def test_bad_or_unknown_state_is_refused(oauth_server, query):
    answer = o.callback(oauth_server, query)
    assert answer.status == 400, answer.body
    expected = "OAUTH_STATE_UNKNOWN" if query.startswith("code=abc&state=AAA") else "OAUTH_CALLBACK_INVALID"
    assert answer.codes == [expected]
    assert "location" not in answer.headers


def test_provider_error_redirects_with_the_error(oauth_server, tenant, standin):
    o.standin_oauth.deny(standin, "gitlab")
    started = o.start(oauth_server, tenant)
    query = o.authorize(started["authorizationUrl"])
    assert "error=access_denied" in query
    answer = o.callback(oauth_server, query)
    assert answer.status == 302
    assert answer.headers["location"] == o.RETURN_URL + "?status=error&error=access_denied"
    assert oauth_server.data("{ viewer { connectors { id } } }", token=tenant.token)["viewer"]["connectors"] == []
    kinds = [row[0] for row in support.psql(database(oauth_server),
                                            "SELECT kind FROM audit_events WHERE tenant_id = :'t'", t=tenant.id)]
    assert "oauth.failed" in kinds


def test_token_endpoint_failure_redirects_with_an_error(oauth_server, tenant, standin):
    started = o.start(oauth_server, tenant)
    query = o.authorize(started["authorizationUrl"])
    standin.behave(o.standin_oauth.token_path("gitlab"), status=500, times=1)
    answer = o.callback(oauth_server, query)
    assert answer.status == 302
    assert answer.headers["location"] == o.RETURN_URL + "?status=error&error=provider_unavailable"


def test_start_refuses_bad_input(oauth_server, tenant):
    def code(input_: dict) -> str:
        _, errors = oauth_server.errors(o.START, {"input": input_}, token=tenant.token)
        return errors[0]["extensions"]["code"]

    assert code({"providerId": "gitlab", "returnUrl": "https://evil.example/x"}) == "BAD_USER_INPUT"
    assert code({"providerId": "gitlab", "returnUrl": "/relative"}) == "BAD_USER_INPUT"
    assert code({"providerId": "gitlab", "returnUrl": "javascript:alert(1)"}) == "BAD_USER_INPUT"
    assert code({"providerId": "openai", "returnUrl": o.RETURN_URL}) == "BAD_USER_INPUT"
    assert code({"providerId": "nope", "returnUrl": o.RETURN_URL}) == "PROVIDER_NOT_FOUND"
    assert code({"providerId": "gitlab", "returnUrl": o.RETURN_URL, "scopes": ["a b"]}) == "BAD_USER_INPUT"
    # No OAuth app: a provider without a platform app in the configuration.
    assert code({"providerId": "bitbucket", "returnUrl": o.RETURN_URL}) == "OAUTH_NOT_CONFIGURED"


def test_slack_response_shape_is_parsed_from_catalog_data(oauth_server, tenant):
    connector_id = o.connect(oauth_server, tenant, "slack")
    connector = oauth_server.data(o.CONNECTOR, {"id": connector_id}, token=tenant.token)["connector"]
    assert connector["status"] == "ACTIVE"
    assert {c["field"] for c in connector["credentials"]} == {"accessToken", "refreshToken", "userAccessToken"}


def test_github_without_refresh(oauth_server, tenant):
    connector_id = o.connect(oauth_server, tenant, "github")
    payload = oauth_server.data(o.REFRESH, {"id": connector_id, "force": True}, token=tenant.token)
    assert payload["refreshConnectorToken"]["refreshed"] is False


def expire_soon(server: support.Server, connector_id: str, seconds: int = 5) -> None:
    support.psql(database(server),
                 "UPDATE oauth_tokens SET expires_at = now() + make_interval(secs => :s) WHERE connector_id = :'c'",
                 c=connector_id, s=str(seconds))


def test_refresh_when_due_rotates_the_refresh_token(oauth_server, tenant, standin):
    connector_id = o.connect(oauth_server, tenant)
    # Not due: nothing is sent.
    payload = oauth_server.data(o.REFRESH, {"id": connector_id}, token=tenant.token)["refreshConnectorToken"]
    assert payload["refreshed"] is False and o.refresh_calls(standin) == 0
    valid_before = set(o.standin_oauth.valid_refresh_tokens(standin, "gitlab"))
    expire_soon(oauth_server, connector_id)
    payload = oauth_server.data(o.REFRESH, {"id": connector_id}, token=tenant.token)["refreshConnectorToken"]
    assert payload["refreshed"] is True and payload["error"] is None
    assert o.refresh_calls(standin) == 1
    # The rotated refresh token was saved: the next refresh uses it (the old one is revoked at the stand-in).
    valid_after = set(o.standin_oauth.valid_refresh_tokens(standin, "gitlab"))
    assert len(valid_before - valid_after) == 1 and len(valid_after - valid_before) == 1
    payload = oauth_server.data(o.REFRESH, {"id": connector_id, "force": True}, token=tenant.token)
    assert payload["refreshConnectorToken"]["refreshed"] is True
    assert o.refresh_calls(standin) == 2
    kinds = [row[0] for row in support.psql(
        database(oauth_server), "SELECT kind FROM audit_events WHERE tenant_id = :'t' AND kind = 'oauth.refreshed'",
        t=tenant.id)]
    assert len(kinds) == 2


def test_concurrent_refreshes_send_one_request(oauth_server, tenant, standin):
    connector_id = o.connect(oauth_server, tenant)
    expire_soon(oauth_server, connector_id)
    standin.behave(o.standin_oauth.token_path("gitlab"), delay=0.5, times=1)

    def refresh(_):
        return oauth_server.data(o.REFRESH, {"id": connector_id}, token=tenant.token)["refreshConnectorToken"]

    with concurrent.futures.ThreadPoolExecutor(20) as pool:
        results = list(pool.map(refresh, range(20)))
    assert o.refresh_calls(standin) == 1
    assert all(result["error"] is None for result in results)
    assert all(result["connector"]["status"] == "ACTIVE" for result in results)


def test_failed_refresh_marks_expired_or_error(oauth_server, tenant, standin):
    connector_id = o.connect(oauth_server, tenant)
    token_path = o.standin_oauth.token_path("gitlab")
    standin.behave(token_path, status=500, times=1)
    payload = oauth_server.data(o.REFRESH, {"id": connector_id, "force": True}, token=tenant.token)
    result = payload["refreshConnectorToken"]
    assert result["refreshed"] is False and result["error"] == "provider_unavailable"
    assert result["connector"]["status"] == "ERROR" and result["connector"]["tokenError"] == "provider_unavailable"

    standin.behave(token_path, status=400, body={"error": "invalid_grant"}, times=1)
    result = oauth_server.data(o.REFRESH, {"id": connector_id, "force": True},
                               token=tenant.token)["refreshConnectorToken"]
    assert result["error"] == "invalid_grant"
    assert result["connector"]["status"] == "EXPIRED" and result["connector"]["tokenError"] == "invalid_grant"
    kinds = [row[0] for row in support.psql(
        database(oauth_server), "SELECT kind FROM audit_events WHERE tenant_id = :'t' AND kind = 'oauth.failed'",
        t=tenant.id)]
    assert len(kinds) == 2
    # A later successful refresh makes it ACTIVE again.
    result = oauth_server.data(o.REFRESH, {"id": connector_id, "force": True},
                               token=tenant.token)["refreshConnectorToken"]
    assert result["refreshed"] is True and result["connector"]["status"] == "ACTIVE"
    assert result["connector"]["tokenError"] is None


def test_concurrent_refreshes_across_two_processes_send_one_request(make_server, standin, tmp_path_factory):
    config = o.write_config(tmp_path_factory.mktemp("oauth-two") / "providers.json", standin)
    args = ("--provider-config", str(config), "--oauth-refresh-interval", "0")
    first = make_server("oauth-first", args=args)
    # A second server on the same database and master key.
    workdir = tmp_path_factory.mktemp("oauth-second")
    second = support.Server(workdir, first.database_url, admin_token=first.admin_token,
                            master_key_file=first.master_key_file, args=args).start()
    try:
        tenant = first.create_tenant("Two processes")
        connector_id = o.connect(first, tenant)
        expire_soon(first, connector_id)
        standin.behave(o.standin_oauth.token_path("gitlab"), delay=0.5, times=1)

        def verify(index):
            server = first if index % 2 else second
            return server.data(o.VERIFY, {"id": connector_id}, token=tenant.token)["verifyConnector"]

        # verifyConnector uses the token: each use refreshes it first if it is due.
        with concurrent.futures.ThreadPoolExecutor(20) as pool:
            results = list(pool.map(verify, range(20)))
        assert o.refresh_calls(standin) == 1
        assert all(result["success"] and result["status"] == "ACTIVE" for result in results), results
    finally:
        second.kill()


def test_background_pass_refreshes_due_tokens(make_server, standin, tmp_path_factory):
    config = o.write_config(tmp_path_factory.mktemp("oauth-bg") / "providers.json", standin)
    server = make_server("oauth-background", args=("--provider-config", str(config),
                                                   "--oauth-refresh-interval", "1"))
    tenant = server.create_tenant("Background")
    connector_id = o.connect(server, tenant)
    before = server.data(o.CONNECTOR, {"id": connector_id}, token=tenant.token)["connector"]["tokenExpiresAt"]
    expire_soon(server, connector_id, 60)
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and o.refresh_calls(standin) == 0:
        time.sleep(0.2)
    assert o.refresh_calls(standin) == 1
    after = server.data(o.CONNECTOR, {"id": connector_id}, token=tenant.token)["connector"]
    assert after["status"] == "ACTIVE" and after["tokenExpiresAt"] >= before
    actors = support.psql(server.database_url,
                          "SELECT actor FROM audit_events WHERE kind = 'oauth.refreshed' AND tenant_id = :'t'",
                          t=tenant.id)
    assert actors == [["system"]]
