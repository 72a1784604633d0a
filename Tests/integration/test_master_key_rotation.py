"""`switchboard rotate-master-key` run beside a running server: every wrapped key is rewrapped, the key file is
replaced, and the server carries on (tokens authenticate, credentials open, new keys are wrapped with the new
master key), before and after a restart."""

from __future__ import annotations

import os
import re
import stat
import subprocess

import pytest

from support import SERVER_VARIABLES, Server, Tenant, psql, psql_value, require_binary, write_master_key

OPENAI_KEY = "sk-proj-masterrotationmaster4321"
ROTATE_TENANT = "mutation($id: ID!) { rotateTenantKey(id: $id) { keyVersion resealedCredentials } }"
VIEW = "{ viewer { id connectors { id credentials { field maskedValue } } } credentialInfo(providerId: \"github\") { source } }"


def rotate_master_key(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in SERVER_VARIABLES}
    clean.update(env or {})
    return subprocess.run([str(require_binary()), "rotate-master-key", *args], capture_output=True, text=True,
                          env=clean, timeout=120)


def populate(server: Server, name: str) -> Tenant:
    tenant = server.create_tenant(name)
    server.data(f'mutation {{ createConnector(input: {{providerId: "openai", credentials: {{apiKey: "{OPENAI_KEY}"}}}})'
                ' { id } }', token=tenant.token)
    server.data('mutation { setCredentialOverride(input: {providerId: "github", override: {clientId: "cid", '
                'clientSecret: "the-tenants-own-secret"}}) { source } }', token=tenant.token)
    return tenant


def wrapped_keys(server: Server) -> dict[str, str]:
    rows = psql(server.database_url, "SELECT tenant_id || ':' || version, encode(wrapped_key, 'hex') FROM tenant_keys")
    return dict((row[0], row[1]) for row in rows)


def sealed_values(server: Server) -> list[list[str]]:
    return psql(server.database_url, """
        SELECT tenant_id, connector_id, field, encode(sealed, 'hex') FROM connector_credentials
        UNION ALL SELECT tenant_id, provider_id, field, encode(sealed, 'hex') FROM credential_overrides ORDER BY 1, 2, 3""")


@pytest.fixture(scope="module")
def server(make_server) -> Server:
    return make_server("master-key")


def test_rotation_beside_a_running_server(server: Server):
    first, second = populate(server, "First"), populate(server, "Second")
    views = {t.id: server.data(VIEW, token=t.token) for t in (first, second)}
    keys, sealed = wrapped_keys(server), sealed_values(server)
    old_file = server.master_key_file.read_text()

    done = rotate_master_key("--database-url", server.database_url, "--master-key-file", str(server.master_key_file))
    assert done.returncode == 0, done.stderr
    new_fingerprint = re.search(r"^New key fingerprint: ([0-9a-f]{16})$", done.stdout, re.M).group(1)
    assert re.search(r"rewrapped \d+ tenant keys and 1 server secrets", done.stdout)
    new_file = server.master_key_file.read_text()
    assert new_file != old_file
    assert stat.S_IMODE(server.master_key_file.stat().st_mode) == 0o600
    assert not (server.master_key_file.parent / (server.master_key_file.name + ".next")).exists()
    # Fingerprints only: neither key is printed.
    for key in (old_file.strip(), new_file.strip()):
        assert key not in done.stdout + done.stderr
    # Every tenant key was rewrapped; no credential was touched; the database records the new key's fingerprint.
    after = wrapped_keys(server)
    assert after.keys() == keys.keys() and all(after[k] != keys[k] for k in keys)
    assert sealed_values(server) == sealed
    assert psql_value(server.database_url, "SELECT DISTINCT master_fingerprint FROM server_secrets") == new_fingerprint

    # The server carries on: the same tokens, the same data.
    for tenant in (first, second):
        assert server.data(VIEW, token=tenant.token) == views[tenant.id]
    assert server.data("{ tenants(limit: 200) { id } }", token=server.admin_token)["tenants"]
    # It opens every credential of a tenant (a tenant key rotation reseals them all) ...
    assert server.data(ROTATE_TENANT, {"id": first.id}, token=server.admin_token)["rotateTenantKey"] == {
        "keyVersion": 2, "resealedCredentials": 3}
    # ... and wraps new keys with the new master key (it reloads the key file when the database says so).
    third = populate(server, "Third")
    new_key = next(v for k, v in wrapped_keys(server).items() if k.startswith(third.id))
    assert new_key
    assert server.data(VIEW, token=third.token)["viewer"]["id"] == third.id

    # A restart reads the new key file and finds everything.
    server.restart()
    assert f"master_key.fingerprint={new_fingerprint}" in server.stderr_path.read_text()
    for tenant in (first, second):
        assert server.data(VIEW, token=tenant.token) == views[tenant.id]
    assert server.data(ROTATE_TENANT, {"id": second.id}, token=server.admin_token)["rotateTenantKey"] == {
        "keyVersion": 2, "resealedCredentials": 3}
    assert server.data(ROTATE_TENANT, {"id": third.id}, token=server.admin_token)["rotateTenantKey"] == {
        "keyVersion": 2, "resealedCredentials": 3}


def test_rotations_in_a_row(server: Server):
    tenant = populate(server, "Rotated often")
    view = server.data(VIEW, token=tenant.token)
    fingerprints = set()
    for _ in range(3):
        done = rotate_master_key("--database-url", server.database_url,
                                 "--master-key-file", str(server.master_key_file))
        assert done.returncode == 0, done.stderr
        fingerprints.add(re.search(r"New key fingerprint: (\w+)", done.stdout).group(1))
        assert server.data(VIEW, token=tenant.token) == view
    assert len(fingerprints) == 3
    assert server.data(ROTATE_TENANT, {"id": tenant.id}, token=server.admin_token)["rotateTenantKey"][
        "resealedCredentials"] == 3


def test_the_file_variable_names_the_key_file(server: Server):
    done = rotate_master_key("--database-url", server.database_url,
                             env={"SWITCHBOARD_MASTER_KEY_FILE": str(server.master_key_file)})
    assert done.returncode == 0, done.stderr
    assert server.data("{ tenants(limit: 1) { id } }", token=server.admin_token)["tenants"]


def test_a_wrong_key_file_changes_nothing(server: Server, tmp_path):
    wrong = tmp_path / "wrong.key"
    write_master_key(wrong)
    keys = wrapped_keys(server)
    done = rotate_master_key("--database-url", server.database_url, "--master-key-file", str(wrong))
    assert done.returncode == 1
    assert "not by the key given as the current one" in done.stderr
    assert wrapped_keys(server) == keys
    # The failed attempt leaves its pending new key beside the wrong file, never beside the real one.
    assert not (server.master_key_file.parent / (server.master_key_file.name + ".next")).exists()
    assert server.data("{ tenants(limit: 1) { id } }", token=server.admin_token)["tenants"]


def test_a_key_in_the_environment_cannot_be_rotated_in_place(server: Server):
    done = rotate_master_key("--database-url", server.database_url,
                             env={"SWITCHBOARD_MASTER_KEY": server.master_key_file.read_text().strip()})
    assert done.returncode == 1
    assert "name the key file to rotate" in done.stderr
