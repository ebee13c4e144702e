"""Leads down while a call rings: the directory answers "not looked up" instead of failing, so
the agent's stream pushes the number rather than ending (a real gRPC channel to a port nothing
listens on)."""

from __future__ import annotations

from crm_call_center.adapters.customer_directory import Caller, CustomerDirectory
from crm_common.testing.processes import free_port


async def test_an_unreachable_directory_says_the_caller_was_not_looked_up() -> None:
    directory = CustomerDirectory(f"127.0.0.1:{free_port()}", "token-of-the-agent")
    try:
        await directory.connect()
        caller = await directory.lookup("13800138000")
    finally:
        await directory.close()
    assert caller == Caller(found=False, looked_up=False)
