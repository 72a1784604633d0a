"""Every query and mutation of schema.graphql over HTTP, with the error codes each can answer.

Each root field has a test named `test_query_<field>` or `test_mutation_<field>`; the last test fails when a root
field of schema.graphql has none.
"""

from __future__ import annotations

import re

from graphql import build_schema

from support import SCHEMA_PATH, Server, Tenant, codes, psql_value

OPENAI_KEY = "sk-proj-abcdefghijklmnopqrstuvwx3456"
CONNECTOR_FIELDS = """
    id providerId providerName category status enabled name config createdAt updatedAt
    credentials { field maskedValue } provider { id name } projects { id name }
"""
RFC3339_UTC = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$")


def create_connector(server: Server, tenant: Tenant, provider: str, **input_fields) -> dict:
    data = server.data(
        f"mutation($input: CreateConnectorInput!) {{ createConnector(input: $input) {{ {CONNECTOR_FIELDS} }} }}",
        {"input": {"providerId": provider, **input_fields}}, token=tenant.token)
    return data["createConnector"]


def create_project(server: Server, tenant: Tenant, name: str) -> dict:
    return server.data("mutation($name: String!) { createProject(input: {name: $name}) { id name createdAt } }",
                       {"name": name}, token=tenant.token)["createProject"]


def enable(server: Server, tenant: Tenant, project: str, connector: str, config=None) -> dict:
    return server.data(
        """mutation($input: EnableProjectConnectorInput!) { enableProjectConnector(input: $input) {
             id enabled config providerName project { id } tenantConnector { id } createdAt updatedAt } }""",
        {"input": {"projectId": project, "tenantConnectorId": connector, "config": config}},
        token=tenant.token)["enableProjectConnector"]


# MARK: Queries


def test_query_viewer(server: Server, tenant: Tenant):
    openai = create_connector(server, tenant, "openai", credentials={"apiKey": OPENAI_KEY})
    project = create_project(server, tenant, "Website")
    data = server.data("{ viewer { id name createdAt projects { id name } connectors { id providerId } } }",
                       token=tenant.token)
    assert data["viewer"]["id"] == tenant.id
    assert data["viewer"]["name"] == tenant.name
    assert RFC3339_UTC.match(data["viewer"]["createdAt"])
    assert data["viewer"]["projects"] == [{"id": project["id"], "name": "Website"}]
    assert data["viewer"]["connectors"] == [{"id": openai["id"], "providerId": "openai"}]


def test_query_providers(server: Server, tenant: Tenant):
    everything = server.data("{ providers { id category authType } }", token=tenant.token)["providers"]
    assert len(everything) >= 60
    ai = server.data("{ providers(category: AI) { id category } }", token=tenant.token)["providers"]
    assert {"id": "openai", "category": "AI"} in ai and all(p["category"] == "AI" for p in ai)
    oauth = server.data("{ providers(authType: OAUTH2) { id authType } }", token=tenant.token)["providers"]
    assert "github" in [p["id"] for p in oauth] and all(p["authType"] == "OAUTH2" for p in oauth)
    search = server.data('{ providers(search: "GIT") { id } }', token=tenant.token)["providers"]
    assert {"github", "gitlab"} <= {p["id"] for p in search}
    both = server.data('{ providers(category: SOURCE_CONTROL, authType: OAUTH2, search: "lab") { id } }',
                       token=tenant.token)["providers"]
    assert both == [{"id": "gitlab"}]
    github = next(p for p in server.data(
        """{ providers(search: "github") { id name description category authType capabilities credentialMode
             supportsTenantOverride docsUrl formFields { name } oauth { authorizeUrl tokenUrl scopes usesPkce } } }""",
        token=tenant.token)["providers"] if p["id"] == "github")
    assert github["category"] == "SOURCE_CONTROL" and github["credentialMode"] == "HYBRID"
    assert github["oauth"]["authorizeUrl"] == "https://github.com/login/oauth/authorize"
    assert github["oauth"]["tokenUrl"] == "https://github.com/login/oauth/access_token"
    assert "repo" in github["oauth"]["scopes"] and github["oauth"]["usesPkce"] is True
    assert github["supportsTenantOverride"] is True and "repos" in github["capabilities"]
    # The admin may browse the catalog too.
    assert server.data("{ providers(category: PAYMENTS) { id } }", token=server.admin_token)["providers"]


def test_query_providerGroups(server: Server, tenant: Tenant):
    groups = server.data("{ providerGroups { category providers { id category } } }",
                         token=tenant.token)["providerGroups"]
    schema = build_schema(SCHEMA_PATH.read_text())
    categories = list(schema.type_map["ProviderCategory"].values)
    # Every category, in the enum's order, each with its own providers.
    assert [group["category"] for group in groups] == categories
    for group in groups:
        assert group["providers"] and all(p["category"] == group["category"] for p in group["providers"])


