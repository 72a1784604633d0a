"""Credential resolution and verification through HTTP, with the providers played by the stand-in.

The shared server's configuration (standin/fixtures.py) points github, slack, openai, anthropic, groq, stripe, telegram
and twilio at the stand-in and gives the platform apps for openai and github. The stand-in checks each credential
where the catalog says it goes (standin/verify.py) and counts every call.
"""

from __future__ import annotations

import base64
import time

from standin import verify as standin_verify
from standin.fixtures import PLATFORM_APPS, VERIFICATION_TIMEOUT_SECONDS
from standin.server import StandIn
from support import Server, Tenant, codes

INFO = "query($p: ID!) { credentialInfo(providerId: $p) { providerId source isConfigured canOverride } }"
VERIFY = """mutation($id: ID!) { verifyConnector(id: $id) {
  success error checkedAt status credentialSource connector { id status statusReason lastVerifiedAt } } }"""
OPENAI_KEY = "sk-tenant-openai-abcdefghijklmnopqrstuvwxyz"
ANTHROPIC_KEY = "sk-ant-tenant-abcdefghijklmnopqrstuvwxyz"
TELEGRAM_TOKEN = "123456789:AAtenant-telegram-abcdefghijklmnopqr"
TWILIO_SID, TWILIO_TOKEN = "AC" + "0123456789abcdef" * 2, "fedcba9876543210" * 2


def info(server: Server, tenant: Tenant, provider: str) -> dict:
    return server.data(INFO, {"p": provider}, token=tenant.token)["credentialInfo"]


def connect(server: Server, tenant: Tenant, provider: str, credentials: dict | None = None) -> str:
    data = server.data(
        "mutation($input: CreateConnectorInput!) { createConnector(input: $input) { id } }",
        {"input": {"providerId": provider, **({"credentials": credentials} if credentials else {})}},
        token=tenant.token)
    return data["createConnector"]["id"]


def verify(server: Server, tenant: Tenant, connector: str) -> tuple[dict, bytes]:
    """The verification result, and the whole response body (to look for secrets in)."""
    response = server.post(VERIFY, {"id": connector}, token=tenant.token)
    assert response.status == 200 and "errors" not in response.json, response.body
    return response.json["data"]["verifyConnector"], response.body


def test_credential_info_follows_the_documented_order(server: Server, tenant: Tenant):
    # HYBRID with a platform app: PLATFORM until the tenant brings its own.
    assert info(server, tenant, "openai") == {
        "providerId": "openai", "source": "PLATFORM", "isConfigured": True, "canOverride": True}
    override = server.data(
        'mutation($k: String!) { setCredentialOverride(input: {providerId: "openai", override: {apiKey: $k}}) '
        "{ providerId source isConfigured canOverride } }", {"k": "sk-override-abcdefghijklmnopqrstuvwxyz"},
        token=tenant.token)["setCredentialOverride"]
    assert override == {"providerId": "openai", "source": "TENANT_OVERRIDE", "isConfigured": True, "canOverride": True}
    connector = connect(server, tenant, "openai")
    assert info(server, tenant, "openai")["source"] == "TENANT_OVERRIDE"  # a connector without credentials
    server.data("mutation($id: ID!, $k: String!) { updateConnector(id: $id, input: {credentials: {apiKey: $k}}) { id } }",
                {"id": connector, "k": OPENAI_KEY}, token=tenant.token)
    assert info(server, tenant, "openai")["source"] == "TENANT"
    server.data("mutation($id: ID!) { deleteConnector(id: $id) }", {"id": connector}, token=tenant.token)
    assert info(server, tenant, "openai")["source"] == "TENANT_OVERRIDE"
    server.data('mutation { clearCredentialOverride(providerId: "openai") { source } }', token=tenant.token)
    assert info(server, tenant, "openai")["source"] == "PLATFORM"

    # HYBRID without a platform app; TENANT_MANAGED never falls back and refuses overrides.
    assert info(server, tenant, "anthropic") == {
        "providerId": "anthropic", "source": "NONE", "isConfigured": False, "canOverride": True}
    assert info(server, tenant, "stripe") == {
        "providerId": "stripe", "source": "NONE", "isConfigured": False, "canOverride": False}
    _, errors = server.errors(
        'mutation { setCredentialOverride(input: {providerId: "stripe", override: {secretKey: "sk_test_x"}}) '
        "{ source } }", token=tenant.token)
    assert codes(errors) == ["FORBIDDEN"]
    connect(server, tenant, "stripe", {"secretKey": "sk_test_tenantOwnStripeKey"})
    assert info(server, tenant, "stripe") == {
        "providerId": "stripe", "source": "TENANT", "isConfigured": True, "canOverride": False}


def test_verification_sends_the_tenant_key_in_its_header(server: Server, tenant: Tenant, standin: StandIn):
    standin_verify.accept(standin, "openai", apiKey=OPENAI_KEY)
    connector = connect(server, tenant, "openai", {"apiKey": OPENAI_KEY})
    before = standin.count("/p/openai/v1/models")
    result, body = verify(server, tenant, connector)
    assert result["success"] is True and result["error"] is None
    assert result["status"] == "ACTIVE" and result["credentialSource"] == "TENANT"
    assert result["connector"] == {"id": connector, "status": "ACTIVE", "statusReason": None,
                                   "lastVerifiedAt": result["checkedAt"]}
    assert standin.count("/p/openai/v1/models") == before + 1
    sent = standin.requests_to("/p/openai/v1/models")[-1]
    assert sent.header("authorization") == f"Bearer {OPENAI_KEY}" and sent.method == "GET"
    assert OPENAI_KEY.encode() not in body


