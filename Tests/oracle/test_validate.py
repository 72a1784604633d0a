"""`switchboard validate` against graphql-core's `validate`.

Each document of corpus/validate/ is validated against a schema: documents named `github_*` against the shared
github_schema.graphql fixture, the others against corpus/validate/schemas/harness.graphql (graphql-js's validation
test schema, with root mutation and subscription types and @defer/@stream added). The shared fixtures
introspection_query.graphql and large_query.graphql are validated against the GitHub schema too.

The command must print graphql-core's errors (messages, locations, order) as `{"errors":[…]}` and exit 0 when
there are none, 1 otherwise; a syntax error is one error with its location. An invalid schema exits 2 with
`FILE:LINE:COLUMN: message` lines on stderr.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest
from graphql import GraphQLError, GraphQLSchema, build_schema, parse, validate, validate_schema

from support import CORPUS_DIR, FIXTURES_DIR, corpus_documents, read_text

HARNESS_SCHEMA = CORPUS_DIR / "validate" / "schemas" / "harness.graphql"
GITHUB_SCHEMA = FIXTURES_DIR / "github_schema.graphql"


@cache
def oracle_schema(path: Path) -> GraphQLSchema:
    return build_schema(read_text(path))


def schema_for(document: Path) -> Path:
    return GITHUB_SCHEMA if document.stem.startswith("github_") or document.parent == FIXTURES_DIR else HARNESS_SCHEMA


def formatted(error: GraphQLError) -> dict:
    """An error as the command prints it: the message, and the locations when there are any."""
    result: dict = {"message": error.message}
    if error.locations:
        result["locations"] = [{"line": location.line, "column": location.column} for location in error.locations]
    return result


def oracle_errors(schema_path: Path, text: str) -> list[dict]:
    try:
        document = parse(text)
    except GraphQLError as error:
        return [formatted(error)]
    return [formatted(error) for error in validate(oracle_schema(schema_path), document)]


def check_validate(run_switchboard, document: Path) -> None:
    schema_path = schema_for(document)
    expected = oracle_errors(schema_path, read_text(document))
    result = run_switchboard("validate", "--schema", schema_path, document)
    assert result.stderr == ""
    assert result.returncode == (1 if expected else 0), result.stdout
    assert result.stdout.endswith("\n") and result.stdout.count("\n") == 1
    assert json.loads(result.stdout) == {"errors": expected}


CORPUS = [pytest.param(path, id=path.stem) for path in corpus_documents("validate")]


def test_corpus_is_not_trivial() -> None:
    assert len(CORPUS) >= 70
    # Most documents must be invalid, and some valid: the corpus checks errors, not only silence.
    invalid = [path for path in corpus_documents("validate") if oracle_errors(schema_for(path), read_text(path))]
    assert 40 <= len(invalid) < len(CORPUS)


@pytest.mark.parametrize("document", CORPUS)
def test_corpus(run_switchboard, document: Path) -> None:
    check_validate(run_switchboard, document)


@pytest.mark.parametrize("name", ["introspection_query.graphql", "large_query.graphql"])
def test_fixture(run_switchboard, fixtures_dir: Path, name: str) -> None:
    check_validate(run_switchboard, fixtures_dir / name)


def test_standard_input(run_switchboard) -> None:
    text = "{ dog { nam } }"
    result = run_switchboard("validate", "--schema", HARNESS_SCHEMA, "-", input=text)
    assert result.returncode == 1
    assert json.loads(result.stdout) == {"errors": oracle_errors(HARNESS_SCHEMA, text)}


def test_valid_document_prints_empty_list(run_switchboard) -> None:
    result = run_switchboard("validate", "--schema", HARNESS_SCHEMA, "-", input="{ dog { name } }")
    assert (result.returncode, result.stdout, result.stderr) == (0, '{"errors":[]}\n', "")


def test_invalid_schema_exits_2(run_switchboard, tmp_path: Path) -> None:
    schema = tmp_path / "bad.graphql"
    schema.write_text("type Query { a: Missing }\ntype Query { b: String }\n", encoding="utf-8")
    with pytest.raises(TypeError) as raised:
        build_schema(read_text(schema))
    result = run_switchboard("validate", "--schema", schema, "-", input="{ a }")
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines == [
        f"{schema}:1:17: Unknown type 'Missing'.",
        f"{schema}:1:6: There can be only one type named 'Query'.",
    ]
    assert [line.split(": ", 1)[1] for line in lines] == str(raised.value).split("\n\n")


def test_schema_validation_errors_exit_2(run_switchboard, tmp_path: Path) -> None:
    schema = tmp_path / "invalid.graphql"
    schema.write_text("type Query { a: String }\ninterface I { b: Int }\ntype T implements I { c: Int }\n", encoding="utf-8")
    errors = validate_schema(build_schema(read_text(schema)))
    assert errors
    result = run_switchboard("validate", "--schema", schema, "-", input="{ a }")
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"{schema}:{error.locations[0].line}:{error.locations[0].column}: {error.message}" for error in errors
    ]


def test_schema_syntax_error_exits_2(run_switchboard, tmp_path: Path) -> None:
    schema = tmp_path / "syntax.graphql"
    schema.write_text("type Query {", encoding="utf-8")
    result = run_switchboard("validate", "--schema", schema, "-", input="{ a }")
    assert result.returncode == 2
    assert result.stderr.splitlines() == [f"{schema}:1:13: Syntax Error: Expected Name, found <EOF>."]
