"""Akismet's REST API, byte for byte (../shared/akismet-api.md is the reference).

Every protocol-level answer is HTTP 200 with a plain-text body and no trailing newline: `true`, `false`, `valid`,
`invalid`, `Thanks for making the web a better place.`, `deactivated`, `connected`; the 1.2 endpoints answer JSON
(or CSV).  Whatever goes wrong with a request, the client gets `invalid` and an `X-akismet-debug-help` header that
says what, never a 5xx: clients treat any non-200 as a transport failure and retry or hold the comment.
"""

from __future__ import annotations

import csv
import io
import json
import logging
from collections.abc import Awaitable, Callable
from typing import Any

import anyio.to_thread
from starlette.requests import Request
from starlette.responses import Response

from tamis.errors import InvalidAkismetRequest
from tamis.service import Service
from tamis.store import KeyRow, SiteRow, looks_like_key, stats
from tamis.types import Verdict
from tamis.web.forms import Form, parse_form, read_body, wordpress_unslash

log = logging.getLogger("tamis.web")

THANKS = "Thanks for making the web a better place."
TEXT = "text/plain; charset=utf-8"


def text(body: str, headers: dict[str, str] | None = None) -> Response:
    return Response(body, media_type=TEXT, headers=headers)


def invalid(help_text: str) -> Response:
    # Header values must be latin-1 and single-line; the help text is ours, but may quote client input.
    safe = " ".join(help_text.split()).encode("ascii", "replace").decode("ascii")[:500]
    return text("invalid", {"X-akismet-debug-help": safe})


def json_response(doc: Any) -> Response:
    return Response(json.dumps(doc, separators=(",", ":")), media_type="application/json")


async def offload(request: Request, fn: Callable[..., Any], *args: Any) -> Any:
    """Run blocking work (engine, database) in the app's worker threads.

    A small pool (the `threads` setting), not Starlette's default of 40 threads: the work is mostly CPU under the
    GIL, so more runnable threads add switching, not throughput.  See docs/benchmarks.md for the measured effect."""
    return await anyio.to_thread.run_sync(fn, *args, limiter=request.app.state.limiter)


Handler = Callable[[Service, Request, Form], Awaitable[Response] | Response]


def endpoint(handler: Handler) -> Callable[[Request], Awaitable[Response]]:
    """Wrap a handler: read and parse the request, turn every failure into Akismet's `invalid`."""

    async def route(request: Request) -> Response:
        service: Service = request.app.state.service
        try:
            body = b"" if request.method in ("GET", "HEAD") else await read_body(
                request, service.settings.max_body_bytes)
            form = parse_form(request.scope.get("query_string", b""), body,
                              request.headers.get("content-type", ""), service.settings.max_fields)
            result = handler(service, request, form)
            if not isinstance(result, Response):
                result = await result
            return result
        except InvalidAkismetRequest as exc:
            return invalid(exc.help_text)
        except Exception:
            log.exception("unexpected error on %s", request.url.path)
            resp = invalid("Temporary server error; the request was not processed. Please retry later.")
            resp.headers["X-akismet-error"] = "Temporary server error"
            return resp

    return route


# ------------------------------------------------------------------------------------------- keys and sites

def _host_key(request: Request) -> str | None:
    """The key in `Host: <key>.rest.akismet.com` (or `<key>.<our host>`): the legacy form python-akismet and the
    npm akismet-api client use for check and submit calls."""
    host = request.headers.get("host", "").split(":")[0]
    label, dot, rest = host.partition(".")
    if dot and rest and looks_like_key(label):
        return label.lower()
    return None


def resolve_key(service: Service, request: Request, form: Form, *, prefer: tuple[str, ...],
                judge_first: bool = False) -> KeyRow:
    """The request's key, from the first of `prefer` that is set, then the Host name, then `default_key`.

    With `judge_first` (verify-key), a request that carries the first name judges that value even when empty: the
    key being verified is `key`, whatever `api_key` says."""
    if judge_first and prefer[0] in form.comment.fields:
        supplied = form.get(prefer[0]).strip()
        if not supplied:
            raise InvalidAkismetRequest(f'Empty "{prefer[0]}" value: send the key to verify.')
        prefer = prefer[:1]
    candidates = [form.get(name).strip() for name in prefer]
    candidates.append(_host_key(request) or "")
    supplied = next((c for c in candidates if c), "")
    if not supplied:
        if service.settings.default_key:
            supplied = service.settings.default_key
        else:
            raise InvalidAkismetRequest('Empty "api_key" value: send api_key (or key), or put the key in the host '
                                        "name as <key>.<host>.")
    row = service.key(supplied.lower()) if looks_like_key(supplied) else None
    if row is None:
        raise InvalidAkismetRequest(f"Invalid API key {_quote(supplied)}: no such key on this server.")
    if not row.active:
        raise InvalidAkismetRequest(f"API key {row.key} has been revoked.")
    return row