def test_verification_with_the_platform_key(server: Server, tenant: Tenant, standin: StandIn):
    platform_key = PLATFORM_APPS["openai"]["apiKey"]
    standin_verify.accept(standin, "openai", apiKey=platform_key)
    connector = connect(server, tenant, "openai")
    result, body = verify(server, tenant, connector)
    assert result["success"] is True and result["credentialSource"] == "PLATFORM"
    assert standin.requests_to("/p/openai/v1/models")[-1].header("authorization") == f"Bearer {platform_key}"
    assert platform_key.encode() not in body


def test_refused_credentials_fail_and_nothing_is_echoed(server: Server, tenant: Tenant, standin: StandIn):
    standin_verify.accept(standin, "anthropic", apiKey="sk-ant-the-right-one-abcdefghijklmnop")
    connector = connect(server, tenant, "anthropic", {"apiKey": ANTHROPIC_KEY})
    result, body = verify(server, tenant, connector)
    assert result["success"] is False and result["status"] == "FAILED"
    assert result["error"] == "The provider refused the credentials (HTTP 401)."
    assert result["connector"]["statusReason"] == result["error"]
    # The stand-in's 401 quotes the key it received: none of it reaches the client.
    assert standin.requests_to("/p/anthropic/v1/models")[-1].header("x-api-key") == ANTHROPIC_KEY
    assert ANTHROPIC_KEY.encode() not in body and b"received" not in body
    listed = server.post("query($id: ID!) { connector(id: $id) { status statusReason credentials { maskedValue } } }",
                         {"id": connector}, token=tenant.token)
    assert listed.json["data"]["connector"]["status"] == "FAILED"
    assert ANTHROPIC_KEY.encode() not in listed.body


def test_credentials_in_the_path_and_in_basic_authentication(server: Server, tenant: Tenant, standin: StandIn):
    standin_verify.accept(standin, "telegram", botToken=TELEGRAM_TOKEN)
    telegram = connect(server, tenant, "telegram", {"botToken": TELEGRAM_TOKEN})
    result, body = verify(server, tenant, telegram)
    assert result["success"] is True, result
    assert standin.count(f"/p/telegram/bot{TELEGRAM_TOKEN}/getMe") >= 1
    assert TELEGRAM_TOKEN.encode() not in body

    standin_verify.accept(standin, "twilio", accountSid=TWILIO_SID, authToken=TWILIO_TOKEN)
    twilio = connect(server, tenant, "twilio", {"accountSid": TWILIO_SID, "authToken": TWILIO_TOKEN})
    result, body = verify(server, tenant, twilio)
    assert result["success"] is True, result
    sent = standin.requests_to(f"/p/twilio/2010-04-01/Accounts/{TWILIO_SID}.json")[-1]
    assert sent.header("authorization") == "Basic " + base64.b64encode(f"{TWILIO_SID}:{TWILIO_TOKEN}".encode()).decode()
    assert TWILIO_TOKEN.encode() not in body


def test_provider_failures_and_timeouts_are_errors(server: Server, tenant: Tenant, standin: StandIn):
    key = "gsk_tenantGroqKey0123456789abcdef"
    standin_verify.accept(standin, "groq", apiKey=key)
    connector = connect(server, tenant, "groq", {"apiKey": key})
    standin.behave("/p/groq/", status=500, times=1, body={"trace": key})
    result, body = verify(server, tenant, connector)
    assert result["status"] == "ERROR" and result["error"] == "The provider answered HTTP 500."
    assert key.encode() not in body and b"trace" not in body

    # Slower than the configured timeout: an error within the timeout, not a hung request.
    standin.behave("/p/groq/", delay=VERIFICATION_TIMEOUT_SECONDS + 2, times=1)
    started = time.monotonic()
    result, _ = verify(server, tenant, connector)
    assert time.monotonic() - started < VERIFICATION_TIMEOUT_SECONDS + 1.5
    assert result["status"] == "ERROR"
    assert result["error"] == f"The provider did not answer within {VERIFICATION_TIMEOUT_SECONDS} s."

    # And back to ACTIVE once the provider answers; the reason goes with the failure.
    result, _ = verify(server, tenant, connector)
    assert result["success"] is True and result["connector"]["statusReason"] is None


def test_oauth_connector_without_token_and_unsupported_providers(server: Server, tenant: Tenant, standin: StandIn):
    before = standin.count_prefix("/p/github/")
    github = connect(server, tenant, "github")
    result, _ = verify(server, tenant, github)
    assert result["success"] is False and result["status"] == "PENDING"
    assert result["error"] == "GitHub is not connected yet: there is no OAuth access token."
    assert standin.count_prefix("/p/github/") == before  # no call without a token

    postgres = connect(server, tenant, "postgresql", {"connectionString": "postgres://u:secret-pw@db.example/app"})
    _, errors = server.errors(VERIFY, {"id": postgres}, token=tenant.token)
    assert codes(errors) == ["VERIFICATION_UNSUPPORTED"]
    assert "secret-pw" not in errors[0]["message"]


def test_only_the_owner_verifies(server: Server, tenant: Tenant, standin: StandIn):
    other = server.create_tenant("Other")
    connector = connect(server, tenant, "openai", {"apiKey": OPENAI_KEY})
    _, errors = server.errors(VERIFY, {"id": connector}, token=other.token)
    assert codes(errors) == ["NOT_FOUND"]
    _, errors = server.errors(VERIFY, {"id": connector}, token=server.admin_token)
    assert codes(errors) == ["FORBIDDEN"]
