"""How clients connect to Kafka, from the settings (crm_common.messaging.connection)."""

from __future__ import annotations

import datetime
import ssl
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.x509.oid import NameOID
from pydantic import SecretStr

from crm_common.auth.tokens import generate_private_key_pem
from crm_common.messaging.connection import kafka_client_options, kafka_security
from crm_common.settings import Settings


def test_plaintext_by_default() -> None:
    settings = Settings(env="development", kafka_bootstrap_servers="kafka:9092")
    assert kafka_security(settings) is None
    assert kafka_client_options(settings) == {"bootstrap_servers": "kafka:9092"}


def test_scram_over_tls_with_the_cluster_ca(tmp_path: Path) -> None:
    ca = tmp_path / "ca.crt"
    ca.write_text(_self_signed_certificate())
    settings = Settings(
        env="development",
        kafka_bootstrap_servers="crm-kafka-bootstrap:9093",
        kafka_security_protocol="SASL_SSL",
        kafka_sasl_mechanism="SCRAM-SHA-512",
        kafka_sasl_username="crm-leads",
        kafka_sasl_password=SecretStr("s3cret"),
        kafka_ssl_cafile=str(ca),
    )
    options = kafka_client_options(settings)
    assert options["security_protocol"] == "SASL_SSL"
    assert options["sasl_mechanism"] == "SCRAM-SHA-512"
    assert options["sasl_plain_username"] == "crm-leads"
    assert options["sasl_plain_password"] == "s3cret"
    assert isinstance(options["ssl_context"], ssl.SSLContext)
    assert options["ssl_context"].get_ca_certs()


def test_sasl_without_credentials_is_refused_naming_the_settings() -> None:
    settings = Settings(kafka_security_protocol="SASL_PLAINTEXT", kafka_sasl_mechanism="PLAIN")
    with pytest.raises(ValueError, match="CRM_KAFKA_SASL_USERNAME"):
        kafka_client_options(settings)


def _self_signed_certificate() -> str:
    key = serialization.load_pem_private_key(generate_private_key_pem().encode(), password=None)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "cluster-ca")])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())  # type: ignore[arg-type]
        .serial_number(1)
        .not_valid_before(now)
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())  # type: ignore[arg-type]
    )
    return certificate.public_bytes(serialization.Encoding.PEM).decode()
