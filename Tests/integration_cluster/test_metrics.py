"""Observability: `GET /metrics` (Prometheus text, admin token only) on the router and on a single-process server, with
series per worker that count what happened; the router's request id in the worker's log lines; and no secret in any
log line of either process."""

from __future__ import annotations

import base64
import os
import re
import secrets
import signal

import cluster
import support
from test_routing import OPENAI_KEY, connect_openai

SERIES = re.compile(r'^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$')
LABEL = re.compile(r'([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"')


def scrape(server: support.Server) -> tuple[str, dict[tuple[str, frozenset], float]]:
    """The metrics text and its samples by (name, labels)."""
    response = support.http(server.base + "/metrics", headers={"Authorization": f"Bearer {server.admin_token}"})
    assert response.status == 200, (response.status, response.body)
    assert response.headers["content-type"].startswith("text/plain; version=0.0.4")
    text = response.body.decode()
    samples = {}
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        match = SERIES.match(line)
        assert match, f"not a Prometheus sample: {line!r}"
        name, labels, value = match.groups()
        samples[(name, frozenset(LABEL.findall(labels or "")))] = float(value)
    return text, samples


def sample(samples, name: str, **labels: str) -> float:
    key = (name, frozenset(labels.items()))
    assert key in samples, f"no {name}{labels} in {sorted(k for k in samples if k[0] == name)}"
    return samples[key]


def test_metrics_count_requests_errors_latency_tenants_and_keys_per_worker(make_cluster):
    # A burst of 3: the fourth request in a row of a tenant is refused at the router (RATE_LIMITED).
    server = make_cluster(2, args=("--rate-limit", "0.25", "--rate-burst", "3"))
    placed = cluster.tenants_on(server, {"w1": 1, "w2": 1})
    first, second = placed["w1"][0], placed["w2"][0]
    connect_openai(server, first)  # w1 asks the router for the tenant's key: one grant.
    for _ in range(2):
        server.data("{ viewer { id } }", token=first.token)
    assert server.post("{ viewer { id } }", token=first.token).status == 429
    server.data("{ viewer { id } }", token=second.token)

    text, samples = scrape(server)
    requests = "switchboard_worker_requests_total"
    assert sample(samples, requests, worker="w1", status="2xx") == 3
    assert sample(samples, requests, worker="w1", status="4xx") == 1
    assert sample(samples, requests, worker="w2", status="2xx") == 1
    assert sample(samples, requests, worker="w2", status="4xx") == 0
    errors = "switchboard_worker_errors_total"
    assert sample(samples, errors, worker="w1", code="RATE_LIMITED") == 1
    assert sample(samples, errors, worker="w2", code="RATE_LIMITED") == 0
    for worker in ("w1", "w2"):
        assert sample(samples, errors, worker=worker, code="WORKER_UNAVAILABLE") == 0
        assert sample(samples, errors, worker=worker, code="TIMEOUT") == 0
        assert sample(samples, "switchboard_worker_in_flight", worker=worker) == 0
        assert sample(samples, "switchboard_worker_restarts_total", worker=worker) == 0
    latency = "switchboard_worker_request_duration_seconds"
    assert sample(samples, latency + "_count", worker="w1") == 4
    assert sample(samples, latency + "_count", worker="w2") == 1
    assert sample(samples, latency + "_bucket", worker="w1", le="+Inf") == 4
    assert sample(samples, latency + "_bucket", worker="w1", le="0.001") <= sample(
        samples, latency + "_bucket", worker="w1", le="10.0")
    assert 0 < sample(samples, latency + "_sum", worker="w1") < 40

    # Tenants per worker, as the rendezvous hash places every tenant of the database.
    tenant_ids = [t["id"] for t in server.data("{ tenants(limit: 200) { id } }", token=server.admin_token)["tenants"]]
    expected = {"w1": 0, "w2": 0}
    for tenant_id in tenant_ids:
        expected[cluster.rendezvous_owner(tenant_id, ["w1", "w2"])] += 1
    for worker, count in expected.items():
        assert sample(samples, "switchboard_worker_tenants", worker=worker) == count

    handoffs = "switchboard_key_handoffs_total"
    assert sample(samples, handoffs, worker="w1", event="grant") == 1
    assert sample(samples, handoffs, worker="w2", event="grant") == 0
    assert sample(samples, handoffs, worker="w1", event="refusal") == 0
    assert sample(samples, handoffs, worker="w1", event="revoke") == 0
    # The HTTP layer's own count: the admin's requests (tenants created, placements asked) are in it too.
    assert sample(samples, "switchboard_http_requests_total", path="/graphql", status="2xx") >= 5
    assert sample(samples, "switchboard_http_requests_total", path="/graphql", status="4xx") == 1
    assert sample(samples, "switchboard_http_requests_total", path="/cluster", status="2xx") >= 2

    # Labels name workers, never tenants; no token either.
    for tenant_id in tenant_ids:
        assert tenant_id not in text
    assert first.token not in text and server.admin_token not in text

    # The tenant moved to w2: w1 is told to drop its key (revoke), w2 is granted it on the next sealing write.
    moved = server.data('mutation($t: ID!) { moveTenant(tenantId: $t, workerId: "w2") { workerId } }',
                        {"t": first.id}, token=server.admin_token)
    assert moved["moveTenant"]["workerId"] == "w2"
    cluster.wait_until(lambda: sample(scrape(server)[1], handoffs, worker="w1", event="revoke") == 1,
                       timeout=10, what="the revoke to be counted")
    # Refused at the router (429) until the tenant's bucket has a token again; then it runs on w2.
    sealing = ("mutation { createConnector(input: {providerId: \"anthropic\", credentials: {apiKey: \"sk-ant-"
               + "a" * 40 + "\"}}) { id } }")
    created = cluster.wait_until(lambda: (lambda r: r if r.status != 429 else None)(
        server.post(sealing, token=first.token)), timeout=10, interval=0.5, what="the tenant's rate to allow it")
    assert created.status == 200 and "errors" not in created.json, created.body
    _, samples = scrape(server)
    assert sample(samples, handoffs, worker="w2", event="grant") == 1
    assert sample(samples, "switchboard_worker_tenants", worker="w2") == expected["w2"] + 1


