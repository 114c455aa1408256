"""The pages beside the API: ``/metrics`` (Prometheus text, from ``prometheus-client``) and
``/docs`` (Swagger UI, its files served from the ``swagger-ui-py`` package: no network).

Either answers a 404 problem saying what to install when its package is missing.
"""

from __future__ import annotations

from pathlib import Path

from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.staticfiles import StaticFiles

from dme_rules.service.operations import Metrics
from dme_rules.service.problems import Problem

__all__ = ["assets", "docs", "metrics"]

_PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>dme_rules API</title>
<link rel="stylesheet" href="{assets}/swagger-ui.css">
</head>
<body>
<div id="swagger-ui"></div>
<script src="{assets}/swagger-ui-bundle.js"></script>
<script>
window.ui = SwaggerUIBundle({{url: "{root}/openapi.json", dom_id: "#swagger-ui",
  deepLinking: true}});
</script>
</body>
</html>
"""


def _assets_folder() -> Path | None:
    """The folder of Swagger UI's files in the ``swagger-ui-py`` package, if installed."""
    try:
        import swagger_ui  # type: ignore[import-untyped]
    except ImportError:
        return None
    folder = Path(swagger_ui.__file__).parent / "static"
    return folder if (folder / "swagger-ui-bundle.js").is_file() else None


def assets() -> StaticFiles | None:
    """Swagger UI's files, served under ``/docs/assets``, if the package is installed."""
    folder = _assets_folder()
    return StaticFiles(directory=folder) if folder is not None else None


def _missing(what: str, extra: str, package: str) -> Problem:
    return Problem.said(
        404,
        f"{what} needs the {extra} extra: pip install 'dme-rules[{extra}]' ({package})",
        f"{what} a besoin de l'extra {extra} : pip install 'dme-rules[{extra}]' ({package})",
    )


async def metrics(request: Request) -> Response:
    """``GET /metrics``: this worker's counts in Prometheus text."""
    counted: Metrics | None = request.app.state.metrics
    if counted is None:
        raise _missing("/metrics", "metrics", "prometheus-client")
    body, media_type = counted.text()
    return Response(body, media_type=media_type)


async def docs(request: Request) -> Response:
    """``GET /docs``: the interactive page of the API (Swagger UI)."""
    if _assets_folder() is None:
        raise _missing("/docs", "server", "swagger-ui-py")
    root = request.scope.get("root_path", "")
    return HTMLResponse(_PAGE.format(assets=f"{root}/docs/assets", root=root))
