"""`switchboard format` against graphql-core on generated documents.

A seeded generator writes random but valid documents, biased towards what the printer has to decide on: argument,
list and object lengths around the 80-character limit, descriptions and block strings inside indented blocks,
escapes, and every definition kind. Each seed is a test of its own, so a failure names the seed to reproduce.
"""

from __future__ import annotations

import random

import pytest
from graphql import parse, print_ast
from graphql.language.block_string import print_block_string
from graphql.language.print_string import print_string

SEEDS = range(120)

STRING_PIECES = ["a", "word", " ", "  ", '"', '\\', "\n", "\t", "é", "漢", "😀", "\u0001", "\u0085", '"""', "x" * 20]
LOCATIONS = ["QUERY", "MUTATION", "FIELD", "FRAGMENT_SPREAD", "OBJECT", "FIELD_DEFINITION", "ARGUMENT_DEFINITION",
             "ENUM_VALUE", "INPUT_FIELD_DEFINITION", "SCHEMA", "SCALAR", "UNION", "VARIABLE_DEFINITION"]


class Generator:
    def __init__(self, seed: int) -> None:
        self.random = random.Random(seed)

    def chance(self, probability: float) -> bool:
        return self.random.random() < probability

    def name(self) -> str:
        length = self.random.choice([1, 2, 5, 8, 12, 20, 30])
        first = self.random.choice("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_")
        rest = "".join(self.random.choice("abcdefghijklmnopqrstuvwxyz0123456789_") for _ in range(length - 1))
        return first + rest

    def text(self) -> str:
        return "".join(self.random.choice(STRING_PIECES) for _ in range(self.random.randint(0, 12)))

    def string_literal(self) -> str:
        value = self.text()
        if self.chance(0.4):
            return print_block_string(value, minimize=self.chance(0.5))
        return print_string(value)

    def value(self, depth: int, const: bool) -> str:
        kinds = ["int", "float", "string", "enum", "null", "bool"]
        if not const:
            kinds.append("variable")
        if depth < 4:
            kinds += ["list", "object"] * 2
        kind = self.random.choice(kinds)
        if kind == "int":
            return str(self.random.choice([0, -1, 7, 123456789]))
        if kind == "float":
            return self.random.choice(["1.5", "-0.25", "1e10", "6.02E-23"])
        if kind == "string":
            return self.string_literal()
        if kind == "enum":
            return self.random.choice(["RED", "GREEN", "A_LONG_ENUM_VALUE_NAME"])
        if kind == "null":
            return "null"
        if kind == "bool":
            return self.random.choice(["true", "false"])
        if kind == "variable":
            return "$" + self.name()
        if kind == "list":
            items = [self.value(depth + 1, const) for _ in range(self.random.randint(0, 14))]
            return "[" + ", ".join(items) + "]"
        fields = [f"{self.name()}: {self.value(depth + 1, const)}" for _ in range(self.random.randint(0, 8))]
        return "{" + ", ".join(fields) + "}"

    def arguments(self, const: bool) -> str:
        if not self.chance(0.6):
            return ""
        arguments = [f"{self.name()}: {self.value(0, const)}" for _ in range(self.random.randint(1, 5))]
        return "(" + ", ".join(arguments) + ")"

    def directives(self, const: bool) -> str:
        return "".join(f" @{self.name()}{self.arguments(const)}" for _ in range(self.random.choice([0, 0, 1, 2])))

    def description(self) -> str:
        return self.string_literal() + "\n" if self.chance(0.3) else ""

    def type_reference(self) -> str:
        type_name = self.name() + ("!" if self.chance(0.3) else "")
        for _ in range(self.random.choice([0, 0, 1, 2])):
            type_name = f"[{type_name}]" + ("!" if self.chance(0.3) else "")
        return type_name

    def selection_set(self, depth: int) -> str:
        selections = []
        for _ in range(self.random.randint(0, 4) if depth else self.random.randint(1, 4)):
            kind = self.random.random()
            if kind < 0.7 or depth > 3:
                alias = f"{self.name()}: " if self.chance(0.3) else ""
                nested = " " + self.selection_set(depth + 1) if self.chance(0.3) and depth < 3 else ""
                selections.append(f"{alias}{self.name()}{self.arguments(False)}{self.directives(False)}{nested}")
            elif kind < 0.85:
                selections.append(f"...{self.name()}{self.directives(False)}")
            else:
                condition = f" on {self.name()}" if self.chance(0.7) else ""
                selections.append(f"...{condition}{self.directives(False)} {self.selection_set(depth + 1)}")
        return "{ " + " ".join(selections) + " }"

    def variable_definitions(self) -> str:
        if not self.chance(0.5):
            return ""
        definitions = []
        for _ in range(self.random.randint(1, 4)):
            default = f" = {self.value(0, True)}" if self.chance(0.4) else ""
            definitions.append(f"{self.description()}${self.name()}: {self.type_reference()}{default}{self.directives(True)}")
        return "(" + " ".join(definitions) + ")"

    def operation(self) -> str:
        operation = self.random.choice(["query", "mutation", "subscription"])
        name = " " + self.name() if self.chance(0.7) else ""
        return (f"{self.description()}{operation}{name}{self.variable_definitions()}{self.directives(False)} "
                f"{self.selection_set(0)}")

    def fragment(self) -> str:
        return f"{self.description()}fragment {self.name()} on {self.name()}{self.directives(False)} {self.selection_set(0)}"

    def input_values(self, braces: str) -> str:
        values = []
        for _ in range(self.random.randint(1, 4)):
            default = f" = {self.value(0, True)}" if self.chance(0.3) else ""
            values.append(f"{self.description()}{self.name()}: {self.type_reference()}{default}{self.directives(True)}")
        return braces[0] + " ".join(values) + braces[1]

    def field_definitions(self) -> str:
        fields = []
        for _ in range(self.random.randint(1, 5)):
            arguments = self.input_values("()") if self.chance(0.4) else ""
            fields.append(f"{self.description()}{self.name()}{arguments}: {self.type_reference()}{self.directives(True)}")
        return "{ " + " ".join(fields) + " }"

    def implements(self) -> str:
        if not self.chance(0.4):
            return ""
        return " implements " + " & ".join(self.name() for _ in range(self.random.randint(1, 3)))

    def type_system_definition(self) -> str:
        extend = "extend " if self.chance(0.2) else ""
        description = "" if extend else self.description()
        kind = self.random.choice(["schema", "scalar", "type", "interface", "union", "enum", "input", "directive"])
        name, directives = self.name(), self.directives(True)
        if kind == "schema":
            operations = " ".join(f"{operation}: {self.name()}" for operation in ["query", "mutation"])
            return f"{description}{extend}schema{directives} {{ {operations} }}"
        if kind == "scalar":
            return f"{description}{extend}scalar {name}{directives or ' @d'}"
        if kind in ("type", "interface"):
            return f"{description}{extend}{kind} {name}{self.implements()}{directives} {self.field_definitions()}"
        if kind == "union":
            members = " | ".join(self.name() for _ in range(self.random.randint(1, 4)))
            return f"{description}{extend}union {name}{directives} = {members}"
        if kind == "enum":
            values = " ".join(f"{self.description()}{self.name().upper()}X{self.directives(True)}"
                              for _ in range(self.random.randint(1, 4)))
            return f"{description}{extend}enum {name}{directives} {{ {values} }}"
        if kind == "input":
            return f"{description}{extend}input {name}{directives} {self.input_values('{}')}"
        arguments = self.input_values("()") if self.chance(0.5) else ""
        repeatable = " repeatable" if self.chance(0.3) else ""
        locations = " | ".join(self.random.sample(LOCATIONS, self.random.randint(1, 4)))
        return f"{self.description()}directive @{name}{arguments}{directives}{repeatable} on {locations}"

    def document(self) -> str:
        if self.chance(0.5):
            definitions = [self.operation() if self.chance(0.7) else self.fragment() for _ in range(self.random.randint(1, 3))]
        else:
            definitions = [self.type_system_definition() for _ in range(self.random.randint(1, 6))]
        return "\n".join(definitions)


@pytest.mark.parametrize("seed", SEEDS)
def test_format_generated_document(run_switchboard, seed: int) -> None:
    text = Generator(seed).document()
    expected = print_ast(parse(text)) + "\n"
    result = run_switchboard("format", "-", input=text)
    assert result.returncode == 0, f"{result.stderr}\n--- document (seed {seed}) ---\n{text}"
    assert result.stdout == expected, f"--- document (seed {seed}) ---\n{text}"


def test_generator_is_deterministic() -> None:
    assert Generator(7).document() == Generator(7).document()
