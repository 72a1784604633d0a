"""The cluster benchmark's driver (ops/bench-cluster.sh runs it with the release binary and a throwaway PostgreSQL).

In one run, with the same seeded tenants, the same query, the same wrk settings:
  (a) `serve --workers N`: router + N workers, tenants spread over the workers;
  (b) `serve` in one process: the same executor a worker runs, with no router hop (the "straight to a worker" path);
  (c) pgbench running the SQL statements that one such request sends to PostgreSQL (captured from PostgreSQL's log).
Prints a Markdown table: requests/s, p50, p99, and the ratio router/direct.
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import re
import secrets
import signal
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

QUERY = "{ viewer { connectors { provider { name category } } projects { connectors { providerName } } } }"

# Providers a tenant connects, with credentials their forms accept (none: a provider that needs none).
CONNECTORS = [
    ("openai", {"apiKey": "sk-" + "b" * 40}),
    ("anthropic", {"apiKey": "sk-ant-" + "c" * 40}),
    ("groq", {"apiKey": "gsk_" + "d" * 40}),
    ("ollama", None),
]
PROJECTS_PER_TENANT = 3

WRK_SCRIPT = """
-- One POST /graphql per request, the bearer token taken in turn from the list (several tenants, several workers).
local tokens = {}
for line in io.lines(os.getenv("BENCH_TOKENS")) do tokens[#tokens + 1] = line end
local body = os.getenv("BENCH_BODY")
local index = 0
request = function()
  index = index % #tokens + 1
  return wrk.format("POST", "/graphql", {
    ["Content-Type"] = "application/json",
    ["Accept"] = "application/json",
    ["Authorization"] = "Bearer " .. tokens[index],
  }, body)
end
local bad = 0
response = function(status, headers, body)
  if status ~= 200 or string.find(body, '"errors"', 1, true) then bad = bad + 1 end
end
done = function(summary, latency, requests)
  io.write(string.format("BENCH requests=%d seconds=%.3f p50_us=%d p99_us=%d errors=%d socket_errors=%d\\n",
    summary.requests, summary.duration / 1e6, latency:percentile(50), latency:percentile(99),
    summary.errors.status + bad, summary.errors.connect + summary.errors.read + summary.errors.write
      + summary.errors.timeout))
end
"""


def log(message: str) -> None:
    print(f"==> {message}", file=sys.stderr, flush=True)


def http(url: str, body: dict, token: str) -> dict:
    request = urllib.request.Request(url, json.dumps(body).encode(), {
        "Content-Type": "application/json", "Accept": "application/json", "Authorization": f"Bearer {token}"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())


def graphql(url: str, query: str, variables: dict | None, token: str) -> dict:
    answer = http(url, {"query": query, "variables": variables or {}}, token)
    if answer.get("errors"):
        raise RuntimeError(f"GraphQL errors: {answer['errors']}")
    return answer["data"]


class Server:
    """`switchboard serve` with the benchmark's settings; logs at warning (a line per request would be measured)."""

    def __init__(self, binary: str, database_url: str, work: Path, name: str, args: list[str],
                 environment: dict[str, str] | None = None):
        self.work = work
        self.name = name
        env = {k: v for k, v in os.environ.items() if not k.startswith("SWITCHBOARD_") and k != "DATABASE_URL"}
        env.update(environment or {})
        env["SWITCHBOARD_MASTER_KEY_FILE"] = str(work / "master.key")
        env["SWITCHBOARD_ADMIN_TOKEN_FILE"] = str(work / "admin.token")
        command = [binary, "serve", "--port", "0", "--database-url", database_url, "--data-dir", str(work / "data"),
                   "--no-demo-tenant", "--log-level", "warning", *args]
        self.stdout = open(work / f"{name}.stdout", "wb")
        self.stderr = open(work / f"{name}.stderr", "wb")
        self.process = subprocess.Popen(command, stdout=self.stdout, stderr=self.stderr, stdin=subprocess.DEVNULL,
                                        env=env)
        deadline = time.monotonic() + 120
        self.url = ""
        while time.monotonic() < deadline and not self.url:
            if self.process.poll() is not None:
                raise RuntimeError(f"{name} exited: {(work / f'{name}.stderr').read_text()[-2000:]}")
            for line in (work / f"{name}.stdout").read_text().splitlines():
                if line.startswith("Switchboard is serving GraphQL at "):
                    self.url = line.split(" at ", 1)[1].strip()
            time.sleep(0.1)
        if not self.url:
            raise RuntimeError(f"{name} did not start")

    def stop(self) -> None:
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.stdout.close()
        self.stderr.close()


def seed(url: str, admin: str, tenants: int) -> list[str]:
    tokens = []
    for index in range(tenants):
        made = graphql(url, "mutation($n: String!) { createTenant(input: {name: $n}) { token } }",
                       {"n": f"Bench {index}"}, admin)["createTenant"]
        token = made["token"]
        connectors = []
        for provider, credentials in CONNECTORS:
            data = {"providerId": provider}
            if credentials:
                data["credentials"] = credentials
            connectors.append(graphql(url, "mutation($i: CreateConnectorInput!) { createConnector(input: $i) { id } }",
                                      {"i": data}, token)["createConnector"]["id"])
        for project_index in range(PROJECTS_PER_TENANT):
            project = graphql(url, "mutation($n: String!) { createProject(input: {name: $n}) { id } }",
                              {"n": f"Project {project_index}"}, token)["createProject"]["id"]
            for connector in connectors[project_index % 2::2]:
                graphql(url, "mutation($i: EnableProjectConnectorInput!) { enableProjectConnector(input: $i) { id } }",
                        {"i": {"projectId": project, "tenantConnectorId": connector}}, token)
        tokens.append(token)
    return tokens


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(") ", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if int((entry / "stat").read_text().rsplit(") ", 1)[1].split()[1]) == pid:
                    found.append(int(entry.name))
            except (FileNotFoundError, ProcessLookupError, IndexError):
                continue
    return found


def run_wrk(url: str, work: Path, settings: argparse.Namespace, processes: dict[str, int],
            seconds: int) -> dict:
    """One wrk run: requests, seconds, p50 and p99 (µs), and the CPU seconds each of `processes` (name: pid) spent."""
    env = dict(os.environ, BENCH_TOKENS=str(work / "tokens.txt"), BENCH_BODY=json.dumps({"query": QUERY}))
    command = ["wrk", "-t", str(settings.threads), "-c", str(settings.connections), "-d", f"{seconds}s",
               "--timeout", "10s", "-s", str(work / "bench.lua"), url]
    before = {name: cpu_seconds(pid) for name, pid in processes.items()}
    done = subprocess.run(command, env=env, check=True, capture_output=True, text=True)
    spent = {name: cpu_seconds(pid) - before[name] for name, pid in processes.items()}
    line = next(line for line in done.stdout.splitlines() if line.startswith("BENCH "))
    values = {key: float(value) for key, value in (pair.split("=") for pair in line.split()[1:])}
    if values["errors"] or values["socket_errors"]:
        raise RuntimeError(f"wrk saw failed requests: {line}")
    return {"requests": values["requests"], "seconds": values["seconds"], "p50_us": values["p50_us"],
            "p99_us": values["p99_us"], "cpu": spent}


def summary(runs: list[dict]) -> dict[str, float]:
    """Requests/s over all runs, the median of the runs' p50 and p99, CPU µs per request per process."""
    requests = sum(run["requests"] for run in runs)
    result = {"rps": requests / sum(run["seconds"] for run in runs),
              "p50_ms": statistics.median(run["p50_us"] for run in runs) / 1000,
              "p99_ms": statistics.median(run["p99_us"] for run in runs) / 1000}
    for name in runs[0]["cpu"]:
        result[f"cpu_us_{name}"] = sum(run["cpu"][name] for run in runs) * 1e6 / requests
    return result


# MARK: The SQL of one request, from PostgreSQL's log (log_statement = all for one database session only)

STATEMENT = re.compile(r"LOG:\s+(?:execute [^:]*|statement):\s(.*)", re.DOTALL)
PARAMETERS = re.compile(r"DETAIL:\s+[Pp]arameters: (.*)")
LOG_LINE = re.compile(r"\d{4}-\d\d-\d\d \d\d:")
PARAMETER = re.compile(r"\$(\d+) = (NULL|'(?:[^']|'')*')")


def capture_statements(pg_log: Path, start_offset: int) -> list[str]:
    """The statements logged after `start_offset`, with their parameters written in as literals."""
    text = pg_log.read_bytes()[start_offset:].decode(errors="replace")
    (pg_log.parent.parent / "captured.log").write_text(text)
    # A line that does not start with the log line prefix's time (log_line_prefix '%m [%p] ') continues the one
    # before it: the rest of a multi-line statement.
    lines: list[str] = []
    for raw in text.splitlines():
        if not LOG_LINE.match(raw) and lines:
            lines[-1] += "\n" + raw
        else:
            lines.append(raw)
    statements: list[str] = []
    for line in lines:
        if match := STATEMENT.search(line):
            statements.append(match.group(1))
        elif (match := PARAMETERS.search(line)) and statements:
            values = {int(n): v for n, v in PARAMETER.findall(match.group(1))}
            sql = statements[-1]
            for number in sorted(values, reverse=True):
                sql = sql.replace(f"${number}", values[number])
            statements[-1] = sql
    return statements


def pgbench_script(statements: list[str]) -> str:
    lines = []
    for sql in statements:
        flat = " ".join(sql.split())
        lines.append(flat.rstrip(";") + ";")
    return "\n".join(lines) + "\n"


def run_pgbench(pgbench: str, database_url: str, script: Path, work: Path, settings: argparse.Namespace,
                clients: int) -> dict[str, float]:
    logs = work / "pgbench-logs"
    logs.mkdir(exist_ok=True)
    for old in logs.glob("*"):
        old.unlink()
    base = [pgbench, "-n", "-M", "extended", "-f", str(script), "-c", str(clients), "-j", str(settings.threads),
            database_url]
    warm = subprocess.run(base[:1] + ["-T", "3"] + base[1:], capture_output=True, text=True)
    if warm.returncode != 0:
        raise RuntimeError(f"pgbench failed:\n{warm.stderr[-3000:]}\nscript:\n{script.read_text()}")
    seconds = settings.duration * settings.rounds
    done = subprocess.run(base[:1] + ["-T", str(seconds), "--log", "--log-prefix", str(logs / "tx")]
                          + base[1:], check=True, capture_output=True, text=True)
    tps = float(re.search(r"tps = ([0-9.]+)", done.stdout).group(1))
    latencies = sorted(int(line.split()[2]) for path in logs.glob("tx*") for line in path.read_text().splitlines())
    quantile = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))] / 1000  # noqa: E731
    return {"rps": tps, "p50_ms": quantile(0.50), "p99_ms": quantile(0.99)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--pg-log", required=True, type=Path)
    parser.add_argument("--psql", required=True)
    parser.add_argument("--pgbench", required=True)
    parser.add_argument("--work", required=True, type=Path)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--tenants", type=int, default=16)
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--threads", type=int, default=1)
    settings = parser.parse_args()
    work = settings.work
    (work / "master.key").write_text(base64.b64encode(secrets.token_bytes(32)).decode() + "\n")
    (work / "admin.token").write_text("sba_" + secrets.token_urlsafe(32) + "\n")
    for name in ("master.key", "admin.token"):
        (work / name).chmod(0o600)
    admin = (work / "admin.token").read_text().strip()
    (work / "bench.lua").write_text(WRK_SCRIPT)

    results: dict[str, dict[str, float]] = {}
    no_limits = ["--rate-limit", "0", "--max-in-flight", "4096"]
    log(f"(a) router + {settings.workers} workers: seeding {settings.tenants} tenants")
    router = Server(settings.binary, settings.database_url, work, "router",
                    ["--workers", str(settings.workers), *no_limits])
    direct = None
    try:
        tokens = seed(router.url, admin, settings.tenants)
        (work / "tokens.txt").write_text("\n".join(tokens) + "\n")
        answer = http(router.url, {"query": QUERY}, tokens[0])
        assert "errors" not in answer and answer["data"]["viewer"]["connectors"], answer
        log("(b) one process (the worker's executor, no router hop), on the same database")
        direct = Server(settings.binary, settings.database_url, work, "direct", [])
        workers = sorted(children(router.process.pid))
        assert len(workers) == settings.workers, workers
        paths = {
            "router": (router.url, {"router": router.process.pid,
                                    **{f"worker{i + 1}": pid for i, pid in enumerate(workers)}}),
            "direct": (direct.url, {"server": direct.process.pid}),
        }
        # Warm-up (caches, connections, the workers' keys), then (a) and (b) in turn, round after round, so that
        # the machine's other load falls on both alike.
        for url, processes in paths.values():
            run_wrk(url, work, settings, processes, 3)
        runs: dict[str, list[dict]] = {name: [] for name in paths}
        for round_number in range(settings.rounds):
            for name, (url, processes) in paths.items():
                run = run_wrk(url, work, settings, processes, settings.duration)
                log(f"round {round_number + 1} {name}: {run['requests'] / run['seconds']:.0f} requests/s")
                runs[name].append(run)
        for name in paths:
            results[name] = summary(runs[name])
    finally:
        router.stop()
        if direct:
            direct.stop()

    log("(c) capturing the statements of one request, then pgbench")
    subprocess.run([settings.psql, "-q", "-X", settings.database_url, "-c",
                    "ALTER DATABASE switchboard SET log_statement = 'all'"], check=True)
    capture = Server(settings.binary, settings.database_url, work, "capture", [],
                     environment={"SWITCHBOARD_EXPOSE_SQL_STATEMENTS": "1"})
    try:
        request = urllib.request.Request(capture.url, json.dumps({"query": QUERY}).encode(), {
            "Content-Type": "application/json", "Authorization": f"Bearer {tokens[0]}"})
        urllib.request.urlopen(request, timeout=30).read()  # the token check's own statements, cached after
        time.sleep(0.5)
        offset = settings.pg_log.stat().st_size
        with urllib.request.urlopen(request, timeout=30) as response:
            counted = int(response.headers["X-SQL-Statements"])
        time.sleep(0.5)
        statements = capture_statements(settings.pg_log, offset)
    finally:
        capture.stop()
        subprocess.run([settings.psql, "-q", "-X", settings.database_url, "-c",
                        "ALTER DATABASE switchboard RESET log_statement"], check=True)
    script = work / "request.sql"
    script.write_text(pgbench_script(statements))
    log(f"{len(statements)} statements logged ({counted} counted by the server): {script}")
    # As many sessions as the server's pool has connections (PostgresConfiguration.poolSize): what it can use.
    results["pgbench"] = run_pgbench(settings.pgbench, settings.database_url, script, work, settings, clients=10)

    ratio = results["router"]["rps"] / results["direct"]["rps"]
    print(f"| path | requests/s | p50 | p99 |")
    print(f"|---|---:|---:|---:|")
    names = {"router": f"(a) router + {settings.workers} workers", "direct": "(b) one process, no router hop",
             "pgbench": f"(c) pgbench, the request's {len(statements)} statements"}
    for key, name in names.items():
        r = results[key]
        print(f"| {name} | {r['rps']:.0f} | {r['p50_ms']:.2f} ms | {r['p99_ms']:.2f} ms |")
    print()
    cpu = lambda r: ", ".join(f"{k[7:]} {v:.0f} µs" for k, v in r.items() if k.startswith("cpu_us_"))  # noqa: E731
    print(f"CPU time per request: (a) {cpu(results['router'])}; (b) {cpu(results['direct'])}")
    print(f"router/direct throughput: {ratio:.3f} ({(1 - ratio) * 100:+.1f}% cost of the router hop)")
    print(f"statements per request: {counted}; wrk -t{settings.threads} -c{settings.connections} "
          f"-d{settings.duration}s --timeout 10s, {settings.rounds} rounds of (a) then (b); "
          f"{settings.tenants} tenants; "
          f"pgbench -c 10 -j {settings.threads} -T {settings.duration * settings.rounds} -M extended")


if __name__ == "__main__":
    main()
