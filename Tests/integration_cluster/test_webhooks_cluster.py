"""Webhooks and audit events through the router: every delivery reaches the tenant's worker over the frame protocol
(route request/response), and the flows of the single process hold there (the flows are in
Tests/integration/webhook_flows.py)."""

from __future__ import annotations

import json
import os
import signal
import threading
import time
import urllib.parse

import cluster
import webhook_flows
import webhooks
from test_metrics import sample, scrape


def test_deliveries_and_audit_events_through_the_router_for_tenants_of_both_workers(make_cluster):
    server = make_cluster(2, args=("--rate-limit", "0"))
    by_worker = cluster.tenants_on(server, {"w1": 3, "w2": 3})
    for tenants in by_worker.values():
        # A tenant of its own for each flow, whose audit log then holds that flow's events alone.
        github, timestamped, audited = tenants[:3]
        webhook_flows.check_github_deliveries(server, github)
        webhook_flows.check_timestamped_deliveries(server, timestamped)
        webhook_flows.check_audit_pagination(server, audited)
    # Each worker served its own tenant's deliveries.
    workers = cluster.workers(server)
    for worker, tenants in by_worker.items():
        assert {key["tenant"] for key in workers[worker]["keys"]} >= {tenant.id for tenant in tenants[:2]}


def test_webhook_urls_use_the_public_url_given_to_the_workers(make_cluster):
    server = make_cluster(1, args=("--public-url", "https://hooks.example.com"))
    tenant = server.create_tenant("Public")
    connector, secret = webhook_flows.github_connector(server, tenant)
    url = server.data(webhook_flows.CREATE_ENDPOINT, {"c": connector}, token=tenant.token)["createWebhookEndpoint"]["url"]
    assert url.startswith("https://hooks.example.com/webhooks/")
    # Delivered to the router itself, the path is what counts.
    body = b'{"zen":"Keep it logically awesome."}'
    status, _, answer = webhooks.send(server.base + urllib.parse.urlsplit(url).path, body,
                                      webhooks.sign_github(secret, body))
    assert status == 200, answer


def test_a_delivery_whose_worker_dies_under_it_is_503_and_never_sent_twice(make_cluster):
    server = make_cluster(1, args=("--rate-limit", "0"))
    tenant = server.create_tenant("Dead worker")
    connector, secret = webhook_flows.github_connector(server, tenant)
    url = webhook_flows.endpoint(server, tenant, connector)
    pid = cluster.ready(server, 1)["w1"]["pid"]
    body = b'{"n":1}'
    headers = webhooks.sign_github(secret, body, delivery="dead-1")
    # The worker is stopped, so the delivery reaches its socket but is not served; then the worker dies.
    os.kill(pid, signal.SIGSTOP)
    answers: list = []
    sender = threading.Thread(target=lambda: answers.append(webhooks.send(url, body, headers)))
    sender.start()
    time.sleep(1)
    os.kill(pid, signal.SIGKILL)
    sender.join(timeout=30)
    [(status, answer_headers, answer)] = answers
    assert status == 503, (status, answer)
    assert answer_headers.get("retry-after") == "1"
    assert json.loads(answer)["errors"][0]["extensions"]["code"] == "WORKER_UNAVAILABLE"
    # Not sent again to the restarted worker: nothing is stored until the provider retries, and then once.
    cluster.wait_until(lambda: cluster.workers(server)["w1"]["state"] == "ready", what="the restarted worker")
    assert webhook_flows.events(server, tenant, connector) == []
    for _ in range(2):
        status, _, answer = webhooks.send(url, body, headers)
        assert status == 200, answer
    assert [e["deliveryId"] for e in webhook_flows.events(server, tenant, connector)] == ["dead-1"]


def test_deliveries_count_against_the_tenants_rate_limit_at_the_router(make_cluster):
    server = make_cluster(1, args=("--rate-limit", "1", "--rate-burst", "3"))
    tenant = server.create_tenant("Limited")
    connector, secret = webhook_flows.github_connector(server, tenant)
    url = webhook_flows.endpoint(server, tenant, connector)
    time.sleep(3)  # the bucket fills up again after the set-up's requests
    statuses = []
    for index in range(6):
        body = json.dumps({"n": index}).encode()
        status, headers, answer = webhooks.send(url, body, webhooks.sign_github(secret, body))
        statuses.append(status)
        if status == 429:
            assert int(headers["retry-after"]) >= 1
            assert json.loads(answer)["errors"][0]["extensions"]["code"] == "RATE_LIMITED"
    assert statuses[:3] == [200, 200, 200] and 429 in statuses[3:], statuses
    # What was refused was not stored (read once the bucket has filled up again).
    time.sleep(3)
    assert len(webhook_flows.events(server, tenant, connector)) == statuses.count(200)


def test_deliveries_count_in_their_workers_metrics(make_cluster):
    server = make_cluster(1, args=("--rate-limit", "0"))
    tenant = server.create_tenant("Counted")
    connector, secret = webhook_flows.github_connector(server, tenant)
    url = webhook_flows.endpoint(server, tenant, connector)
    _, before = scrape(server)
    body = b'{"n":1}'
    for index in range(3):
        status, _, answer = webhooks.send(url, body, webhooks.sign_github(secret, body, delivery=f"counted-{index}"))
        assert status == 200, answer
    status, _, _ = webhooks.send(url, body, {"X-Hub-Signature-256": "sha256=" + "0" * 64})
    assert status == 401
    _, after = scrape(server)
    name = "switchboard_worker_requests_total"
    assert sample(after, name, worker="w1", status="2xx") - sample(before, name, worker="w1", status="2xx") == 3
    assert sample(after, name, worker="w1", status="4xx") - sample(before, name, worker="w1", status="4xx") == 1
