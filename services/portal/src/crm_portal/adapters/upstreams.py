"""The services' APIs behind `/api/<service>/…`: the browser's request, the user's bearer token."""

from __future__ import annotations

from collections.abc import AsyncIterable, AsyncIterator, Mapping

import httpx

from crm_portal.application.ports import UpstreamAnswer
from crm_portal.domain.session import ServiceUnavailable, UnknownService

# ``range``: an audio player seeking in a call recording asks for the bytes it needs.
FORWARDED_REQUEST_HEADERS = (
    "accept",
    "accept-language",
    "content-type",
    "range",
    "x-correlation-id",
)
FORWARDED_RESPONSE_HEADERS = (
    "content-type",
    "content-disposition",
    "retry-after",
    "x-correlation-id",
    "x-total-count",
    "location",
    "accept-ranges",
    "content-range",
)


EVENT_STREAM = "text/event-stream"
AUDIO = "audio/"
"""A recording is relayed as it comes (it may be long), with its length so the player knows;
so is any file offered for download (``Content-Disposition``: a ticket's photo or video, a
report as CSV/XLSX): the BFF never holds a whole file."""


async def _relayed(answer: httpx.Response) -> AsyncIterator[bytes]:
    """The stream's bytes as the service sends them; the upstream connection ends with the
    browser's (or when the service ends the stream)."""
    try:
        async for chunk in answer.aiter_raw():
            yield chunk
    except httpx.HTTPError:
        return  # the service went away: the stream ends, the browser's EventSource reconnects
    finally:
        await answer.aclose()


class HttpUpstreams:
    def __init__(self, clients: Mapping[str, httpx.AsyncClient]) -> None:
        self._clients = clients

    async def forward(
        self,
        service: str,
        method: str,
        path: str,
        query: str,
        headers: Mapping[str, str],
        body: bytes | AsyncIterable[bytes],
        access_token: str,
    ) -> UpstreamAnswer:
        client = self._clients.get(service)
        if client is None:
            raise UnknownService(service)
        sent = {k: v for k, v in headers.items() if k.lower() in FORWARDED_REQUEST_HEADERS}
        if not isinstance(body, bytes):
            # A streamed upload keeps the browser's length (the service checks its cap early)
            # instead of being sent chunked.
            sent.update({k: v for k, v in headers.items() if k.lower() == "content-length"})
        sent["Authorization"] = f"Bearer {access_token}"
        request = client.build_request(
            method, httpx.URL(path=path, query=query.encode()), headers=sent, content=body
        )
        try:
            answer = await client.send(request, stream=True)
        except httpx.HTTPError as error:
            raise ServiceUnavailable(f"{service} is not answering") from error
        headers = {k: v for k, v in answer.headers.items() if k in FORWARDED_RESPONSE_HEADERS}
        content_type = answer.headers.get("content-type", "")
        if answer.is_success and content_type.startswith(EVENT_STREAM):
            return UpstreamAnswer(answer.status_code, headers, b"", events=_relayed(answer))
        if answer.is_success and (
            content_type.startswith(AUDIO) or "content-disposition" in answer.headers
        ):
            if "content-length" in answer.headers:
                headers["content-length"] = answer.headers["content-length"]
            return UpstreamAnswer(answer.status_code, headers, b"", events=_relayed(answer))
        try:
            content = await answer.aread()
        except httpx.HTTPError as error:
            raise ServiceUnavailable(f"{service} is not answering") from error
        finally:
            await answer.aclose()
        return UpstreamAnswer(answer.status_code, headers, content)

    async def aclose(self) -> None:
        for client in self._clients.values():
            await client.aclose()
