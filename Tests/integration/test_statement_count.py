"""Nested lists load in batches: the SQL statements a request costs (the X-SQL-Statements header the server adds
when SWITCHBOARD_EXPOSE_SQL_STATEMENTS=1) grow with the depth of the query, not with the number of rows."""

from __future__ import annotations

import pytest

from support import Server, Tenant, catalog

PROJECTS = 5
CONNECTORS = 20

CONNECTOR_TREE = """{ viewer { name connectors { id name status credentials { field maskedValue } provider { name }
                      projects { id name connectors { id providerName config tenantConnector { id name } } } } } }"""
PROJECT_TREE = """{ projects { id name connectors { id config project { name }
                    tenantConnector { id credentials { field } projects { id } } } } }"""


def credentials_for(provider_id: str) -> dict[str, str]:
    known = {"openai": {"apiKey": "sk-proj-countcountcountcount0001"},
             "anthropic": {"apiKey": "sk-ant-countcountcountcount0002"},
             "stripe": {"secretKey": "sk_live_countcountcount0003"}}
    if provider_id in known:
        return known[provider_id]
    provider = catalog()[provider_id]
    return {f["name"]: f"value-{provider_id}-0123456789" for f in provider.fields if f.get("required")}


def simple_providers() -> list[str]:
    """Providers whose required fields take any text: their credentials can be made up."""
    chosen = ["openai", "anthropic", "stripe"]
    for provider in catalog().values():
        required = [f for f in provider.fields if f.get("required")]
        if (provider.auth_type in ("API_KEY", "BASIC", "BEARER_TOKEN") and required
                and all(not f.get("pattern") and f["type"] in ("TEXT", "PASSWORD") for f in required)):
            chosen.append(provider.id)
    return chosen[:CONNECTORS]


def populate(server: Server, tenant: Tenant, connectors: int, projects: int) -> None:
    providers = simple_providers()
    assert len(providers) >= connectors
    connector_ids = []
    for provider in providers[:connectors]:
        created = server.data("mutation($input: CreateConnectorInput!) { createConnector(input: $input) { id status } }",
                              {"input": {"providerId": provider, "credentials": credentials_for(provider)}},
                              token=tenant.token)["createConnector"]
        assert created["status"] == "ACTIVE", provider
        connector_ids.append(created["id"])
    for index in range(projects):
        project = server.data("mutation($n: String!) { createProject(input: {name: $n}) { id } }",
                              {"n": f"Project {index}"}, token=tenant.token)["createProject"]["id"]
        for connector in connector_ids:
            server.data("""mutation($p: ID!, $c: ID!) { enableProjectConnector(input: {projectId: $p,
                             tenantConnectorId: $c, config: {index: 1}}) { id } }""",
                        {"p": project, "c": connector}, token=tenant.token)


@pytest.fixture(scope="module")
def small(server: Server) -> Tenant:
    tenant = server.create_tenant("One by one")
    populate(server, tenant, connectors=1, projects=1)
    return tenant


@pytest.fixture(scope="module")
def large(server: Server) -> Tenant:
    tenant = server.create_tenant("Twenty by five")
    populate(server, tenant, connectors=CONNECTORS, projects=PROJECTS)
    return tenant


def statements(server: Server, query: str, tenant: Tenant) -> tuple[int, dict]:
    response = server.post(query, token=tenant.token)
    assert response.status == 200 and "errors" not in response.json, response.body
    return int(response.headers["x-sql-statements"]), response.json["data"]


@pytest.mark.parametrize("query", [CONNECTOR_TREE, PROJECT_TREE], ids=["connectors", "projects"])
def test_statements_do_not_grow_with_rows(server: Server, small: Tenant, large: Tenant, query: str):
    small_count, small_data = statements(server, query, small)
    large_count, large_data = statements(server, query, large)
    if query is CONNECTOR_TREE:
        assert len(small_data["viewer"]["connectors"]) == 1
        assert len(large_data["viewer"]["connectors"]) == CONNECTORS
        assert all(len(c["projects"]) == PROJECTS for c in large_data["viewer"]["connectors"])
        assert all(len(p["connectors"]) == CONNECTORS for c in large_data["viewer"]["connectors"]
                   for p in c["projects"])
    else:
        assert len(large_data["projects"]) == PROJECTS
        assert sum(len(p["connectors"]) for p in large_data["projects"]) == PROJECTS * CONNECTORS
    # 1×1 rows and 20×5 rows: the same statements, a few per level of the query (each level's batch runs in a
    # transaction of its own). Loading row by row would cost well over a hundred for the large tenant.
    assert small_count == large_count
    assert large_count <= 40
    # Repeating the request costs the same again (nothing grows across requests either).
    assert statements(server, query, large)[0] == large_count
