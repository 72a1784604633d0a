"""Cluster operations while traffic flows: moving a tenant and changing the worker count make no request fail and lose
no acknowledged write; N→N+1 workers moves the tenants rendezvous hashing says, all to the new worker."""

from __future__ import annotations


import cluster

# Many requests per tenant: the default per-tenant rate limit would answer some of them 429.
UNLIMITED = ("--rate-limit", "0")


def test_moving_a_tenant_under_load_fails_no_request_and_loses_no_write(make_cluster):
    server = make_cluster(2, args=UNLIMITED)
    cluster.ready(server, 2)
    [tenant] = cluster.tenants_on(server, {"w1": 1})["w1"]
    with cluster.Load(server, [tenant], threads=6) as load:
        load.wait_for_requests(60)
        assert cluster.move_tenant(server, tenant.id, "w2") == {"workerId": "w2", "pinned": True}
        assert cluster.placement(server, tenant.id) == "w2"
        before = load.requests
        load.wait_for_requests(before + 60)
        assert cluster.move_tenant(server, tenant.id, "w1") == {"workerId": "w1", "pinned": True}
        before = load.requests
        load.wait_for_requests(before + 60)
    load.check(minimum=180)
    # Both workers served the tenant, and only its current worker keeps its key.
    workers = cluster.workers(server)
    assert workers["w1"]["requests"] > 0 and workers["w2"]["requests"] > 0
    cluster.wait_until(lambda: all(key["tenant"] != tenant.id for key in cluster.workers(server)["w2"]["keys"]),
                       what="w2 to drop the moved tenant's key")


def test_set_worker_count_under_load_moves_a_third_of_the_tenants_to_the_new_worker_and_back(make_cluster):
    server = make_cluster(2, args=UNLIMITED)
    cluster.ready(server, 2)
    tenants = [server.create_tenant(f"Tenant {index}") for index in range(60)]
    ids = [tenant.id for tenant in tenants]
    before = cluster.placements(server, ids)
    assert before == {tenant_id: cluster.rendezvous_owner(tenant_id, ["w1", "w2"]) for tenant_id in ids}
    movers = [tenant for tenant in tenants if cluster.rendezvous_owner(tenant.id, ["w1", "w2", "w3"]) == "w3"]
    stayers = [tenant for tenant in tenants if tenant not in movers]
    # About 1/3 of the tenants (20 expected; the ids are random).
    assert 8 <= len(movers) <= 32, len(movers)

    with cluster.Load(server, movers[:6] + stayers[:4], threads=6) as load:
        load.wait_for_requests(60)
        listed = cluster.set_worker_count(server, 3)
        assert [worker["id"] for worker in listed] == ["w1", "w2", "w3"]
        assert all(worker["state"] == "ready" for worker in listed), listed
        after = cluster.placements(server, ids)
        moved = {tenant_id for tenant_id in ids if after[tenant_id] != before[tenant_id]}
        assert moved == {tenant.id for tenant in movers}
        assert all(after[tenant_id] == "w3" for tenant_id in moved)
        start = load.requests
        load.wait_for_requests(start + 60)
        w3 = cluster.workers(server)["w3"]
        assert w3["requests"] > 0 and w3["tenantsServed"] > 0

        # And back: w3's tenants return to their workers, w3 is drained and stops.
        listed = cluster.set_worker_count(server, 2)
        assert [worker["id"] for worker in listed] == ["w1", "w2"]
        assert cluster.placements(server, ids) == before
        start = load.requests
        load.wait_for_requests(start + 60)
    load.check(minimum=180)
    cluster.wait_until(lambda: not cluster.alive(w3["pid"]), what="the retired worker to exit")
    assert sorted(cluster.workers(server)) == ["w1", "w2"]


def test_set_worker_count_checks_its_bounds_and_is_for_the_admin_in_a_cluster_only(make_cluster):
    server = make_cluster(1)
    for count in (0, 65, -3):
        response = server.post("mutation($n: Int!) { setWorkerCount(count: $n) { id } }", {"n": count},
                               token=server.admin_token)
        assert response.codes == ["BAD_USER_INPUT"], response.body
    tenant = server.create_tenant("Not an admin")
    response = server.post("mutation { setWorkerCount(count: 2) { id } }", token=tenant.token)
    assert response.codes == ["FORBIDDEN"]
    assert sorted(cluster.workers(server)) == ["w1"]

    plain = make_cluster(None, name="plain")
    response = plain.post("mutation { setWorkerCount(count: 2) { id } }", token=plain.admin_token)
    assert response.codes == ["CLUSTER_NOT_ENABLED"]