def test_query_provider(server: Server, tenant: Tenant):
    data = server.data(
        """{ provider(id: "openai") { id name authType credentialMode
             formFields { name label type required secret help placeholder options } oauth { tokenUrl } } }""",
        token=tenant.token)
    openai = data["provider"]
    assert openai["name"] == "OpenAI" and openai["authType"] == "API_KEY" and openai["oauth"] is None
    api_key = openai["formFields"][0]
    assert api_key["name"] == "apiKey" and api_key["type"] == "PASSWORD"
    assert api_key["required"] is True and api_key["secret"] is True
    assert server.data('{ provider(id: "no-such-provider") { id } }', token=tenant.token) == {"provider": None}


def test_query_connectors(server: Server, tenant: Tenant):
    openai = create_connector(server, tenant, "openai", name="Production AI", credentials={"apiKey": OPENAI_KEY})
    stripe = create_connector(server, tenant, "stripe")  # no credentials yet: PENDING
    github = create_connector(server, tenant, "github", name="Code")
    server.data("mutation($id: ID!) { toggleConnector(id: $id, enabled: false) { id } }", {"id": github["id"]},
                token=tenant.token)

    def ids(where=None, **page):
        arguments = ", ".join([f"where: {where}"] * bool(where) + [f"{k}: {v}" for k, v in page.items()])
        query = f"{{ connectors{'(' + arguments + ')' if arguments else ''} {{ id }} }}"
        return [c["id"] for c in server.data(query, token=tenant.token)["connectors"]]

    # Newest first.
    assert ids() == [github["id"], stripe["id"], openai["id"]]
    assert ids("{status: PENDING}") == [stripe["id"]]
    assert ids("{status: DISABLED}") == [github["id"]]
    assert ids("{category: AI}") == [openai["id"]]
    assert ids("{enabled: true}") == [stripe["id"], openai["id"]]
    assert ids('{providerId: "stripe"}') == [stripe["id"]]
    assert ids('{name: "pRoDuCtIoN"}') == [openai["id"]]
    assert ids('{category: AI, status: ACTIVE, enabled: true, name: "ai"}') == [openai["id"]]
    assert ids('{category: PAYMENTS, providerId: "openai"}') == []
    assert ids(limit=2) == [github["id"], stripe["id"]]
    assert ids(limit=2, offset=2) == [openai["id"]]
    assert ids(offset=3) == []
    full = server.data(f"{{ connectors(where: {{providerId: \"openai\"}}) {{ {CONNECTOR_FIELDS} }} }}",
                       token=tenant.token)["connectors"][0]
    assert full == openai | {"updatedAt": full["updatedAt"]}
    for bad in ["limit: 0", "limit: 201", "offset: -1"]:
        _, errors = server.errors(f"{{ connectors({bad}) {{ id }} }}", token=tenant.token)
        assert codes(errors) == ["BAD_USER_INPUT"], bad


def test_query_connectorCount(server: Server, tenant: Tenant):
    count = "query($where: ConnectorFilter) { connectorCount(where: $where) }"
    assert server.data(count, token=tenant.token) == {"connectorCount": 0}
    create_connector(server, tenant, "openai", credentials={"apiKey": OPENAI_KEY})
    create_connector(server, tenant, "anthropic")
    create_connector(server, tenant, "stripe")
    assert server.data(count, token=tenant.token) == {"connectorCount": 3}
    assert server.data(count, {"where": {"category": "AI"}}, token=tenant.token) == {"connectorCount": 2}
    assert server.data(count, {"where": {"status": "PENDING"}}, token=tenant.token) == {"connectorCount": 2}
    assert server.data(count, {"where": {"category": "AI", "status": "ACTIVE"}}, token=tenant.token) == {
        "connectorCount": 1}


def test_query_connector(server: Server, tenant: Tenant):
    openai = create_connector(server, tenant, "openai", credentials={"apiKey": OPENAI_KEY, "organization": "org-abc"},
                              config={"model": "gpt-5"})
    data = server.data(f"query($id: ID!) {{ connector(id: $id) {{ {CONNECTOR_FIELDS} }} }}", {"id": openai["id"]},
                       token=tenant.token)
    connector = data["connector"]
    assert connector == openai
    assert connector["id"].startswith("tc_")
    assert connector["providerName"] == "OpenAI" and connector["category"] == "AI"
    assert connector["status"] == "ACTIVE" and connector["enabled"] is True and connector["name"] == "OpenAI"
    assert connector["config"] == {"model": "gpt-5"}
    assert connector["provider"] == {"id": "openai", "name": "OpenAI"}
    # Masked, never in clear.
    assert connector["credentials"] == [{"field": "apiKey", "maskedValue": "sk-…3456"},
                                        {"field": "organization", "maskedValue": "••••"}]
    assert RFC3339_UTC.match(connector["createdAt"]) and RFC3339_UTC.match(connector["updatedAt"])
    for unknown in ["tc_doesnotexist", "not-an-id", ""]:
        assert server.data("query($id: ID!) { connector(id: $id) { id } }", {"id": unknown},
                           token=tenant.token) == {"connector": None}


