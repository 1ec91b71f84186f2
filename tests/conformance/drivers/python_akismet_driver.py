"""Drive the real PyPI `python-akismet` 0.4.3 client against a Tamis server.

Runs in .cache/conformance/venv-python-akismet (that package also installs a top-level `akismet`).  Usage:

    python python_akismet_driver.py '<json spec>'

spec: {"mode": "subdomain" | "get_url", "port": PORT, "key": ..., "blog": ..., "method": "check" |
       "submit_spam" | "submit_ham", "kwargs": {...}}

mode "subdomain": the client builds its own URL, `http://<key>.akismet.localtest:PORT/1.1/<endpoint>`: only the
    class attributes `protocol` and `domain` are set, and socket.getaddrinfo is patched so every `*.localtest`
    name resolves to 127.0.0.1 (no /etc/hosts edit).  The key reaches the server only in the Host header.
mode "get_url": a subclass overrides get_url() to return `http://127.0.0.1:PORT/1.1/<endpoint>` (akismet-api.md
    §2b): the key is lost, so the server needs TAMIS_DEFAULT_KEY.

Prints one JSON line: {"ok": true, "value": <int>, "name": <SpamStatus name>} for check, {"ok": true, "value":
null} for submit_*, or {"ok": false, "error": "<exception class>", "message": "..."}.
"""

from __future__ import annotations

import json
import socket
import sys
from typing import Any

import akismet

_real_getaddrinfo = socket.getaddrinfo


def _getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
    name = host.decode() if isinstance(host, bytes) else host
    if isinstance(name, str) and (name == "localtest" or name.rstrip(".").endswith(".localtest")):
        host = "127.0.0.1"
    return _real_getaddrinfo(host, *args, **kwargs)


socket.getaddrinfo = _getaddrinfo

STATUS_NAMES = {v: k for k, v in vars(akismet.SpamStatus).items() if not k.startswith("_")}


def make_client(spec: dict[str, Any]) -> akismet.Akismet:
    port = spec["port"]
    if spec["mode"] == "subdomain":
        class Local(akismet.Akismet):
            protocol = "http"
            domain = f"akismet.localtest:{port}"
    else:
        class Local(akismet.Akismet):  # type: ignore[no-redef]
            def get_url(self, url: str) -> str:
                endpoint = url.rsplit("/", 1)[1]
                return f"http://127.0.0.1:{port}/1.1/{endpoint}"
    return Local(spec["key"], blog=spec.get("blog"), application_user_agent="TamisConformance/1.0",
                 timeout=spec.get("timeout", 10))


def main() -> None:
    spec = json.loads(sys.argv[1])
    client = make_client(spec)
    method = getattr(client, spec["method"])
    try:
        value = method(**spec.get("kwargs", {}))
    except Exception as exc:  # the client's own exceptions (AkismetServerError, requests' errors) are the result
        print(json.dumps({"ok": False, "error": type(exc).__name__, "message": str(exc)}))
        return
    url = getattr(client, f"get_{'check' if spec['method'] == 'check' else spec['method']}_url")()
    print(json.dumps({"ok": True, "value": value, "name": STATUS_NAMES.get(value), "url": url}))


if __name__ == "__main__":
    main()
