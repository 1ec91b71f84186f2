"""Drive the real PyPI `akismet` 25.10.1 client (SyncClient or AsyncClient) against a Tamis server.

Runs in .cache/conformance/venv-akismet (never in the project's venv).  Usage:

    python akismet_driver.py '<json spec>'

spec: {"api_url": "http://127.0.0.1:PORT", "client": "sync" | "async", "validated": bool,
       "config": {"key": ..., "url": ...} or null (then PYTHON_AKISMET_API_KEY / PYTHON_AKISMET_BLOG_URL are read,
       as the client does by default), "calls": [{"method": "comment_check", "kwargs": {...}}, ...]}

The client is pointed at the server in one of the two ways akismet-api.md §2a describes.  "via": "api_url" (the
default): `akismet._common._API_URL` is the only thing changed, and it is read on every request.  "via":
"transport": the client's supported `http_client=` argument gets an httpx client whose transport sends each request
to the server instead of rest.akismet.com, leaving the request itself, `Host: rest.akismet.com` included, as the
client built it.  Everything else (argument checking, the wire format, response parsing, exceptions) is the
client's own.  Prints one JSON line: {"ok": true, "results": [...]}, each result
either {"value": ..., "type": "CheckResponse" | "bool" | "dict" | "str"} or {"error": "<exception class>",
"message": "..."}; constructing a validated client that raises gives {"ok": true, "construct_error": {...}}.
"""

from __future__ import annotations

import asyncio
import json
import sys
from typing import Any

import akismet
import httpx
from akismet import _common


def encode(value: Any) -> dict[str, Any]:
    if isinstance(value, akismet.CheckResponse):
        return {"type": "CheckResponse", "value": value.name, "int": int(value)}
    if isinstance(value, bool):
        return {"type": "bool", "value": value}
    if isinstance(value, dict):
        return {"type": "dict", "value": value}
    if isinstance(value, str):
        return {"type": "str", "value": value}
    return {"type": type(value).__name__, "value": repr(value)}


def error(exc: BaseException) -> dict[str, Any]:
    return {"error": type(exc).__name__, "message": str(exc)}


class Rewrite(httpx.BaseTransport):
    """Send every request to `target` (scheme, host, port) and leave the rest alone, Host header included."""

    def __init__(self, target: str) -> None:
        self.target = httpx.URL(target)
        self.inner = httpx.HTTPTransport()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        assert request.url.host == "rest.akismet.com", request.url
        request.url = request.url.copy_with(scheme=self.target.scheme, host=self.target.host, port=self.target.port)
        return self.inner.handle_request(request)


class AsyncRewrite(httpx.AsyncBaseTransport):
    def __init__(self, target: str) -> None:
        self.target = httpx.URL(target)
        self.inner = httpx.AsyncHTTPTransport()

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        assert request.url.host == "rest.akismet.com", request.url
        request.url = request.url.copy_with(scheme=self.target.scheme, host=self.target.host, port=self.target.port)
        return await self.inner.handle_async_request(request)


def http_client(spec: dict[str, Any], *, is_async: bool) -> Any:
    if spec.get("via") != "transport":
        return None
    headers = {"User-Agent": akismet.USER_AGENT}
    if is_async:
        return httpx.AsyncClient(transport=AsyncRewrite(spec["api_url"]), headers=headers, timeout=10)
    return httpx.Client(transport=Rewrite(spec["api_url"]), headers=headers, timeout=10)


def config_of(spec: dict[str, Any]) -> akismet.Config | None:
    cfg = spec.get("config")
    return akismet.Config(key=cfg["key"], url=cfg["url"]) if cfg else None


def run_sync(spec: dict[str, Any]) -> dict[str, Any]:
    try:
        if spec.get("validated"):
            client = akismet.SyncClient.validated_client(config=config_of(spec),
                                                         http_client=http_client(spec, is_async=False))
        else:
            client = akismet.SyncClient(config=config_of(spec), http_client=http_client(spec, is_async=False))
    except akismet.AkismetError as exc:
        return {"ok": True, "construct_error": error(exc)}
    results = []
    # Not `with client:`: entering the context manager re-validates the key, and some calls here use a bad one on
    # purpose (the process ends right after, which closes the connections).
    for call in spec.get("calls", []):
        try:
            results.append(encode(getattr(client, call["method"])(**call.get("kwargs", {}))))
        except akismet.AkismetError as exc:
            results.append(error(exc))
    return {"ok": True, "results": results}


async def run_async(spec: dict[str, Any]) -> dict[str, Any]:
    try:
        if spec.get("validated"):
            client = await akismet.AsyncClient.validated_client(config=config_of(spec),
                                                                http_client=http_client(spec, is_async=True))
        else:
            client = akismet.AsyncClient(config=config_of(spec), http_client=http_client(spec, is_async=True))
    except akismet.AkismetError as exc:
        return {"ok": True, "construct_error": error(exc)}
    results = []
    for call in spec.get("calls", []):
        try:
            results.append(encode(await getattr(client, call["method"])(**call.get("kwargs", {}))))
        except akismet.AkismetError as exc:
            results.append(error(exc))
    return {"ok": True, "results": results}


def main() -> None:
    spec = json.loads(sys.argv[1])
    if spec.get("via", "api_url") == "api_url":
        _common._API_URL = spec["api_url"]
    out = asyncio.run(run_async(spec)) if spec.get("client") == "async" else run_sync(spec)
    out["user_agent"] = akismet.USER_AGENT
    print(json.dumps(out))


if __name__ == "__main__":
    main()
