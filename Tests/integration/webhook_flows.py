"""Webhook and audit flows over HTTP, shared by the single-process tests (test_webhooks.py) and the cluster's
(integration_cluster/test_webhooks_cluster.py): every step goes through the server's real HTTP port."""

from __future__ import annotations

import json
import secrets
import sys
import time
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "standin"))

import support  # noqa: E402
import webhooks  # noqa: E402

CREATE_ENDPOINT = """
mutation($c: ID!) { createWebhookEndpoint(connectorId: $c) { url endpoint { id connectorId createdAt } } }
"""
EVENTS = """
query($c: ID, $first: Int, $after: String) {
  webhookEvents(connectorId: $c, first: $first, after: $after) {
    edges { cursor node { id connectorId providerId deliveryId eventType payload bodyBase64 size receivedAt } }
    pageInfo { hasNextPage endCursor }
  }
}
"""
AUDIT = """
query($filter: AuditEventFilter, $first: Int, $after: String) {
  auditEvents(filter: $filter, first: $first, after: $after) {
    edges { cursor node { id tenantId kind connectorId providerId actor details createdAt } }
    nodes { id }
    pageInfo { hasNextPage endCursor }
  }
}
"""


def github_connector(server: support.Server, tenant: support.Tenant) -> tuple[str, str]:
    """A GitHub connector whose tenant overrides the platform's app with a webhook secret; returns (id, secret)."""
    secret = "ghws_" + secrets.token_hex(16)
    server.data(
        "mutation($o: JSON!) { setCredentialOverride(input: {providerId: \"github\", override: $o}) { source } }",
        {"o": {"clientId": "Iv1.0123456789abcdef", "clientSecret": secrets.token_hex(20), "webhookSecret": secret}},
        token=tenant.token)
    connector = server.data('mutation { createConnector(input: {providerId: "github"}) { id } }',
                            token=tenant.token)["createConnector"]["id"]
    return connector, secret


def stripe_connector(server: support.Server, tenant: support.Tenant) -> tuple[str, str]:
    """A Stripe connector with a signing secret among its credentials; returns (id, secret)."""
    secret = "whsec_" + secrets.token_hex(16)
    connector = server.data(
        "mutation($c: JSON!) { createConnector(input: {providerId: \"stripe\", credentials: $c}) { id } }",
        {"c": {"secretKey": "sk_test_" + secrets.token_hex(12), "webhookSecret": secret}},
        token=tenant.token)["createConnector"]["id"]
    return connector, secret


def slack_connector(server: support.Server, tenant: support.Tenant) -> tuple[str, str]:
    secret = secrets.token_hex(16)
    server.data(
        "mutation($o: JSON!) { setCredentialOverride(input: {providerId: \"slack\", override: $o}) { source } }",
        {"o": {"clientId": "1234.5678", "clientSecret": secrets.token_hex(16), "signingSecret": secret}},
        token=tenant.token)
    connector = server.data('mutation { createConnector(input: {providerId: "slack"}) { id } }',
                            token=tenant.token)["createConnector"]["id"]
    return connector, secret


def endpoint(server: support.Server, tenant: support.Tenant, connector: str) -> str:
    """Makes the connector's endpoint; returns its absolute URL (a path alone is taken relative to the server)."""
    created = server.data(CREATE_ENDPOINT, {"c": connector}, token=tenant.token)["createWebhookEndpoint"]
    assert created["endpoint"]["connectorId"] == connector
    path = urllib.parse.urlsplit(created["url"]).path
    assert path.startswith("/webhooks/") and len(path) == len("/webhooks/") + 43, created["url"]
    return server.base + path