def test_query_credentialInfo(server: Server, tenant: Tenant):
    query = """query($p: ID!) { credentialInfo(providerId: $p) { providerId source isConfigured canOverride } }"""
    # The shared server has platform credentials for github and openai.
    assert server.data(query, {"p": "github"}, token=tenant.token)["credentialInfo"] == {
        "providerId": "github", "source": "PLATFORM", "isConfigured": True, "canOverride": True}
    assert server.data(query, {"p": "auth0"}, token=tenant.token)["credentialInfo"] == {
        "providerId": "auth0", "source": "NONE", "isConfigured": False, "canOverride": False}
    create_connector(server, tenant, "openai", credentials={"apiKey": OPENAI_KEY})
    assert server.data(query, {"p": "openai"}, token=tenant.token)["credentialInfo"]["source"] == "TENANT"
    _, errors = server.errors(query, {"p": "no-such-provider"}, token=tenant.token)
    assert codes(errors) == ["PROVIDER_NOT_FOUND"]


def test_query_projects(server: Server, tenant: Tenant):
    assert server.data("{ projects { id } }", token=tenant.token) == {"projects": []}
    first = create_project(server, tenant, "First")
    second = create_project(server, tenant, "Second")
    connector = create_connector(server, tenant, "openai", credentials={"apiKey": OPENAI_KEY})
    enabled = enable(server, tenant, second["id"], connector["id"], {"model": "gpt-5-mini"})
    data = server.data("{ projects { id name createdAt connectors { id providerName config enabled } } }",
                       token=tenant.token)
    assert [p["name"] for p in data["projects"]] == ["First", "Second"]
    assert data["projects"][0] == first | {"connectors": []}
    assert data["projects"][1]["connectors"] == [
        {"id": enabled["id"], "providerName": "OpenAI", "config": {"model": "gpt-5-mini"}, "enabled": True}]


def test_query_project(server: Server, tenant: Tenant):
    project = create_project(server, tenant, "Mobile app")
    connector = create_connector(server, tenant, "expo")
    enabled = enable(server, tenant, project["id"], connector["id"])
    data = server.data(
        """query($id: ID!) { project(id: $id) { id name connectors { id project { id }
             tenantConnector { id providerId projects { id } } } } }""",
        {"id": project["id"]}, token=tenant.token)
    assert data["project"] == {"id": project["id"], "name": "Mobile app", "connectors": [{
        "id": enabled["id"], "project": {"id": project["id"]},
        "tenantConnector": {"id": connector["id"], "providerId": "expo", "projects": [{"id": project["id"]}]}}]}
    assert server.data('{ project(id: "prj_doesnotexist") { id } }', token=tenant.token) == {"project": None}


def test_query_tenants(server: Server):
    first = server.create_tenant("Listed one")
    second = server.create_tenant("Listed two")
    listed = server.data("{ tenants(limit: 200) { id name createdAt } }", token=server.admin_token)["tenants"]
    ids = [t["id"] for t in listed]
    assert first.id in ids and second.id in ids
    total = int(psql_value(server.database_url, "SELECT count(*) FROM tenants"))
    assert len(listed) == min(total, 200)
    page = server.data("{ tenants(limit: 1, offset: 1) { id } }", token=server.admin_token)["tenants"]
    assert page == [{"id": ids[1]}]
    _, errors = server.errors("{ tenants(limit: 1000) { id } }", token=server.admin_token)
    assert codes(errors) == ["BAD_USER_INPUT"]


def test_query_tenant(server: Server, tenant: Tenant):
    connector = create_connector(server, tenant, "openai", credentials={"apiKey": OPENAI_KEY})
    project = create_project(server, tenant, "Seen by the admin")
    data = server.data(
        "query($id: ID!) { tenant(id: $id) { id name projects { id } connectors { id credentials { maskedValue } } } }",
        {"id": tenant.id}, token=server.admin_token)
    assert data["tenant"] == {"id": tenant.id, "name": tenant.name, "projects": [{"id": project["id"]}],
                              "connectors": [{"id": connector["id"], "credentials": [{"maskedValue": "sk-…3456"}]}]}
    assert server.data('{ tenant(id: "ten_doesnotexist") { id } }', token=server.admin_token) == {"tenant": None}


# MARK: Mutations


