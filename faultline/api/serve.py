"""`faultline serve`: run the API and UI under uvicorn, on 127.0.0.1 unless told otherwise."""

from __future__ import annotations

import sys

from faultline.api.app import create_app, is_loopback
from faultline.errors import UsageError


def serve(database: str, *, host: str = "127.0.0.1", port: int = 8000,
          token: str | None = None, read_only: bool = False,
          max_body: int = 10_000_000, rate: float = 300.0) -> int:
    """Serve until interrupted. A non-loopback address needs a bearer token."""
    import uvicorn

    if not is_loopback(host) and not token:
        raise UsageError(f"binding {host} exposes the store beyond this machine: give "
                         "--token (or FAULTLINE_TOKEN) so that /api/ asks for it")
    if not 0 < port < 65536:
        raise UsageError(f"--port must be 1-65535, got {port}")
    if rate < 0:
        raise UsageError("--rate must be 0 (no limit) or more")
    app = create_app(database, read_only=read_only, token=token, max_body=max_body,
                     rate=rate, burst=max(1, int(rate * 2)), freeze_gc=True)
    print(f"faultline serve: http://{host}:{port}/  (API: /api/, schema: /openapi.json; "
          "Ctrl-C stops)", file=sys.stderr)
    try:
        uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False)
    finally:
        app.state.server.close()
    return 0
