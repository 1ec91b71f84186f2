"""Golden request/response pairs for the Akismet endpoints.

A `Recorder` sends real HTTP requests to a running server and renders each exchange as text: the request (method,
path, the headers we set, the body) and the reply (status, Content-Type, every X-akismet-* header, and the
body with its exact length, so a stray newline shows).  Values that change from run to run are masked after their
format is checked: the API key(s) -> <KEY>, <KEY2>..., the X-akismet-guid -> <GUID> (must be a UUID, unique),
the current month -> <MONTH>, the server's port -> <PORT>.  X-Tamis-* headers (score, model version, reasons) are
not Akismet's and change with the model, so they are left out.

`Recorder.compare(name)` compares with tests/conformance/golden/<name>.txt.  To rewrite the files after an
intended change, run with TAMIS_REGENERATE_GOLDEN=1 (refused under CI) and review the diff.
"""

from __future__ import annotations

import difflib
import os
import re
import urllib.parse
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
from conformance_support import GOLDEN

FORM = "application/x-www-form-urlencoded"
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
KEPT_HEADERS = ("content-type",)
SEEN_GUIDS: set[str] = set()


def encode(fields: list[tuple[str, str]] | dict[str, str]) -> bytes:
    items = list(fields.items()) if isinstance(fields, dict) else fields
    return urllib.parse.urlencode(items).encode("ascii")


@dataclass
class Recorder:
    server: Any
    masks: dict[str, str] = field(default_factory=dict)
    parts: list[str] = field(default_factory=list)
    guids: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        from datetime import UTC, datetime

        now = datetime.now(UTC)
        self.month = f"{now.year:04d}-{now.month:02d}"

    def key(self, key: str) -> str:
        """Register a key to be masked as <KEY>, <KEY2>, ... in the golden text."""
        if key not in self.masks:
            n = sum(1 for v in self.masks.values() if v.startswith("<KEY") and not v.endswith(":upper>"))
            name = "KEY" if n == 0 else f"KEY{n + 1}"
            self.masks[key] = f"<{name}>"
            if key.upper() != key:
                self.masks[key.upper()] = f"<{name}:upper>"
        return key

    def send(self, method: str, path: str, body: bytes | list[tuple[str, str]] | dict[str, str] | None = None, *,
             query: list[tuple[str, str]] | dict[str, str] | None = None, headers: dict[str, str] | None = None,
             record: bool = True, note: str = "") -> httpx.Response:
        raw = encode(body) if isinstance(body, (list, dict)) else (body or b"")
        hdrs = dict(headers or {})
        if raw and not any(h.lower() == "content-type" for h in hdrs):
            hdrs["Content-Type"] = FORM
        target = path + ("?" + encode(query).decode() if query else "")
        with httpx.Client(timeout=30) as client:
            resp = client.request(method, self.server.url + target, content=raw if method != "GET" else None,
                                  headers=hdrs)
        guid = resp.headers.get("x-akismet-guid")
        if guid is not None:
            assert UUID.match(guid), f"X-akismet-guid {guid!r} is not a UUID"
            assert guid not in SEEN_GUIDS, f"X-akismet-guid {guid} was given twice"
            SEEN_GUIDS.add(guid)
            self.guids.append(guid)
        if record:
            self.parts.append(self.render(method, target, hdrs, raw, resp, note))
        return resp

    def render(self, method: str, target: str, hdrs: dict[str, str], raw: bytes, resp: httpx.Response,
               note: str) -> str:
        lines = []
        if note:
            lines.append(f"# {note}")
        lines.append(f">>> {method} {target}")
        for k, v in hdrs.items():
            lines.append(f"{k}: {v}")
        if raw:
            lines.append(f"body ({len(raw)} bytes): {raw.decode('latin-1') if len(raw) <= 2000 else '...'}")
        lines.append(f"<<< {resp.status_code}")
        for name in sorted({k.lower() for k in resp.headers}):
            if name in KEPT_HEADERS or name.startswith("x-akismet-"):
                value = ", ".join(resp.headers.get_list(name))
                if name == "x-akismet-guid":
                    value = "<GUID>"
                lines.append(f"{name}: {value}")
        body = resp.content
        lines.append(f"body ({len(body)} bytes):")
        lines.append(body.decode("utf-8", "backslashreplace"))
        return "\n".join(lines)

    def text(self) -> str:
        out = "\n\n".join(self.parts) + "\n"
        for value, mask in sorted(self.masks.items(), key=lambda kv: -len(kv[0])):
            out = out.replace(value, mask)
        out = out.replace(f"127.0.0.1:{self.server.port}", "127.0.0.1:<PORT>")
        return out.replace(self.month, "<MONTH>")

    def compare(self, name: str) -> None:
        path = GOLDEN / f"{name}.txt"
        got = self.text()
        if os.environ.get("TAMIS_REGENERATE_GOLDEN") and not os.environ.get("CI"):
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(got, encoding="utf-8")
        if not path.exists():
            pytest.fail(f"{path} does not exist; run with TAMIS_REGENERATE_GOLDEN=1 to write it. Got:\n{got}")
        want = path.read_text(encoding="utf-8")
        if got != want:
            diff = "".join(difflib.unified_diff(want.splitlines(keepends=True), got.splitlines(keepends=True),
                                                f"golden/{path.name}", "server"))
            pytest.fail(f"the server's replies differ from golden/{path.name} "
                        f"(TAMIS_REGENERATE_GOLDEN=1 rewrites it):\n{diff}", pytrace=False)
