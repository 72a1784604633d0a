"""pytest configuration of the cluster's integration tests: `switchboard serve --workers N` as a real router with real
worker processes, on real databases. The helpers of the single-process integration tests (Tests/integration/support.py)
start and drive the server; cluster.py adds what is particular to a cluster."""

from __future__ import annotations

import secrets
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "integration"))
sys.path.insert(0, str(HERE.parent))

import support  # noqa: E402
from standin.fixtures import provider_config, standin  # noqa: E402,F401  (fixtures)


@pytest.fixture(scope="session")
def base_url() -> str:
    return support.base_database_url()


@pytest.fixture
def make_cluster(base_url: str, tmp_path_factory):
    """`make_cluster(workers, args=...)`: a started router with `workers` workers on a new database of its own; killed (with
    its workers) and its database dropped when the test ends. `like=server`: another router on `server`'s database, with
    its master key and admin token (several routers over one PostgreSQL). `workers=None`: a server without workers."""
    support.require_binary()
    made: list[tuple[support.Server, str | None]] = []

    def make(workers: int | None = 2, *, name: str = "cluster", start: bool = True,
             args: tuple[str, ...] = (), like: support.Server | None = None) -> support.Server:
        workdir = tmp_path_factory.mktemp(name)
        worker_args = ("--workers", str(workers)) if workers is not None else ()
        if like is not None:
            server = support.Server(workdir, like.database_url, admin_token=like.admin_token,
                                    master_key_file=like.master_key_file, args=(*worker_args, *args))
            made.append((server, None))
        else:
            database = support.create_database(base_url)
            key_file = workdir / "master.key"
            support.write_master_key(key_file)
            server = support.Server(workdir, database, admin_token="sba_" + secrets.token_urlsafe(32),
                                    master_key_file=key_file, args=(*worker_args, *args))
            made.append((server, database))
        return server.start() if start else server

    yield make
    import cluster  # noqa: E402

    for server, _ in reversed(made):
        cluster.kill_everything(server)
    for _, database in made:
        if database is not None:
            support.drop_database(database, base_url)
