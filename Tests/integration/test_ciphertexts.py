"""Sealed credentials under attack and under rotation, through the real server and rows edited with psql.

No query returns a credential in clear: responses show the masks stored at write time. What opens sealed values in
the server is the admin's `rotateTenantKey`, which opens every credential and override of the tenant with its old
key and seals it again with a new one, in one transaction. So a rotation that succeeds proves the server can open
everything the tenant has; a value that was altered or moved makes it fail with a clean INTERNAL_SERVER_ERROR that
changes nothing, and the server goes on serving.
"""

from __future__ import annotations

import pytest

from support import Server, Tenant, http, psql, psql_value

OPENAI_KEY = "sk-proj-sealedsealedsealed1234"
ANTHROPIC_KEY = "sk-ant-overrideoverrideoverride5678"
ROTATE = "mutation($id: ID!) { rotateTenantKey(id: $id) { keyVersion resealedCredentials } }"
MASKS = "{ connectors { id credentials { field maskedValue } } }"


def make_tenant(server: Server, name: str) -> tuple[Tenant, str]:
    tenant = server.create_tenant(name)
    connector = server.data(
        f'mutation {{ createConnector(input: {{providerId: "openai", credentials: {{apiKey: "{OPENAI_KEY}", '
        f'organization: "org-sealed"}}}}) {{ id }} }}', token=tenant.token)["createConnector"]["id"]
    server.data(f'mutation {{ setCredentialOverride(input: {{providerId: "anthropic", override: {{apiKey: '
                f'"{ANTHROPIC_KEY}"}}}}) {{ source }} }}', token=tenant.token)
    return tenant, connector


def sealed_rows(server: Server, tenant: Tenant) -> list[list[str]]:
    """Every sealed value of the tenant, as (table, owner, field, hex, key version, mask)."""
    return psql(server.database_url, """
        SELECT 'c', connector_id, field, encode(sealed, 'hex'), key_version, masked FROM connector_credentials
        WHERE tenant_id = :'t'
        UNION ALL
        SELECT 'o', provider_id, field, encode(sealed, 'hex'), key_version, masked FROM credential_overrides
        WHERE tenant_id = :'t'
        ORDER BY 1, 2, 3""", t=tenant.id)


def key_state(server: Server, tenant: Tenant) -> list[list[str]]:
    return psql(server.database_url, """
        SELECT t.key_version, k.version, encode(k.wrapped_key, 'hex') FROM tenants t
        JOIN tenant_keys k ON k.tenant_id = t.id WHERE t.id = :'t' ORDER BY k.version""", t=tenant.id)


def set_sealed(server: Server, tenant: Tenant, field: str, hex_value: str) -> None:
    psql(server.database_url, """UPDATE connector_credentials SET sealed = decode(:'v', 'hex')
                                 WHERE tenant_id = :'t' AND field = :'f'""", t=tenant.id, f=field, v=hex_value)


def assert_clean_failure(server: Server, tenant: Tenant) -> None:
    """rotateTenantKey fails with nothing but a generic error, and the server keeps serving."""
    response = server.post(ROTATE, {"id": tenant.id}, token=server.admin_token)
    assert response.status == 200
    assert response.json == {"errors": [{
        "message": "Internal server error.", "locations": [{"line": 1, "column": 22}], "path": ["rotateTenantKey"],
        "extensions": {"code": "INTERNAL_SERVER_ERROR"}}], "data": None}
    assert http(server.base + "/healthz").status == 200
    # Reads do not open sealed values: the tenant still sees its masks.
    masks = [c["maskedValue"] for connector in server.data(MASKS, token=tenant.token)["connectors"]
             for c in connector["credentials"]]
    assert "sk-…1234" in masks


@pytest.fixture
def victim(server: Server) -> tuple[Tenant, str]:
    return make_tenant(server, "Victim")


def test_tenant_key_rotation_reseals_every_value_and_keeps_the_masks(server: Server, victim):
    tenant, _ = victim
    masks = server.data(MASKS, token=tenant.token)
    before = sealed_rows(server, tenant)
    assert [row[4] for row in before] == ["1", "1", "1"]
    first = server.data(ROTATE, {"id": tenant.id}, token=server.admin_token)["rotateTenantKey"]
    assert first == {"keyVersion": 2, "resealedCredentials": 3}
    after = sealed_rows(server, tenant)
    # The same fields and masks, new ciphertexts under key version 2; the old key is gone.
    assert [row[:3] + row[5:] for row in after] == [row[:3] + row[5:] for row in before]
    assert all(new[3] != old[3] for new, old in zip(after, before))
    assert [row[4] for row in after] == ["2", "2", "2"]
    assert [row[:2] for row in key_state(server, tenant)] == [["2", "2"]]
    assert server.data(MASKS, token=tenant.token) == masks
    # The new ciphertexts open in the server: a second rotation opens them all again.
    second = server.data(ROTATE, {"id": tenant.id}, token=server.admin_token)["rotateTenantKey"]
    assert second == {"keyVersion": 3, "resealedCredentials": 3}
    assert server.data(MASKS, token=tenant.token) == masks
    # Credentials written after a rotation are sealed with the current key.
    server.data(f'mutation {{ setCredentialOverride(input: {{providerId: "openai", override: {{apiKey: '
                f'"{OPENAI_KEY}"}}}}) {{ source }} }}', token=tenant.token)
    assert {row[4] for row in sealed_rows(server, tenant)} == {"3"}
    assert server.data(ROTATE, {"id": tenant.id}, token=server.admin_token)["rotateTenantKey"] == {
        "keyVersion": 4, "resealedCredentials": 4}
    # The tenant's token is untouched by all this.
    assert server.data("{ viewer { id } }", token=tenant.token) == {"viewer": {"id": tenant.id}}


