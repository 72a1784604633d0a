"""`switchboard format` against graphql-core's `print_ast(parse(text))`.

Every shared fixture and every document of corpus/format/ is a test of its own: a valid document must print
exactly as graphql-core prints it (plus one newline), an invalid one must fail with exit code 1 and report
graphql-core's syntax error as `FILE:LINE:COLUMN: message` on the first line of stderr. Corpus files are named
`valid_*` or `invalid_*`, and graphql-core must agree with the name, so that the corpus stays what it claims.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from graphql import GraphQLError, parse, print_ast

from support import corpus_documents, fixture_documents, read_text

FIXTURES = fixture_documents()

# Deliberate differences from graphql-core, each expected to fail until the project decides otherwise.
KNOWN_DIFFERENCES = {
    "invalid_column_counts_utf16_units": (
        "Source.location(at:) counts columns in UTF-16 code units, as graphql-js does; graphql-core counts code "
        "points, so an error after an astral character (an emoji) is reported further right than graphql-core's."
    ),
}
CORPUS = [
    pytest.param(path, id=path.stem, marks=pytest.mark.xfail(reason=KNOWN_DIFFERENCES[path.stem], strict=True))
    if path.stem in KNOWN_DIFFERENCES
    else pytest.param(path, id=path.stem)
    for path in corpus_documents("format")
]


def oracle_format(text: str) -> str:
    """What `switchboard format` must print for a valid document."""
    return print_ast(parse(text)) + "\n"


def oracle_error_line(path: str, text: str) -> str | None:
    """The first stderr line `switchboard format` must print for an invalid document, or None if it is valid."""
    try:
        parse(text)
    except GraphQLError as error:
        location = error.locations[0]
        return f"{path}:{location.line}:{location.column}: {error.message}"
    return None


def check_format(run_switchboard, path: Path) -> None:
    text = read_text(path)
    expected_error = oracle_error_line(str(path), text)
    result = run_switchboard("format", path)
    if expected_error is not None:
        assert result.returncode == 1, f"expected a syntax error, got exit {result.returncode}:\n{result.stdout}"
        assert result.stdout == ""
        assert result.stderr.splitlines()[:1] == [expected_error]
        return
    assert result.returncode == 0, result.stderr
    expected = oracle_format(text)
    assert result.stdout == expected
    # Printing the print again: the same as graphql-core printing its own print (which is the same text, except
    # where a block string's indentation changes its value).
    again = run_switchboard("format", "-", input=result.stdout)
    assert again.returncode == 0, again.stderr
    assert again.stdout == oracle_format(expected[:-1])


def test_fixtures_are_present(fixtures_dir: Path) -> None:
    names = {path.name for path in FIXTURES}
    assert {"kitchen_sink.graphql", "schema_kitchen_sink.graphql", "github_schema.graphql",
            "github_schema_2026.graphql", "large_query.graphql", "introspection_query.graphql"} <= names


@pytest.mark.parametrize("path", FIXTURES, ids=lambda path: path.name)
def test_format_fixture(run_switchboard, path: Path) -> None:
    check_format(run_switchboard, path)


@pytest.mark.parametrize("path", CORPUS)
def test_format_corpus(run_switchboard, path: Path) -> None:
    is_valid = oracle_error_line(str(path), read_text(path)) is None
    assert is_valid == path.name.startswith("valid_"), "graphql-core disagrees with the corpus file's name"
    check_format(run_switchboard, path)


def test_corpus_covers_valid_and_invalid_documents() -> None:
    paths = corpus_documents("format")
    valid = [path for path in paths if path.name.startswith("valid_")]
    invalid = [path for path in paths if path.name.startswith("invalid_")]
    assert len(valid) >= 30 and len(invalid) >= 25 and len(valid) + len(invalid) == len(paths)


def test_format_reads_standard_input(run_switchboard) -> None:
    result = run_switchboard("format", "-", input="query Q { a(b: [1, 2]) }")
    assert (result.returncode, result.stdout) == (0, "query Q {\n  a(b: [1, 2])\n}\n")


def test_format_reports_syntax_errors_in_standard_input_as_stdin(run_switchboard) -> None:
    text = "{\n  a(b: )\n}"
    result = run_switchboard("format", "-", input=text)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == oracle_error_line("<stdin>", text)


def test_format_reads_standard_input_without_argument(run_switchboard) -> None:
    result = run_switchboard("format", input="{ a }")
    assert (result.returncode, result.stdout) == (0, "{\n  a\n}\n")


def test_format_fails_with_exit_2_on_an_unreadable_file(run_switchboard, tmp_path: Path) -> None:
    missing = tmp_path / "missing.graphql"
    result = run_switchboard("format", missing)
    assert result.returncode == 2
    assert str(missing) in result.stderr
    assert result.stdout == ""


def test_format_fails_with_exit_2_on_a_directory(run_switchboard, tmp_path: Path) -> None:
    result = run_switchboard("format", tmp_path)
    assert result.returncode == 2
    assert str(tmp_path) in result.stderr


def test_format_fails_with_exit_2_on_invalid_utf8(run_switchboard, tmp_path: Path) -> None:
    path = tmp_path / "latin1.graphql"
    path.write_bytes(b'{ a(b: "\xe9") }')
    result = run_switchboard("format", path)
    assert result.returncode == 2
    assert "UTF-8" in result.stderr
