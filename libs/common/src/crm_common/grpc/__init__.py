"""gRPC between services: bearer-token auth (the same verifier and functions as HTTP), the api
process's gRPC server, and a client channel that carries the caller's token."""

from crm_common.grpc.auth import BearerAuth, current_principal
from crm_common.grpc.client import bearer_channel
from crm_common.grpc.server import serve_grpc

__all__ = ["BearerAuth", "bearer_channel", "current_principal", "serve_grpc"]
