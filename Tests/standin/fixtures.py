"""pytest fixtures of the stand-in, shared by Tests/integration and Tests/integration_cluster (their conftest.py
imports them): one stand-in per session, and a provider configuration pointing catalog providers at it."""

from __future__ import annotations

from pathlib import Path

import pytest

from standin import config, server

# The providers the shared configuration points at the stand-in: OAuth (github, slack), API keys in a header
# (openai, anthropic, groq, stripe), in the URL's path (telegram), with basic authentication (twilio).
STANDIN_PROVIDERS = ("github", "slack", "openai", "anthropic", "groq", "stripe", "telegram", "twilio")
# The platform's own apps and keys (HYBRID providers only).
PLATFORM_APPS = {
    "openai": {"apiKey": "sk-platform-openai-abcdefghijklmnopqrstuvwxyz"},
    "github": {"clientId": "Iv1.platform-github", "clientSecret": "platform-github-secret-0123456789"},
}
# Short, so that a test of a slow provider is quick; long enough for a debug build on a busy machine.
VERIFICATION_TIMEOUT_SECONDS = 4


@pytest.fixture(scope="session")
def standin() -> server.StandIn:
    """The stand-in, with every handler module there is (verify, oauth, webhooks) registered."""
    server.load_handler_modules()
    instance = server.StandIn().start()
    yield instance
    instance.stop()


@pytest.fixture(scope="session")
def provider_config(standin: server.StandIn, tmp_path_factory) -> Path:
    """A provider configuration file: STANDIN_PROVIDERS at the stand-in, PLATFORM_APPS, a short timeout."""
    path = tmp_path_factory.mktemp("provider-config") / "providers.json"
    return config.write_provider_config(
        path, standin.base_url, STANDIN_PROVIDERS, platform_apps=PLATFORM_APPS,
        verificationTimeoutSeconds=VERIFICATION_TIMEOUT_SECONDS,
        oauthRedirectUrl="http://127.0.0.1:9/oauth/callback", allowedReturnOrigins=["http://127.0.0.1:9"])
