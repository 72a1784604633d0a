"""Provider configuration files (`serve --provider-config FILE`) that point chosen catalog providers at the stand-in.

Each provider's catalog URLs (OAuth authorize and token, verification, API base) keep their paths and move to
`<stand-in>/p/<provider id>`: `https://api.openai.com/v1/models` → `http://127.0.0.1:PORT/p/openai/v1/models`. URLs
that begin with a placeholder (a tenant's own server, such as `{host}/_ping`) are left alone: the tenant's values
point those at the stand-in.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Iterable, Optional

from standin.verify import catalog_provider


def rebase(url: str, base: str) -> str:
    """`url` with its scheme and host replaced by `base` (which may have a path of its own)."""
    rest = url.split("://", 1)[1]
    index = min([i for i in (rest.find("/"), rest.find("?")) if i >= 0], default=len(rest))
    return base.rstrip("/") + rest[index:]


def endpoints(provider_id: str, standin_base: str) -> dict[str, str]:
    """The endpoint overrides that move a provider to the stand-in."""
    provider = catalog_provider(provider_id)
    base = f"{standin_base.rstrip('/')}/p/{provider_id}"
    found: dict[str, str] = {}
    oauth = provider.get("oauth")
    if oauth:
        found["authorizeUrl"] = rebase(oauth["authorizeUrl"], base)
        found["tokenUrl"] = rebase(oauth["tokenUrl"], base)
    verification = provider.get("verification")
    if verification and verification.get("kind", "HTTP") == "HTTP" and not verification["url"].startswith("{"):
        found["verificationUrl"] = rebase(verification["url"], base)
    api = provider.get("apiBaseUrl")
    if api and not api.startswith("{"):
        found["apiBaseUrl"] = rebase(api, base)
    return found


def provider_config(standin_base: str, providers: Iterable[str], *,
                    platform_apps: Optional[dict[str, dict[str, str]]] = None, **settings) -> dict:
    """A configuration: `providers` pointed at the stand-in, `platform_apps` as the platform's own credentials,
    and top-level `settings` (oauthRedirectUrl, allowedReturnOrigins, verificationTimeoutSeconds)."""
    entries: dict[str, dict] = {}
    for provider_id in providers:
        entries.setdefault(provider_id, {})["endpoints"] = endpoints(provider_id, standin_base)
    for provider_id, app in (platform_apps or {}).items():
        entries.setdefault(provider_id, {})["platformApp"] = dict(app)
    return {**settings, "providers": entries}


def write_provider_config(path: Path, standin_base: str, providers: Iterable[str], **options) -> Path:
    """Writes `provider_config(…)` to `path` with mode 0600 (it holds the platform's secrets)."""
    path = Path(path)
    path.write_text(json.dumps(provider_config(standin_base, providers, **options), indent=2))
    os.chmod(path, 0o600)
    return path