@pytest.mark.parametrize("position", ["first", "key version", "nonce", "middle", "last"])
def test_a_flipped_byte_is_refused_cleanly_and_changes_nothing(server: Server, victim, position):
    tenant, _ = victim
    rows = sealed_rows(server, tenant)
    keys = key_state(server, tenant)
    original = next(row[3] for row in rows if row[2] == "apiKey")
    length = len(original) // 2
    index = {"first": 0, "key version": 3, "nonce": 8, "middle": length // 2, "last": length - 1}[position]
    tampered = bytearray(bytes.fromhex(original))
    tampered[index] ^= 0x01
    set_sealed(server, tenant, "apiKey", tampered.hex())

    assert_clean_failure(server, tenant)
    # The failed rotation was rolled back: the same key version and keys, no value resealed.
    assert key_state(server, tenant) == keys
    assert [row for row in sealed_rows(server, tenant) if row[2] != "apiKey"] == \
        [row for row in rows if row[2] != "apiKey"]
    # Restored, the value opens again.
    set_sealed(server, tenant, "apiKey", original)
    assert server.data(ROTATE, {"id": tenant.id}, token=server.admin_token)["rotateTenantKey"] == {
        "keyVersion": 2, "resealedCredentials": 3}


def test_truncated_and_empty_ciphertexts_are_refused_cleanly(server: Server, victim):
    tenant, _ = victim
    original = next(row[3] for row in sealed_rows(server, tenant) if row[2] == "apiKey")
    for broken in ["", "01", original[: len(original) // 4 * 2], original + "00"]:
        set_sealed(server, tenant, "apiKey", broken)
        assert_clean_failure(server, tenant)
    set_sealed(server, tenant, "apiKey", original)
    assert server.data(ROTATE, {"id": tenant.id}, token=server.admin_token)["rotateTenantKey"]["keyVersion"] == 2


def test_a_ciphertext_moved_to_another_tenant_does_not_open(server: Server, victim):
    tenant, _ = victim
    other, _ = make_tenant(server, "Other")
    theirs = next(row[3] for row in sealed_rows(server, other) if row[2] == "apiKey")
    mine = next(row[3] for row in sealed_rows(server, tenant) if row[2] == "apiKey")
    # Both tenants' keys are at version 1: only the associated data (the tenant) tells the values apart.
    set_sealed(server, tenant, "apiKey", theirs)
    assert_clean_failure(server, tenant)
    # The other tenant is unaffected.
    assert server.data(ROTATE, {"id": other.id}, token=server.admin_token)["rotateTenantKey"]["keyVersion"] == 2
    set_sealed(server, tenant, "apiKey", mine)
    assert server.data(ROTATE, {"id": tenant.id}, token=server.admin_token)["rotateTenantKey"]["keyVersion"] == 2


def test_a_ciphertext_moved_within_the_tenant_does_not_open(server: Server, victim):
    tenant, connector = victim
    rows = sealed_rows(server, tenant)
    api_key = next(row[3] for row in rows if row[0] == "c" and row[2] == "apiKey")
    organization = next(row[3] for row in rows if row[0] == "c" and row[2] == "organization")
    override = next(row[3] for row in rows if row[0] == "o")

    # To another field of the same connector.
    set_sealed(server, tenant, "organization", api_key)
    assert_clean_failure(server, tenant)
    set_sealed(server, tenant, "organization", organization)

    # From the override of a provider to the connector's field of the same name.
    set_sealed(server, tenant, "apiKey", override)
    assert_clean_failure(server, tenant)
    set_sealed(server, tenant, "apiKey", api_key)

    # To another connector of the tenant, same field.
    second = server.data('mutation { createConnector(input: {providerId: "anthropic", credentials: '
                         f'{{apiKey: "{ANTHROPIC_KEY}"}}}}) {{ id }} }}', token=tenant.token)["createConnector"]["id"]
    second_key = psql_value(server.database_url, """SELECT encode(sealed, 'hex') FROM connector_credentials
                            WHERE tenant_id = :'t' AND connector_id = :'c'""", t=tenant.id, c=second)
    psql(server.database_url, """UPDATE connector_credentials SET sealed = decode(:'v', 'hex')
                                 WHERE tenant_id = :'t' AND connector_id = :'c'""", t=tenant.id, c=second, v=api_key)
    assert_clean_failure(server, tenant)
    psql(server.database_url, """UPDATE connector_credentials SET sealed = decode(:'v', 'hex')
                                 WHERE tenant_id = :'t' AND connector_id = :'c'""", t=tenant.id, c=second,
         v=second_key)
    assert server.data(ROTATE, {"id": tenant.id}, token=server.admin_token)["rotateTenantKey"] == {
        "keyVersion": 2, "resealedCredentials": 4}
    assert connector


def test_failures_are_logged_with_their_request_and_no_secret(server: Server, victim):
    tenant, _ = victim
    original = next(row[3] for row in sealed_rows(server, tenant) if row[2] == "apiKey")
    set_sealed(server, tenant, "apiKey", original[:-2] + ("00" if original[-2:] != "00" else "01"))
    response = server.post(ROTATE, {"id": tenant.id}, token=server.admin_token,
                           headers={"X-Request-Id": "tamper-check-1"})
    assert response.json["errors"][0]["extensions"]["code"] == "INTERNAL_SERVER_ERROR"
    set_sealed(server, tenant, "apiKey", original)
    lines = [line for line in server.all_logs().splitlines() if "request.id=tamper-check-1" in line]
    assert any("Internal error" in line and "error=authentication failed" in line for line in lines), lines
    logs = server.all_logs()
    for secret in [OPENAI_KEY, ANTHROPIC_KEY, tenant.token, server.admin_token]:
        assert secret not in logs