def test_a_worker_killed_counts_one_restart_and_its_unavailable_requests(make_cluster):
    server = make_cluster(2, args=("--rate-limit", "0",))
    tenant = cluster.tenants_on(server, {"w1": 1})["w1"][0]
    before = cluster.ready(server, 2)
    _, samples = scrape(server)
    assert sample(samples, "switchboard_worker_restarts_total", worker="w1") == 0

    os.kill(before["w1"]["pid"], signal.SIGKILL)
    after = cluster.ready(server, 2)
    assert after["w1"]["pid"] != before["w1"]["pid"]
    server.data("{ viewer { id } }", token=tenant.token)
    _, samples = scrape(server)
    assert sample(samples, "switchboard_worker_restarts_total", worker="w1") == 1
    assert sample(samples, "switchboard_worker_restarts_total", worker="w2") == 0
    assert sample(samples, "switchboard_worker_requests_total", worker="w1", status="2xx") >= 1


def test_metrics_are_for_the_admin_token_only(make_cluster):
    server = make_cluster(1)
    tenant = server.create_tenant("Curious")
    anonymous = support.http(server.base + "/metrics")
    assert anonymous.status == 401 and anonymous.codes == ["UNAUTHENTICATED"]
    assert anonymous.headers["www-authenticate"] == "Bearer"
    wrong = support.http(server.base + "/metrics", headers={"Authorization": "Bearer sbt_not-a-token"})
    assert wrong.status == 401 and wrong.codes == ["UNAUTHENTICATED"]
    forbidden = support.http(server.base + "/metrics", headers={"Authorization": f"Bearer {tenant.token}"})
    assert forbidden.status == 403 and forbidden.codes == ["FORBIDDEN"]
    post = support.http(server.base + "/metrics", "POST", b"",
                        headers={"Authorization": f"Bearer {server.admin_token}"})
    assert post.status == 405 and post.headers["allow"] == "GET"
    text, _ = scrape(server)
    assert "# TYPE switchboard_worker_requests_total counter" in text
    assert "# TYPE switchboard_worker_request_duration_seconds histogram" in text
    # The cluster's admin routes still answer beside it.
    assert cluster.workers(server)["w1"]["state"] == "ready"


