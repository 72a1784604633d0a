"""The server's life: the first start of an empty database (the demo tenant), a graceful stop on SIGTERM and
SIGINT, a restart that keeps all data, and a database outage that it survives."""

from __future__ import annotations

import re
import secrets
import signal
import subprocess
import time
import urllib.parse

import pytest

from support import Server, http, psql, require_binary

OPENAI_KEY = "sk-proj-restartrestartrestart7777"
FULL_VIEW = """{ viewer { id name projects { id name connectors { id config enabled tenantConnector { id } } }
                 connectors { id name status enabled config credentials { field maskedValue } createdAt updatedAt } }
                 github: credentialInfo(providerId: "github") { source isConfigured } }"""


@pytest.fixture(scope="module")
def server(make_server) -> Server:
    # Without the statement counter, as in production.
    return make_server("lifecycle", extra_env={"SWITCHBOARD_EXPOSE_SQL_STATEMENTS": "0"})


def demo_token(stdout: str) -> str | None:
    match = re.search(r"^    (sbt_[A-Za-z0-9_-]+)$", stdout, re.M)
    return match.group(1) if match else None


def test_the_first_start_of_an_empty_database_creates_the_demo_tenant(server: Server):
    stdout = server.stdout
    token = demo_token(stdout)
    assert token, stdout
    curl = next(line.strip() for line in stdout.splitlines() if line.strip().startswith("curl "))
    assert curl == (f"curl -s {server.url} -H 'Authorization: Bearer {token}' -H 'Content-Type: application/json' "
                    """-d '{"query":"{ viewer { name connectors { name status } } }"}'""")
    # The printed curl line works as printed.
    done = subprocess.run(["sh", "-c", curl], capture_output=True, text=True, timeout=30)
    assert done.stdout == '{"data":{"viewer":{"name":"Demo","connectors":[]}}}'
    # The token is printed once, on standard output; the log never shows it (nor the admin token).
    logs = server.stderr_path.read_text()
    assert token not in logs and server.admin_token not in logs


def test_statement_counts_are_not_exposed_by_default(server: Server):
    token = demo_token((server.workdir / "stdout-1.txt").read_text())
    response = server.post("{ viewer { name } }", token=token)
    assert response.status == 200
    assert "x-sql-statements" not in response.headers


def test_sigterm_stops_gracefully_and_a_restart_keeps_all_data(server: Server):
    demo = demo_token((server.workdir / "stdout-1.txt").read_text())
    tenant = server.create_tenant("Persistent")
    connector = server.data(
        f'mutation {{ createConnector(input: {{providerId: "openai", credentials: {{apiKey: "{OPENAI_KEY}"}}, '
        f'config: {{model: "x"}}}}) {{ id }} }}', token=tenant.token)["createConnector"]["id"]
    project = server.data('mutation { createProject(input: {name: "Kept"}) { id } }',
                          token=tenant.token)["createProject"]["id"]
    server.data(f'mutation {{ enableProjectConnector(input: {{projectId: "{project}", tenantConnectorId: '
                f'"{connector}", config: {{a: [1, 2]}}}}) {{ id }} }}', token=tenant.token)
    server.data('mutation { setCredentialOverride(input: {providerId: "github", override: {clientId: "c", '
                'clientSecret: "s3cret-value"}}) { source } }', token=tenant.token)
    view = server.data(FULL_VIEW, token=tenant.token)
    tenants = server.data("{ tenants { id name createdAt } }", token=server.admin_token)

    assert server.stop(signal.SIGTERM) == 0
    assert "Stopped" in server.stderr_path.read_text()
    server.start()
    # No second demo tenant; the banner says how to get a token instead, without printing one.
    assert demo_token(server.stdout) is None
    assert "To get a tenant's API token, create the tenant with the admin token" in server.stdout
    assert "sbt_" not in server.stdout and server.admin_token not in server.stdout
    # Everything is there, and every token still works.
    assert server.data(FULL_VIEW, token=tenant.token) == view
    assert server.data("{ tenants { id name createdAt } }", token=server.admin_token) == tenants
    assert server.data("{ viewer { name } }", token=demo) == {"viewer": {"name": "Demo"}}
    # The credentials still open in the new process.
    assert server.data(f'mutation {{ rotateTenantKey(id: "{tenant.id}") {{ resealedCredentials }} }}',
                       token=server.admin_token) == {"rotateTenantKey": {"resealedCredentials": 3}}
    assert server.stop(signal.SIGINT) == 0
    server.start()
    assert server.data(FULL_VIEW, token=tenant.token) == view


def test_a_database_outage_is_503_and_the_server_recovers(server: Server, base_url: str):
    tenant = server.create_tenant("Outage")
    database = urllib.parse.urlsplit(server.database_url).path.lstrip("/")
    psql(base_url, f'ALTER DATABASE "{database}" ALLOW_CONNECTIONS false')
    try:
        psql(base_url, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :'d'", d=database)
        # A token never seen before must be looked up, and cannot be.
        response = server.post("{ viewer { name } }", token="sbt_" + secrets.token_urlsafe(32))
        assert response.status == 503
        assert response.json == {"errors": [{"message": "Authentication is unavailable; try again later.",
                                             "extensions": {"code": "INTERNAL_SERVER_ERROR"}}]}
        assert http(server.base + "/healthz").status == 200
    finally:
        psql(base_url, f'ALTER DATABASE "{database}" ALLOW_CONNECTIONS true')
    # Once the database is back, so is the service (connections the outage broke are replaced).
    deadline = time.monotonic() + 30
    while True:
        response = server.post("{ viewer { name } }", token=tenant.token)
        if response.status == 200 and "errors" not in response.json or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    assert response.json == {"data": {"viewer": {"name": "Outage"}}}
    assert server.post("{ viewer { name } }", token=tenant.token).json == {"data": {"viewer": {"name": "Outage"}}}


def test_a_second_server_on_the_same_embedded_directory_is_refused(tmp_path):
    # Needs no cluster: the lock is taken before anything starts. (The embedded tests start real clusters.)
    directory = tmp_path / "data"
    directory.mkdir()
    import fcntl
    with open(directory / "serve.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        done = subprocess.run([str(require_binary()), "serve", "--port", "0", "--data-dir", str(directory)],
                              capture_output=True, text=True, timeout=60,
                              env={"PATH": "/usr/bin:/bin", "SWITCHBOARD_ADMIN_TOKEN": "x" * 32})
    assert done.returncode == 1
    assert "another switchboard process is using the embedded cluster" in done.stderr
