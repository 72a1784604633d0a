"""Comparing error messages of graphql-core with Switchboard's, which are worded as graphql-js 17 words them.

graphql-core 3.3.2 ports graphql-js 17.1 message for message, but quotes names with ' where graphql-js uses ",
shows values with Python's repr (None, True, {'a': 1}) where graphql-js uses its inspect (null, true, { a: 1 }),
and names Python functions (resolve_type). `normalize` maps both wordings to one form.
"""

from __future__ import annotations

import re

_PY_NAMES = {
    "resolve_type": "resolveType",
    "is_type_of": "isTypeOf",
    "coerce_output_value": "serialize",
}


def normalize(message: str) -> str:
    text = message.replace('"', "'")
    for python, js in _PY_NAMES.items():
        text = text.replace(f"'{python}'", f"'{js}'").replace(f".{python}(", f".{js}(")
    text = re.sub(r"\bNone\b", "null", text)
    text = re.sub(r"\bTrue\b", "true", text)
    text = re.sub(r"\bFalse\b", "false", text)
    # Object keys: Python {'a': 1} and graphql-js { a: 1 }.
    text = re.sub(r"'(\w+)': ", r"\1: ", text)
    text = text.replace("{ ", "{").replace(" }", "}")
    return text


def error_key(error: dict) -> tuple:
    """(normalized message, locations, path) of a formatted error."""
    locations = tuple((loc["line"], loc["column"]) for loc in error.get("locations") or [])
    path = tuple(error.get("path") or [])
    return normalize(error["message"]), locations, path
