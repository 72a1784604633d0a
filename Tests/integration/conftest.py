"""pytest configuration of the integration tests: real servers on real databases (see support.py)."""

from __future__ import annotations

import secrets
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import support  # noqa: E402
from standin.fixtures import provider_config, standin  # noqa: E402,F401  (fixtures)


@pytest.fixture(scope="session")
def base_url() -> str:
    """The test cluster's database URL; fails every test that needs it when there is none."""
    return support.base_database_url()


@pytest.fixture(scope="session")
def make_server(base_url: str, tmp_path_factory):
    """`make_server(name, **options)`: a started server on a new database of its own, with an admin token and a
    master key file; stopped (and its database dropped) at the end of the session."""
    support.require_binary()
    servers: list[tuple[support.Server, str]] = []

    def make(name: str, *, start: bool = True, **options) -> support.Server:
        workdir = tmp_path_factory.mktemp(name)
        database = support.create_database(base_url)
        key_file = workdir / "master.key"
        support.write_master_key(key_file)
        server = support.Server(workdir, database, admin_token="sba_" + secrets.token_urlsafe(32),
                                master_key_file=key_file, **options)
        servers.append((server, database))
        return server.start() if start else server

    yield make
    for server, database in servers:
        server.kill()
        support.drop_database(database, base_url)


@pytest.fixture(scope="session")
def server(make_server, provider_config) -> support.Server:
    """The server most tests share (tests make tenants of their own, so they do not see each other's rows); its
    providers of `standin.fixtures.STANDIN_PROVIDERS` call the stand-in, and the platform has apps for github and
    openai."""
    return make_server("shared", args=("--provider-config", str(provider_config)))


@pytest.fixture
def tenant(server: support.Server) -> support.Tenant:
    """A new tenant of the shared server."""
    return server.create_tenant("Tenant " + secrets.token_hex(3))
