"""Remote workers: `switchboard worker --listen HOST:PORT` with mutual TLS on loopback TCP, and a router that has it
next to a local worker (`serve --workers 1 --remote-worker r9=127.0.0.1:PORT`). Certificates are made fresh for each
test by ops/cluster-certs.sh."""

from __future__ import annotations

import os
import signal
import socket
import ssl
import struct
import subprocess
import time
from pathlib import Path

import pytest

import cluster
import support
import test_metrics
from standin import verify as standin_verify
from standin.fixtures import PLATFORM_APPS

CERTS_SCRIPT = support.REPO_ROOT / "ops" / "cluster-certs.sh"
OPENAI_KEY = "sk-proj-remote0123456789abcdefghijklmnop"


def make_certs(directory: Path) -> Path:
    done = subprocess.run(["bash", str(CERTS_SCRIPT), str(directory)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return directory


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class StandaloneWorker:
    """`switchboard worker --listen 127.0.0.1:PORT` as the operator would run it: nobody restarts it but the test."""

    def __init__(self, workdir: Path, worker_id: str, port: int, certs: Path, database_url: str,
                 provider_config: Path | None = None):
        self.workdir, self.worker_id, self.port, self.certs, self.database_url = workdir, worker_id, port, certs, database_url
        self.provider_config = provider_config
        self.process: subprocess.Popen | None = None
        self.starts = 0

    @property
    def log_path(self) -> Path:
        return self.workdir / f"worker-{self.worker_id}-{self.starts}.log"

    def log(self) -> str:
        return "".join((self.workdir / f"worker-{self.worker_id}-{n}.log").read_text() for n in range(1, self.starts + 1))

    def start(self) -> "StandaloneWorker":
        self.starts += 1
        env = {k: v for k, v in os.environ.items() if k not in support.SERVER_VARIABLES}
        env["DATABASE_URL"] = self.database_url
        command = [str(support.require_binary()), "worker", "--listen", f"127.0.0.1:{self.port}",
                   "--worker-id", self.worker_id, "--tls-cert", str(self.certs / "worker.pem"),
                   "--tls-key", str(self.certs / "worker.key"), "--tls-ca", str(self.certs / "ca.pem")]
        if self.provider_config is not None:
            command += ["--provider-config", str(self.provider_config)]
        with open(self.log_path, "wb") as log:
            self.process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                            env=env)
        cluster.wait_until(lambda: self.process.poll() is not None or "Worker listening" in self.log_path.read_text(),
                           timeout=30, what="the remote worker to listen")
        assert self.process.poll() is None, self.log()
        return self

    def kill(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
        if self.process is not None:
            self.process.wait(timeout=30)


@pytest.fixture
def standalone_workers(tmp_path):
    made: list[StandaloneWorker] = []

    def make(worker_id: str, port: int, certs: Path, database_url: str,
             provider_config: Path | None = None) -> StandaloneWorker:
        worker = StandaloneWorker(tmp_path, worker_id, port, certs, database_url, provider_config)
        made.append(worker)
        return worker.start()

    yield make
    for worker in made:
        worker.kill()


def router_args(port: int, certs: Path, ca: Path | None = None) -> tuple[str, ...]:
    return ("--remote-worker", f"r9=127.0.0.1:{port}", "--tls-cert", str(certs / "router.pem"),
            "--tls-key", str(certs / "router.key"), "--tls-ca", str(ca or certs / "ca.pem"))


def remote_cluster(make_cluster, standalone_workers, tmp_path, certs: Path, *, ca: Path | None = None,
                   worker_certs: Path | None = None, provider_config: Path | None = None):
    """A router with one local worker and the remote r9 (started first, on the router's database); both given
    `provider_config` when there is one."""
    port = free_port()
    extra = ("--provider-config", str(provider_config)) if provider_config else ()
    server = make_cluster(1, start=False, args=router_args(port, certs, ca) + ("--rate-limit", "0") + extra)
    worker = standalone_workers("r9", port, worker_certs or certs, server.database_url, provider_config)
    return server.start(), worker


def admin(server: support.Server, query: str, variables: dict | None = None) -> dict:
    return server.data(query, variables, token=server.admin_token)


def move_to(server: support.Server, tenant: support.Tenant, worker: str) -> None:
    placed = admin(server, "mutation($t: ID!, $w: ID!) { moveTenant(tenantId: $t, workerId: $w) { workerId pinned } }",
                   {"t": tenant.id, "w": worker})
    assert placed["moveTenant"] == {"workerId": worker, "pinned": True}


# MARK: A router and a remote worker


def test_a_remote_worker_serves_its_tenants_over_mutual_tls(make_cluster, standalone_workers, tmp_path):
    certs = make_certs(tmp_path / "certs")
    server, worker = remote_cluster(make_cluster, standalone_workers, tmp_path, certs)
    workers = cluster.ready(server, 2)
    assert set(workers) == {"w1", "r9"}
    assert workers["r9"]["pid"] == worker.process.pid

    remote, local = server.create_tenant("Remote"), server.create_tenant("Local")
    move_to(server, remote, "r9")
    move_to(server, local, "w1")
    for tenant in (remote, local):
        server.data("mutation($input: CreateConnectorInput!) { createConnector(input: $input) { id } }",
                    {"input": {"providerId": "openai", "credentials": {"apiKey": OPENAI_KEY}}}, token=tenant.token)
        server.data('mutation { createProject(input: {name: "Site"}) { id } }', token=tenant.token)
        data = server.data("{ viewer { id connectors { providerId credentials { maskedValue } } } projects { name } }",
                           token=tenant.token)
        assert data["viewer"]["id"] == tenant.id and [p["name"] for p in data["projects"]] == ["Site"]
        assert data["viewer"]["connectors"][0]["credentials"][0]["maskedValue"].endswith("mnop")
        assert OPENAI_KEY not in str(data)

    # The remote worker holds the key of its tenant, and only it; the local one the other.
    workers = cluster.workers(server)
    remote_keys = {key["tenant"]: key["fingerprint"] for key in workers["r9"]["keys"]}
    local_keys = {key["tenant"] for key in workers["w1"]["keys"]}
    assert set(remote_keys) == {remote.id} and local_keys == {local.id}, cluster.dumps(workers)
    assert workers["r9"]["requests"] >= 3 and workers["r9"]["tenantsServed"] == 1
    graph_workers = {w["id"]: w for w in admin(server, "{ workers { id state keyFingerprints } }")["workers"]}
    assert graph_workers["r9"]["state"] == "ready"
    assert graph_workers["r9"]["keyFingerprints"] == [remote_keys[remote.id]]

    # The router's banner of its remote workers, and no secret in either log.
    assert "Remote worker ready" in server.all_logs()
    for text in (server.all_logs(), worker.log()):
        assert OPENAI_KEY not in text and server.admin_token not in text


def test_the_remote_worker_killed_and_started_again_is_served_again(make_cluster, standalone_workers, tmp_path):
    certs = make_certs(tmp_path / "certs")
    server, worker = remote_cluster(make_cluster, standalone_workers, tmp_path, certs)
    cluster.ready(server, 2)
    tenant = server.create_tenant("Moved away")
    move_to(server, tenant, "r9")
    assert cluster.projects(server, tenant) == []

    worker.kill()
    cluster.wait_until(lambda: cluster.workers(server)["r9"]["state"] != "ready", what="the router to see r9 gone")
    # Away: the tenant's requests wait briefly, then get WORKER_UNAVAILABLE with Retry-After, as for a local worker.
    started = time.monotonic()
    response = server.post("{ projects { name } }", token=tenant.token)
    assert response.status == 503 and response.codes == ["WORKER_UNAVAILABLE"], response.body
    assert response.headers.get("retry-after") == "1"
    assert time.monotonic() - started < 10
    # Other tenants are not affected.
    bystander = server.create_tenant("Bystander")
    move_to(server, bystander, "w1")
    assert cluster.projects(server, bystander) == []

    worker.start()
    cluster.wait_until(lambda: cluster.workers(server)["r9"]["state"] == "ready", timeout=15,
                       what="the router to reconnect to r9")
    server.data('mutation { createProject(input: {name: "Back"}) { id } }', token=tenant.token)
    assert cluster.projects(server, tenant) == ["Back"]
    after = cluster.workers(server)["r9"]
    assert after["pid"] == worker.process.pid and after["restarts"] >= 1
    # The reconnection counts as a local worker's restart does in the metrics.
    _, samples = test_metrics.scrape(server)
    assert test_metrics.sample(samples, "switchboard_worker_restarts_total", worker="r9") == after["restarts"]
    assert test_metrics.sample(samples, "switchboard_worker_restarts_total", worker="w1") == 0
    assert after["keys"] is not None and {key["tenant"] for key in after["keys"]} <= {tenant.id}


def test_a_worker_count_changes_the_local_workers_and_keeps_the_remote_one(make_cluster, standalone_workers,
                                                                          tmp_path):
    certs = make_certs(tmp_path / "certs")
    server, worker = remote_cluster(make_cluster, standalone_workers, tmp_path, certs)
    cluster.ready(server, 2)
    tenants = [server.create_tenant(f"Tenant {n}") for n in range(12)]
    remote = tenants[0]
    move_to(server, remote, "r9")

    # Up: w2 joins; tenants that move go to it, none leaves r9 (rendezvous over w1, w2 and r9).
    before = cluster.placements(server, [t.id for t in tenants])
    assert {w["id"] for w in cluster.set_worker_count(server, 2)} == {"w1", "w2", "r9"}
    after = cluster.placements(server, [t.id for t in tenants])
    assert all(after[t] == before[t] or after[t] == "w2" for t in before), (before, after)
    assert set(cluster.ready(server, 3)) == {"w1", "w2", "r9"}

    # Down to one: w2 is drained and stops, the remote worker stays connected and keeps its tenant.
    assert {w["id"] for w in cluster.set_worker_count(server, 1)} == {"w1", "r9"}
    assert set(cluster.ready(server, 2)) == {"w1", "r9"}
    assert cluster.placement(server, remote.id) == "r9"
    server.data('mutation { createProject(input: {name: "Still remote"}) { id } }', token=remote.token)
    assert cluster.projects(server, remote) == ["Still remote"]
    shards = {s["workerId"] for s in admin(server, "{ shards { workerId } }")["shards"]}
    assert shards == {"w1", "r9"}
    # Never drained nor reconnected: the same process, the same connection.
    r9 = cluster.workers(server)["r9"]
    assert r9["pid"] == worker.process.pid and r9["restarts"] == 0
    assert worker.process.poll() is None and "Draining" not in worker.log()


def test_a_remote_worker_uses_the_routers_provider_configuration(make_cluster, standalone_workers, provider_config,
                                                                 standin, tmp_path):
    certs = make_certs(tmp_path / "certs")
    server, _ = remote_cluster(make_cluster, standalone_workers, tmp_path, certs, provider_config=provider_config)
    cluster.ready(server, 2)
    tenant = server.create_tenant("Platform app")
    move_to(server, tenant, "r9")
    platform_key = PLATFORM_APPS["openai"]["apiKey"]
    standin_verify.accept(standin, "openai", apiKey=platform_key)
    connector = server.data(
        "mutation($input: CreateConnectorInput!) { createConnector(input: $input) { id } }",
        {"input": {"providerId": "openai"}}, token=tenant.token)["createConnector"]["id"]
    response = server.post("mutation($id: ID!) { verifyConnector(id: $id) { success credentialSource } }",
                           {"id": connector}, token=tenant.token)
    assert response.json["data"]["verifyConnector"] == {"success": True, "credentialSource": "PLATFORM"}, response.body
    assert standin.requests_to("/p/openai/v1/models")[-1].header("authorization") == f"Bearer {platform_key}"
    assert cluster.workers(server)["r9"]["tenantsServed"] == 1


def test_a_router_with_remote_workers_only(make_cluster, standalone_workers, tmp_path):
    certs = make_certs(tmp_path / "certs")
    port = free_port()
    server = make_cluster(0, start=False, args=router_args(port, certs))
    worker = standalone_workers("r9", port, certs, server.database_url)
    server.start()
    assert set(cluster.ready(server, 1)) == {"r9"}
    tenant = server.create_tenant("Far away")
    assert cluster.placement(server, tenant.id) == "r9"
    server.data('mutation { createProject(input: {name: "Remote only"}) { id } }', token=tenant.token)
    assert cluster.projects(server, tenant) == ["Remote only"]
    # SIGTERM: the router hangs up on its remote worker, which stays up for its next router.
    assert server.stop() == 0
    cluster.wait_until(lambda: "Router connection closed; keys dropped" in worker.log(),
                       what="the worker to see its router leave")
    time.sleep(0.5)
    assert worker.process.poll() is None, worker.log()


def test_a_router_whose_certificate_another_ca_signed_is_refused(make_cluster, standalone_workers, tmp_path):
    certs = make_certs(tmp_path / "certs")
    stranger = make_certs(tmp_path / "stranger")
    # The stranger's router trusts the worker's CA, but its own certificate comes from another CA.
    server, worker = remote_cluster(make_cluster, standalone_workers, tmp_path, stranger, ca=certs / "ca.pem",
                                    worker_certs=certs)
    tenant = server.create_tenant("Unreachable")
    move_to(server, tenant, "r9")
    response = server.post("{ projects { name } }", token=tenant.token)
    assert response.status == 503 and response.codes == ["WORKER_UNAVAILABLE"], response.body
    assert cluster.workers(server)["r9"]["state"] != "ready"
    assert "TLS connection refused" in worker.log()
    # The router learns it from the worker's alert, as a connection that failed.
    logs = server.all_logs()
    assert "Remote worker ready" not in logs
    assert "Cannot reach remote worker" in logs and "ALERT_UNKNOWN_CA" in logs


def test_a_router_checks_the_worker_certificate_against_its_ca(make_cluster, standalone_workers, tmp_path):
    certs = make_certs(tmp_path / "certs")
    stranger = make_certs(tmp_path / "stranger")
    # The worker's certificate is the stranger's; the router trusts its own CA only.
    server, worker = remote_cluster(make_cluster, standalone_workers, tmp_path, certs, worker_certs=stranger)
    assert cluster.workers(server)["r9"]["state"] != "ready"
    logs = server.all_logs()
    assert "Remote worker ready" not in logs
    assert "Cannot reach remote worker" in logs and "CERTIFICATE_VERIFY_FAILED" in logs


# MARK: The worker's door, tried without a router


def frame(kind: int, request_id: int, payload: bytes = b"") -> bytes:
    return struct.pack(">IBQ", 9 + len(payload), kind, request_id) + payload


STATS_REQUEST, DRAIN, HELLO = 8, 10, 1


def read_all(connection, limit: int = 65536) -> bytes:
    """What the peer sends until it closes (or 5 s pass)."""
    connection.settimeout(5)
    received = b""
    try:
        while len(received) < limit:
            chunk = connection.recv(4096)
            if not chunk:
                break
            received += chunk
    except (ssl.SSLError, ConnectionResetError, socket.timeout):
        pass
    return received


def tls_client(certs: Path | None, ca: Path, *, maximum=None) -> ssl.SSLContext:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.load_verify_locations(str(ca))
    if certs is not None:
        context.load_cert_chain(str(certs / "router.pem"), str(certs / "router.key"))
    if maximum is not None:
        context.maximum_version = maximum
    return context


def test_a_peer_without_a_valid_certificate_never_gets_a_frame_through(standalone_workers, base_url, tmp_path):
    certs = make_certs(tmp_path / "certs")
    stranger = make_certs(tmp_path / "stranger")
    database = support.create_database(base_url)
    try:
        port = free_port()
        worker = standalone_workers("r9", port, certs, database)

        # Plain TCP: frames (a stats request, a drain) are not TLS records; the worker hangs up and sends no frame.
        with socket.create_connection(("127.0.0.1", port), timeout=5) as plain:
            plain.sendall(frame(STATS_REQUEST, 1) + frame(DRAIN, 2))
            answer = read_all(plain)
        assert answer[:1] != b"\x00" and len(answer) < 64, answer  # at most a TLS alert, never a frame

        refused = [
            tls_client(None, certs / "ca.pem"),  # no client certificate
            tls_client(stranger, certs / "ca.pem"),  # a certificate from another CA
            tls_client(certs, certs / "ca.pem", maximum=ssl.TLSVersion.TLSv1_2),  # TLS 1.2
        ]
        for context in refused:
            with socket.create_connection(("127.0.0.1", port), timeout=5) as raw:
                try:
                    with context.wrap_socket(raw, server_hostname="127.0.0.1") as tls:
                        tls.sendall(frame(STATS_REQUEST, 1) + frame(DRAIN, 2))
                        assert read_all(tls) == b""
                except (ssl.SSLError, ConnectionResetError, BrokenPipeError):
                    pass

        # The drains went nowhere: the worker still runs, and a router's certificate gets its hello.
        assert worker.process.poll() is None, worker.log()
        with socket.create_connection(("127.0.0.1", port), timeout=5) as raw:
            with tls_client(certs, certs / "ca.pem").wrap_socket(raw, server_hostname="127.0.0.1") as tls:
                assert tls.version() == "TLSv1.3"
                tls.settimeout(5)
                header = b""
                while len(header) < 13:
                    header += tls.recv(13 - len(header))
                length, kind, request_id = struct.unpack(">IBQ", header)
                assert (kind, request_id) == (HELLO, 0) and length < 512
        assert worker.log().count("TLS connection refused") >= 4
        assert worker.process.poll() is None
    finally:
        support.drop_database(database, base_url)


def test_a_worker_refuses_to_listen_on_tcp_without_its_tls_files(tmp_path):
    binary = str(support.require_binary())
    certs = make_certs(tmp_path / "certs")
    env = {k: v for k, v in os.environ.items() if k not in support.SERVER_VARIABLES}
    env["DATABASE_URL"] = "postgresql://nobody@/none?host=/nonexistent"
    cases = [
        (["--listen", "127.0.0.1:7400", "--worker-id", "r9"], "--listen needs --tls-cert, --tls-key and --tls-ca"),
        (["--listen", "127.0.0.1:7400", "--worker-id", "r9", "--tls-cert", str(certs / "worker.pem"),
          "--tls-key", str(certs / "worker.key"), "--tls-ca", str(tmp_path / "missing.pem")],
         f"the CA certificate file {tmp_path / 'missing.pem'} does not exist"),
        (["--listen", "127.0.0.1:7400", "--worker-id", "r9", "--tls-cert", str(certs / "worker.key"),
          "--tls-key", str(certs / "worker.key"), "--tls-ca", str(certs / "ca.pem")],
         f"the certificate file {certs / 'worker.key'} is not a PEM certificate"),
        (["--listen", "nowhere", "--worker-id", "r9"], "is not HOST:PORT"),
        (["--socket", "/tmp/x.sock", "--listen", "127.0.0.1:1", "--worker-id", "r9"], "not both"),
    ]
    for arguments, message in cases:
        done = subprocess.run([binary, "worker", *arguments], capture_output=True, text=True, env=env, timeout=30)
        assert done.returncode != 0 and message in done.stderr, (arguments, done.stderr)
        key_text = (certs / "worker.key").read_text()
        assert key_text.splitlines()[1] not in done.stderr


def test_serve_refuses_remote_workers_without_its_tls_files(tmp_path):
    binary = str(support.require_binary())
    certs = make_certs(tmp_path / "certs")
    env = {k: v for k, v in os.environ.items() if k not in support.SERVER_VARIABLES}
    tls = ["--tls-cert", str(certs / "router.pem"), "--tls-key", str(certs / "router.key")]
    cases = [
        (["--remote-worker", "r9=127.0.0.1:7400", *tls, "--tls-ca", str(tmp_path / "none.pem")],
         f"switchboard serve: the CA certificate file {tmp_path / 'none.pem'} does not exist"),
        (["--remote-worker", "r9=127.0.0.1:7400", "--tls-cert", str(certs / "router.pem"),
          "--tls-key", str(certs / "worker.key"), "--tls-ca", str(certs / "ca.pem")],
         f"the private key {certs / 'worker.key'} does not fit the certificate {certs / 'router.pem'}"),
        (["--remote-worker", "r9=127.0.0.1:7400", *tls, "--tls-ca", str(certs / "ca.pem"),
          "--tls-server-name", "10.0.0.1"], "--tls-server-name must be a DNS name"),
        (["--remote-worker", "r9=127.0.0.1:7400"], "--remote-worker needs --tls-cert, --tls-key and --tls-ca"),
        (["--remote-worker", "r9"], "is not ID=HOST:PORT"),
        (["--remote-worker", "w 9=127.0.0.1:7400"], "the worker id"),
        # A local worker's id: setWorkerCount may bring up a w9 of this router's own.
        (["--remote-worker", "w9=127.0.0.1:7400", *tls, "--tls-ca", str(certs / "ca.pem")],
         "has the form of a local worker's (w1…wN)"),
        (["--tls-ca", "ca.pem"], "go with --remote-worker"),
        (["--workers", "0"], "--workers must be a number from 1 to 256"),
    ]
    for arguments, message in cases:
        done = subprocess.run([binary, "serve", "--data-dir", str(tmp_path / "data"), *arguments],
                              capture_output=True, text=True, env=env, timeout=30)
        assert done.returncode != 0 and message in done.stderr, (arguments, done.stderr)
        # Refused before anything started: no embedded database was made.
        assert not (tmp_path / "data" / "postgres").exists()