def test_mutation_createConnector(server: Server, tenant: Tenant):
    openai = create_connector(server, tenant, "openai", name="  Production AI  ",
                              credentials={"apiKey": OPENAI_KEY, "organization": "org-abc123"},
                              config={"model": "gpt-5", "temperature": 0.2})
    assert openai["status"] == "ACTIVE" and openai["name"] == "Production AI"
    assert openai["config"] == {"model": "gpt-5", "temperature": 0.2}
    assert openai["credentials"] == [{"field": "apiKey", "maskedValue": "sk-…3456"},
                                     {"field": "organization", "maskedValue": "••••"}]
    # The secret is nowhere in the database in clear.
    for secret in [OPENAI_KEY, "org-abc123"]:
        assert psql_value(server.database_url,
                          "SELECT count(*) FROM connector_credentials WHERE tenant_id = :'t' AND "
                          "(position(convert_to(:'secret', 'UTF8') IN sealed) > 0 OR strpos(masked, :'secret') > 0)",
                          t=tenant.id, secret=secret) == "0"
    assert psql_value(server.database_url, "SELECT count(*) FROM connector_credentials WHERE tenant_id = :'t'",
                      t=tenant.id) == "2"
    pending = create_connector(server, tenant, "stripe")
    assert pending["status"] == "PENDING" and pending["name"] == "Stripe" and pending["credentials"] == []

    mutation = "mutation($input: CreateConnectorInput!) { createConnector(input: $input) { id } }"
    _, errors = server.errors(mutation, {"input": {"providerId": "openai"}}, token=tenant.token)
    assert codes(errors) == ["CONNECTOR_ALREADY_CONNECTED"]
    _, errors = server.errors(mutation, {"input": {"providerId": "no-such-provider"}}, token=tenant.token)
    assert codes(errors) == ["PROVIDER_NOT_FOUND"]
    _, errors = server.errors(mutation, {"input": {
        "providerId": "anthropic", "credentials": {"apiKey": "not-a-key", "color": "blue"}}}, token=tenant.token)
    assert codes(errors) == ["CREDENTIALS_INVALID"]
    fields = errors[0]["extensions"]["fields"]
    assert [(f["field"], f["code"]) for f in fields] == [("apiKey", "PATTERN_MISMATCH"), ("color", "UNKNOWN_FIELD")]
    assert "not-a-key" not in str(errors)
    _, errors = server.errors(mutation, {"input": {"providerId": "anthropic", "name": "   "}}, token=tenant.token)
    assert codes(errors) == ["BAD_USER_INPUT"]
    _, errors = server.errors(mutation, {"input": {"providerId": "anthropic", "credentials": ["a list"]}},
                              token=tenant.token)
    assert codes(errors) == ["BAD_USER_INPUT"]
    # Nothing was created by the failures.
    assert server.data("{ connectorCount }", token=tenant.token) == {"connectorCount": 2}


def test_mutation_updateConnector(server: Server, tenant: Tenant):
    stripe = create_connector(server, tenant, "stripe", config={"mode": "test"})
    mutation = """mutation($id: ID!, $input: UpdateConnectorInput!) { updateConnector(id: $id, input: $input) {
                    id name status config credentials { field maskedValue } updatedAt } }"""
    updated = server.data(mutation, {"id": stripe["id"], "input": {
        "name": "Payments", "credentials": {"secretKey": "sk_live_51Habcdefghijklmnop9876"},
        "config": {"mode": "live"}}}, token=tenant.token)["updateConnector"]
    assert updated["name"] == "Payments" and updated["status"] == "ACTIVE" and updated["config"] == {"mode": "live"}
    assert updated["credentials"] == [{"field": "secretKey", "maskedValue": "sk_…9876"}]
    assert updated["updatedAt"] >= stripe["updatedAt"]
    marked = server.data(mutation, {"id": stripe["id"], "input": {"status": "EXPIRED"}},
                         token=tenant.token)["updateConnector"]
    assert marked["status"] == "EXPIRED" and marked["name"] == "Payments" and marked["config"] == {"mode": "live"}
    _, errors = server.errors(mutation, {"id": "tc_doesnotexist", "input": {"name": "x"}}, token=tenant.token)
    assert codes(errors) == ["NOT_FOUND"]
    _, errors = server.errors(mutation, {"id": stripe["id"], "input": {"credentials": {"secretKey": "pk_live_x"}}},
                              token=tenant.token)
    assert codes(errors) == ["CREDENTIALS_INVALID"]
    assert errors[0]["extensions"]["fields"][0]["field"] == "secretKey"


