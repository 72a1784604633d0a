"""The embedded default: `switchboard serve --data-dir DIR` with no database URL starts its own PostgreSQL on a Unix
socket, creates its master key and admin token, prints the demo tenant's token and a curl line, and reuses all of
it on the next start. As root the cluster runs as the `postgres` system user (CI runs these tests as root)."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import stat
import subprocess
import tempfile
from pathlib import Path

import pytest

from support import SERVER_VARIABLES, Server, require_binary, write_master_key


@pytest.fixture(scope="module")
def workdir():
    # Not under pytest's 0700 base directory: the postgres user must be able to reach the cluster's directory.
    path = Path(tempfile.mkdtemp(prefix="sb-embedded-", dir="/tmp"))
    path.chmod(0o711)
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture(scope="module")
def embedded(workdir: Path):
    server = Server(workdir, None)
    yield server
    if server.process is not None:
        server.stop()


def cluster_running(data: Path) -> bool:
    pid_file = data / "postgres" / "data" / "postmaster.pid"
    if not pid_file.exists():
        return False
    pid = pid_file.read_text().splitlines()[0]
    return Path(f"/proc/{pid}").exists()


def test_first_start(embedded: Server):
    require_binary()
    embedded.start(timeout=180)
    data = embedded.workdir / "data"
    stdout = embedded.stdout
    token = re.search(r"^    (sbt_[A-Za-z0-9_-]+)$", stdout, re.M).group(1)
    assert 'Created the demo tenant "Demo"' in stdout
    curl = next(line.strip() for line in stdout.splitlines() if line.strip().startswith("curl "))
    done = subprocess.run(["sh", "-c", curl], capture_output=True, text=True, timeout=30)
    assert done.stdout == '{"data":{"viewer":{"name":"Demo","connectors":[]}}}'

    # The key and the token files, private; the log names the token file, never the token.
    for name in ["master.key", "admin.token"]:
        assert stat.S_IMODE((data / name).stat().st_mode) == 0o600, name
    admin_token = (data / "admin.token").read_text().strip()
    logs = embedded.stderr_path.read_text()
    assert f"admin_token.from=the file {data / 'admin.token'}" in logs
    assert admin_token not in logs and token not in logs
    # The admin token from the file works.
    assert embedded.data("{ tenants { name } }", token=admin_token) == {"tenants": [{"name": "Demo"}]}

    # PostgreSQL listens on a Unix socket in the data directory, not on TCP.
    cluster = data / "postgres"
    assert (cluster / ".s.PGSQL.5432").is_socket()
    assert "listen_addresses = ''" in (cluster / "data" / "switchboard.conf").read_text()
    assert stat.S_IMODE(cluster.stat().st_mode) == 0o700
    if os.geteuid() == 0:
        assert (cluster / "data").owner() == "postgres"
    assert cluster_running(data)


def test_sigterm_stops_the_cluster_too(embedded: Server):
    assert embedded.stop(signal.SIGTERM) == 0
    assert not cluster_running(embedded.workdir / "data")
    assert "Stopped the embedded PostgreSQL" in embedded.stderr_path.read_text()


def test_second_start_reuses_the_data(embedded: Server):
    first_stdout = (embedded.workdir / "stdout-1.txt").read_text()
    token = re.search(r"^    (sbt_[A-Za-z0-9_-]+)$", first_stdout, re.M).group(1)
    embedded.start(timeout=180)
    assert "sbt_" not in embedded.stdout
    admin_file = embedded.workdir / "data" / "admin.token"
    assert f'-H "Authorization: Bearer $(cat {admin_file})"' in embedded.stdout
    assert embedded.data("{ viewer { name } }", token=token) == {"viewer": {"name": "Demo"}}
    # The how-to line works as printed: it creates a tenant whose token works.
    curl = next(line.strip() for line in embedded.stdout.splitlines() if line.strip().startswith("curl "))
    done = subprocess.run(["sh", "-c", curl], capture_output=True, text=True, timeout=30)
    created = json.loads(done.stdout)["data"]["createTenant"]
    assert embedded.data("{ viewer { name } }", token=created["token"]) == {"viewer": {"name": "Acme"}}


def rotate(workdir: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in SERVER_VARIABLES}
    return subprocess.run([str(require_binary()), "rotate-master-key", "--data-dir", str(workdir / "data")],
                          capture_output=True, text=True, env=env, timeout=180)


def test_rotate_master_key_uses_the_running_cluster(embedded: Server):
    first_stdout = (embedded.workdir / "stdout-1.txt").read_text()
    token = re.search(r"^    (sbt_[A-Za-z0-9_-]+)$", first_stdout, re.M).group(1)
    key_file = embedded.workdir / "data" / "master.key"
    before = key_file.read_text()
    done = rotate(embedded.workdir)
    assert done.returncode == 0, done.stderr
    assert re.search(r"^New key fingerprint: [0-9a-f]{16}$", done.stdout, re.M)
    assert key_file.read_text() != before
    # The cluster the server runs was used, not stopped.
    assert cluster_running(embedded.workdir / "data")
    assert embedded.data("{ viewer { name } }", token=token) == {"viewer": {"name": "Demo"}}
    admin_token = (embedded.workdir / "data" / "admin.token").read_text().strip()
    assert embedded.data('mutation { createTenant(input: {name: "After"}) { tenant { name } } }',
                         token=admin_token) == {"createTenant": {"tenant": {"name": "After"}}}
    assert embedded.stop() == 0


def test_rotate_master_key_with_no_server_starts_and_stops_the_cluster(embedded: Server):
    data = embedded.workdir / "data"
    assert not cluster_running(data)
    done = rotate(embedded.workdir)
    assert done.returncode == 0, done.stderr
    assert not cluster_running(data)
    # The server starts on the rotated key and finds everything.
    embedded.start(timeout=180)
    first_stdout = (embedded.workdir / "stdout-1.txt").read_text()
    token = re.search(r"^    (sbt_[A-Za-z0-9_-]+)$", first_stdout, re.M).group(1)
    assert embedded.data("{ viewer { name } }", token=token) == {"viewer": {"name": "Demo"}}
    assert embedded.stop() == 0


def test_a_wrong_master_key_is_refused_and_the_cluster_stopped(embedded: Server):
    data = embedded.workdir / "data"
    key_file = data / "master.key"
    right = key_file.read_bytes()
    write_master_key(key_file)
    try:
        env = {k: v for k, v in os.environ.items() if k not in SERVER_VARIABLES}
        done = subprocess.run([str(require_binary()), "serve", "--port", "0", "--data-dir", str(data)],
                              capture_output=True, text=True, env=env, timeout=180)
        assert done.returncode == 1
        assert "is not the one that wraps this database's keys" in done.stderr
        assert not cluster_running(data)
    finally:
        key_file.write_bytes(right)
    embedded.start(timeout=180)
    assert embedded.stop() == 0