def events(server: support.Server, tenant: support.Tenant, connector: str | None = None,
           first: int = 50) -> list[dict]:
    """Every stored delivery, newest first, read page by page."""
    result, after = [], None
    for _ in range(100):
        page = server.data(EVENTS, {"c": connector, "first": first, "after": after},
                           token=tenant.token)["webhookEvents"]
        result += [edge["node"] for edge in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            return result
        after = page["pageInfo"]["endCursor"]
    raise AssertionError("too many pages")


def audit(server: support.Server, token: str, filter: dict | None = None, first: int = 50) -> list[dict]:
    result, after = [], None
    for _ in range(200):
        page = server.data(AUDIT, {"filter": filter, "first": first, "after": after}, token=token)["auditEvents"]
        assert [node["id"] for node in page["nodes"]] == [edge["node"]["id"] for edge in page["edges"]]
        result += [edge["node"] for edge in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            return result
        after = page["pageInfo"]["endCursor"]
    raise AssertionError("too many pages")


def error_code(body: bytes) -> str:
    return json.loads(body)["errors"][0]["extensions"]["code"]


def check_github_deliveries(server: support.Server, tenant: support.Tenant) -> None:
    """Valid, replayed, forged, unsigned, oversized and misaddressed GitHub deliveries, and what they leave."""
    connector, secret = github_connector(server, tenant)
    url = endpoint(server, tenant, connector)
    body = json.dumps({"ref": "refs/heads/main", "zen": "Design for failure."}).encode()
    headers = webhooks.sign_github(secret, body, delivery="delivery-1")

    status, _, answer = webhooks.send(url, body, headers)
    assert status == 200, answer
    assert json.loads(answer)["duplicate"] is False
    # The same delivery again: accepted, not stored twice.
    status, _, answer = webhooks.send(url, body, headers)
    assert status == 200 and json.loads(answer) == {"received": True, "duplicate": True}, answer

    # Forged: another secret, a changed body, no signature. Nothing is stored.
    forged = webhooks.sign_github("not-the-secret", body, delivery="delivery-2")
    status, _, answer = webhooks.send(url, body, forged)
    assert status == 401 and error_code(answer) == "WEBHOOK_SIGNATURE_INVALID", answer
    status, _, answer = webhooks.send(url, body + b" ", webhooks.sign_github(secret, body, delivery="delivery-3"))
    assert status == 401, answer
    unsigned = {k: v for k, v in headers.items() if k != "X-Hub-Signature-256"} | {"X-GitHub-Delivery": "d-4"}
    status, _, answer = webhooks.send(url, body, unsigned)
    assert status == 401 and b"X-Hub-Signature-256" in answer, answer
    # Oversized (the default bound is 256 KiB): 413 before anything else.
    big = b'{"pad":"' + b"x" * (256 * 1024) + b'"}'
    status, _, answer = webhooks.send(url, big, webhooks.sign_github(secret, big, delivery="delivery-5"))
    assert status == 413 and error_code(answer) == "PAYLOAD_TOO_LARGE", answer
    # An unknown secret, a malformed one, and a GET: 404, as any unknown path.
    for bad_url, method in [(url[:-3] + "abc", "POST"), (server.base + "/webhooks/short", "POST"), (url, "GET")]:
        status, _, answer = webhooks.send(bad_url, body, headers, method=method)
        assert status == 404, (bad_url, method, answer)

    stored = events(server, tenant, connector)
    assert len(stored) == 1, stored
    event = stored[0]
    assert event["deliveryId"] == "delivery-1" and event["eventType"] == "push"
    assert event["payload"] == json.loads(body) and event["bodyBase64"] is None
    assert event["size"] == len(body) and event["providerId"] == "github"

    kinds = [(e["kind"], e["details"].get("reason")) for e in audit(server, tenant.token, {"connectorId": connector})]
    assert kinds[0] == ("webhook.failed", "missing_signature"), kinds
    assert kinds.count(("webhook.failed", "bad_signature")) == 2, kinds
    assert ("webhook.received", None) in kinds and kinds.count(("webhook.received", None)) == 1, kinds
    received = [e for e in audit(server, tenant.token, {"kinds": ["webhook.received"]})][0]
    assert received["actor"] == "provider" and received["details"]["deliveryId"] == "delivery-1"

    # Rotation: the old URL stops working, the new one works.
    new_url = endpoint(server, tenant, connector)
    assert new_url != url
    body2 = b'{"n":2}'
    status, _, _ = webhooks.send(url, body2, webhooks.sign_github(secret, body2))
    assert status == 404
    status, _, answer = webhooks.send(new_url, body2, webhooks.sign_github(secret, body2))
    assert status == 200, answer
    # The secret is in no response and no log line.
    secret_part = urllib.parse.urlsplit(new_url).path.rsplit("/", 1)[1]
    logs = server.all_logs()
    assert secret not in logs and secret_part not in logs

    # Deleting the connector deletes its endpoint and deliveries.
    server.data("mutation($id: ID!) { deleteConnector(id: $id) }", {"id": connector}, token=tenant.token)
    status, _, _ = webhooks.send(new_url, body2, webhooks.sign_github(secret, body2))
    assert status == 404


def check_timestamped_deliveries(server: support.Server, tenant: support.Tenant) -> None:
    """Stripe (id from the body) and Slack: accepted within the tolerance, 401 out of it, nothing stored then."""
    stripe, stripe_secret = stripe_connector(server, tenant)
    url = endpoint(server, tenant, stripe)
    body = json.dumps({"id": "evt_" + secrets.token_hex(8), "type": "charge.succeeded"}).encode()
    status, _, answer = webhooks.send(url, body, webhooks.sign_stripe(stripe_secret, body))
    assert status == 200, answer
    # Re-signed later with a new timestamp, the same event id is still a replay.
    status, _, answer = webhooks.send(url, body, webhooks.sign_stripe(stripe_secret, body, timestamp=int(time.time()) - 5))
    assert status == 200 and json.loads(answer)["duplicate"] is True
    stale = webhooks.sign_stripe(stripe_secret, b'{"id":"evt_old"}', timestamp=int(time.time()) - 400)
    status, _, answer = webhooks.send(url, b'{"id":"evt_old"}', stale)
    assert status == 401 and b"300 seconds" in answer, answer
    stored = events(server, tenant, stripe)
    assert [(e["deliveryId"], e["eventType"]) for e in stored] == [(json.loads(body)["id"], "charge.succeeded")]

    slack, slack_secret = slack_connector(server, tenant)
    url = endpoint(server, tenant, slack)
    body = b'{"type":"event_callback","event_id":"Ev01"}'
    status, _, answer = webhooks.send(url, body, webhooks.sign_slack(slack_secret, body))
    assert status == 200, answer
    status, _, answer = webhooks.send(
        url, b'{"event_id":"Ev02"}', webhooks.sign_slack(slack_secret, b'{"event_id":"Ev02"}',
                                                         timestamp=int(time.time()) + 600))
    assert status == 401, answer
    assert [e["deliveryId"] for e in events(server, tenant, slack)] == ["Ev01"]
    # All of the tenant's deliveries, one per page, newest first.
    everything = events(server, tenant, first=1)
    assert [e["deliveryId"] for e in everything] == ["Ev01", stored[0]["deliveryId"]]
    failed = [e for e in audit(server, tenant.token, {"kinds": ["webhook.failed"]}) if e["connectorId"] in (stripe, slack)]
    assert sorted(e["details"]["reason"] for e in failed) == ["stale_timestamp", "stale_timestamp"]


def check_audit_pagination(server: support.Server, tenant: support.Tenant) -> None:
    """auditEvents: newest first, the same rows whatever the page size, filters, bad cursors, atomicity."""
    connector = server.data('mutation { createConnector(input: {providerId: "ollama"}) { id } }',
                            token=tenant.token)["createConnector"]["id"]
    for enabled in (False, True, False):
        server.data("mutation($id: ID!, $e: Boolean!) { toggleConnector(id: $id, enabled: $e) { id } }",
                    {"id": connector, "e": enabled}, token=tenant.token)
    # A failing mutation (a second connector of the provider) writes no event.
    _, errors = server.errors('mutation { createConnector(input: {providerId: "ollama"}) { id } }', token=tenant.token)
    assert support.codes(errors) == ["CONNECTOR_ALREADY_CONNECTED"]
    expected = ["connector.disabled", "connector.enabled", "connector.disabled", "connector.connected"]
    for first in (1, 2, 3, 50):
        assert [e["kind"] for e in audit(server, tenant.token, first=first)] == expected, first
    assert [e["kind"] for e in audit(server, tenant.token, {"kinds": ["connector.enabled"]})] == ["connector.enabled"]
    newest = audit(server, tenant.token)[0]["createdAt"]
    assert audit(server, tenant.token, {"since": "2999-01-01T00:00:00Z"}) == []
    assert len(audit(server, tenant.token, {"until": newest})) == 3
    # The admin reads this tenant's events with the tenantId filter; the tenant cannot read another's.
    admin = audit(server, server.admin_token, {"tenantId": tenant.id})
    assert [e["kind"] for e in admin] == expected and {e["tenantId"] for e in admin} == {tenant.id}
    other = server.create_tenant("Other " + secrets.token_hex(3))
    _, errors = server.errors(AUDIT, {"filter": {"tenantId": tenant.id}}, token=other.token)
    assert support.codes(errors) == ["FORBIDDEN"]
    assert audit(server, other.token) == []
    for variables in ({"after": "nonsense"}, {"first": 0}, {"first": 201}, {"filter": {"kinds": ["nope"]}}):
        _, errors = server.errors(AUDIT, variables, token=tenant.token)
        assert support.codes(errors) == ["BAD_USER_INPUT"], variables
