"""A provider stand-in for tests: a real HTTP server on loopback that plays the providers' endpoints.

Python 3 standard library only. Start it in a thread (`StandIn().start()`, or as a context manager) or as a
process (`python3 Tests/standin/server.py`, which prints `STANDIN <base URL>` and serves until killed).

- Provider endpoints live under `/p/<provider id>/…`: the provider configuration written by `config.py` points
  each chosen catalog provider's URLs there, keeping their paths (`https://api.openai.com/v1/models` →
  `<base>/p/openai/v1/models`).
- Handlers come from modules that register them here (`register`, or the `route` decorator): `verify.py`
  (verification endpoints), `oauth.py` (authorize and token endpoints), `webhooks.py` (a sender of signed
  deliveries). A handler returns a `Response`, or None to let the next matching route answer.
- Every request is counted by path and recorded (`calls`, `requests_to`); `/_standin/calls` serves them.
- Endpoints fail on demand: `behave(path_prefix, status=…, delay=…, times=…)` (or `POST /_standin/behave` with
  the same keys as JSON) answers with `status`, after sleeping `delay` seconds, for the next `times` requests (all,
  when `times` is None). `reset()` (`POST /_standin/reset`) forgets calls and behaviours.
"""

from __future__ import annotations

import json
import re
import sys
import threading
import time
import urllib.parse
from collections import Counter
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable, Optional

# The largest request body the stand-in reads.
MAX_BODY = 4 << 20
# How many requests it keeps for inspection.
MAX_RECORDED = 2000


@dataclass
class Request:
    method: str
    path: str
    raw_query: str
    headers: dict[str, str]  # names lowercase
    body: bytes

    @property
    def query(self) -> dict[str, list[str]]:
        return urllib.parse.parse_qs(self.raw_query, keep_blank_values=True)

    def header(self, name: str) -> Optional[str]:
        return self.headers.get(name.lower())

    def json(self):
        return json.loads(self.body or b"null")

    def form(self) -> dict[str, str]:
        return {k: v[0] for k, v in urllib.parse.parse_qs(self.body.decode(), keep_blank_values=True).items()}

    def as_dict(self) -> dict:
        return {"method": self.method, "path": self.path, "query": self.raw_query, "headers": self.headers,
                "body": self.body.decode("utf-8", "replace")}


@dataclass
class Response:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)

    @staticmethod
    def json(status: int, value) -> "Response":
        return Response(status, json.dumps(value).encode(), {"Content-Type": "application/json"})

    @staticmethod
    def redirect(location: str, status: int = 302) -> "Response":
        return Response(status, b"", {"Location": location})


Handler = Callable[[Request, "StandIn"], Optional[Response]]

# (method or "*", compiled path pattern, handler), tried in order of registration.
_ROUTES: list[tuple[str, re.Pattern, Handler]] = []


def register(method: str, pattern: str, handler: Handler) -> None:
    """Adds a route: `pattern` is a regular expression the whole path must match; `method` "*" matches any."""
    _ROUTES.append((method.upper(), re.compile(pattern), handler))


def route(method: str, pattern: str):
    def decorate(handler: Handler) -> Handler:
        register(method, pattern, handler)
        return handler
    return decorate


@dataclass
class Behaviour:
    prefix: str
    status: Optional[int]
    delay: float
    remaining: Optional[int]
    body: Optional[bytes]
    headers: dict[str, str]


