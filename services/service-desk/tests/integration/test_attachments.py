"""Files on tickets through the HTTP API: the upload streams into the file store (a folder
here; the S3 adapter is tested against an S3 server in libs/common), types and size are
checked while it arrives (422 naming the field), reading and opening follow the shared
policy (404 otherwise), every download is audited."""

from __future__ import annotations

import hashlib
import uuid
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_common.db.tables import personal_data_audit, sharing_levels
from crm_common.policy import DataType, Direction, SharingLevel
from crm_common.testing.services import AsUser
from crm_service_desk.adapters.tables import ticket_attachments, ticket_history

from .conftest import PEOPLE, TENANT

Sessions = async_sessionmaker[AsyncSession]
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(range(256)) * 20
PDF = b"%PDF-1.7\n" + "维修报告".encode() * 100


async def open_as(as_user: AsUser, who: Any, **body: Any) -> dict[str, Any]:
    async with as_user(who) as client:
        response = await client.post("/tickets", json={"subject": "刹车异响", **body})
    assert response.status_code == 201, response.text
    ticket: dict[str, Any] = response.json()
    return ticket


async def upload(
    as_user: AsUser, who: Any, ticket_id: str, content: bytes, content_type: str, name: str
) -> Any:
    async with as_user(who) as client:
        return await client.post(
            f"/tickets/{ticket_id}/attachments",
            params={"filename": name},
            content=content,
            headers={"content-type": content_type},
        )


async def test_a_photo_goes_up_and_comes_back_as_it_was(
    as_user: AsUser, sessions: Sessions, desk_api: FastAPI
) -> None:
    ticket = await open_as(as_user, PEOPLE.advisor)
    added = await upload(as_user, PEOPLE.advisor, ticket["id"], PNG, "image/png", "刹车片.png")
    assert added.status_code == 201, added.text
    attachment = added.json()
    assert attachment["size"] == len(PNG)
    assert attachment["sha256"] == hashlib.sha256(PNG).hexdigest()
    assert (attachment["filename"], attachment["media_type"], attachment["uploaded_by"]) == (
        "刹车片.png",
        "image/png",
        "sa1",
    )
    # A colleague of the same dealer (another node) lists and opens it.
    async with as_user(PEOPLE.advisor2) as client:
        listed = await client.get(f"/tickets/{ticket['id']}/attachments")
        assert [a["id"] for a in listed.json()] == [attachment["id"]]
        opened = await client.get(f"/attachments/{attachment['id']}")
        head = await client.get(f"/attachments/{attachment['id']}", headers={"Range": "bytes=0-7"})
    assert (head.status_code, head.content) == (206, PNG[:8])
    assert opened.status_code == 200
    assert opened.content == PNG
    assert opened.headers["content-type"] == "image/png"
    assert (
        "filename*=UTF-8''%E5%88%B9%E8%BD%A6%E7%89%87.png" in opened.headers["content-disposition"]
    )
    async with sessions() as session:
        history = await session.execute(
            select(ticket_history.c.action).where(ticket_history.c.ticket_id == ticket["id"])
        )
        assert list(history.scalars()) == ["opened", "attached"]
        audit = (
            (
                await session.execute(
                    select(personal_data_audit).where(
                        personal_data_audit.c.resource_id == ticket["id"],
                        personal_data_audit.c.action == "download",
                    )
                )
            )
            .mappings()
            .all()
        )
    assert [(a["actor"], a["fields"], a["level"]) for a in audit] == [
        ("sa2", ["attachment", attachment["id"]], "full")
    ] * 2
    stored = Path(desk_api.state.settings.file_storage)
    assert (stored / TENANT / "tickets" / ticket["id"] / attachment["id"]).read_bytes() == PNG


