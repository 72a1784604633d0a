"""Cross-tenant attempts over HTTP: tenant A sends tenant B's ids through every field that takes an id, directly, in
aliases, in fragments and in variables. A must see, count and change nothing of B's, and B's ids must behave exactly
like ids that never existed."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest

from support import Server, Tenant, codes, psql

OPENAI_KEY = "sk-proj-isolationisolation9999"
ID_SHAPE = re.compile(r"^(ten|tc|prj|pc)_[a-z2-7]{26}$")
NEVER = {"connector": "tc_aaaaaaaaaaaaaaaaaaaaaaaaaa", "project": "prj_aaaaaaaaaaaaaaaaaaaaaaaaaa",
         "project_connector": "pc_aaaaaaaaaaaaaaaaaaaaaaaaaa", "tenant": "ten_aaaaaaaaaaaaaaaaaaaaaaaaaa"}

B_VIEW = """{ viewer { id name projects { id name connectors { id enabled config tenantConnector { id } } }
              connectors { id name status enabled config credentials { field maskedValue } projects { id } } }
            connectorCount
            github: credentialInfo(providerId: "github") { source } }"""


@dataclass
class World:
    a: Tenant
    b: Tenant
    ids: dict[str, dict[str, str]]  # tenant letter -> kind -> id


def build(server: Server, tenant: Tenant) -> dict[str, str]:
    connector = server.data(
        f'mutation {{ createConnector(input: {{providerId: "openai", credentials: {{apiKey: "{OPENAI_KEY}"}}, '
        f'config: {{model: "m"}}}}) {{ id }} }}', token=tenant.token)["createConnector"]["id"]
    project = server.data('mutation { createProject(input: {name: "P"}) { id } }',
                          token=tenant.token)["createProject"]["id"]
    project_connector = server.data(
        f'mutation {{ enableProjectConnector(input: {{projectId: "{project}", tenantConnectorId: "{connector}", '
        f'config: {{a: 1}}}}) {{ id }} }}', token=tenant.token)["enableProjectConnector"]["id"]
    server.data('mutation { setCredentialOverride(input: {providerId: "github", override: {clientId: "id", '
                'clientSecret: "a-secret-of-the-tenant"}}) { source } }', token=tenant.token)
    return {"connector": connector, "project": project, "project_connector": project_connector, "tenant": tenant.id}


@pytest.fixture(scope="module")
def world(server: Server) -> World:
    a = server.create_tenant("Tenant A")
    b = server.create_tenant("Tenant B")
    return World(a, b, {"a": build(server, a), "b": build(server, b)})


@pytest.fixture(scope="module")
def b_before(server: Server, world: World) -> tuple[dict, list]:
    """What B sees, and B's rows as stored (sealed bytes included), before A's attempts."""
    return server.data(B_VIEW, token=world.b.token), b_rows(server, world.b)


def b_rows(server: Server, tenant: Tenant) -> list:
    rows = []
    for table in ["tenants", "tenant_keys", "tenant_connectors", "connector_credentials", "credential_overrides",
                  "projects", "project_connectors"]:
        column = "id" if table == "tenants" else "tenant_id"
        rows.append(psql(server.database_url, f"SELECT t::text FROM {table} t WHERE {column} = :'t' ORDER BY 1",
                         t=tenant.id))
    return rows


def test_ids_are_opaque(world: World):
    for ids in world.ids.values():
        for value in ids.values():
            assert ID_SHAPE.match(value), value
    # Nothing in one id predicts another: no shared run of characters after the prefix.
    a, b = world.ids["a"]["connector"], world.ids["b"]["connector"]
    assert a.split("_")[1][:8] != b.split("_")[1][:8]


def test_lookups_of_another_tenants_ids_find_nothing(server: Server, world: World, b_before):
    b = world.ids["b"]
    queries = {
        "connector": ("query($id: ID!) { connector(id: $id) { id name credentials { maskedValue } } }", b["connector"]),
        "project": ("query($id: ID!) { project(id: $id) { id connectors { id } } }", b["project"]),
    }
    for name, (query, id_) in queries.items():
        assert server.data(query, {"id": id_}, token=world.a.token) == {name: None}
        # Exactly like an id that never existed.
        assert server.post(query, {"id": id_}, token=world.a.token).json == \
            server.post(query, {"id": NEVER[name]}, token=world.a.token).json


def test_aliases_and_fragments_do_not_reach_another_tenant(server: Server, world: World, b_before):
    a, b = world.ids["a"], world.ids["b"]
    document = f"""
      query($theirs: ID!) {{
        mine: connector(id: "{a['connector']}") {{ ...C }}
        theirs: connector(id: "{b['connector']}") {{ ...C }}
        viaVariable: connector(id: $theirs) {{ id }}
        ... on Query {{ inline: project(id: "{b['project']}") {{ id name }} }}
        ...Spread
        included: connector(id: "{b['connector']}") @include(if: true) {{ id }}
        again: project(id: "{a['project']}") {{ connectors {{ tenantConnector {{ id }} }} }}
      }}
      fragment C on TenantConnector {{ id providerId credentials {{ maskedValue }} projects {{ id }} }}
      fragment Spread on Query {{
        spread: project(id: "{b['project']}") {{ id }}
        count: connectorCount
        all: connectors {{ id }}
        override: credentialInfo(providerId: "github") {{ source }}
      }}
    """
    data = server.data(document, {"theirs": b["connector"]}, token=world.a.token)
    assert data["mine"]["id"] == a["connector"]
    assert data["mine"]["projects"] == [{"id": a["project"]}]
    assert data["theirs"] is None and data["viaVariable"] is None and data["included"] is None
    assert data["inline"] is None and data["spread"] is None
    assert data["again"] == {"connectors": [{"tenantConnector": {"id": a["connector"]}}]}
    assert data["count"] == 1 and data["all"] == [{"id": a["connector"]}]
    assert data["override"] == {"source": "TENANT_OVERRIDE"}  # A's own override, not B's


def test_filters_and_counts_see_only_the_callers_rows(server: Server, world: World, b_before):
    for where in ['{providerId: "openai"}', "{category: AI}", '{name: "OpenAI"}', "{status: ACTIVE}", "{}"]:
        data = server.data(f"{{ connectors(where: {where}) {{ id }} connectorCount(where: {where}) }}",
                           token=world.a.token)
        assert data == {"connectors": [{"id": world.ids["a"]["connector"]}], "connectorCount": 1}, where
    viewer = server.data("{ viewer { id projects { id } connectors { id } } }", token=world.a.token)["viewer"]
    assert viewer == {"id": world.a.id, "projects": [{"id": world.ids["a"]["project"]}],
                      "connectors": [{"id": world.ids["a"]["connector"]}]}


def test_mutations_with_another_tenants_ids_change_nothing(server: Server, world: World, b_before):
    a, b = world.ids["a"], world.ids["b"]
    attempts = [
        ("mutation($id: ID!) { updateConnector(id: $id, input: {name: \"Mine now\", config: {x: 1}}) { id } }",
         {"id": b["connector"]}, "connector"),
        ("mutation($id: ID!) { updateConnector(id: $id, input: {credentials: {apiKey: \"%s\"}}) { id } }"
         % OPENAI_KEY, {"id": b["connector"]}, "connector"),
        ("mutation($id: ID!) { toggleConnector(id: $id, enabled: false) { id } }", {"id": b["connector"]},
         "connector"),
        ("mutation($id: ID!) { deleteConnector(id: $id) }", {"id": b["connector"]}, "connector"),
        ("mutation($id: ID!) { deleteProject(id: $id) }", {"id": b["project"]}, "project"),
        ("mutation($id: ID!) { enableProjectConnector(input: {projectId: \"%s\", tenantConnectorId: $id}) { id } }"
         % a["project"], {"id": b["connector"]}, "connector"),
        ("mutation($id: ID!) { enableProjectConnector(input: {projectId: $id, tenantConnectorId: \"%s\"}) { id } }"
         % a["connector"], {"id": b["project"]}, "project"),
        ("mutation($id: ID!) { updateProjectConnector(id: $id, config: {x: 1}) { id } }",
         {"id": b["project_connector"]}, "project_connector"),
        ("mutation($id: ID!) { disableProjectConnector(id: $id) }", {"id": b["project_connector"]},
         "project_connector"),
    ]
    for mutation, variables, kind in attempts:
        theirs = server.post(mutation, variables, token=world.a.token).json
        never = server.post(mutation, {"id": NEVER[kind]}, token=world.a.token).json
        # The same answer as for an id that never existed (NOT_FOUND, or false), but for the id in the message.
        assert str(theirs).replace(variables["id"], "ID") == str(never).replace(NEVER[kind], "ID"), mutation
        assert codes(theirs.get("errors", [])) in ([], ["NOT_FOUND"]), theirs
        assert theirs.get("data") in (None, {"deleteConnector": False}, {"deleteProject": False},
                                      {"disableProjectConnector": False}), theirs
    # In aliases of one request as well.
    data = server.post(f"""mutation {{
        one: deleteConnector(id: "{b['connector']}") two: deleteProject(id: "{b['project']}")
        three: disableProjectConnector(id: "{b['project_connector']}") }}""", token=world.a.token).json
    assert data == {"data": {"one": False, "two": False, "three": False}}
    # Admin mutations are not a way around it.
    for mutation in [f'mutation {{ deleteTenant(id: "{b["tenant"]}") }}',
                     f'mutation {{ rotateTenantKey(id: "{b["tenant"]}") {{ keyVersion }} }}']:
        assert codes(server.post(mutation, token=world.a.token).json["errors"]) == ["FORBIDDEN"]
    # Clearing "its" override of a provider clears only the caller's.
    server.data('mutation { clearCredentialOverride(providerId: "github") { source } }', token=world.a.token)


def test_b_is_untouched(server: Server, world: World, b_before):
    # Runs after the attempts above (pytest keeps the file's order).
    view, rows = b_before
    assert server.data(B_VIEW, token=world.b.token) == view
    assert b_rows(server, world.b) == rows
    assert view["viewer"]["connectors"][0]["credentials"] == [{"field": "apiKey", "maskedValue": "sk-…9999"}]
    assert view["github"] == {"source": "TENANT_OVERRIDE"}
