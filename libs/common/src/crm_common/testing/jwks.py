"""A loopback JWKS endpoint standing in for identity, for tests and benchmarks that run a
service without identity."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from crm_common.auth.tokens import jwks_document


@contextmanager
def serve_jwks(private_key_pems: list[str]) -> Iterator[str]:
    """Serves the public keys of ``private_key_pems``; yields the JWKS URL."""
    document = json.dumps(jwks_document(private_key_pems)).encode()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("content-type", "application/json")
            self.end_headers()
            self.wfile.write(document)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/.well-known/jwks.json"
    finally:
        server.shutdown()