def test_a_single_process_server_has_metrics_too(base_url, tmp_path):
    support.require_binary()
    database = support.create_database(base_url)
    key_file = tmp_path / "master.key"
    support.write_master_key(key_file)
    server = support.Server(tmp_path, database, admin_token="sba_" + secrets.token_urlsafe(32),
                            master_key_file=key_file, args=("--no-demo-tenant",))
    try:
        server.start()
        tenant = server.create_tenant("Alone")
        server.data("{ viewer { id } }", token=tenant.token)
        assert support.http(server.base + "/metrics").status == 401
        forbidden = support.http(server.base + "/metrics", headers={"Authorization": f"Bearer {tenant.token}"})
        assert forbidden.status == 403
        text, samples = scrape(server)
        assert sample(samples, "switchboard_http_requests_total", path="/graphql", status="2xx") == 2
        assert sample(samples, "switchboard_http_request_duration_seconds_count", path="/graphql") == 2
        assert "switchboard_worker_requests_total" not in text
    finally:
        server.kill()
        support.drop_database(database, base_url)


def test_request_ids_reach_the_worker_log_and_no_secret_reaches_any_log(make_cluster, base_url):
    # A password in the URL (the throwaway cluster trusts local connections, so any password works): it must
    # appear in no log line. Debug level: every line either process can write about a request.
    server = make_cluster(2, start=False, args=("--log-level", "debug"))
    server.database_url = server.database_url.replace("postgresql://postgres@", "postgresql://postgres:pw-" +
                                                      secrets.token_hex(12) + "@")
    password = server.database_url.split(":", 2)[2].split("@")[0]
    assert password.startswith("pw-")
    server.start()
    tenant = server.create_tenant("Logged")
    connect_openai(server, tenant)
    request_id = "trace-" + secrets.token_hex(8)
    response = server.post("{ viewer { id connectors { credentials { maskedValue } } } }", token=tenant.token,
                           headers={"X-Request-Id": request_id})
    assert response.status == 200 and response.headers["x-request-id"] == request_id
    assert support.http(server.url, "POST", b'{"query":"{ viewer { id } }"}',
                        {"Content-Type": "application/json", "Authorization": "Bearer sbt_wrong"}).status == 401
    scrape(server)
    pids = [w["pid"] for w in cluster.workers(server).values()]
    assert server.stop() == 0

    logs = server.stderr_path.read_text()
    worker_lines = [line for line in logs.splitlines() if "switchboard.worker" in line]
    assert worker_lines, logs[-2000:]
    assert any(f"request.id={request_id}" in line and "Request executed" in line for line in worker_lines), \
        "\n".join(worker_lines[-20:])
    assert any(f"request.id={request_id}" in line and "Request served" in line for line in logs.splitlines())
    assert {pid for pid in pids} and all(str(pid) in logs for pid in pids)

    key = base64.b64decode(server.master_key_file.read_text().strip())
    forbidden = {
        "tenant token": tenant.token, "admin token": server.admin_token, "credential": OPENAI_KEY,
        "master key (file)": server.master_key_file.read_text().strip(),
        "master key (base64)": base64.b64encode(key).decode(), "master key (hex)": key.hex(),
        "database password": password, "a wrong token": "sbt_wrong",
    }
    everything = logs + server.stdout
    for what, secret in forbidden.items():
        assert secret not in logs, f"the {what} is in the log"
    # The tenant's token was printed by no one either (it was returned by createTenant only).
    assert tenant.token not in everything
