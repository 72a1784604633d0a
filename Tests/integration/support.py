"""Helpers of the integration tests: the real `switchboard serve` binary, a real PostgreSQL, HTTP with the stdlib.

Nothing here is mocked: servers are processes of the built binary, databases are created in the cluster whose URL
is in SWITCHBOARD_TEST_DATABASE_URL (ops/test.sh starts one), and rows are edited with psql.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
import shutil
import signal
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
SWITCHBOARD_BIN = Path(os.environ.get("SWITCHBOARD_BIN", REPO_ROOT / ".build" / "debug" / "switchboard"))
SCHEMA_PATH = REPO_ROOT / "schema.graphql"
PROVIDERS_DIR = REPO_ROOT / "Sources" / "SwitchboardCatalog" / "Resources" / "providers"

# Environment variables a server must not inherit from the person running the tests.
SERVER_VARIABLES = (
    "DATABASE_URL",
    "SWITCHBOARD_MASTER_KEY",
    "SWITCHBOARD_MASTER_KEY_FILE",
    "SWITCHBOARD_ADMIN_TOKEN",
    "SWITCHBOARD_ADMIN_TOKEN_FILE",
    "SWITCHBOARD_EXPOSE_SQL_STATEMENTS",
    "SWITCHBOARD_PROVIDER_CONFIG",
)


def require_binary() -> Path:
    if not SWITCHBOARD_BIN.is_file():
        pytest.fail(f"switchboard binary not found at {SWITCHBOARD_BIN}: run `swift build` or set SWITCHBOARD_BIN")
    return SWITCHBOARD_BIN


def base_database_url() -> str:
    """The URL of the test cluster's database; the tests fail (never skip) without one."""
    url = os.environ.get("SWITCHBOARD_TEST_DATABASE_URL", "")
    if not url:
        pytest.fail("PostgreSQL is required: run ops/test.sh")
    return url


# MARK: PostgreSQL through psql


def psql_binary() -> str:
    found = shutil.which("psql")
    if found:
        return found
    candidates = sorted(Path("/usr/lib/postgresql").glob("*/bin/psql"))
    if not candidates:
        pytest.fail("psql not found: apt-get install postgresql-client")
    return str(candidates[-1])


def with_database(url: str, database: str) -> str:
    """`url` pointing at another database of the same cluster."""
    parts = urllib.parse.urlsplit(url)
    return urllib.parse.urlunsplit(parts._replace(path="/" + database))


def psql(url: str, sql: str, **variables: str) -> list[list[str]]:
    """Runs `sql` (psql variables such as :'tenant' are quoted by psql itself) and returns the rows, as text."""
    command = [psql_binary(), "-X", "-q", "-tA", "-F", "\t", "-v", "ON_ERROR_STOP=1", "-d", url]
    for name, value in variables.items():
        command += ["-v", f"{name}={value}"]
    done = subprocess.run(command, input=sql, capture_output=True, text=True, timeout=60)
    if done.returncode != 0:
        raise AssertionError(f"psql failed: {done.stderr.strip()}\nSQL: {sql}")
    return [line.split("\t") for line in done.stdout.splitlines() if line]


def psql_value(url: str, sql: str, **variables: str) -> str:
    rows = psql(url, sql, **variables)
    assert len(rows) == 1 and len(rows[0]) == 1, rows
    return rows[0][0]


def create_database(base_url: str) -> str:
    """A new empty database in the test cluster; returns its URL."""
    name = "sb_it_" + secrets.token_hex(6)
    psql(base_url, f'CREATE DATABASE "{name}"')
    return with_database(base_url, name)


def drop_database(url: str, base_url: str) -> None:
    name = urllib.parse.urlsplit(url).path.lstrip("/")
    psql(base_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# MARK: HTTP


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def json(self):
        return json.loads(self.body)

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "")

    @property
    def errors(self) -> list[dict]:
        return self.json.get("errors", [])

    @property
    def codes(self) -> list[str]:
        return [error.get("extensions", {}).get("code") for error in self.errors]


def http(url: str, method: str = "GET", body: bytes | None = None, headers: dict[str, str] | None = None) -> Response:
    request = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            return Response(answer.status, {k.lower(): v for k, v in answer.headers.items()}, answer.read())
    except urllib.error.HTTPError as error:
        return Response(error.code, {k.lower(): v for k, v in error.headers.items()}, error.read())


# MARK: The server


@dataclass
class Tenant:
    id: str
    name: str
    token: str


