"""How every Kafka client of the platform connects: plaintext on a development machine, TLS
and SASL (SCRAM) where the cluster asks for it (Strimzi on Kubernetes, HQ's listener for
dealers). One place builds it from the settings, for FastStream brokers and aiokafka clients."""

from __future__ import annotations

import ssl
from typing import Any

from aiokafka.helpers import create_ssl_context
from faststream.kafka.security import parse_security
from faststream.security import BaseSecurity, SASLPlaintext, SASLScram256, SASLScram512

from crm_common.settings import Settings

_SASL = {"PLAIN": SASLPlaintext, "SCRAM-SHA-256": SASLScram256, "SCRAM-SHA-512": SASLScram512}


def kafka_security(settings: Settings) -> BaseSecurity | None:
    """FastStream's form (``KafkaBroker(security=...)``); None for plaintext."""
    protocol = settings.kafka_security_protocol
    if protocol == "PLAINTEXT":
        return None
    use_ssl = protocol in ("SSL", "SASL_SSL")
    context = _ssl_context(settings) if use_ssl else None
    if protocol == "SSL":
        return BaseSecurity(ssl_context=context, use_ssl=True)
    mechanism = settings.kafka_sasl_mechanism
    username = settings.kafka_sasl_username
    password = settings.kafka_sasl_password
    if mechanism is None or not username or password is None:
        raise ValueError(
            f"CRM_KAFKA_SECURITY_PROTOCOL={protocol} needs CRM_KAFKA_SASL_MECHANISM, "
            "CRM_KAFKA_SASL_USERNAME and CRM_KAFKA_SASL_PASSWORD"
        )
    security: BaseSecurity = _SASL[mechanism](
        username, password.get_secret_value(), ssl_context=context, use_ssl=use_ssl
    )
    return security


def kafka_client_options(settings: Settings) -> dict[str, Any]:
    """Keyword arguments of an aiokafka producer, consumer or admin client."""
    return {
        "bootstrap_servers": settings.kafka_bootstrap_servers,
        **parse_security(kafka_security(settings)),
    }


def _ssl_context(settings: Settings) -> ssl.SSLContext:
    context: ssl.SSLContext = create_ssl_context(cafile=settings.kafka_ssl_cafile)
    return context
