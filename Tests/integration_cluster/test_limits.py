"""Limits at the router: a tenant over its rate is answered 429 with Retry-After, other tenants are not."""

from __future__ import annotations

import support


def test_a_tenant_over_its_rate_gets_429_with_retry_after_and_other_tenants_do_not(make_cluster):
    # 1 request per 4 seconds, a burst of 3: the fourth request in a row is refused for about 4 seconds.
    server = make_cluster(2, args=("--rate-limit", "0.25", "--rate-burst", "3"))
    tenant = server.create_tenant("Busy")
    other = server.create_tenant("Quiet")
    for _ in range(3):
        assert server.data("{ viewer { id } }", token=tenant.token)["viewer"]["id"] == tenant.id
    response = server.post("{ viewer { id } }", token=tenant.token)
    assert response.status == 429, (response.status, response.body)
    assert 1 <= int(response.headers["retry-after"]) <= 4
    assert response.json == {"errors": [{"message": "Rate limit exceeded", "extensions": {"code": "RATE_LIMITED"}}]}
    assert server.data("{ viewer { id } }", token=other.token)["viewer"]["id"] == other.id
    # The admin's requests run in the router and are not counted against any tenant.
    admin = server.post("{ tenants { id } }", token=server.admin_token)
    assert admin.status == 200, admin.body
