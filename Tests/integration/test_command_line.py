"""What `switchboard serve` refuses before it serves: configurations that cannot be right."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

from support import SERVER_VARIABLES, Server, require_binary, write_master_key


def serve(tmp_path: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in SERVER_VARIABLES}
    clean.update(env or {})
    return subprocess.run([str(require_binary()), "serve", "--port", "0", "--data-dir", str(tmp_path / "data"),
                           *args], capture_output=True, text=True, env=clean, timeout=60)


def test_a_given_database_needs_its_master_key(tmp_path: Path):
    done = serve(tmp_path, "--database-url", "postgresql://postgres@/nowhere?host=/nonexistent")
    assert done.returncode == 1
    assert "the database is given, so its master key must be too" in done.stderr
    # Nothing was created in its place.
    assert not (tmp_path / "data" / "master.key").exists()


def test_a_key_in_the_environment_and_a_key_file_are_refused_together(tmp_path: Path):
    key_file = tmp_path / "master.key"
    write_master_key(key_file)
    done = serve(tmp_path, "--master-key-file", str(key_file),
                 env={"SWITCHBOARD_MASTER_KEY": key_file.read_text().strip(), "DATABASE_URL": "postgresql:///x"})
    assert done.returncode == 1
    assert "both SWITCHBOARD_MASTER_KEY and --master-key-file are given" in done.stderr
    assert key_file.read_text().strip() not in done.stderr


def test_a_token_file_open_to_others_is_refused(tmp_path: Path):
    token_file = tmp_path / "admin.token"
    token_file.write_text("sba_an-admin-token-long-enough\n")
    token_file.chmod(0o644)
    done = serve(tmp_path, "--admin-token-file", str(token_file))
    assert done.returncode == 1
    assert f"the admin token file {token_file} may be read by others (mode 644); chmod 600 it" in done.stderr
    assert "sba_an-admin-token-long-enough" not in done.stderr


def test_a_bad_provider_config_is_refused_with_every_problem(tmp_path: Path):
    secret = "sk_live_platform-secret-never-shown"
    config = tmp_path / "providers.json"
    config.write_text(json.dumps({"providers": {
        "nope": {"endpoints": {"apiBaseUrl": "https://x.example"}},
        "stripe": {"platformApp": {"secretKey": secret}},
        "github": {"endpoints": {"tokenUrl": "not a url"}},
    }}))
    config.chmod(0o600)
    done = serve(tmp_path, "--provider-config", str(config))
    assert done.returncode == 1
    assert "providers.nope: no such provider in the catalog" in done.stderr
    assert "providers.stripe.platformApp: Stripe is TENANT_MANAGED" in done.stderr
    assert "providers.github.endpoints.tokenUrl: not an absolute http(s) URL" in done.stderr
    assert secret not in done.stderr + done.stdout


def test_a_provider_config_open_to_others_is_refused(tmp_path: Path):
    config = tmp_path / "providers.json"
    config.write_text("{}")
    config.chmod(0o644)
    done = serve(tmp_path, env={"SWITCHBOARD_PROVIDER_CONFIG": str(config)})
    assert done.returncode == 1
    assert f"{config} may be read by others (mode 644); chmod 600 it" in done.stderr


def test_no_demo_tenant_and_a_quieter_log(make_server):
    server: Server = make_server("no-demo", args=("--no-demo-tenant", "--log-level", "warning"))
    assert "sbt_" not in server.stdout
    assert "To get a tenant's API token" in server.stdout
    assert server.data("{ tenants { id } }", token=server.admin_token) == {"tenants": []}
    assert "Request served" not in server.stderr_path.read_text()
