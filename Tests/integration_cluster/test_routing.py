"""Routing: each tenant's requests run on the worker of its shard, which holds that tenant's key and no other."""

from __future__ import annotations

import cluster
import support

OPENAI_KEY = "sk-proj-abcdefghijklmnopqrstuvwxyz123456"


def connect_openai(server: support.Server, tenant: support.Tenant) -> None:
    server.data(
        "mutation($input: CreateConnectorInput!) { createConnector(input: $input) { id } }",
        {"input": {"providerId": "openai", "credentials": {"apiKey": OPENAI_KEY}}}, token=tenant.token)


def test_tenants_on_different_workers_are_answered_by_their_own_and_keys_stay_in_their_shard(make_cluster):
    server = make_cluster(2)
    by_worker = cluster.tenants_on(server, {"w1": 2, "w2": 2})
    for worker, tenants in by_worker.items():
        for tenant in tenants:
            # A write that seals a credential needs the tenant's key on its worker.
            connect_openai(server, tenant)
            data = server.data("{ viewer { id name connectors { providerId credentials { field maskedValue } } } }",
                               token=tenant.token)
            assert data["viewer"]["id"] == tenant.id
            assert data["viewer"]["name"] == tenant.name
            [credential] = data["viewer"]["connectors"][0]["credentials"]
            assert credential["field"] == "apiKey" and credential["maskedValue"].endswith("3456")
            assert OPENAI_KEY not in str(data)

    workers = cluster.workers(server)
    held = {worker: {key["tenant"]: key for key in workers[worker]["keys"]} for worker in ("w1", "w2")}
    for worker, tenants in by_worker.items():
        other = "w2" if worker == "w1" else "w1"
        for tenant in tenants:
            assert tenant.id in held[worker], cluster.dumps(workers)
            assert tenant.id not in held[other], cluster.dumps(workers)
        # A worker holds keys of its own shard's tenants only.
        assert all(cluster.placement(server, tenant_id) == worker for tenant_id in held[worker])
    fingerprints = [key["fingerprint"] for keys in held.values() for key in keys.values()]
    assert len(set(fingerprints)) == len(fingerprints) == sum(len(tenants) for tenants in by_worker.values())
    assert all(workers[w]["requests"] >= 4 and workers[w]["tenantsServed"] >= 2 for w in ("w1", "w2"))


def test_the_router_places_tenants_as_the_rendezvous_hash_says(make_cluster):
    server = make_cluster(3)
    for index in range(12):
        tenant = server.create_tenant(f"Placed {index}")
        assert cluster.placement(server, tenant.id) == cluster.rendezvous_owner(tenant.id, ["w1", "w2", "w3"])


def test_workers_never_see_the_master_key_the_admin_token_or_the_database_password(make_cluster):
    server = make_cluster(2)
    workers = cluster.ready(server, 2)
    router_environment = cluster.environment_of(server.process.pid)
    assert "SWITCHBOARD_MASTER_KEY_FILE" in router_environment and "SWITCHBOARD_ADMIN_TOKEN" in router_environment
    for worker in workers.values():
        environment = cluster.environment_of(worker["pid"])
        assert not [name for name in environment if name.startswith(cluster.WITHHELD)], sorted(environment)
        # The database URL travels in the environment, not on the command line other users can read.
        assert environment["DATABASE_URL"] == server.database_url
        command = cluster.command_line_of(worker["pid"])
        assert command[1:2] == ["worker"] and "--supervised" in command
        assert server.database_url not in command


def test_the_admin_view_of_the_cluster_is_for_the_admin_only(make_cluster):
    server = make_cluster(1)
    tenant = server.create_tenant("Nosy")
    assert support.http(server.base + "/cluster/workers").status == 401
    answer = support.http(server.base + "/cluster/workers", headers={"Authorization": f"Bearer {tenant.token}"})
    assert answer.status == 403
    assert support.http(server.base + "/cluster/placement",
                        headers={"Authorization": f"Bearer {server.admin_token}"}).status == 400
    # Other paths answer as they do without workers.
    missing = support.http(server.base + "/nowhere")
    assert missing.status == 404 and missing.codes == ["NOT_FOUND"]


def test_a_tenant_pinned_to_another_worker_moves_there_with_its_key(make_cluster):
    server = make_cluster(2)
    tenant = cluster.tenants_on(server, {"w1": 1})["w1"][0]
    connect_openai(server, tenant)
    assert tenant.id in {key["tenant"] for key in cluster.workers(server)["w1"]["keys"]}

    support.psql(server.database_url, "INSERT INTO cluster_pins (tenant_id, worker_id) VALUES (:'tenant', 'w2')",
                 tenant=tenant.id)
    # The router reads the shard map every two seconds; then w1 is told to drop the tenant's key.
    cluster.wait_until(lambda: cluster.placement(server, tenant.id) == "w2", timeout=10, what="the pin")
    cluster.wait_until(
        lambda: tenant.id not in {key["tenant"] for key in cluster.workers(server)["w1"]["keys"]},
        timeout=5, what="w1 to drop the key")
    # The tenant's next write that seals a credential runs on w2, which asks for the key and gets it.
    server.data(
        "mutation($input: CreateConnectorInput!) { createConnector(input: $input) { id } }",
        {"input": {"providerId": "anthropic", "credentials": {"apiKey": "sk-ant-abcdefghijklmnopqrstuvwxyz0123"}}},
        token=tenant.token)
    workers = cluster.workers(server)
    assert tenant.id in {key["tenant"] for key in workers["w2"]["keys"]}
    assert tenant.id not in {key["tenant"] for key in workers["w1"]["keys"]}
    data = server.data("{ viewer { connectors { providerId } } }", token=tenant.token)
    assert sorted(c["providerId"] for c in data["viewer"]["connectors"]) == ["anthropic", "openai"]