def resolve_site(service: Service, key: KeyRow, form: Form) -> SiteRow:
    blog = form.get("blog").strip()
    if len(blog) > 2048:
        raise InvalidAkismetRequest('The "blog" value is longer than 2048 characters.')
    site = service.site(key, blog)
    if site.revoked_at is not None:
        raise InvalidAkismetRequest(f"The site {site.url} is no longer allowed to use key {key.key}.")
    return site


def _quote(value: str) -> str:
    return json.dumps(value[:40])


def _required(form: Form, *names: str) -> None:
    for name in names:
        if not form.get(name).strip():
            raise InvalidAkismetRequest(f'Empty "{name}" value: it is required.')


# ------------------------------------------------------------------------------------------- 1.1

def verdict_headers(guid: str, verdict: Verdict) -> dict[str, str]:
    headers = {"X-akismet-guid": guid, "X-Tamis-Score": f"{verdict.score:.4f}",
               "X-Tamis-Model": verdict.model_version}
    reasons = ", ".join(verdict.reasons())
    if reasons:
        headers["X-Tamis-Reasons"] = reasons.encode("ascii", "replace").decode("ascii")
    campaign = next((h.evidence for h in verdict.hits if h.name == "CAMPAIGN_CONFIRMED"), "")
    if campaign:
        headers["X-Tamis-Campaign"] = " ".join(campaign.split()).encode("ascii", "replace").decode("ascii")[:300]
    if verdict.discard:
        headers["X-akismet-pro-tip"] = "discard"
    return headers


async def comment_check(service: Service, request: Request, form: Form) -> Response:
    key = resolve_key(service, request, form, prefer=("api_key", "key"))
    _required(form, "user_ip")
    over = _over_limit(service, key)
    if over is not None:
        return over

    def work() -> Response:
        site = resolve_site(service, key, form)
        comment = wordpress_unslash(form.comment, request.headers.get("user-agent", ""))
        guid, verdict = service.check(key, site, comment)
        return text("true" if verdict.spam else "false", verdict_headers(guid, verdict))

    return await offload(request, work)


def _over_limit(service: Service, key: KeyRow) -> Response | None:
    limit = service.settings.usage_limit
    if limit is None or not service.settings.throttle_over_limit:
        return None
    if stats.usage(service.store, key.id) < limit:
        return None
    resp = invalid(f"Key {key.key} is over its monthly limit of {limit} API calls.")
    resp.headers["X-akismet-error"] = "Usage limit exceeded"
    resp.headers["X-akismet-alert-code"] = "10501"
    resp.headers["X-akismet-alert-msg"] = "This key is over its monthly usage limit."
    return resp


def _submit(kind: str) -> Handler:
    async def handler(service: Service, request: Request, form: Form) -> Response:
        key = resolve_key(service, request, form, prefer=("api_key", "key"))

        def work() -> Response:
            site = resolve_site(service, key, form)
            service.report(key, site, form.comment, kind)
            return text(THANKS)

        return await offload(request, work)

    return handler


async def verify_key(service: Service, request: Request, form: Form) -> Response:
    # WordPress sends `key` (the key being verified) AND `api_key` (the key it is configured with): judge `key`.
    try:
        key = resolve_key(service, request, form, prefer=("key", "api_key"), judge_first=True)
        if form.get("blog").strip():
            await offload(request, resolve_site, service, key, form)
    except InvalidAkismetRequest as exc:
        return invalid(exc.help_text)
    return text("valid")


async def get_stats(service: Service, request: Request, form: Form) -> Response:
    key = resolve_key(service, request, form, prefer=("key", "api_key"))

    def work() -> Response:
        site = resolve_site(service, key, form) if form.get("blog").strip() else None
        return json_response(stats.get_stats(service.store, key.id, site.id if site else None,
                                             form.get("from", "6-months")))

    return await offload(request, work)


async def get_key_stats(service: Service, request: Request, form: Form) -> Response:
    key = resolve_key(service, request, form, prefer=("api_key", "key"))
    return json_response(await offload(request, stats.get_stats, service.store, key.id, None,
                                                 form.get("from", "6-months")))