def test_two_routers_on_one_database_place_alike_and_follow_each_others_pins_and_worker_count(make_cluster):
    first = make_cluster(2, args=UNLIMITED)
    cluster.ready(first, 2)
    # The second starts with --workers 3: the count is stored, and the first follows it with a w3 of its own.
    second = make_cluster(3, name="second", args=UNLIMITED, like=first)
    cluster.ready(second, 3)
    cluster.ready(first, 3)
    tenants = [first.create_tenant(f"Shared {index}") for index in range(12)]
    ids = [tenant.id for tenant in tenants]
    assert cluster.placements(first, ids) == cluster.placements(second, ids)

    # A pin through the first is followed by the second within its refresh interval.
    tenant = tenants[0]
    other = "w2" if cluster.placement(first, tenant.id) == "w1" else "w1"
    cluster.move_tenant(first, tenant.id, other)
    cluster.wait_until(lambda: cluster.placement(second, tenant.id) == other,
                       what="the second router to follow the pin")
    assert second.data("{ viewer { id } }", token=tenant.token)["viewer"]["id"] == tenant.id

    # Worker counts set through either router, under load on the other: both agree, no request fails.
    with cluster.Load(second, tenants[1:5], threads=4) as load:
        load.wait_for_requests(40)
        cluster.set_worker_count(first, 2)
        cluster.ready(second, 2)
        cluster.wait_until(lambda: cluster.placements(second, ids) == cluster.placements(first, ids),
                           what="the routers to agree")
        start = load.requests
        load.wait_for_requests(start + 40)
        cluster.set_worker_count(second, 4)
        cluster.ready(first, 4)
        start = load.requests
        load.wait_for_requests(start + 40)
    load.check(minimum=120)
    assert cluster.placements(first, ids) == cluster.placements(second, ids)
    assert {placement for placement in cluster.placements(first, ids).values()} <= {"w1", "w2", "w3", "w4"}
    # Each router runs its own worker processes.
    first_pids = {worker["pid"] for worker in cluster.workers(first).values()}
    second_pids = {worker["pid"] for worker in cluster.workers(second).values()}
    assert not first_pids & second_pids


def test_shards_and_tenants_list_the_placement_for_the_admin(make_cluster):
    server = make_cluster(2)
    cluster.ready(server, 2)
    tenants = [server.create_tenant(f"Listed {index}") for index in range(8)]
    # Every tenant of the database (the server may have made one of its own).
    ids = sorted(tenant["id"] for tenant in cluster.admin_data(server, "{ tenants(limit: 200) { id } }")["tenants"])
    assert {tenant.id for tenant in tenants} <= set(ids)
    pinned = tenants[0]
    target = "w2" if cluster.placement(server, pinned.id) == "w1" else "w1"
    cluster.move_tenant(server, pinned.id, target)
    expected = cluster.placements(server, ids)

    shards = cluster.admin_data(server, "{ shards { workerId tenantCount pinnedCount "
                                        "tenants(limit: 200) { id placement { workerId pinned } } } }")["shards"]
    assert [shard["workerId"] for shard in shards] == ["w1", "w2"]
    assert sum(shard["tenantCount"] for shard in shards) == len(ids)
    assert sum(shard["pinnedCount"] for shard in shards) == 1
    for shard in shards:
        listed = [tenant["id"] for tenant in shard["tenants"]]
        assert listed == sorted(tenant_id for tenant_id, worker in expected.items() if worker == shard["workerId"])
        assert shard["tenantCount"] == len(listed)
        for tenant in shard["tenants"]:
            assert tenant["placement"] == {"workerId": shard["workerId"], "pinned": tenant["id"] == pinned.id}
    # A bounded page.
    page = cluster.admin_data(server, "{ shards { tenants(limit: 1, offset: 1) { id } } }")["shards"]
    assert [len(shard["tenants"]) for shard in page] == [min(1, max(0, shard["tenantCount"] - 1)) for shard in shards]
    response = server.post("{ shards { tenants(limit: 500) { id } } }", token=server.admin_token)
    assert response.codes == ["BAD_USER_INPUT"]

    listing = cluster.admin_data(server, "{ tenants(limit: 50) { id placement { workerId pinned } } }")["tenants"]
    assert {tenant["id"]: tenant["placement"]["workerId"] for tenant in listing} == expected

    # Admin only.
    for query in ("{ viewer { placement { workerId } } }", "{ shards { workerId } }"):
        response = server.post(query, token=pinned.token)
        assert "FORBIDDEN" in response.codes, response.body

    # Outside a cluster: shards is CLUSTER_NOT_ENABLED, a tenant's placement null.
    plain = make_cluster(None, name="plain")
    plain.create_tenant("Alone")
    response = plain.post("{ shards { workerId } }", token=plain.admin_token)
    assert response.codes == ["CLUSTER_NOT_ENABLED"]
    listed = plain.data("{ tenants { placement { workerId } } }", token=plain.admin_token)["tenants"]
    assert listed and all(tenant == {"placement": None} for tenant in listed)
