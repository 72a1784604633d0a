"""Provider access through the router: the workers load the router's provider configuration (by path, never its
secrets on a command line or in an environment), resolve credentials and call the stand-in for their tenants."""

from __future__ import annotations

import json
import time

import cluster
import support
from standin import verify as standin_verify
from standin.fixtures import PLATFORM_APPS, VERIFICATION_TIMEOUT_SECONDS

INFO = "query($p: ID!) { credentialInfo(providerId: $p) { source isConfigured canOverride } }"
VERIFY = "mutation($id: ID!) { verifyConnector(id: $id) { success error status credentialSource } }"


def connect(server: support.Server, tenant: support.Tenant, provider: str, credentials: dict | None = None) -> str:
    data = server.data(
        "mutation($input: CreateConnectorInput!) { createConnector(input: $input) { id } }",
        {"input": {"providerId": provider, **({"credentials": credentials} if credentials else {})}},
        token=tenant.token)
    return data["createConnector"]["id"]


def test_workers_resolve_and_verify_with_the_routers_configuration(make_cluster, provider_config, standin):
    server = make_cluster(2, args=("--provider-config", str(provider_config)))
    by_worker = cluster.tenants_on(server, {"w1": 1, "w2": 1})
    platform_key = PLATFORM_APPS["openai"]["apiKey"]
    standin_verify.accept(standin, "openai", apiKey=platform_key)

    for worker, tenants in by_worker.items():
        tenant = tenants[0]
        assert server.data(INFO, {"p": "openai"}, token=tenant.token)["credentialInfo"] == {
            "source": "PLATFORM", "isConfigured": True, "canOverride": True}, worker
        assert server.data(INFO, {"p": "stripe"}, token=tenant.token)["credentialInfo"]["source"] == "NONE"
        _, errors = server.errors(
            'mutation { setCredentialOverride(input: {providerId: "stripe", override: {secretKey: "sk_test_x"}}) '
            "{ source } }", token=tenant.token)
        assert support.codes(errors) == ["FORBIDDEN"]

        # The platform's key, from the file the worker loaded, goes to the stand-in in the catalog's header.
        connector = connect(server, tenant, "openai")
        before = standin.count("/p/openai/v1/models")
        response = server.post(VERIFY, {"id": connector}, token=tenant.token)
        assert response.json["data"]["verifyConnector"] == {
            "success": True, "error": None, "status": "ACTIVE", "credentialSource": "PLATFORM"}, worker
        assert standin.count("/p/openai/v1/models") == before + 1
        assert standin.requests_to("/p/openai/v1/models")[-1].header("authorization") == f"Bearer {platform_key}"
        assert platform_key.encode() not in response.body

        # The tenant's own key wins, and a refusal is FAILED without the provider's body.
        own = f"sk-tenant-{worker}-abcdefghijklmnopqrstuvwxyz"
        server.data("mutation($id: ID!, $k: String!) { updateConnector(id: $id, input: {credentials: {apiKey: $k}}) { id } }",
                    {"id": connector, "k": own}, token=tenant.token)
        response = server.post(VERIFY, {"id": connector}, token=tenant.token)
        assert response.json["data"]["verifyConnector"] == {
            "success": False, "error": "The provider refused the credentials (HTTP 401).", "status": "FAILED",
            "credentialSource": "TENANT"}
        assert standin.requests_to("/p/openai/v1/models")[-1].header("authorization") == f"Bearer {own}"
        assert own.encode() not in response.body

        # The tenant's override of a HYBRID provider the platform has no app for.
        assert server.data(INFO, {"p": "anthropic"}, token=tenant.token)["credentialInfo"]["source"] == "NONE"
        override = f"sk-ant-override-{worker}-abcdefghijklmnopqrstuvwxyz"
        server.data('mutation($k: String!) { setCredentialOverride(input: {providerId: "anthropic", '
                    "override: {apiKey: $k}}) { source } }", {"k": override}, token=tenant.token)
        assert server.data(INFO, {"p": "anthropic"}, token=tenant.token)["credentialInfo"] == {
            "source": "TENANT_OVERRIDE", "isConfigured": True, "canOverride": True}
        standin_verify.accept(standin, "anthropic", apiKey=override)
        response = server.post(VERIFY, {"id": connect(server, tenant, "anthropic")}, token=tenant.token)
        assert response.json["data"]["verifyConnector"] == {
            "success": True, "error": None, "status": "ACTIVE", "credentialSource": "TENANT_OVERRIDE"}
        assert standin.requests_to("/p/anthropic/v1/models")[-1].header("x-api-key") == override
        assert override.encode() not in response.body

    # The workers got the file's path, not its secrets.
    for worker in cluster.workers(server).values():
        environment = cluster.environment_of(worker["pid"])
        assert environment.get("SWITCHBOARD_PROVIDER_CONFIG") == str(provider_config)
        exposed = json.dumps(environment) + " ".join(cluster.command_line_of(worker["pid"]))
        for app in PLATFORM_APPS.values():
            for secret in app.values():
                assert secret not in exposed


def test_a_slow_provider_times_out_on_the_worker(make_cluster, provider_config, standin):
    server = make_cluster(1, args=("--provider-config", str(provider_config)))
    tenant = server.create_tenant("Slow")
    key = "sk-ant-cluster-abcdefghijklmnopqrstuvwxyz"
    standin_verify.accept(standin, "anthropic", apiKey=key)
    connector = connect(server, tenant, "anthropic", {"apiKey": key})
    standin.behave("/p/anthropic/", delay=VERIFICATION_TIMEOUT_SECONDS + 2, times=1)
    started = time.monotonic()
    response = server.post(VERIFY, {"id": connector}, token=tenant.token)
    assert time.monotonic() - started < VERIFICATION_TIMEOUT_SECONDS + 1.5
    assert response.json["data"]["verifyConnector"] == {
        "success": False, "error": f"The provider did not answer within {VERIFICATION_TIMEOUT_SECONDS} s.",
        "status": "ERROR", "credentialSource": "TENANT"}
    response = server.post(VERIFY, {"id": connector}, token=tenant.token)
    assert response.json["data"]["verifyConnector"]["success"] is True