def test_mutation_toggleConnector(server: Server, tenant: Tenant):
    openai = create_connector(server, tenant, "openai", credentials={"apiKey": OPENAI_KEY})
    mutation = "mutation($id: ID!, $on: Boolean!) { toggleConnector(id: $id, enabled: $on) { id enabled status } }"
    off = server.data(mutation, {"id": openai["id"], "on": False}, token=tenant.token)["toggleConnector"]
    assert off == {"id": openai["id"], "enabled": False, "status": "DISABLED"}
    on = server.data(mutation, {"id": openai["id"], "on": True}, token=tenant.token)["toggleConnector"]
    assert on == {"id": openai["id"], "enabled": True, "status": "ACTIVE"}
    _, errors = server.errors(mutation, {"id": "tc_doesnotexist", "on": True}, token=tenant.token)
    assert codes(errors) == ["NOT_FOUND"]


def test_mutation_deleteConnector(server: Server, tenant: Tenant):
    openai = create_connector(server, tenant, "openai", credentials={"apiKey": OPENAI_KEY})
    project = create_project(server, tenant, "Uses OpenAI")
    enable(server, tenant, project["id"], openai["id"])
    mutation = "mutation($id: ID!) { deleteConnector(id: $id) }"
    assert server.data(mutation, {"id": openai["id"]}, token=tenant.token) == {"deleteConnector": True}
    assert server.data(mutation, {"id": openai["id"]}, token=tenant.token) == {"deleteConnector": False}
    # Its project connectors and credentials went with it.
    assert server.data("{ projects { connectors { id } } }", token=tenant.token) == {
        "projects": [{"connectors": []}]}
    assert psql_value(server.database_url, "SELECT count(*) FROM connector_credentials WHERE tenant_id = :'t'",
                      t=tenant.id) == "0"
    # The provider can be connected again.
    create_connector(server, tenant, "openai")


def test_mutation_setCredentialOverride(server: Server, tenant: Tenant):
    mutation = """mutation($input: SetCredentialOverrideInput!) { setCredentialOverride(input: $input) {
                    providerId source isConfigured canOverride } }"""
    info = server.data(mutation, {"input": {"providerId": "github", "override": {
        "clientId": "Iv1.0123456789abcdef", "clientSecret": "0123456789abcdef0123456789abcdef01234567"}}},
                       token=tenant.token)["setCredentialOverride"]
    assert info == {"providerId": "github", "source": "TENANT_OVERRIDE", "isConfigured": True, "canOverride": True}
    stored = psql_value(server.database_url, "SELECT count(*) FROM credential_overrides WHERE tenant_id = :'t'",
                        t=tenant.id)
    assert stored == "2"
    _, errors = server.errors(mutation, {"input": {"providerId": "auth0", "override": {"clientId": "x"}}},
                              token=tenant.token)
    assert codes(errors) == ["FORBIDDEN"]
    _, errors = server.errors(mutation, {"input": {"providerId": "github", "override": {"clientId": "only"}}},
                              token=tenant.token)
    assert codes(errors) == ["CREDENTIALS_INVALID"]
    assert [f["field"] for f in errors[0]["extensions"]["fields"]] == ["clientSecret"]
    _, errors = server.errors(mutation, {"input": {"providerId": "nope", "override": {}}}, token=tenant.token)
    assert codes(errors) == ["PROVIDER_NOT_FOUND"]


def test_mutation_clearCredentialOverride(server: Server, tenant: Tenant):
    server.data("""mutation { setCredentialOverride(input: {providerId: "openai", override: {apiKey: "%s"}}) {
                     source } }""" % OPENAI_KEY, token=tenant.token)
    mutation = "mutation($p: ID!) { clearCredentialOverride(providerId: $p) { providerId source isConfigured } }"
    assert server.data(mutation, {"p": "openai"}, token=tenant.token)["clearCredentialOverride"] == {
        "providerId": "openai", "source": "PLATFORM", "isConfigured": True}
    assert psql_value(server.database_url, "SELECT count(*) FROM credential_overrides WHERE tenant_id = :'t'",
                      t=tenant.id) == "0"
    # Clearing what is not there is no error.
    assert server.data(mutation, {"p": "anthropic"}, token=tenant.token)["clearCredentialOverride"]["source"] == "NONE"
    _, errors = server.errors(mutation, {"p": "nope"}, token=tenant.token)
    assert codes(errors) == ["PROVIDER_NOT_FOUND"]


def test_mutation_verifyConnector(server: Server, tenant: Tenant, standin):
    # The shared server sends OpenAI's verification request to the stand-in (see test_provider_access.py for more).
    from standin import verify

    verify.accept(standin, "openai", apiKey=OPENAI_KEY)
    connector = create_connector(server, tenant, "openai", credentials={"apiKey": OPENAI_KEY})
    result = server.data(
        "mutation($id: ID!) { verifyConnector(id: $id) { success error checkedAt status credentialSource "
        "connector { id status statusReason lastVerifiedAt } } }", {"id": connector["id"]},
        token=tenant.token)["verifyConnector"]
    assert result == {"success": True, "error": None, "checkedAt": result["checkedAt"], "status": "ACTIVE",
                      "credentialSource": "TENANT",
                      "connector": {"id": connector["id"], "status": "ACTIVE", "statusReason": None,
                                    "lastVerifiedAt": result["checkedAt"]}}
    assert RFC3339_UTC.match(result["checkedAt"])
    _, errors = server.errors("mutation { verifyConnector(id: \"tc_nope\") { success } }", token=tenant.token)
    assert codes(errors) == ["NOT_FOUND"]