class StandIn:
    def __init__(self, host: str = "127.0.0.1", port: int = 0):
        self.lock = threading.Lock()
        self.calls: Counter[str] = Counter()
        self.recorded: list[Request] = []
        self.behaviours: list[Behaviour] = []
        # Shared state of the handler modules (accepted credentials, issued codes and tokens…), under `lock`.
        self.state: dict = {}
        self._server = ThreadingHTTPServer((host, port), _make_handler(self))
        self._server.daemon_threads = True
        self._thread: Optional[threading.Thread] = None

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def provider_url(self, provider_id: str) -> str:
        """Where a provider's endpoints are: `<base>/p/<id>`."""
        return f"{self.base_url}/p/{provider_id}"

    def start(self) -> "StandIn":
        self._thread = threading.Thread(target=self._server.serve_forever, name="standin", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> "StandIn":
        return self.start()

    def __exit__(self, *_) -> None:
        self.stop()

    # MARK: Inspection and behaviour

    def count(self, path: str) -> int:
        with self.lock:
            return self.calls[path]

    def count_prefix(self, prefix: str) -> int:
        with self.lock:
            return sum(n for path, n in self.calls.items() if path.startswith(prefix))

    def requests_to(self, path: str) -> list[Request]:
        with self.lock:
            return [r for r in self.recorded if r.path == path]

    def reset(self) -> None:
        with self.lock:
            self.calls.clear()
            self.recorded.clear()
            self.behaviours.clear()

    def behave(self, prefix: str, status: Optional[int] = None, delay: float = 0.0, times: Optional[int] = None,
               body: Optional[bytes | str | dict] = None, headers: Optional[dict[str, str]] = None) -> None:
        """Makes requests to paths beginning with `prefix` sleep `delay` seconds, then (if `status` is given) answer
        `status` with `body` instead of their handler; for the next `times` requests, or all of them."""
        if isinstance(body, dict):
            body = json.dumps(body)
        if isinstance(body, str):
            body = body.encode()
        with self.lock:
            self.behaviours.append(Behaviour(prefix, status, float(delay), times, body, dict(headers or {})))

    def _behaviour_for(self, path: str) -> Optional[Behaviour]:
        with self.lock:
            for behaviour in self.behaviours:
                if path.startswith(behaviour.prefix) and behaviour.remaining != 0:
                    if behaviour.remaining is not None:
                        behaviour.remaining -= 1
                    return behaviour
        return None

    def _record(self, request: Request) -> None:
        with self.lock:
            self.calls[request.path] += 1
            self.recorded.append(request)
            del self.recorded[:-MAX_RECORDED]

    # MARK: Serving

    def handle(self, request: Request) -> Response:
        if request.path.startswith("/_standin/"):
            return self._control(request)
        self._record(request)
        behaviour = self._behaviour_for(request.path)
        if behaviour is not None:
            if behaviour.delay:
                time.sleep(behaviour.delay)
            if behaviour.status is not None:
                body = behaviour.body if behaviour.body is not None else json.dumps(
                    {"error": "standin_failure", "status": behaviour.status}).encode()
                return Response(behaviour.status, body, {"Content-Type": "application/json", **behaviour.headers})
        for method, pattern, handler in list(_ROUTES):
            if method not in ("*", request.method) or not pattern.fullmatch(request.path):
                continue
            response = handler(request, self)
            if response is not None:
                return response
        return Response.json(404, {"error": "not_found", "path": request.path})

    def _control(self, request: Request) -> Response:
        if request.path == "/_standin/calls":
            with self.lock:
                return Response.json(200, {"counts": dict(self.calls),
                                           "requests": [r.as_dict() for r in self.recorded]})
        if request.path == "/_standin/reset" and request.method == "POST":
            self.reset()
            return Response.json(200, {"reset": True})
        if request.path == "/_standin/behave" and request.method == "POST":
            spec = request.json() or {}
            self.behave(spec["path"], status=spec.get("status"), delay=spec.get("delay", 0.0),
                        times=spec.get("times"), body=spec.get("body"), headers=spec.get("headers"))
            return Response.json(200, {"behave": spec["path"]})
        return Response.json(404, {"error": "no such control endpoint"})


def _make_handler(standin: StandIn):
    class RequestHandler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *_):  # quiet: tests read the recorded requests instead
            pass

        def _serve(self):
            parts = urllib.parse.urlsplit(self.path)
            length = int(self.headers.get("Content-Length") or 0)
            if length > MAX_BODY:
                self._send(Response.json(413, {"error": "too large"}))
                return
            body = self.rfile.read(length) if length else b""
            request = Request(self.command, parts.path, parts.query,
                              {name.lower(): value for name, value in self.headers.items()}, body)
            try:
                response = standin.handle(request)
            except Exception as error:  # a handler's bug must show in the test, not hang it
                response = Response.json(500, {"error": "standin handler failed", "detail": repr(error)})
            self._send(response)

        def _send(self, response: Response):
            try:
                self.send_response(response.status)
                for name, value in response.headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(response.body)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(response.body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (a timeout under test)

        do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = _serve

    return RequestHandler


def load_handler_modules() -> list[str]:
    """Imports the handler modules next to this file that exist (verify, oauth, webhooks)."""
    import importlib
    from pathlib import Path

    here = Path(__file__).resolve().parent
    if str(here.parent) not in sys.path:
        sys.path.insert(0, str(here.parent))
    loaded = []
    for name in ("verify", "oauth", "webhooks"):
        if (here / f"{name}.py").exists():
            importlib.import_module(f"standin.{name}")
            loaded.append(name)
    return loaded


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--exit-with-stdin", action="store_true",
                        help="exit when standard input closes (the parent process that started it is gone)")
    arguments = parser.parse_args()
    load_handler_modules()
    # Run as a script, this module is __main__: the handler modules registered on `standin.server`'s routes.
    from standin import server as package_server

    instance = package_server.StandIn(port=arguments.port).start()
    print(f"STANDIN {instance.base_url}", flush=True)
    try:
        if arguments.exit_with_stdin:
            sys.stdin.buffer.read()
        else:
            threading.Event().wait()
    except KeyboardInterrupt:
        pass
    instance.stop()
