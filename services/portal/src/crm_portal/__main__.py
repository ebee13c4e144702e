"""`python -m crm_portal api`: the BFF and the web application on one port."""

from __future__ import annotations

import argparse
import os
from collections.abc import Sequence

import uvicorn

from crm_common.observability.logging import configure_logging
from crm_portal.bootstrap import create_app
from crm_portal.settings import PortalSettings


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="crm-portal")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("api", help="serve the portals and the BFF over HTTP")
    parser.parse_args(argv)
    os.environ.setdefault("CRM_SERVICE_NAME", "portal")
    settings = PortalSettings()
    configure_logging("portal", settings.log_level)
    uvicorn.run(
        create_app(settings),
        host=settings.http_host,
        port=settings.http_port,
        log_config=None,
        access_log=False,
        loop="uvloop",
        http="httptools",
    )


if __name__ == "__main__":
    main()
