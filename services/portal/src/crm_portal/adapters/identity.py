"""Identity's login, refresh, logout and `/me`, as the BFF calls them."""

from __future__ import annotations

import httpx

from crm_portal.domain.session import LoginRefused, PortalUser, ServiceUnavailable, TokenPair


class IdentityClient:
    def __init__(self, http: httpx.AsyncClient) -> None:
        self._http = http

    async def log_in(self, username: str, password: str) -> TokenPair:
        response = await self._call(
            "POST", "/auth/token", json={"username": username, "password": password}
        )
        return _tokens(response)

    async def refresh(self, refresh_token: str) -> TokenPair:
        response = await self._call("POST", "/auth/refresh", json={"refresh_token": refresh_token})
        return _tokens(response)

    async def log_out(self, access_token: str, refresh_token: str) -> None:
        response = await self._call(
            "POST",
            "/auth/logout",
            json={"refresh_token": refresh_token},
            headers={"Authorization": f"Bearer {access_token}"},
        )
        if response.status_code not in (204, 401):
            response.raise_for_status()

    async def me(self, username: str, access_token: str) -> PortalUser:
        response = await self._call(
            "GET", "/me", headers={"Authorization": f"Bearer {access_token}"}
        )
        response.raise_for_status()
        me = response.json()
        return PortalUser(
            user_id=me["user_id"],
            username=username,
            tenant=me["tenant"],
            org_node=me["org_node"],
            roles=tuple(me["roles"]),
            data_scope=me["data_scope"],
        )

    async def reachable(self) -> bool:
        try:
            return (await self._http.get("/healthz")).status_code == 200
        except httpx.HTTPError:
            return False

    async def _call(
        self,
        method: str,
        path: str,
        *,
        json: dict[str, str] | None = None,
        headers: dict[str, str] | None = None,
    ) -> httpx.Response:
        try:
            return await self._http.request(method, path, json=json, headers=headers)
        except httpx.HTTPError as error:
            raise ServiceUnavailable("identity is not answering") from error


def _tokens(response: httpx.Response) -> TokenPair:
    if response.status_code in (401, 422):
        raise LoginRefused(response.text)
    response.raise_for_status()
    body = response.json()
    return TokenPair(body["access_token"], body["refresh_token"], int(body["expires_in"]))
