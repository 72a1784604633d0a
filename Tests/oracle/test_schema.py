"""Oracle tests for schemas: `switchboard print-schema` against graphql-core's build, validate and print.

For each SDL document, graphql-core parses it, runs the SDL validation rules, builds the schema and validates
it (`build_schema` then `validate_schema`, with the SDL errors taken from `validate_sdl` so that they keep
their locations). A valid schema must print byte for byte as `print_schema` prints it; an invalid one must
fail with the same error messages at the same locations, in the same order.

The documents: the shared fixtures that are schemas, and Tests/oracle/corpus/schema/*.graphql (valid ones
covering every feature of SDL, and invalid ones for every schema validation rule; `sdl_*` ones fail the SDL
validation rules).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from graphql import GraphQLError, Source, build_ast_schema, parse, print_schema, validate_schema
from graphql.validation.validate import validate_sdl

import support

SCHEMA_FIXTURES = ["github_schema.graphql", "github_schema_2026.graphql"]


def graphql_core_result(path: Path) -> tuple[str | None, list[dict]]:
    """graphql-core's printed schema, or its errors as {message, locations} dicts."""
    source = Source(support.read_text(path), str(path))
    try:
        document = parse(source)
        errors = validate_sdl(document)
        if not errors:
            schema = build_ast_schema(document, assume_valid_sdl=True)
            errors = validate_schema(schema)
            if not errors:
                return print_schema(schema), []
    except GraphQLError as error:
        errors = [error]
    return None, [
        {"message": error.message, "locations": [{"line": loc.line, "column": loc.column} for loc in error.locations or []]}
        for error in errors
    ]


def check(run_switchboard, path: Path) -> None:
    expected_output, expected_errors = graphql_core_result(path)
    result = run_switchboard("print-schema", "--json-errors", path)
    if expected_output is not None:
        assert result.stderr == ""
        assert result.returncode == 0
        assert result.stdout == expected_output + "\n"
    else:
        assert result.returncode == 2, result.stdout
        assert result.stdout == ""
        assert json.loads(result.stderr) == expected_errors


@pytest.mark.parametrize("name", SCHEMA_FIXTURES)
def test_fixture_schema(run_switchboard, fixtures_dir: Path, name: str) -> None:
    check(run_switchboard, fixtures_dir / name)


@pytest.mark.parametrize("path", support.corpus_documents("schema"), ids=lambda path: path.stem)
def test_corpus_schema(run_switchboard, path: Path) -> None:
    check(run_switchboard, path)


def test_corpus_covers_valid_and_invalid_schemas() -> None:
    outcomes = [graphql_core_result(path)[0] is not None for path in support.corpus_documents("schema")]
    assert len(outcomes) >= 40
    assert outcomes.count(True) >= 15
    assert outcomes.count(False) >= 20


def test_errors_as_lines(run_switchboard, tmp_path: Path) -> None:
    """Without --json-errors: one `FILE:LINE:COLUMN: message` line per error, `FILE: message` without a location."""
    path = tmp_path / "invalid.graphql"
    path.write_text("type Foo {\n  __bad: Int\n}\n", encoding="utf-8")
    result = run_switchboard("print-schema", path)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"{path}: Query root type must be provided.",
        f"{path}:2:3: Name '__bad' must not begin with '__', which is reserved by GraphQL introspection.",
    ]


def test_syntax_error(run_switchboard, tmp_path: Path) -> None:
    path = tmp_path / "broken.graphql"
    path.write_text("type Query {\n  a: \n}\n", encoding="utf-8")
    result = run_switchboard("print-schema", path)
    assert result.returncode == 2
    assert result.stderr == f"{path}:3:1: Syntax Error: Expected Name, found '}}'.\n"


def test_standard_input(run_switchboard) -> None:
    result = run_switchboard("print-schema", "-", input="type Query { a: Int }")
    assert result.returncode == 0
    assert result.stdout == "type Query {\n  a: Int\n}\n"
