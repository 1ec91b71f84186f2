"""build_app(service) → the ASGI application.  No module globals: everything hangs off app.state."""

from __future__ import annotations

import anyio
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from tamis import __version__
from tamis.service import Service
from tamis.web import akismet


async def index(request: Request) -> Response:
    return PlainTextResponse(
        f"Tamis {__version__}: a self-hosted spam filter speaking Akismet's API.\n"
        "Point an Akismet client at this server: see the README.\n"
    )


async def http_error(request: Request, exc: Exception) -> Response:
    status = getattr(exc, "status_code", 500)
    detail = getattr(exc, "detail", "") or "Error"
    if status == 404:
        detail = f"No such endpoint: {request.url.path}. The Akismet API lives under /1.1/ and /1.2/."
    elif status == 405:
        detail = f"{request.method} is not allowed on {request.url.path}."
    return PlainTextResponse(detail, status_code=status, headers=getattr(exc, "headers", None))


def build_app(service: Service) -> Starlette:
    routes = [Route("/", index, methods=["GET", "HEAD"])]
    for path, handler, methods in akismet.ROUTES:
        route = akismet.endpoint(handler)
        # With and without a trailing slash: a redirect would be built from the Host header, which for the
        # key-in-host form names <key>.rest.akismet.com, and clients do not follow redirects on POST anyway.
        routes.append(Route(path, route, methods=methods))
        routes.append(Route(path + "/", route, methods=methods))
    app = Starlette(routes=routes, exception_handlers={HTTPException: http_error})
    app.router.redirect_slashes = False
    app.state.service = service
    app.state.limiter = anyio.CapacityLimiter(service.settings.threads)
    return app