def test_mutation_createProject(server: Server, tenant: Tenant):
    project = create_project(server, tenant, "  Landing page  ")
    assert project["id"].startswith("prj_") and project["name"] == "Landing page"
    assert RFC3339_UTC.match(project["createdAt"])
    for bad in ["", "   ", "x" * 201, "tab\there"]:
        _, errors = server.errors("mutation($n: String!) { createProject(input: {name: $n}) { id } }", {"n": bad},
                                  token=tenant.token)
        assert codes(errors) == ["BAD_USER_INPUT"], bad


def test_mutation_deleteProject(server: Server, tenant: Tenant):
    project = create_project(server, tenant, "Short-lived")
    connector = create_connector(server, tenant, "openai")
    enable(server, tenant, project["id"], connector["id"])
    mutation = "mutation($id: ID!) { deleteProject(id: $id) }"
    assert server.data(mutation, {"id": project["id"]}, token=tenant.token) == {"deleteProject": True}
    assert server.data(mutation, {"id": project["id"]}, token=tenant.token) == {"deleteProject": False}
    assert server.data("{ projects { id } }", token=tenant.token) == {"projects": []}
    # The tenant connector stays; only its use by the project went.
    assert server.data("query($id: ID!) { connector(id: $id) { projects { id } } }", {"id": connector["id"]},
                       token=tenant.token) == {"connector": {"projects": []}}


def test_mutation_enableProjectConnector(server: Server, tenant: Tenant):
    project = create_project(server, tenant, "Agents")
    connector = create_connector(server, tenant, "anthropic")
    enabled = enable(server, tenant, project["id"], connector["id"], {"model": "claude"})
    assert enabled["id"].startswith("pc_") and enabled["enabled"] is True
    assert enabled["config"] == {"model": "claude"} and enabled["providerName"] == "Anthropic"
    assert enabled["project"] == {"id": project["id"]} and enabled["tenantConnector"] == {"id": connector["id"]}
    # Enabling again is the same project connector.
    again = enable(server, tenant, project["id"], connector["id"], {"model": "claude-2"})
    assert again["id"] == enabled["id"] and again["config"] == {"model": "claude-2"}
    mutation = """mutation($input: EnableProjectConnectorInput!) { enableProjectConnector(input: $input) { id } }"""
    _, errors = server.errors(mutation, {"input": {"projectId": "prj_nope", "tenantConnectorId": connector["id"]}},
                              token=tenant.token)
    assert codes(errors) == ["NOT_FOUND"]
    _, errors = server.errors(mutation, {"input": {"projectId": project["id"], "tenantConnectorId": "tc_nope"}},
                              token=tenant.token)
    assert codes(errors) == ["NOT_FOUND"]


def test_mutation_updateProjectConnector(server: Server, tenant: Tenant):
    project = create_project(server, tenant, "Configured")
    connector = create_connector(server, tenant, "openai")
    enabled = enable(server, tenant, project["id"], connector["id"], {"model": "a"})
    mutation = "mutation($id: ID!, $c: JSON) { updateProjectConnector(id: $id, config: $c) { id config updatedAt } }"
    updated = server.data(mutation, {"id": enabled["id"], "c": {"model": "b", "limits": [1, 2]}},
                          token=tenant.token)["updateProjectConnector"]
    assert updated["id"] == enabled["id"] and updated["config"] == {"model": "b", "limits": [1, 2]}
    _, errors = server.errors(mutation, {"id": "pc_nope", "c": {}}, token=tenant.token)
    assert codes(errors) == ["NOT_FOUND"]
    _, errors = server.errors(mutation, {"id": enabled["id"], "c": {"big": "x" * 40_000}}, token=tenant.token)
    assert codes(errors) == ["BAD_USER_INPUT"]


def test_mutation_disableProjectConnector(server: Server, tenant: Tenant):
    project = create_project(server, tenant, "Toggled")
    connector = create_connector(server, tenant, "openai")
    enabled = enable(server, tenant, project["id"], connector["id"])
    mutation = "mutation($id: ID!) { disableProjectConnector(id: $id) }"
    assert server.data(mutation, {"id": enabled["id"]}, token=tenant.token) == {"disableProjectConnector": True}
    connectors = server.data("query($id: ID!) { project(id: $id) { connectors { id enabled } } }",
                             {"id": project["id"]}, token=tenant.token)["project"]["connectors"]
    assert connectors == [{"id": enabled["id"], "enabled": False}]
    assert server.data(mutation, {"id": "pc_nope"}, token=tenant.token) == {"disableProjectConnector": False}


