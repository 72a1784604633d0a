"""What the cluster tests need beyond support.py: the router's view of its workers, placement, and processes."""

from __future__ import annotations

import json
import os
import signal
import time
from pathlib import Path

import support

# The environment variables a worker must never see.
WITHHELD = ("SWITCHBOARD_MASTER_KEY", "SWITCHBOARD_ADMIN_TOKEN")


def admin_get(server: support.Server, path: str) -> dict:
    response = support.http(server.base + path, headers={"Authorization": f"Bearer {server.admin_token}"})
    assert response.status == 200, (response.status, response.body)
    return response.json


def workers(server: support.Server) -> dict[str, dict]:
    """The router's view of its workers, by id."""
    return {worker["id"]: worker for worker in admin_get(server, "/cluster/workers")["workers"]}


def placement(server: support.Server, tenant_id: str) -> str:
    return admin_get(server, f"/cluster/placement?tenant={tenant_id}")["worker"]


def tenants_on(server: support.Server, wanted: dict[str, int]) -> dict[str, list[support.Tenant]]:
    """Creates tenants until each worker of `wanted` has at least that many; returns them by worker."""
    by_worker: dict[str, list[support.Tenant]] = {worker: [] for worker in wanted}
    for index in range(200):
        if all(len(by_worker[worker]) >= count for worker, count in wanted.items()):
            return by_worker
        tenant = server.create_tenant(f"Tenant {index}")
        worker = placement(server, tenant.id)
        if worker in by_worker:
            by_worker[worker].append(tenant)
    raise AssertionError(f"could not place tenants as {wanted}: {by_worker}")


def wait_until(predicate, timeout: float = 10, interval: float = 0.05, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"timed out waiting for {what}")


