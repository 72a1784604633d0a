"""Execution against graphql-core: `switchboard execute` and graphql-core's `execute_sync` run the same document
with default resolvers over the same JSON root value; data must be identical, and so must the errors (message,
locations, path) in the same order (Switchboard reports field errors in graphql-js's synchronous order).

Each case is a JSON file in corpus/execute: `schema` (an SDL file beside it), the root value (`root` inline or
`rootFile`), `query`, and optionally `variables` and `operation`.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from graphql import build_schema, execute_sync, parse
from graphql.execution import Executor

import support
from graphql_messages import error_key

CASES = sorted((support.CORPUS_DIR / "execute").glob("*.json"))
CASES = [case for case in CASES if not case.name.endswith(".root.json") and case.name != "starwars.json"]


def load_case(path: Path) -> dict:
    case = json.loads(support.read_text(path))
    case["schemaPath"] = path.parent / case["schema"]
    if "rootFile" in case:
        case["root"] = json.loads(support.read_text(path.parent / case["rootFile"]))
    return case


def graphql_core_result(case: dict) -> dict:
    schema = build_schema(support.read_text(case["schemaPath"]))
    document = parse(case["query"])
    result = execute_sync(
        schema,
        document,
        root_value=case.get("root"),
        variable_values=case.get("variables"),
        operation_name=case.get("operation"),
    )
    response: dict = {}
    if result.errors:
        response["errors"] = [error.formatted for error in result.errors]
    # graphql-core's formatted result always has `data`; graphql-js leaves it out when execution did not start
    # (no operation to run, or invalid variables), which is when graphql-core cannot build an executor.
    started = not isinstance(
        Executor.build(schema, document, case.get("root"), None, case.get("variables"), case.get("operation")), list
    )
    if started:
        response["data"] = result.data
    return response


@pytest.mark.parametrize("case_path", CASES, ids=[case.stem for case in CASES])
def test_execute_matches_graphql_core(case_path: Path, run_switchboard, tmp_path: Path) -> None:
    case = load_case(case_path)
    root_file = tmp_path / "root.json"
    root_file.write_text(json.dumps(case.get("root")), encoding="utf-8")
    # graphql-core's execute() does not validate; neither does ours with --no-validate.
    args = ["execute", "--no-validate", "--schema", case["schemaPath"], "--root", root_file]
    if "variables" in case:
        args += ["--variables", json.dumps(case["variables"])]
    if "operation" in case:
        args += ["--operation", case["operation"]]
    args.append("-")
    process = run_switchboard(*args, input=case["query"])
    assert process.returncode in (0, 1), process.stderr
    ours = json.loads(process.stdout)
    expected = graphql_core_result(case)

    assert list(ours) == list(expected), f"response keys differ: {list(ours)} != {list(expected)}"
    assert ours.get("data") == expected.get("data")
    assert [error_key(e) for e in ours.get("errors", [])] == [error_key(e) for e in expected.get("errors", [])]
    assert process.returncode == (1 if expected.get("errors") else 0)


def test_execute_validates_by_default(run_switchboard, tmp_path: Path) -> None:
    schema = tmp_path / "schema.graphql"
    schema.write_text("type Query { a: Int }", encoding="utf-8")
    process = run_switchboard("execute", "--schema", schema, "-", input="{ a b }")
    assert process.returncode == 1
    result = json.loads(process.stdout)
    assert list(result) == ["errors"]
    assert result["errors"][0]["locations"] == [{"line": 1, "column": 5}]
