"""Which customer directory a push stream asks (leads' gRPC server, with the agent's token)."""

from __future__ import annotations

from crm_call_center.adapters.customer_directory import CustomerDirectory
from crm_common.settings import Settings


def directory_for(settings: Settings, token: str) -> CustomerDirectory:
    return CustomerDirectory(settings.leads_grpc_target, token)
