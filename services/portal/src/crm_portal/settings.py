"""The portal's part of the one settings object: where the services are, how long a session
lives."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from pydantic import Field

from crm_common.settings import Settings

WEB_DIR = Path(__file__).resolve().parents[2] / "web"
"""The web application's sources (services/portal/web); `npm run build` writes dist/ there."""

DEFAULT_UPSTREAMS = {
    "identity": "http://127.0.0.1:8001",
    "leads": "http://127.0.0.1:8002",
    "opportunities": "http://127.0.0.1:8003",
    "service-desk": "http://127.0.0.1:8004",
    "call-center": "http://127.0.0.1:8005",
    "kpi": "http://127.0.0.1:8006",
    "notifications": "http://127.0.0.1:8007",
}


class PortalSettings(Settings):
    uses_database: ClassVar[bool] = False  # sessions live in Redis
    service_name: str = "portal"
    http_port: int = Field(default=8080, ge=1, le=65535)
    # `/api/<service>/…` is proxied to the service's API at this base URL (a JSON object in
    # CRM_PORTAL_UPSTREAMS); identity is also where users log in.
    portal_upstreams: dict[str, str] = Field(default_factory=lambda: dict(DEFAULT_UPSTREAMS))
    portal_assets_dir: Path = WEB_DIR / "dist"
    # A browser session ends this long after login at the latest (the refresh token's rotation
    # keeps the access token fresh meanwhile) or after this long without a request.
    portal_session_max_seconds: int = Field(default=10 * 3600, ge=60)
    portal_session_idle_seconds: int = Field(default=2 * 3600, ge=60)
    # An access token this close to its expiry is refreshed before it is forwarded.
    portal_refresh_margin_seconds: int = Field(default=60, ge=0)
    # Time an upstream call may take (the import of a large file, a year of figures).
    portal_upstream_timeout_seconds: float = Field(default=60.0, gt=0)
