"""Introspection against graphql-core: `switchboard introspect` must answer the full introspection query exactly as
graphql-core's execution of it does, and graphql-core's `build_client_schema` must rebuild from our answer a schema
that prints exactly as `print_schema(build_schema(sdl))`.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from graphql import build_client_schema, build_schema, get_introspection_query, graphql_sync, print_schema

import support
from graphql_messages import error_key

ALL_OPTIONS = dict(
    descriptions=True,
    specified_by_url=True,
    directive_is_repeatable=True,
    schema_description=True,
    input_value_deprecation=True,
    one_of=True,
)

SMALL_SCHEMAS = {
    "everything": '''
        """The schema's own description."""
        schema { query: Root mutation: Change }
        """Root type."""
        type Root {
          "A field with arguments."
          field(a: Int = 3, b: [String!] = ["x", "y"], c: Color = RED, d: In = {n: 1.5, s: "q"}, old: Int @deprecated): Node
          old: String @deprecated(reason: "Use `field`.")
          u: U
        }
        type Change { do(x: ID!): Boolean! }
        interface Node { id: ID! }
        interface Named implements Node { id: ID! name: String }
        type Thing implements Named & Node { id: ID! name: String size: Float }
        type Other { n: Int }
        union U = Thing | Other
        """Colors."""
        enum Color { RED "green" GREEN BLUE @deprecated(reason: "gone") }
        input In { n: Float! = 2 s: String old: Int @deprecated(reason: "no") list: [[Int]] }
        input Choice @oneOf { a: Int b: String }
        scalar Date @specifiedBy(url: "https://example.com/date")
        "A directive."
        directive @tag(name: String! = "t", choice: Choice) repeatable on FIELD_DEFINITION | OBJECT | QUERY
        directive @internal on FIELD
    ''',
    "minimal": "type Query { hello: String }",
    "escapes": '''
        type Query {
          """
          Multi-line description
            with "quotes" and \\ backslashes
          """
          f(s: String = "tab\\tnewline\\n\\u00e9"): String
        }
    ''',
}


def introspect(run_switchboard, schema_path: Path) -> dict:
    process = run_switchboard("introspect", "--schema", schema_path)
    assert process.returncode == 0, process.stderr
    return json.loads(process.stdout)


def check_schema(run_switchboard, schema_path: Path) -> None:
    sdl = support.read_text(schema_path)
    ours = introspect(run_switchboard, schema_path)
    assert "errors" not in ours
    schema = build_schema(sdl)
    expected = graphql_sync(schema, get_introspection_query(**ALL_OPTIONS))
    assert expected.errors is None
    assert ours["data"] == expected.data
    assert print_schema(build_client_schema(ours["data"])) == print_schema(schema)


def test_github_schema(run_switchboard, fixtures_dir: Path) -> None:
    check_schema(run_switchboard, fixtures_dir / "github_schema.graphql")


@pytest.mark.parametrize("name", sorted(SMALL_SCHEMAS))
def test_small_schema(name: str, run_switchboard, tmp_path: Path) -> None:
    path = tmp_path / f"{name}.graphql"
    path.write_text(SMALL_SCHEMAS[name], encoding="utf-8")
    check_schema(run_switchboard, path)


def test_custom_query(run_switchboard, tmp_path: Path) -> None:
    schema_path = tmp_path / "schema.graphql"
    schema_path.write_text(SMALL_SCHEMAS["everything"], encoding="utf-8")
    query = '{ __type(name: "Thing") { name fields { name type { kind ofType { name } } } } __typename nope: __type(name: "Nope") { name } }'
    query_path = tmp_path / "query.graphql"
    query_path.write_text(query, encoding="utf-8")
    process = run_switchboard("introspect", "--schema", schema_path, "--query", query_path)
    assert process.returncode == 0, process.stderr
    expected = graphql_sync(build_schema(SMALL_SCHEMAS["everything"]), query)
    assert json.loads(process.stdout) == {"data": expected.data}


def test_invalid_schema_reports_errors(run_switchboard, tmp_path: Path) -> None:
    path = tmp_path / "bad.graphql"
    path.write_text("type Query { a: Missing }\ntype Query { b: Int }\n", encoding="utf-8")
    process = run_switchboard("introspect", "--schema", path)
    assert process.returncode == 2
    assert process.stdout == ""
    lines = process.stderr.splitlines()
    assert lines and all(line.startswith(f"{path}:") for line in lines), process.stderr


def test_errors_come_first(run_switchboard, tmp_path: Path) -> None:
    schema_path = tmp_path / "schema.graphql"
    schema_path.write_text(SMALL_SCHEMAS["minimal"], encoding="utf-8")
    query_path = tmp_path / "query.graphql"
    query_path.write_text("query A { hello } query B { hello }", encoding="utf-8")
    process = run_switchboard("introspect", "--schema", schema_path, "--query", query_path)
    assert process.returncode == 1
    assert process.stdout.startswith('{"errors":[')
    ours = json.loads(process.stdout)
    assert [error_key(e) for e in ours["errors"]] == [("Must provide operation name if query contains multiple operations.", (), ())]
