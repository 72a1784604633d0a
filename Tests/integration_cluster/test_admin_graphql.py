"""The admin's GraphQL fields about the cluster: workers with the fingerprints of the keys they hold, a tenant's
placement, and moveTenant, after which the tenant is served by its new worker."""

from __future__ import annotations

import cluster
import support

OPENAI_KEY = "sk-proj-abcdefghijklmnopqrstuvwxyz123456"
WORKERS = "{ workers { id pid state tenantCount requests restarts keyFingerprints } }"


def connect_openai(server: support.Server, tenant: support.Tenant) -> None:
    # A write that seals a credential needs the tenant's key on its worker.
    server.data(
        "mutation($input: CreateConnectorInput!) { createConnector(input: $input) { id } }",
        {"input": {"providerId": "openai", "credentials": {"apiKey": OPENAI_KEY}}}, token=tenant.token)


def admin_workers(server: support.Server) -> dict[str, dict]:
    return {worker["id"]: worker for worker in server.data(WORKERS, token=server.admin_token)["workers"]}


def test_workers_list_their_key_fingerprints_and_move_tenant_serves_the_tenant_on_its_new_worker(make_cluster):
    server = make_cluster(2)
    cluster.ready(server, 2)
    [tenant] = cluster.tenants_on(server, {"w1": 1})["w1"]
    connect_openai(server, tenant)

    listed = admin_workers(server)
    assert sorted(listed) == ["w1", "w2"]
    http_view = cluster.workers(server)
    for worker_id, worker in listed.items():
        assert worker["state"] == "ready" and worker["pid"] == http_view[worker_id]["pid"]
        assert worker["keyFingerprints"] == [key["fingerprint"] for key in http_view[worker_id]["keys"]]
    assert len(listed["w1"]["keyFingerprints"]) == 1 and listed["w2"]["keyFingerprints"] == []

    placement = server.data("query($t: ID!) { tenantPlacement(tenantId: $t) { tenantId workerId pinned } }",
                            {"t": tenant.id}, token=server.admin_token)["tenantPlacement"]
    assert placement == {"tenantId": tenant.id, "workerId": "w1", "pinned": False}
    unknown = server.data('{ tenantPlacement(tenantId: "ten_unknown") { workerId } }', token=server.admin_token)
    assert unknown == {"tenantPlacement": None}

    moved = server.data("mutation($t: ID!) { moveTenant(tenantId: $t, workerId: \"w2\") { tenantId workerId pinned } }",
                        {"t": tenant.id}, token=server.admin_token)["moveTenant"]
    assert moved == {"tenantId": tenant.id, "workerId": "w2", "pinned": True}
    assert cluster.placement(server, tenant.id) == "w2"

    before = admin_workers(server)
    data = server.data("{ viewer { id connectors { credentials { maskedValue } } } }", token=tenant.token)
    assert data["viewer"]["id"] == tenant.id
    # A write that seals a credential: the new worker asks for the tenant's key, and is granted it.
    server.data('mutation { createConnector(input: {providerId: "anthropic", credentials: '
                '{apiKey: "sk-ant-api03-abcdefghijklmnopqrstuvwxyz0123456789"}}) { id } }', token=tenant.token)
    after = admin_workers(server)
    assert after["w2"]["requests"] == before["w2"]["requests"] + 2
    assert after["w1"]["requests"] == before["w1"]["requests"]
    # The new worker holds the tenant's key now, the old one no longer does.
    assert len(after["w2"]["keyFingerprints"]) == 1
    cluster.wait_until(lambda: admin_workers(server)["w1"]["keyFingerprints"] == [], what="w1 to drop the key")

    # An unknown worker is refused; a tenant may not ask.
    errors = server.post("mutation($t: ID!) { moveTenant(tenantId: $t, workerId: \"w9\") { workerId } }",
                         {"t": tenant.id}, token=server.admin_token).errors
    assert [error["extensions"]["code"] for error in errors] == ["BAD_USER_INPUT"]
    errors = server.post(WORKERS, token=tenant.token).errors
    assert [error["extensions"]["code"] for error in errors] == ["FORBIDDEN"]
