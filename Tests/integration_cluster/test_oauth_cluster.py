"""OAuth through the router: the callback reaches the tenant's worker, a worker killed in the middle of a callback
stores nothing, and the background pass refreshes tokens in the tenants' workers."""

from __future__ import annotations

import concurrent.futures
import os
import signal
import time

import pytest

import cluster
import oauth_support as o
import support


@pytest.fixture(scope="module")
def standin():
    standin = o.new_standin()
    yield standin
    standin.stop()


@pytest.fixture(autouse=True)
def fresh_standin(standin):
    standin.reset()
    for provider in o.PROVIDERS:
        o.standin_oauth.settings(standin, provider)


def oauth_cluster(make_cluster, standin, tmp_path, workers: int = 2, interval: str = "0"):
    config = o.write_config(tmp_path / "providers.json", standin)
    server = make_cluster(workers, args=("--provider-config", str(config), "--oauth-refresh-interval", interval))
    cluster.ready(server, workers)
    return server


def test_flow_through_the_router_and_concurrent_refreshes(make_cluster, standin, tmp_path):
    server = oauth_cluster(make_cluster, standin, tmp_path)
    tenant = server.create_tenant("Routed")
    connector_id = o.connect(server, tenant)
    connector = server.data(o.CONNECTOR, {"id": connector_id}, token=tenant.token)["connector"]
    assert connector["status"] == "ACTIVE"

    support.psql(server.database_url,
                 "UPDATE oauth_tokens SET expires_at = now() + interval '5 seconds' WHERE connector_id = :'c'",
                 c=connector_id)
    standin.behave(o.standin_oauth.token_path("gitlab"), delay=0.5, times=1)
    with concurrent.futures.ThreadPoolExecutor(20) as pool:
        results = list(pool.map(
            lambda _: server.data(o.REFRESH, {"id": connector_id}, token=tenant.token)["refreshConnectorToken"],
            range(20)))
    assert o.refresh_calls(standin) == 1
    assert all(result["error"] is None for result in results)


def test_worker_killed_during_the_callback_stores_nothing(make_cluster, standin, tmp_path):
    server = oauth_cluster(make_cluster, standin, tmp_path, workers=1)
    tenant = server.create_tenant("Killed")
    started = o.start(server, tenant)
    query = o.authorize(started["authorizationUrl"])
    token_path = o.standin_oauth.token_path("gitlab")
    standin.behave(token_path, delay=30, times=1)
    worker_pid = next(iter(cluster.workers(server).values()))["pid"]

    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        pending = pool.submit(o.callback, server, query, 60)
        cluster.wait_until(lambda: standin.count(token_path) >= 1, timeout=20, what="the token request")
        os.kill(worker_pid, signal.SIGKILL)
        answer = pending.result(timeout=60)
    assert answer.status >= 500, (answer.status, answer.body)
    assert "location" not in answer.headers

    # Nothing was stored, and the state is still usable.
    assert support.psql(server.database_url,
                        "SELECT count(*) FROM tenant_connectors WHERE tenant_id = :'t'", t=tenant.id) == [["0"]]
    assert support.psql(server.database_url, "SELECT count(*) FROM oauth_tokens WHERE tenant_id = :'t'",
                        t=tenant.id) == [["0"]]
    assert support.psql(server.database_url,
                        "SELECT used_at IS NULL FROM oauth_states WHERE tenant_id = :'t'", t=tenant.id) == [["t"]]
    events = support.psql(server.database_url,
                          "SELECT kind FROM audit_events WHERE tenant_id = :'t' ORDER BY created_at", t=tenant.id)
    assert events == [["oauth.started"]]

    # The worker comes back; the user retries (the provider gives a new code for the same state) and it succeeds.
    cluster.ready(server, 1)
    standin.reset()
    retry = o.callback(server, o.authorize(started["authorizationUrl"]))
    assert retry.status == 302, (retry.status, retry.body)
    outcome = o.query_of(retry.headers["location"])
    assert outcome["status"] == "connected"
    assert server.data(o.CONNECTOR, {"id": outcome["connectorId"]}, token=tenant.token)["connector"]["status"] \
        == "ACTIVE"


def test_background_pass_refreshes_in_the_workers(make_cluster, standin, tmp_path):
    server = oauth_cluster(make_cluster, standin, tmp_path, interval="1")
    tenants = [server.create_tenant(f"Background {index}") for index in range(3)]
    connectors = [o.connect(server, tenant) for tenant in tenants]
    support.psql(server.database_url,
                 "UPDATE oauth_tokens SET expires_at = now() + interval '60 seconds'")
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and o.refresh_calls(standin) < 3:
        time.sleep(0.2)
    assert o.refresh_calls(standin) == 3
    for tenant, connector_id in zip(tenants, connectors):
        connector = server.data(o.CONNECTOR, {"id": connector_id}, token=tenant.token)["connector"]
        assert connector["status"] == "ACTIVE"