def test_mutation_createTenant(server: Server):
    data = server.data('mutation { createTenant(input: {name: "Acme"}) { tenant { id name createdAt } token } }',
                       token=server.admin_token)
    payload = data["createTenant"]
    assert payload["tenant"]["id"].startswith("ten_") and payload["tenant"]["name"] == "Acme"
    assert payload["token"].startswith("sbt_") and len(payload["token"]) > 40
    # The token works, and only its keyed hash is stored.
    assert server.data("{ viewer { id } }", token=payload["token"]) == {"viewer": {"id": payload["tenant"]["id"]}}
    stored = psql_value(server.database_url, "SELECT token_hash FROM tenants WHERE id = :'t'",
                        t=payload["tenant"]["id"])
    assert payload["token"] not in stored
    _, errors = server.errors('mutation { createTenant(input: {name: ""}) { token } }', token=server.admin_token)
    assert codes(errors) == ["BAD_USER_INPUT"]


def test_mutation_deleteTenant(server: Server):
    doomed = server.create_tenant("Doomed")
    headers_token = doomed.token
    openai = server.data(f'mutation {{ createConnector(input: {{providerId: "openai", credentials: {{apiKey: '
                         f'"{OPENAI_KEY}"}}}}) {{ id }} }}', token=doomed.token)["createConnector"]
    assert openai["id"]
    mutation = "mutation($id: ID!) { deleteTenant(id: $id) }"
    assert server.data(mutation, {"id": doomed.id}, token=server.admin_token) == {"deleteTenant": True}
    assert server.data(mutation, {"id": doomed.id}, token=server.admin_token) == {"deleteTenant": False}
    # Its token stops working at once; its rows and its data keys are gone.
    assert server.post("{ viewer { id } }", token=headers_token).status == 401
    for table in ["tenant_keys", "tenant_connectors", "connector_credentials"]:
        assert psql_value(server.database_url, f"SELECT count(*) FROM {table} WHERE tenant_id = :'t'",
                          t=doomed.id) == "0", table


def test_mutation_rotateTenantKey(server: Server, tenant: Tenant):
    create_connector(server, tenant, "openai", credentials={"apiKey": OPENAI_KEY, "organization": "org-abc"})
    server.data("""mutation { setCredentialOverride(input: {providerId: "anthropic",
                     override: {apiKey: "sk-ant-abcdefghijklmnopqrstuvwxyz"}}) { source } }""", token=tenant.token)
    mutation = """mutation($id: ID!) { rotateTenantKey(id: $id) { tenant { id } keyVersion resealedCredentials } }"""
    rotated = server.data(mutation, {"id": tenant.id}, token=server.admin_token)["rotateTenantKey"]
    assert rotated == {"tenant": {"id": tenant.id}, "keyVersion": 2, "resealedCredentials": 3}
    _, errors = server.errors(mutation, {"id": "ten_doesnotexist"}, token=server.admin_token)
    assert codes(errors) == ["NOT_FOUND"]


# MARK: Audit events and webhooks (the flows in full: test_webhooks.py)


def test_query_auditEvents(server: Server, tenant: Tenant):
    connector = create_connector(server, tenant, "ollama")["id"]
    query = """query($f: AuditEventFilter, $first: Int, $after: String) { auditEvents(filter: $f, first: $first,
                 after: $after) { edges { cursor node { kind connectorId providerId actor details createdAt } }
                 nodes { id } pageInfo { hasNextPage endCursor } } }"""
    page = server.data(query, {"first": 1}, token=tenant.token)["auditEvents"]
    [edge] = page["edges"]
    assert edge["node"]["kind"] == "connector.connected" and edge["node"]["connectorId"] == connector
    assert edge["node"]["actor"] == "tenant" and RFC3339_UTC.match(edge["node"]["createdAt"])
    assert page["pageInfo"] == {"hasNextPage": False, "endCursor": edge["cursor"]}
    admin = server.data(query, {"f": {"tenantId": tenant.id}}, token=server.admin_token)["auditEvents"]
    assert [e["node"]["kind"] for e in admin["edges"]] == ["connector.connected"]
    _, errors = server.errors(query, {"after": "garbage"}, token=tenant.token)
    assert codes(errors) == ["BAD_USER_INPUT"]
    _, errors = server.errors(query, {"f": {"tenantId": "ten_someoneelse"}}, token=tenant.token)
    assert codes(errors) == ["FORBIDDEN"]


