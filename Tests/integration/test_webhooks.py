"""Webhooks and audit events through the single-process server over HTTP (the flows are in webhook_flows.py)."""

from __future__ import annotations

import webhook_flows


def test_github_deliveries_valid_replayed_forged_oversized_and_rotated(server, tenant):
    webhook_flows.check_github_deliveries(server, tenant)


def test_stripe_and_slack_deliveries_within_and_out_of_tolerance(server, tenant):
    webhook_flows.check_timestamped_deliveries(server, tenant)


def test_audit_events_are_paged_filtered_and_written_atomically(server, tenant):
    webhook_flows.check_audit_pagination(server, tenant)


def test_webhook_urls_start_with_the_public_url(make_server):
    server = make_server("public-url", args=("--public-url", "https://hooks.example.com/base/"))
    tenant = server.create_tenant("Public")
    connector, _ = webhook_flows.github_connector(server, tenant)
    url = server.data(webhook_flows.CREATE_ENDPOINT, {"c": connector}, token=tenant.token)["createWebhookEndpoint"]["url"]
    assert url.startswith("https://hooks.example.com/base/webhooks/") and len(url.rsplit("/", 1)[1]) == 43
    # A provider that signs no webhooks has no endpoint.
    ollama = server.data('mutation { createConnector(input: {providerId: "ollama"}) { id } }',
                         token=tenant.token)["createConnector"]["id"]
    _, errors = server.errors(webhook_flows.CREATE_ENDPOINT, {"c": ollama}, token=tenant.token)
    assert [e["extensions"]["code"] for e in errors] == ["BAD_USER_INPUT"]


def test_a_connector_without_a_signing_secret_refuses_every_delivery(server, tenant):
    connector = server.data(
        "mutation($c: JSON!) { createConnector(input: {providerId: \"stripe\", credentials: $c}) { id } }",
        {"c": {"secretKey": "sk_test_abcdef123456"}}, token=tenant.token)["createConnector"]["id"]
    url = webhook_flows.endpoint(server, tenant, connector)
    body = b'{"id":"evt_1"}'
    status, _, answer = webhook_flows.webhooks.send(url, body, webhook_flows.webhooks.sign_stripe("whsec_guess", body))
    assert status == 401 and b"no webhook signing secret" in answer, answer
    assert webhook_flows.events(server, tenant, connector) == []
    [failed] = webhook_flows.audit(server, tenant.token, {"kinds": ["webhook.failed"]})
    assert failed["details"]["reason"] == "no_secret"