def get_subscription(service: Service, request: Request, form: Form) -> Response:
    key = resolve_key(service, request, form, prefer=("key", "api_key"))
    limit = service.settings.usage_limit
    doc: dict[str, Any] = {"status": "active", "account_type": "self-hosted", "account_name": "Tamis",
                           "api_key": key.key}
    if limit is not None:
        used = stats.usage(service.store, key.id)
        if used >= limit:
            doc["limit_reached"] = "red"
        elif used >= 0.9 * limit:
            doc["limit_reached"] = "yellow"
    return json_response(doc)


def deactivate(service: Service, request: Request, form: Form) -> Response:
    # WordPress calls this when a site owner removes the key from the plugin.  The key stays valid: revoking keys is
    # the operator's decision (`tamis keys revoke`), and Akismet's own deactivate only unlinks the site.
    resolve_key(service, request, form, prefer=("key", "api_key"))
    return text("deactivated")


def connected(service: Service, request: Request, form: Form) -> Response:
    return text("connected")


# ------------------------------------------------------------------------------------------- 1.2

def _int_param(form: Form, name: str, default: int, low: int, high: int) -> int:
    raw = form.get(name).strip()
    if not raw:
        return default
    if not raw.isdigit() or not low <= int(raw) <= high:
        raise InvalidAkismetRequest(f'"{name}" must be a whole number from {low} to {high}.')
    return int(raw)


async def key_sites(service: Service, request: Request, form: Form) -> Response:
    key = resolve_key(service, request, form, prefer=("api_key", "key"))
    fmt = form.get("format", "json").strip().lower() or "json"
    if fmt not in ("json", "csv"):
        raise InvalidAkismetRequest('"format" must be json or csv.')
    order = form.get("order", "total").strip() or "total"
    if order not in ("total", "spam", "ham", "missed_spam", "false_positives"):
        raise InvalidAkismetRequest('"order" must be one of total, spam, ham, missed_spam, false_positives.')
    limit = _int_param(form, "limit", 500, 1, 10_000)
    offset = _int_param(form, "offset", 0, 0, 10**9)
    try:
        month, rows, total = await offload(
            request, lambda: stats.key_sites(service.store, key.id, month=form.get("month").strip() or None,
                                    url_filter=form.get("filter").strip() or None, order=order, limit=limit,
                                    offset=offset))
    except ValueError as exc:
        raise InvalidAkismetRequest(str(exc)) from None
    if fmt == "csv":
        buf = io.StringIO()
        buf.write(f"Active sites for {key.key} during {month} (limit:{limit}, offset: {offset}, total: {total})\n")
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(["Site", "Total API Calls", "Spam", "Ham", "Missed Spam", "False Positives", "Is Revoked"])
        for r in rows:
            writer.writerow([r.site, r.api_calls, r.spam, r.ham, r.missed_spam, r.false_positives,
                             "true" if r.is_revoked else "false"])
        return Response(buf.getvalue().rstrip("\n"), media_type="text/csv; charset=utf-8")
    doc: dict[str, Any] = {
        month: [{"site": r.site, "api_calls": str(r.api_calls), "spam": str(r.spam), "ham": str(r.ham),
                 "missed_spam": str(r.missed_spam), "false_positives": str(r.false_positives),
                 "is_revoked": r.is_revoked} for r in rows],
        "limit": limit, "offset": offset, "total": total,
    }
    return json_response(doc)


async def usage_limit(service: Service, request: Request, form: Form) -> Response:
    key = resolve_key(service, request, form, prefer=("api_key", "key"))
    used = await offload(request, stats.usage, service.store, key.id)
    limit = service.settings.usage_limit
    if limit is None:
        return json_response({"limit": "none", "usage": used, "percentage": "0.00", "throttled": False})
    pct = 100.0 * used / limit if limit else 100.0
    throttled = bool(service.settings.throttle_over_limit and used >= limit)
    return json_response({"limit": limit, "usage": used, "percentage": f"{pct:.2f}", "throttled": throttled})


ROUTES: list[tuple[str, Handler, list[str]]] = [
    ("/1.1/verify-key", verify_key, ["POST", "GET"]),
    ("/1.1/comment-check", comment_check, ["POST", "GET"]),
    ("/1.1/submit-spam", _submit("spam"), ["POST"]),
    ("/1.1/submit-ham", _submit("ham"), ["POST"]),
    ("/1.1/get-stats", get_stats, ["POST", "GET"]),
    ("/1.2/get-key-stats", get_key_stats, ["POST", "GET"]),
    ("/1.1/get-subscription", get_subscription, ["POST", "GET"]),
    ("/1.1/deactivate", deactivate, ["POST"]),
    ("/1.1/test", connected, ["GET", "POST"]),
    ("/1.2/key-sites", key_sites, ["GET", "POST"]),
    ("/1.2/usage-limit", usage_limit, ["GET", "POST"]),
]