def test_query_webhookEvents(server: Server, tenant: Tenant):
    query = "{ webhookEvents { edges { node { id } } pageInfo { hasNextPage endCursor } } }"
    assert server.data(query, token=tenant.token)["webhookEvents"] == {
        "edges": [], "pageInfo": {"hasNextPage": False, "endCursor": None}}
    _, errors = server.errors(query, token=server.admin_token)
    assert codes(errors) == ["FORBIDDEN"]
    _, errors = server.errors("{ webhookEvents(first: 500) { edges { cursor } } }", token=tenant.token)
    assert codes(errors) == ["BAD_USER_INPUT"]


def test_mutation_createWebhookEndpoint(server: Server, tenant: Tenant):
    connector = create_connector(server, tenant, "github")["id"]
    mutation = "mutation($c: ID!) { createWebhookEndpoint(connectorId: $c) { url endpoint { id connectorId createdAt } } }"
    created = server.data(mutation, {"c": connector}, token=tenant.token)["createWebhookEndpoint"]
    assert created["url"].startswith(server.base + "/webhooks/") and created["endpoint"]["connectorId"] == connector
    shown = server.data("query($id: ID!) { connector(id: $id) { webhookEndpoint { id } } }", {"id": connector},
                        token=tenant.token)["connector"]["webhookEndpoint"]
    assert shown == {"id": created["endpoint"]["id"]}
    _, errors = server.errors(mutation, {"c": "tc_doesnotexist"}, token=tenant.token)
    assert codes(errors) == ["NOT_FOUND"]
    _, errors = server.errors(mutation, {"c": create_connector(server, tenant, "ollama")["id"]}, token=tenant.token)
    assert codes(errors) == ["BAD_USER_INPUT"]
    _, errors = server.errors(mutation, {"c": connector}, token=server.admin_token)
    assert codes(errors) == ["FORBIDDEN"]


def test_mutation_deleteWebhookEndpoint(server: Server, tenant: Tenant):
    connector = create_connector(server, tenant, "gitlab")["id"]
    server.data("mutation($c: ID!) { createWebhookEndpoint(connectorId: $c) { url } }", {"c": connector},
                token=tenant.token)
    mutation = "mutation($c: ID!) { deleteWebhookEndpoint(connectorId: $c) }"
    assert server.data(mutation, {"c": connector}, token=tenant.token) == {"deleteWebhookEndpoint": True}
    assert server.data(mutation, {"c": connector}, token=tenant.token) == {"deleteWebhookEndpoint": False}
    assert server.data(mutation, {"c": "tc_doesnotexist"}, token=tenant.token) == {"deleteWebhookEndpoint": False}


# MARK: Cluster (served by `serve --workers N`; Tests/integration_cluster has them with workers)


def assert_cluster_only(server: Server, tenant: Tenant, document: str, variables: dict | None = None):
    _, errors = server.errors(document, variables, token=server.admin_token)
    assert codes(errors) == ["CLUSTER_NOT_ENABLED"]
    _, errors = server.errors(document, variables, token=tenant.token)
    assert codes(errors) == ["FORBIDDEN"]


def test_query_workers(server: Server, tenant: Tenant):
    assert_cluster_only(server, tenant, "{ workers { id keyFingerprints } }")


def test_query_tenantPlacement(server: Server, tenant: Tenant):
    assert_cluster_only(server, tenant, "query($t: ID!) { tenantPlacement(tenantId: $t) { workerId } }",
                        {"t": tenant.id})


def test_mutation_moveTenant(server: Server, tenant: Tenant):
    assert_cluster_only(server, tenant, 'mutation($t: ID!) { moveTenant(tenantId: $t, workerId: "w1") { workerId } }',
                        {"t": tenant.id})


def test_query_shards(server: Server, tenant: Tenant):
    assert_cluster_only(server, tenant, "{ shards { workerId tenantCount pinnedCount tenants { id } } }")
    # Tenant.placement: null without workers, FORBIDDEN for a tenant.
    data = server.data("query($t: ID!) { tenant(id: $t) { placement { workerId } } }", {"t": tenant.id},
                       token=server.admin_token)
    assert data == {"tenant": {"placement": None}}
    _, errors = server.errors("{ viewer { placement { workerId } } }", token=tenant.token)
    assert codes(errors) == ["FORBIDDEN"]


def test_mutation_setWorkerCount(server: Server, tenant: Tenant):
    assert_cluster_only(server, tenant, "mutation { setWorkerCount(count: 2) { id } }")


# MARK: Coverage


def test_every_root_field_has_a_test():
    schema = build_schema(SCHEMA_PATH.read_text())
    tests = set(globals())
    missing = [f"test_{kind}_{name}" for kind, root in [("query", schema.query_type),
                                                         ("mutation", schema.mutation_type)]
               for name in root.fields if f"test_{kind}_{name}" not in tests]
    assert missing == []

