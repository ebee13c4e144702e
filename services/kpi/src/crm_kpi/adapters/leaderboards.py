"""Leaderboards in Redis sorted sets: a fast copy of figures whose source is PostgreSQL's deal
facts. Replaced whole (built aside, renamed over) so a reader never sees half a board."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from decimal import Decimal

from redis.asyncio import Redis
from redis.typing import EncodableT, FieldT

BOARD_TTL_SECONDS = 40 * 24 * 3600
"""A month's board outlives the month a little; a lost or expired one is rebuilt on read."""


async def replace_board(
    redis: Redis, key: str, scores: Mapping[str, Decimal], teams: Mapping[str, str]
) -> None:
    staging = f"{key}:building:{uuid.uuid4().hex}"
    async with redis.pipeline(transaction=True) as pipe:
        # An empty board is kept as a marker member so "built, nobody sold" differs from "lost".
        pipe.zadd(staging, {member: float(score) for member, score in scores.items()} or {"": 0})
        if teams:
            team_of: dict[FieldT, EncodableT] = dict(teams.items())
            pipe.hset(f"{staging}:teams", mapping=team_of)
            pipe.rename(f"{staging}:teams", f"{key}:teams")
        pipe.rename(staging, key)
        pipe.expire(key, BOARD_TTL_SECONDS)
        pipe.expire(f"{key}:teams", BOARD_TTL_SECONDS)
        await pipe.execute()


async def read_board(redis: Redis, key: str) -> tuple[dict[str, Decimal], dict[str, str]] | None:
    """Scores and teams of members, or None when the board is not in Redis."""
    async with redis.pipeline(transaction=False) as pipe:
        pipe.zrange(key, 0, -1, withscores=True)
        pipe.hgetall(f"{key}:teams")
        entries, teams = await pipe.execute()
    if not entries:
        return None
    scores = {
        member.decode(): Decimal(str(score)).quantize(Decimal("0.01"))
        for member, score in entries
        if member
    }
    return scores, {k.decode(): v.decode() for k, v in teams.items()}
