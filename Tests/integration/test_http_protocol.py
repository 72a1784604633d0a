"""GraphQL over HTTP as the real server answers it: statuses, media types and error codes of the transport."""

from __future__ import annotations

import json

from support import Server, Tenant, http

VIEWER = "{ viewer { name } }"
GRAPHQL_RESPONSE = "application/graphql-response+json"


def test_healthz_answers_200_once_serving(server: Server):
    response = http(server.base + "/healthz")
    assert response.status == 200
    assert response.body == b"ok"
    assert response.headers["x-request-id"]


def test_no_token_is_401_unauthenticated(server: Server):
    response = server.post(VIEWER)
    assert response.status == 401
    assert response.headers["www-authenticate"] == "Bearer"
    assert response.codes == ["UNAUTHENTICATED"]
    assert "data" not in response.json


def test_wrong_tokens_are_401_unauthenticated(server: Server, tenant: Tenant):
    for token in ["sbt_" + "A" * 43, tenant.token[:-1], tenant.token + "x", "sba_not-the-admin-token-at-all", "short-token"]:
        response = server.post(VIEWER, token=token)
        assert response.status == 401, token
        assert response.codes == ["UNAUTHENTICATED"]
        # The message never repeats what was sent.
        assert token not in response.body.decode()
    # Another scheme is no bearer token.
    basic = server.post(VIEWER, headers={"Authorization": "Basic dXNlcjpwYXNz"})
    assert basic.status == 401 and basic.codes == ["UNAUTHENTICATED"]


def test_the_right_token_is_its_tenant(server: Server, tenant: Tenant):
    assert server.data(VIEWER, token=tenant.token) == {"viewer": {"name": tenant.name}}
    # The scheme is case-insensitive.
    response = server.post(VIEWER, headers={"Authorization": "bearer " + tenant.token})
    assert response.status == 200 and response.json == {"data": {"viewer": {"name": tenant.name}}}


def test_admin_only_fields_are_forbidden_to_a_tenant(server: Server, tenant: Tenant):
    # An authorization error found while executing: the response has data (null where the field failed), so the
    # status is 200 as GraphQL over HTTP says for a response with a data entry.
    for query in ["{ tenants { id } }", f'{{ tenant(id: "{tenant.id}") {{ id }} }}',
                  'mutation { createTenant(input: {name: "X"}) { token } }',
                  f'mutation {{ deleteTenant(id: "{tenant.id}") }}',
                  f'mutation {{ rotateTenantKey(id: "{tenant.id}") {{ keyVersion }} }}']:
        response = server.post(query, token=tenant.token)
        assert response.status == 200, query
        assert response.codes == ["FORBIDDEN"], query
        assert "data" in response.json
    partial = server.post(f'{{ viewer {{ name }} tenant(id: "{tenant.id}") {{ name }} }}', token=tenant.token)
    assert partial.status == 200
    assert partial.json["data"] == {"viewer": {"name": tenant.name}, "tenant": None}
    assert partial.codes == ["FORBIDDEN"]


def test_tenant_fields_are_forbidden_to_the_admin(server: Server):
    response = server.post(VIEWER, token=server.admin_token)
    assert response.status == 200
    assert response.codes == ["FORBIDDEN"]
    assert response.json["data"] is None


def test_a_document_that_does_not_parse_is_400(server: Server, tenant: Tenant):
    response = server.post("{ viewer { name }", token=tenant.token)
    assert response.status == 400
    assert response.content_type.startswith(GRAPHQL_RESPONSE)
    assert response.codes == ["GRAPHQL_PARSE_FAILED"]
    assert response.errors[0]["message"].startswith("Syntax Error:")
    assert "data" not in response.json


def test_a_document_that_does_not_validate_is_400(server: Server, tenant: Tenant):
    response = server.post("{ viewer { nickname } }", token=tenant.token)
    assert response.status == 400
    assert response.codes == ["GRAPHQL_VALIDATION_FAILED"]
    # Worded as graphql-core 3.3 words it.
    assert response.errors[0]["message"] == "Cannot query field 'nickname' on type 'Tenant'. Did you mean 'name'?"
    assert response.errors[0]["locations"] == [{"line": 1, "column": 12}]


def test_request_errors_are_200_for_application_json(server: Server, tenant: Tenant):
    for query, variables, code in [("{ viewer {", None, "GRAPHQL_PARSE_FAILED"),
                                   ("{ nope }", None, "GRAPHQL_VALIDATION_FAILED"),
                                   ("query A { viewer { name } } query B { viewer { id } }", None,
                                    "OPERATION_RESOLUTION_FAILURE"),
                                   ("query($id: ID!) { connector(id: $id) { id } }", {}, "BAD_USER_INPUT")]:
        response = server.post(query, variables, token=tenant.token, headers={"Accept": "application/json"})
        assert response.status == 200
        assert response.content_type.startswith("application/json")
        assert response.codes == [code]


def test_media_types_of_responses(server: Server, tenant: Tenant):
    default = server.post(VIEWER, token=tenant.token)
    assert default.content_type.startswith(GRAPHQL_RESPONSE)
    legacy = server.post(VIEWER, token=tenant.token, headers={"Accept": "application/json"})
    assert legacy.content_type.startswith("application/json")
    assert legacy.json == default.json
    preferred = server.post(VIEWER, token=tenant.token,
                            headers={"Accept": "application/json;q=0.5, application/graphql-response+json"})
    assert preferred.content_type.startswith(GRAPHQL_RESPONSE)