class Server:
    """`switchboard serve` as a child process on a free port, its output in files under `workdir`."""

    def __init__(
        self,
        workdir: Path,
        database_url: str | None,
        *,
        admin_token: str | None = None,
        master_key_file: Path | None = None,
        extra_env: dict[str, str] | None = None,
        args: tuple[str, ...] = (),
    ):
        self.workdir = workdir
        self.database_url = database_url
        self.admin_token = admin_token
        self.master_key_file = master_key_file
        self.extra_env = extra_env or {}
        self.args = args
        self.process: subprocess.Popen | None = None
        self.starts = 0
        self.url = ""
        self.base = ""

    @property
    def stdout_path(self) -> Path:
        return self.workdir / f"stdout-{self.starts}.txt"

    @property
    def stderr_path(self) -> Path:
        return self.workdir / f"stderr-{self.starts}.txt"

    def environment(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if k not in SERVER_VARIABLES}
        if self.admin_token:
            env["SWITCHBOARD_ADMIN_TOKEN"] = self.admin_token
        if self.master_key_file:
            env["SWITCHBOARD_MASTER_KEY_FILE"] = str(self.master_key_file)
        env["SWITCHBOARD_EXPOSE_SQL_STATEMENTS"] = "1"
        env.update(self.extra_env)
        return env

    def start(self, timeout: float = 120) -> "Server":
        assert self.process is None, "already running"
        self.starts += 1
        command = [str(require_binary()), "serve", "--port", "0", "--data-dir", str(self.workdir / "data")]
        if self.database_url:
            command += ["--database-url", self.database_url]
        command += list(self.args)
        with open(self.stdout_path, "wb") as stdout, open(self.stderr_path, "wb") as stderr:
            self.process = subprocess.Popen(
                command, stdout=stdout, stderr=stderr, stdin=subprocess.DEVNULL, env=self.environment(),
                cwd=self.workdir)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(
                    f"switchboard serve exited with {self.process.returncode}:\n{self.stderr_path.read_text()}")
            for line in self.stdout_path.read_text().splitlines():
                if line.startswith("Switchboard is serving GraphQL at "):
                    self.url = line.removeprefix("Switchboard is serving GraphQL at ").strip()
                    self.base = self.url.removesuffix("/graphql")
            if self.url and http(self.base + "/healthz").status == 200:
                return self
            time.sleep(0.1)
        self.kill()
        raise AssertionError(f"switchboard serve did not start in {timeout}s:\n{self.stderr_path.read_text()}")

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 60) -> int:
        """Sends `sig` and waits for the exit; returns the exit status."""
        assert self.process is not None
        self.process.send_signal(sig)
        try:
            status = self.process.wait(timeout=timeout)
        finally:
            if self.process.poll() is None:
                self.process.kill()
                self.process.wait()
        self.process = None
        self.url = ""
        return status

    def kill(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        self.process = None

    def restart(self) -> "Server":
        assert self.stop() == 0
        return self.start()

    @property
    def stdout(self) -> str:
        return self.stdout_path.read_text()

    def all_logs(self) -> str:
        return "".join(
            path.read_text() for path in sorted(self.workdir.glob("std*-*.txt")) if path.is_file())

    # GraphQL over HTTP

    def post(self, query: str, variables: dict | None = None, *, token: str | None = None,
             operation_name: str | None = None, headers: dict[str, str] | None = None) -> Response:
        payload: dict = {"query": query}
        if variables is not None:
            payload["variables"] = variables
        if operation_name is not None:
            payload["operationName"] = operation_name
        all_headers = {"Content-Type": "application/json"}
        if token is not None:
            all_headers["Authorization"] = f"Bearer {token}"
        all_headers.update(headers or {})
        return http(self.url, "POST", json.dumps(payload).encode(), all_headers)

    def get(self, params: dict[str, str], *, token: str | None = None,
            headers: dict[str, str] | None = None) -> Response:
        all_headers = dict(headers or {})
        if token is not None:
            all_headers["Authorization"] = f"Bearer {token}"
        return http(self.url + "?" + urllib.parse.urlencode(params), "GET", None, all_headers)

    def data(self, query: str, variables: dict | None = None, *, token: str) -> dict:
        """The data of a request that must succeed entirely."""
        response = self.post(query, variables, token=token)
        assert response.status == 200, (response.status, response.body)
        body = response.json
        assert "errors" not in body, body["errors"]
        return body["data"]

    def errors(self, query: str, variables: dict | None = None, *, token: str) -> tuple[dict | None, list[dict]]:
        """The data and errors of a request that must fail in execution (HTTP 200 with errors)."""
        response = self.post(query, variables, token=token)
        assert response.status == 200, (response.status, response.body)
        body = response.json
        assert body.get("errors"), body
        return body.get("data"), body["errors"]

    def create_tenant(self, name: str) -> Tenant:
        assert self.admin_token
        data = self.data(
            "mutation($name: String!) { createTenant(input: {name: $name}) { tenant { id name } token } }",
            {"name": name}, token=self.admin_token)
        payload = data["createTenant"]
        return Tenant(payload["tenant"]["id"], payload["tenant"]["name"], payload["token"])


def codes(errors: list[dict]) -> list[str]:
    return [error.get("extensions", {}).get("code") for error in errors]


def write_master_key(path: Path) -> bytes:
    """A new random master key in a 0600 file, as base64; returns the raw key."""
    key = secrets.token_bytes(32)
    path.write_text(base64.b64encode(key).decode() + "\n")
    path.chmod(0o600)
    return key


@dataclass
class Provider:
    id: str
    auth_type: str
    override: bool
    fields: list[dict] = field(default_factory=list)


def catalog() -> dict[str, Provider]:
    """The provider catalog from its files (to choose providers and credential values the server accepts)."""
    providers = {}
    for path in sorted(PROVIDERS_DIR.glob("*.json")):
        entry = json.loads(path.read_text())
        providers[entry["id"]] = Provider(entry["id"], entry["authType"], entry.get("supportsTenantOverride", False),
                                          entry.get("formFields", []))
    return providers
