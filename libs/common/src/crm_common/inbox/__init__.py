"""Inbox: ids of processed events per consumer, written in the transaction of the effects."""

from crm_common.inbox.store import process_once

__all__ = ["process_once"]