def test_an_unacceptable_accept_is_406(server: Server, tenant: Tenant):
    response = server.post(VIEWER, token=tenant.token, headers={"Accept": "text/html"})
    assert response.status == 406
    assert response.codes == ["NOT_ACCEPTABLE"]


def test_queries_over_get(server: Server, tenant: Tenant):
    response = server.get({"query": "query($id: ID!) { provider(id: $id) { name } }",
                           "variables": json.dumps({"id": "github"})}, token=tenant.token)
    assert response.status == 200
    assert response.json == {"data": {"provider": {"name": "GitHub"}}}


def test_a_mutation_over_get_is_405(server: Server, tenant: Tenant):
    response = server.get({"query": 'mutation { createProject(input: {name: "Over GET"}) { id } }'},
                          token=tenant.token)
    assert response.status == 405
    assert response.headers["allow"] == "POST"
    assert response.codes == ["METHOD_NOT_ALLOWED"]
    # Nothing was created.
    assert server.data("{ projects { name } }", token=tenant.token) == {"projects": []}


def test_other_methods_are_405(server: Server, tenant: Tenant):
    response = http(server.url, "PUT", b"{}", {"Authorization": f"Bearer {tenant.token}",
                                              "Content-Type": "application/json"})
    assert response.status == 405
    assert response.headers["allow"] == "GET, POST"
    assert response.codes == ["METHOD_NOT_ALLOWED"]


def test_a_body_over_the_limit_is_413(server: Server, tenant: Tenant):
    query = "{ viewer { name } }" + " " * (1 << 20)
    response = server.post(query, token=tenant.token)
    assert response.status == 413
    assert response.codes == ["PAYLOAD_TOO_LARGE"]


def test_a_body_that_is_not_json_is_415_or_400(server: Server, tenant: Tenant):
    auth = {"Authorization": f"Bearer {tenant.token}"}
    plain = http(server.url, "POST", b"{ viewer { name } }", auth | {"Content-Type": "text/plain"})
    assert plain.status == 415
    assert plain.codes == ["UNSUPPORTED_MEDIA_TYPE"]
    broken = http(server.url, "POST", b'{"query": ', auth | {"Content-Type": "application/json"})
    assert broken.status == 400
    assert broken.codes == ["BAD_REQUEST"]
    no_query = http(server.url, "POST", b'{"variables": {}}', auth | {"Content-Type": "application/json"})
    assert no_query.status == 400
    assert no_query.codes == ["BAD_REQUEST"]


def test_the_operation_to_run_must_be_known(server: Server, tenant: Tenant):
    document = "query A { viewer { name } } query B { projects { id } }"
    ambiguous = server.post(document, token=tenant.token)
    assert ambiguous.status == 400
    assert ambiguous.codes == ["OPERATION_RESOLUTION_FAILURE"]
    unknown = server.post(document, token=tenant.token, operation_name="C")
    assert unknown.status == 400
    assert unknown.codes == ["OPERATION_RESOLUTION_FAILURE"]
    chosen = server.post(document, token=tenant.token, operation_name="A")
    assert chosen.json == {"data": {"viewer": {"name": tenant.name}}}


def test_variables_that_do_not_fit_are_400_bad_user_input(server: Server, tenant: Tenant):
    response = server.post("query($id: ID!) { connector(id: $id) { id } }", {"id": {"not": "an id"}},
                           token=tenant.token)
    assert response.status == 400
    assert response.codes == ["BAD_USER_INPUT"]
    missing = server.post("query($id: ID!) { connector(id: $id) { id } }", {}, token=tenant.token)
    assert missing.status == 400
    assert missing.codes == ["BAD_USER_INPUT"]


def test_unknown_paths_are_404(server: Server):
    response = http(server.base + "/nope")
    assert response.status == 404
    assert response.codes == ["NOT_FOUND"]


def test_request_ids(server: Server, tenant: Tenant):
    chosen = server.post(VIEWER, token=tenant.token, headers={"X-Request-Id": "trace-123.a:b_c"})
    assert chosen.headers["x-request-id"] == "trace-123.a:b_c"
    forged = server.post(VIEWER, token=tenant.token, headers={"X-Request-Id": "bad id\twith spaces"})
    assert forged.headers["x-request-id"] != "bad id\twith spaces"
    assert len(forged.headers["x-request-id"]) == 32
    assert "trace-123.a:b_c" in server.all_logs()


def test_statement_counts_are_exposed_when_asked(server: Server, tenant: Tenant):
    response = server.post(VIEWER, token=tenant.token)
    assert int(response.headers["x-sql-statements"]) > 0


def test_the_log_shows_neither_query_strings_nor_variables(server: Server, tenant: Tenant):
    server.get({"query": "{ provider(id: \"log-probe-in-query-string\") { id } }"}, token=tenant.token)
    server.post("query($id: ID!) { connector(id: $id) { id } }", {"id": "log-probe-in-variables"},
                token=tenant.token)
    server.post("{ viewer { name } }", token="sbt_log-probe-wrong-token")
    logs = server.all_logs()
    for probe in ["log-probe-in-query-string", "log-probe-in-variables", "log-probe-wrong-token", tenant.token,
                  server.admin_token]:
        assert probe not in logs