async def test_bad_files_answer_422_naming_the_field_and_leave_nothing(
    as_user: AsUser, sessions: Sessions, desk_api: FastAPI
) -> None:
    ticket = await open_as(as_user, PEOPLE.advisor)
    cases = [
        (PNG, "text/html", "x.html", ["header", "content-type"]),
        (PDF, "image/png", "fake.png", ["body", "file"]),
        (b"", "text/plain", "empty.txt", ["body", "file"]),
        (b"%PDF-" + b"x" * (64 * 1024), "application/pdf", "big.pdf", ["body", "file"]),
        (PDF, "application/pdf", "a\x07b.pdf", ["query", "filename"]),
    ]
    for content, content_type, name, field in cases:
        refused = await upload(as_user, PEOPLE.advisor, ticket["id"], content, content_type, name)
        assert refused.status_code == 422, (name, refused.text)
        assert refused.json()["detail"][0]["loc"] == field, name
    async with sessions() as session:
        rows = await session.execute(
            select(ticket_attachments.c.id).where(ticket_attachments.c.ticket_id == ticket["id"])
        )
        assert list(rows) == []
    folder = Path(desk_api.state.settings.file_storage) / TENANT / "tickets" / ticket["id"]
    assert not folder.exists() or list(folder.iterdir()) == []
    # Text in Chinese, cut anywhere by the sniff window, is still text.
    note = upload(
        as_user, PEOPLE.advisor, ticket["id"], "客户说异响".encode(), "text/plain", "n.txt"
    )
    assert (await note).status_code == 201


async def test_who_may_see_and_open_a_file(as_user: AsUser, sessions: Sessions) -> None:
    """Another dealer: 404 everywhere. The OEM reads complaints masked by default: it lists
    the files but may not open them (a file cannot be masked) until the dealer shares
    complaints in full. A role without ``ticket.manage`` cannot add one."""
    complaint = await open_as(as_user, PEOPLE.advisor, kind="complaint")
    added = await upload(as_user, PEOPLE.advisor, complaint["id"], PDF, "application/pdf", "r.pdf")
    attachment = added.json()
    url = f"/attachments/{attachment['id']}"
    async with as_user(PEOPLE.other_advisor) as other:
        assert (await other.get(f"/tickets/{complaint['id']}/attachments")).status_code == 404
        assert (await other.get(url)).status_code == 404
        adding = await other.post(
            f"/tickets/{complaint['id']}/attachments",
            content=PDF,
            headers={"content-type": "application/pdf"},
        )
        assert adding.status_code == 404
    async with as_user(PEOPLE.hq_analyst) as hq:
        assert [
            a["id"] for a in (await hq.get(f"/tickets/{complaint['id']}/attachments")).json()
        ] == [attachment["id"]]
        assert (await hq.get(url)).status_code == 404
        adding = await hq.post(
            f"/tickets/{complaint['id']}/attachments",
            content=PDF,
            headers={"content-type": "application/pdf"},
        )
        assert adding.status_code == 403
    async with as_user(PEOPLE.hq_admin) as hq_admin:
        # Seeing is not changing: HQ's write scope does not reach the dealer's ticket.
        adding = await hq_admin.post(
            f"/tickets/{complaint['id']}/attachments",
            content=PDF,
            headers={"content-type": "application/pdf"},
        )
        assert adding.status_code == 404
    async with sessions() as session, session.begin():
        await session.execute(
            insert(sharing_levels).values(
                tenant=TENANT,
                data_type=DataType.COMPLAINT.value,
                direction=Direction.DEALER_TO_OEM.value,
                dealer_id="dealer-a",
                partner_id="*",
                level=SharingLevel.FULL.value,
            )
        )
    async with as_user(PEOPLE.hq_analyst) as hq:
        opened = await hq.get(url)
    assert opened.status_code == 200
    assert opened.content == PDF
    async with as_user(PEOPLE.advisor) as client:
        assert (await client.get(f"/attachments/{uuid.uuid4()}")).status_code == 404
        assert (await client.get(f"/tickets/{uuid.uuid4()}/attachments")).status_code == 404