def ready(server: support.Server, count: int) -> dict[str, dict]:
    """Waits until `count` workers are ready and answer; returns them."""
    def check():
        current = workers(server)
        if len(current) == count and all(w["state"] == "ready" and w["keys"] is not None for w in current.values()):
            return current
        return None
    return wait_until(check, timeout=30, what=f"{count} ready workers")


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # A zombie (exited, not yet reaped by its parent) is not alive.
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split(") ")[-1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def environment_of(pid: int) -> dict[str, str]:
    with open(f"/proc/{pid}/environ", "rb") as file:
        entries = file.read().split(b"\0")
    pairs = (entry.decode(errors="replace").split("=", 1) for entry in entries if b"=" in entry)
    return {name: value for name, value in pairs}


def command_line_of(pid: int) -> list[str]:
    with open(f"/proc/{pid}/cmdline", "rb") as file:
        return [part.decode(errors="replace") for part in file.read().split(b"\0") if part]


def socket_directory(worker_pid: int) -> Path:
    """The private directory of the workers' sockets, from a worker's command line (`worker --socket PATH …`)."""
    command = command_line_of(worker_pid)
    return Path(command[command.index("--socket") + 1]).parent


def kill_everything(server: support.Server) -> None:
    """Stops the router (gracefully if it still can, so that it removes its sockets) and kills any worker it left."""
    pids = []
    if server.process is not None and server.process.poll() is None:
        try:
            pids = [w["pid"] for w in workers(server).values() if w.get("pid")]
        except Exception:  # noqa: BLE001 - the router may be past answering
            pids = []
        try:
            server.stop(timeout=30)
        except Exception:  # noqa: BLE001 - stop kills what does not stop in time
            pass
    server.kill()
    for pid in pids:
        if alive(pid):
            os.kill(pid, signal.SIGKILL)


def projects(server: support.Server, tenant: support.Tenant) -> list[str]:
    data = server.data("{ projects { name } }", token=tenant.token)
    return [project["name"] for project in data["projects"]]


# MARK: Rendezvous placement, written again from its definition (ShardMap.weight), to check the router against.

MASK = (1 << 64) - 1


def weight(tenant_id: str, worker_id: str) -> int:
    value = 0xCBF29CE484222325
    for byte in worker_id.encode() + b"\0" + tenant_id.encode():
        value ^= byte
        value = (value * 0x100000001B3) & MASK
    value ^= value >> 33
    value = (value * 0xFF51AFD7ED558CCD) & MASK
    value ^= value >> 33
    value = (value * 0xC4CEB9FE1A85EC53) & MASK
    value ^= value >> 33
    return value


def rendezvous_owner(tenant_id: str, worker_ids: list[str]) -> str:
    # Equal weights (a 64-bit collision) would go to the smaller id; no test meets one.
    return max(worker_ids, key=lambda worker: weight(tenant_id, worker))


def dumps(value) -> str:
    return json.dumps(value, indent=1, sort_keys=True)


# MARK: Traffic while the cluster changes


class Load:
    """Client threads that send tenants' queries and mutations continuously, round robin over `tenants`, until `stop`:
    projects created, credentials sealed again (`updateConnector`, which needs the tenant's key on its worker) and
    read back masked (which opens them). Every failure is kept (status, body); every project whose creation was
    answered is remembered, so that the test can check it is there afterwards."""

    QUERY = "{ viewer { id } projects { name } connectors { credentials { maskedValue } } }"
    CREATE = "mutation($n: String!) { createProject(input: {name: $n}) { name } }"
    RESEAL = "mutation($id: ID!, $key: JSON!) { updateConnector(id: $id, input: {credentials: $key}) { id } }"

    def __init__(self, server: support.Server, tenants: list[support.Tenant], threads: int = 4):
        import threading

        self.server = server
        self.tenants = tenants
        self.failures: list[tuple[str, int, str]] = []
        self.acknowledged: dict[str, list[str]] = {tenant.id: [] for tenant in tenants}
        self.connectors: dict[str, str] = {}
        self.requests = 0
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._threads = [threading.Thread(target=self._run, args=(index,), daemon=True) for index in range(threads)]

    def __enter__(self) -> "Load":
        for tenant in self.tenants:
            data = self.server.data(
                "mutation($input: CreateConnectorInput!) { createConnector(input: $input) { id } }",
                {"input": {"providerId": "openai", "credentials": {"apiKey": api_key(0)}}}, token=tenant.token)
            self.connectors[tenant.id] = data["createConnector"]["id"]
        for thread in self._threads:
            thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def stop(self) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=60)

    def _run(self, index: int) -> None:
        step = 0
        while not self._stop.is_set():
            tenant = self.tenants[(index + step) % len(self.tenants)]
            step += 1
            name = None
            if step % 4 == 1:
                name = f"load-{index}-{step}"
                response = self.server.post(self.CREATE, {"n": name}, token=tenant.token)
            elif step % 4 == 3:
                response = self.server.post(
                    self.RESEAL, {"id": self.connectors[tenant.id], "key": {"apiKey": api_key(step)}},
                    token=tenant.token)
            else:
                response = self.server.post(self.QUERY, token=tenant.token)
            ok = response.status == 200 and not response.json.get("errors")
            with self._lock:
                self.requests += 1
                if not ok:
                    self.failures.append((tenant.id, response.status, response.body.decode(errors="replace")[:300]))
                elif name is not None:
                    self.acknowledged[tenant.id].append(name)

    def wait_for_requests(self, count: int, timeout: float = 30) -> None:
        wait_until(lambda: self.requests >= count, timeout=timeout, what=f"{count} requests under load")

    def check(self, minimum: int = 20) -> None:
        """No request failed, enough ran, and every acknowledged project is there."""
        assert self.failures == [], self.failures[:5]
        assert self.requests >= minimum, self.requests
        for tenant in self.tenants:
            names = set(projects(self.server, tenant))
            missing = [name for name in self.acknowledged[tenant.id] if name not in names]
            assert missing == [], missing[:5]


def api_key(number: int) -> str:
    return f"sk-proj-loadtest{number:020d}abcdefgh"


def admin_data(server: support.Server, query: str, variables: dict | None = None) -> dict:
    return server.data(query, variables, token=server.admin_token)


def move_tenant(server: support.Server, tenant_id: str, worker_id: str) -> dict:
    return admin_data(server, "mutation($t: ID!, $w: ID!) { moveTenant(tenantId: $t, workerId: $w) "
                              "{ workerId pinned } }", {"t": tenant_id, "w": worker_id})["moveTenant"]


def set_worker_count(server: support.Server, count: int) -> list[dict]:
    return admin_data(server, "mutation($n: Int!) { setWorkerCount(count: $n) { id state pid } }",
                      {"n": count})["setWorkerCount"]


def placements(server: support.Server, tenant_ids: list[str]) -> dict[str, str]:
    return {tenant_id: placement(server, tenant_id) for tenant_id in tenant_ids}
