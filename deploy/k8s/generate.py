"""Writes the generated part of the Kubernetes base from the code's own declarations.

    .venv/bin/python deploy/k8s/generate.py          # rewrite deploy/k8s/base/generated/
    .venv/bin/python deploy/k8s/generate.py --check  # exit 1 when the committed files drift

Each service's ``ServiceDefinition`` (bootstrap.py) gives its ports, what its worker consumes
and what it publishes; the event registry gives every topic. From them come the Deployments,
Services, disruption budgets and autoscalers of every service (of the portal's BFF: an api
only), a ``KafkaTopic`` for every topic and its dead-letter topic, and a SCRAM ``KafkaUser``
per service whose ACLs allow what the code does and nothing else. Hand-written objects (Kafka
cluster, PostgreSQL cluster, Redis) live beside ``generated/`` in the base; overlays change
sizes and counts.

The dealer link's processes (docs/dealer-deployments.md) are generated too, into
``deploy/k8s/link/``, which only the overlays that run them include: ``link/dealer`` (an uplink
per publishing service and the dealer intake, for the overlay's dealer) and ``link/hq`` (HQ's
intake and downlink for each dealer of ``DEALERS``), each process with a Kafka user whose ACLs
allow what it copies.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

from crm_common.contracts.events.registry import all_topics
from crm_common.messaging.consumer import dead_letter_topic
from crm_common.runtime.service import ServiceDefinition
from crm_common.settings import Settings
from crm_portal.settings import DEFAULT_UPSTREAMS as PORTAL_UPSTREAMS
from crm_portal.settings import PortalSettings

ROOT = Path(__file__).resolve().parents[2]
GENERATED = Path(__file__).resolve().parent / "base" / "generated"
LINK = Path(__file__).resolve().parent / "link"
DEALERS = ("dealer-sh-01",)
"""The dealers HQ links to (one KafkaUser each in overlays/hq/dealers.yaml); the dealer overlay
is the first one's (overlays/dealer/mirror-maker.yaml)."""
HQ_DEALERS_LISTENER = "kafka.hq.example.com:9094"
"""HQ's Kafka listener for dealers, as the dealer overlay's MirrorMaker 2 reaches it."""
LINK_METRICS_PORT = 9300
LINK_IMAGE = "leads"
"""The image the link's copiers run from (every service image carries crm_common)."""
SERVICES = (
    "identity",
    "leads",
    "opportunities",
    "service-desk",
    "call-center",
    "kpi",
    "notifications",
)
PORTAL = "portal"
"""The web portals' BFF: an api only (portal_objects), unlike the services above."""
KAFKA_CLUSTER = "crm"
KAFKA_BOOTSTRAP = f"{KAFKA_CLUSTER}-kafka-bootstrap:9093"
POSTGRES_HOST = "crm-postgres-rw"
TOPIC_PARTITIONS = 12
"""Room for a worker Deployment to scale to 12 consumers per group on lag."""
TOPIC_REPLICAS = 3
USER_ID = 10001
"""The non-root user of the service images (their Dockerfiles)."""
GRPC_PORTS = {"leads": 50052}
"""gRPC servers of api processes (crm_leads.bootstrap.GRPC_PORT)."""
SECRET_SETTINGS = {
    "identity": {"CRM_SIGNING_KEY_ENCRYPTION_KEY": ("crm-identity-keys", "encryption-key")},
    "leads": {"CRM_PERSONAL_DATA_HASH_KEY": ("crm-personal-data", "hash-key")},
    "call-center": {
        "CRM_CTI_AMI_SECRET": ("crm-call-center-cti", "ami-secret"),
        "CRM_CTI_WEBHOOK_SECRET": ("crm-call-center-cti", "webhook-secret"),
        "CRM_S3_SECRET_ACCESS_KEY": ("crm-file-storage", "s3-secret-access-key"),
    },
    "notifications": {"CRM_SMTP_PASSWORD": ("crm-smtp", "password")},
    "service-desk": {
        "CRM_SMTP_PASSWORD": ("crm-smtp", "password"),
        "CRM_SMS_API_KEY": ("crm-service-desk-sms", "api-key"),
        "CRM_S3_SECRET_ACCESS_KEY": ("crm-file-storage", "s3-secret-access-key"),
    },
}
"""Settings that are secrets, per service that needs them: (Secret, key)."""


def definition(service: str) -> ServiceDefinition:
    module = importlib.import_module(f"crm_{service.replace('-', '_')}.bootstrap")
    found: ServiceDefinition = module.DEFINITION
    return found


def consumed(defn: ServiceDefinition) -> list[tuple[str, str]]:
    """(consumer group, topic) pairs of the service's worker, without any namespace."""
    if defn.subscriptions is None:
        return []
    settings = Settings(service_name=defn.name, kafka_namespace="")
    return sorted({(s.consumer, s.topic) for s in defn.subscriptions(settings)})


VOLUME_MOUNTS = [
    # The root filesystem is read-only; /tmp is an emptyDir of the pod.
    {"name": "tmp", "mountPath": "/tmp"},  # noqa: S108
    # CRM_KAFKA_SSL_CAFILE in the settings ConfigMap: the Strimzi cluster CA.
    {"name": "kafka-ca", "mountPath": "/etc/crm/kafka-ca", "readOnly": True},
]


def labels(service: str, role: str) -> dict[str, str]:
    return {
        "app.kubernetes.io/name": service,
        "app.kubernetes.io/component": role,
        "app.kubernetes.io/part-of": "crm",
    }


def secret_env(name: str, secret: str, key: str) -> dict[str, Any]:
    return {"name": name, "valueFrom": {"secretKeyRef": {"name": secret, "key": key}}}


def database_env(
    service: str, *, migrates: bool = False, system: bool = False
) -> list[dict[str, Any]]:
    """CRM_DATABASE_URL as the app role, which the migrations grant data manipulation only; for
    the worker also CRM_DATABASE_SYSTEM_URL as the system role, the only one besides the owner
    that may act across tenants; for the migration also CRM_DATABASE_OWNER_URL as the owner
    role, and the system role's URL, which it names in the policies (crm_common.db.roles).
    Each built from the role's CloudNativePG secret (basic-auth: username, password)."""
    env = role_url_env(service, "app", "CRM_DATABASE_URL")
    if migrates:
        env += role_url_env(service, "owner", "CRM_DATABASE_OWNER_URL")
    if migrates or system:
        env += role_url_env(service, "system", "CRM_DATABASE_SYSTEM_URL")
    return env


def role_url_env(service: str, role: str, setting: str) -> list[dict[str, Any]]:
    database = f"crm_{service.replace('-', '_')}"
    secret = f"crm-{service}-db-{role}"
    user, password = f"DB_{role.upper()}_USER", f"DB_{role.upper()}_PASSWORD"
    return [
        secret_env(user, secret, "username"),
        secret_env(password, secret, "password"),
        {
            "name": setting,
            "value": f"postgresql+asyncpg://$({user}):$({password})@{POSTGRES_HOST}:5432/{database}",
        },
    ]


def common_env(service: str) -> list[dict[str, Any]]:
    env: list[dict[str, Any]] = [
        {"name": "CRM_SERVICE_NAME", "value": service},
        {"name": "CRM_KAFKA_SASL_USERNAME", "value": f"crm-{service}"},
        secret_env("CRM_KAFKA_SASL_PASSWORD", f"crm-{service}", "password"),
        # Production serves /metrics only to a scraper presenting this bearer token.
        secret_env("CRM_HTTP_METRICS_TOKEN", "crm-metrics", "scrape-token"),
        *(
            secret_env(name, secret, key)
            for name, (secret, key) in SECRET_SETTINGS.get(service, {}).items()
        ),
    ]
    return env


def container_security() -> dict[str, Any]:
    return {
        "runAsNonRoot": True,
        "runAsUser": USER_ID,
        "allowPrivilegeEscalation": False,
        "readOnlyRootFilesystem": True,
        "capabilities": {"drop": ["ALL"]},
    }


def probe(port: str, path: str, *, period: int) -> dict[str, Any]:
    return {"httpGet": {"path": path, "port": port}, "periodSeconds": period, "timeoutSeconds": 3}


def container(
    service: str, role: str, ports: list[dict[str, Any]], probe_port: str
) -> dict[str, Any]:
    return {
        "name": role,
        "image": f"crm-{service}",
        "args": [role],
        "envFrom": [{"configMapRef": {"name": "crm-settings"}}],
        "env": [*common_env(service), *database_env(service, system=role == "worker")],
        "ports": ports,
        "livenessProbe": probe(probe_port, "/healthz", period=10),
        "readinessProbe": probe(probe_port, "/readyz", period=5),
        "startupProbe": {**probe(probe_port, "/healthz", period=2), "failureThreshold": 60},
        "resources": {
            "requests": {"cpu": "250m", "memory": "256Mi"},
            "limits": {"cpu": "1", "memory": "768Mi"},
        },
        "securityContext": container_security(),
        "volumeMounts": VOLUME_MOUNTS,
    }


def deployment(service: str, role: str, main: dict[str, Any], init: list[dict[str, Any]]) -> dict:
    spec: dict[str, Any] = {
        "automountServiceAccountToken": False,
        "securityContext": {
            "runAsNonRoot": True,
            "runAsUser": USER_ID,
            "fsGroup": USER_ID,
            "seccompProfile": {"type": "RuntimeDefault"},
        },
        "containers": [main],
        "volumes": [
            {"name": "tmp", "emptyDir": {"sizeLimit": "256Mi"}},
            {
                "name": "kafka-ca",
                "secret": {
                    "secretName": f"{KAFKA_CLUSTER}-cluster-ca-cert",
                    "items": [{"key": "ca.crt", "path": "ca.crt"}],
                },
            },
        ],
        "topologySpreadConstraints": [
            {
                "maxSkew": 1,
                "topologyKey": "kubernetes.io/hostname",
                "whenUnsatisfiable": "ScheduleAnyway",
                "labelSelector": {"matchLabels": labels(service, role)},
            }
        ],
    }
    if init:
        spec["initContainers"] = init
    return {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": {"name": f"{service}-{role}", "labels": labels(service, role)},
        "spec": {
            "replicas": 2,
            "selector": {"matchLabels": labels(service, role)},
            "strategy": {"rollingUpdate": {"maxUnavailable": 0, "maxSurge": 1}},
            "template": {"metadata": {"labels": labels(service, role)}, "spec": spec},
        },
    }


def migrate_init(service: str) -> dict[str, Any]:
    """Migrations as the owner role before the api starts: every api pod runs it, the first
    one applies the release's migrations under the migrator's advisory lock and the others
    find nothing left to do, so a release migrates once whatever the replica count."""
    return {
        "name": "migrate",
        "image": f"crm-{service}",
        "args": ["migrate"],
        "envFrom": [{"configMapRef": {"name": "crm-settings"}}],
        "env": [*common_env(service), *database_env(service, migrates=True)],
        "resources": {
            "requests": {"cpu": "100m", "memory": "128Mi"},
            "limits": {"cpu": "500m", "memory": "384Mi"},
        },
        "securityContext": container_security(),
        "volumeMounts": VOLUME_MOUNTS,
    }


def service_objects(defn: ServiceDefinition) -> list[dict[str, Any]]:
    name = defn.name
    api_ports = [{"name": "http", "containerPort": defn.http_port}]
    if name in GRPC_PORTS:
        api_ports.append({"name": "grpc", "containerPort": GRPC_PORTS[name]})
    api = container(name, "api", api_ports, "http")
    api["env"] += listening_env(defn.http_port)
    worker = container(
        name, "worker", [{"name": "metrics", "containerPort": defn.worker_metrics_port}], "metrics"
    )
    worker["env"].append(
        {"name": "CRM_WORKER_METRICS_PORT", "value": str(defn.worker_metrics_port)}
    )
    objects: list[dict[str, Any]] = [
        deployment(name, "api", api, [migrate_init(name)]),
        deployment(name, "worker", worker, []),
        api_service(name, api_ports),
        api_autoscaler(name),
        disruption_budget(name, "api"),
        disruption_budget(name, "worker"),
    ]
    pairs = consumed(defn)
    if pairs:
        objects.append(scaled_object(name, pairs))
    return objects


def portal_objects(definitions: list[ServiceDefinition]) -> list[dict[str, Any]]:
    """The portals' BFF runs an api only: no worker, no database of its own (sessions live in
    Redis) and no Kafka; it proxies the browser's calls to the services' apis."""
    port = PortalSettings.model_fields["http_port"].default
    upstreams = {
        d.name: f"http://{d.name}-api:{d.http_port}"
        for d in definitions
        if d.name in PORTAL_UPSTREAMS
    }
    if set(upstreams) != set(PORTAL_UPSTREAMS):
        raise SystemExit(f"the portal proxies services not deployed: {set(PORTAL_UPSTREAMS)}")
    api_ports = [{"name": "http", "containerPort": port}]
    api = container(PORTAL, "api", api_ports, "http")
    api["env"] = [
        {"name": "CRM_SERVICE_NAME", "value": PORTAL},
        *listening_env(port),
        {"name": "CRM_PORTAL_UPSTREAMS", "value": json.dumps(upstreams, sort_keys=True)},
    ]
    api["volumeMounts"] = [m for m in VOLUME_MOUNTS if m["name"] == "tmp"]
    pod = deployment(PORTAL, "api", api, [])
    spec = pod["spec"]["template"]["spec"]
    spec["volumes"] = [v for v in spec["volumes"] if v["name"] == "tmp"]
    return [
        pod,
        api_service(PORTAL, api_ports),
        api_autoscaler(PORTAL),
        disruption_budget(PORTAL, "api"),
    ]


def listening_env(port: int) -> list[dict[str, Any]]:
    return [
        {"name": "CRM_HTTP_HOST", "value": "0.0.0.0"},  # noqa: S104 - the pod's own network
        {"name": "CRM_HTTP_PORT", "value": str(port)},
    ]


def api_service(name: str, api_ports: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "apiVersion": "v1",
        "kind": "Service",
        "metadata": {"name": f"{name}-api", "labels": labels(name, "api")},
        "spec": {
            "selector": labels(name, "api"),
            "ports": [
                {"name": p["name"], "port": p["containerPort"], "targetPort": p["name"]}
                for p in api_ports
            ],
        },
    }


def api_autoscaler(name: str) -> dict[str, Any]:
    return {
        "apiVersion": "autoscaling/v2",
        "kind": "HorizontalPodAutoscaler",
        "metadata": {"name": f"{name}-api", "labels": labels(name, "api")},
        "spec": {
            "scaleTargetRef": {
                "apiVersion": "apps/v1",
                "kind": "Deployment",
                "name": f"{name}-api",
            },
            "minReplicas": 2,
            "maxReplicas": 10,
            "metrics": [
                {
                    "type": "Resource",
                    "resource": {
                        "name": "cpu",
                        "target": {"type": "Utilization", "averageUtilization": 70},
                    },
                }
            ],
        },
    }


def disruption_budget(name: str, role: str) -> dict[str, Any]:
    return {
        "apiVersion": "policy/v1",
        "kind": "PodDisruptionBudget",
        "metadata": {"name": f"{name}-{role}", "labels": labels(name, role)},
        "spec": {"maxUnavailable": 1, "selector": {"matchLabels": labels(name, role)}},
    }


def scaled_object(service: str, pairs: list[tuple[str, str]]) -> dict[str, Any]:
    """The worker scaled on the lag of each of its consumer groups (KEDA's Kafka scaler)."""
    return {
        "apiVersion": "keda.sh/v1alpha1",
        "kind": "ScaledObject",
        "metadata": {"name": f"{service}-worker", "labels": labels(service, "worker")},
        "spec": {
            "scaleTargetRef": {"name": f"{service}-worker"},
            "minReplicaCount": 1,
            "maxReplicaCount": TOPIC_PARTITIONS,
            "triggers": [
                {
                    "type": "kafka",
                    "metadata": {
                        "bootstrapServers": KAFKA_BOOTSTRAP,
                        "consumerGroup": group,
                        "topic": topic,
                        "lagThreshold": "500",
                        "tls": "enable",
                        "sasl": "scram_sha512",
                    },
                    "authenticationRef": {"name": f"{service}-kafka"},
                }
                for group, topic in pairs
            ],
        },
    }


def trigger_authentication(service: str) -> dict[str, Any]:
    return {
        "apiVersion": "keda.sh/v1alpha1",
        "kind": "TriggerAuthentication",
        "metadata": {"name": f"{service}-kafka", "labels": labels(service, "worker")},
        "spec": {
            "secretTargetRef": [
                {
                    "parameter": "username",
                    "name": f"crm-{service}-kafka-username",
                    "key": "username",
                },
                {"parameter": "password", "name": f"crm-{service}", "key": "password"},
                {"parameter": "ca", "name": f"{KAFKA_CLUSTER}-cluster-ca-cert", "key": "ca.crt"},
            ]
        },
    }


def kafka_username(service: str) -> dict[str, Any]:
    """The SASL user name as a Secret, for KEDA (which reads credentials from Secrets only);
    Strimzi's user Secret holds the password."""
    return {
        "apiVersion": "v1",
        "kind": "Secret",
        "metadata": {"name": f"crm-{service}-kafka-username", "labels": labels(service, "worker")},
        "type": "Opaque",
        "stringData": {"username": f"crm-{service}"},
    }


def topic_object(topic: str) -> dict[str, Any]:
    return {
        "apiVersion": "kafka.strimzi.io/v1beta2",
        "kind": "KafkaTopic",
        "metadata": {
            "name": topic.replace("_", "-"),
            "labels": {"strimzi.io/cluster": KAFKA_CLUSTER},
        },
        "spec": {
            "topicName": topic,
            "partitions": TOPIC_PARTITIONS,
            "replicas": TOPIC_REPLICAS,
            "config": {"min.insync.replicas": 2, "retention.ms": 7 * 24 * 3600 * 1000},
        },
    }


def acl(resource: dict[str, Any], operations: Iterable[str]) -> dict[str, Any]:
    return {"resource": resource, "operations": sorted(operations)}


def kafka_user(defn: ServiceDefinition, topics: list[str]) -> dict[str, Any]:
    """What the service's processes do on Kafka: the relay writes the topics of the events it
    publishes, the worker reads what it subscribes to under its own groups and writes their
    dead letters."""
    published = sorted({event.topic for event in defn.publishes})
    pairs = consumed(defn)
    acls = [
        acl({"type": "topic", "name": t, "patternType": "literal"}, ["Write", "Describe"])
        for t in published
    ]
    for topic in sorted({t for _, t in pairs}):
        acls.append(
            acl({"type": "topic", "name": topic, "patternType": "literal"}, ["Read", "Describe"])
        )
        acls.append(
            acl(
                {"type": "topic", "name": dead_letter_topic(topic), "patternType": "literal"},
                ["Write", "Describe"],
            )
        )
    for group in sorted({g for g, _ in pairs}):
        acls.append(acl({"type": "group", "name": group, "patternType": "literal"}, ["Read"]))
    if published:
        # The relay's idempotent producer.
        acls.append(acl({"type": "cluster"}, ["IdempotentWrite"]))
    unknown = {t for t in published if t not in topics}
    if unknown:
        raise SystemExit(f"{defn.name} publishes topics missing from the registry: {unknown}")
    return {
        "apiVersion": "kafka.strimzi.io/v1beta2",
        "kind": "KafkaUser",
        "metadata": {"name": f"crm-{defn.name}", "labels": {"strimzi.io/cluster": KAFKA_CLUSTER}},
        "spec": {
            "authentication": {"type": "scram-sha-512"},
            "authorization": {"type": "simple", "acls": acls},
        },
    }


def postgres_objects() -> list[dict[str, Any]]:
    """One CloudNativePG cluster (a primary and a streaming replica), one database per service
    owned by the service's owner role (migrations), and an app role (the api) and a system role
    (the worker, the only one acting across tenants) per service that the migrations grant
    data manipulation only: the running service cannot drop a trigger or turn row-level
    security off. Passwords come from basic-auth Secrets (deploy/k8s/README.md)."""
    roles = []
    for service in SERVICES:
        for role in ("owner", "app", "system"):
            roles.append(
                {
                    "name": database_role(service, role),
                    "ensure": "present",
                    "login": True,
                    "superuser": False,
                    "bypassrls": False,
                    "createdb": False,
                    "createrole": False,
                    "passwordSecret": {"name": f"crm-{service}-db-{role}"},
                }
            )
    cluster = {
        "apiVersion": "postgresql.cnpg.io/v1",
        "kind": "Cluster",
        "metadata": {"name": "crm-postgres"},
        "spec": {
            "instances": 2,
            "imageName": "ghcr.io/cloudnative-pg/postgresql:16",
            "primaryUpdateStrategy": "unsupervised",
            "postgresql": {
                "parameters": {
                    "max_connections": "400",
                    "shared_buffers": "1GB",
                    "synchronous_commit": "on",
                }
            },
            "storage": {"size": "100Gi"},
            "resources": {
                "requests": {"cpu": "1", "memory": "4Gi"},
                "limits": {"cpu": "2", "memory": "4Gi"},
            },
            "managed": {"roles": roles},
        },
    }
    databases = [
        {
            "apiVersion": "postgresql.cnpg.io/v1",
            "kind": "Database",
            "metadata": {"name": f"crm-{service}"},
            "spec": {
                "cluster": {"name": "crm-postgres"},
                "name": f"crm_{service.replace('-', '_')}",
                "owner": database_role(service, "owner"),
            },
        }
        for service in SERVICES
    ]
    return [cluster, *databases]


def database_role(service: str, role: str) -> str:
    base = f"crm_{service.replace('-', '_')}"
    return base if role == "app" else f"{base}_{role}"


def documents() -> dict[str, list[dict[str, Any]]]:
    topics = all_topics()
    definitions = [definition(s) for s in SERVICES]
    files: dict[str, list[dict[str, Any]]] = {
        "topics.yaml": [
            topic_object(t) for topic in topics for t in (topic, dead_letter_topic(topic))
        ],
        "kafka-users.yaml": [kafka_user(d, topics) for d in definitions],
        "postgres.yaml": postgres_objects(),
    }
    for d in definitions:
        objects = service_objects(d)
        if consumed(d):
            objects += [trigger_authentication(d.name), kafka_username(d.name)]
        files[f"{d.name}.yaml"] = objects
    files[f"{PORTAL}.yaml"] = portal_objects(definitions)
    files["kustomization.yaml"] = [
        {
            "apiVersion": "kustomize.config.k8s.io/v1beta1",
            "kind": "Kustomization",
            "resources": sorted(name for name in files if name != "kustomization.yaml"),
        }
    ]
    return files


def link_container(
    image: str, args: list[str], env: list[dict[str, Any]], *, command: list[str] | None = None
) -> dict[str, Any]:
    """A process of the dealer link: no HTTP api; its health port answers the probes (/healthz
    while it lives, /readyz while its loops go round) and Prometheus (/metrics, with the scrape
    token, which no probe presents)."""
    found: dict[str, Any] = {
        "name": "link",
        "image": f"crm-{image}",
        **({"command": command} if command else {}),
        "args": args,
        "envFrom": [{"configMapRef": {"name": "crm-settings"}}],
        "env": [
            *env,
            {"name": "CRM_HTTP_HOST", "value": "0.0.0.0"},  # noqa: S104 - the pod's own network
            {"name": "CRM_UPLINK_METRICS_PORT", "value": str(LINK_METRICS_PORT)},
            secret_env("CRM_HTTP_METRICS_TOKEN", "crm-metrics", "scrape-token"),
        ],
        "ports": [{"name": "metrics", "containerPort": LINK_METRICS_PORT}],
        "livenessProbe": probe("metrics", "/healthz", period=10),
        "readinessProbe": probe("metrics", "/readyz", period=5),
        "resources": {
            "requests": {"cpu": "100m", "memory": "192Mi"},
            "limits": {"cpu": "500m", "memory": "512Mi"},
        },
        "securityContext": container_security(),
        "volumeMounts": VOLUME_MOUNTS,
    }
    return found


def kafka_login_env(user: str) -> list[dict[str, Any]]:
    return [
        {"name": "CRM_KAFKA_SASL_USERNAME", "value": user},
        secret_env("CRM_KAFKA_SASL_PASSWORD", user, "password"),
    ]


def link_user(name: str, acls: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "apiVersion": "kafka.strimzi.io/v1beta2",
        "kind": "KafkaUser",
        "metadata": {"name": name, "labels": {"strimzi.io/cluster": KAFKA_CLUSTER}},
        "spec": {
            "authentication": {"type": "scram-sha-512"},
            "authorization": {
                "type": "simple",
                "acls": [*acls, acl({"type": "cluster"}, ["IdempotentWrite"])],
            },
        },
    }


def topic_acl(name: str, operations: list[str], *, prefix: bool = False) -> dict[str, Any]:
    pattern = "prefix" if prefix else "literal"
    return acl({"type": "topic", "name": name, "patternType": pattern}, operations)


def group_acl(group: str) -> dict[str, Any]:
    return acl({"type": "group", "name": group, "patternType": "literal"}, ["Read"])


def uplink_objects(defn: ServiceDefinition) -> list[dict[str, Any]]:
    """The dealer's uplink of one service: reads the service's topics and the sharing
    agreements in its database, writes ``uplink.<topic>`` (and its dead letters)."""
    name, user = defn.name, f"uplink-{defn.name}"
    env = [
        {"name": "CRM_SERVICE_NAME", "value": name},
        *kafka_login_env(user),
        *(
            secret_env(setting, secret, key)
            for setting, (secret, key) in SECRET_SETTINGS.get(name, {}).items()
        ),
        *database_env(name),
    ]
    published = sorted({event.topic for event in defn.publishes})
    acls = [
        *(topic_acl(t, ["Describe", "Read"]) for t in published),
        *(topic_acl(dead_letter_topic(t), ["Describe", "Write"]) for t in published),
        topic_acl("uplink.", ["Create", "Describe", "Write"], prefix=True),
        group_acl(f"{name}.uplink"),
    ]
    return [
        deployment(name, "uplink", link_container(name, ["uplink"], env), []),
        disruption_budget(name, "uplink"),
        link_user(user, acls),
    ]


COPIED_SOURCE = ["Create", "Describe", "Read", "Write"]
"""A copier's source prefix: read, and its dead letters beside it (created on first use)."""


def copier(name: str, role: str, env: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A Deployment of ``python -m crm_common.messaging.dealer_link <role>``."""
    container = link_container(
        LINK_IMAGE,
        [role],
        [{"name": "CRM_SERVICE_NAME", "value": "dealer-link"}, *env],
        command=["python", "-m", "crm_common.messaging.dealer_link"],
    )
    return [deployment(name, role, container, []), disruption_budget(name, role)]


def dealer_intake_objects(dealer: str, topics: list[str]) -> list[dict[str, Any]]:
    """The dealer's intake of what HQ sent (``hq.downlink-<dealer>.<topic>``, replicated by
    MirrorMaker 2) into its own topics, and its lag from both clusters' end offsets (HQ's read
    with the dealer's credential at HQ)."""
    user = "dealer-intake"
    objects = copier(
        "dealer-link",
        "dealer-intake",
        [
            {"name": "CRM_DEALER_ID", "value": dealer},
            *kafka_login_env(user),
            {"name": "CRM_HQ_KAFKA_BOOTSTRAP_SERVERS", "value": HQ_DEALERS_LISTENER},
            {"name": "CRM_HQ_KAFKA_PASSWORD_FILE", "value": "/etc/crm/hq/password"},
            {"name": "CRM_HQ_KAFKA_CA_FILE", "value": "/etc/crm/hq-ca/ca.crt"},
        ],
    )
    pod = objects[0]["spec"]["template"]["spec"]
    pod["containers"][0]["volumeMounts"] = [
        *VOLUME_MOUNTS,
        {"name": "hq-password", "mountPath": "/etc/crm/hq", "readOnly": True},
        {"name": "hq-ca", "mountPath": "/etc/crm/hq-ca", "readOnly": True},
    ]
    pod["volumes"] += [
        {
            "name": "hq-password",
            "secret": {
                "secretName": f"{dealer}-hq",
                "items": [{"key": "password", "path": "password"}],
            },
        },
        {
            "name": "hq-ca",
            "secret": {
                "secretName": "hq-cluster-ca-cert",
                "items": [{"key": "ca.crt", "path": "ca.crt"}],
            },
        },
    ]
    acls = [
        topic_acl(f"hq.downlink-{dealer}.", COPIED_SOURCE, prefix=True),
        *(topic_acl(t, ["Describe", "Write"]) for t in topics),
        topic_acl("uplink.", ["Describe"], prefix=True),
        group_acl("dealer-link.dealer-intake"),
    ]
    return [*objects, link_user(user, acls)]


def hq_link_objects(dealer: str, topics: list[str]) -> list[dict[str, Any]]:
    """HQ's side of one dealer's link: its intake (the dealer's replicated uplink topics into
    HQ's own) and its downlink (what concerns the dealer into ``downlink-<dealer>.``)."""
    intake, downlink = f"link-hq-intake-{dealer}", f"link-hq-downlink-{dealer}"
    dealer_env = {"name": "CRM_DEALER_ID", "value": dealer}
    return [
        *copier(f"link-{dealer}", "hq-intake", [dealer_env, *kafka_login_env(intake)]),
        link_user(
            intake,
            [
                topic_acl(f"{dealer}.uplink.", COPIED_SOURCE, prefix=True),
                *(topic_acl(t, ["Describe", "Write"]) for t in topics),
                group_acl(f"dealer-link.hq-intake.{dealer}"),
            ],
        ),
        *copier(f"link-{dealer}", "hq-downlink", [dealer_env, *kafka_login_env(downlink)]),
        link_user(
            downlink,
            [
                *(topic_acl(t, ["Describe", "Read"]) for t in topics),
                *(topic_acl(dead_letter_topic(t), ["Describe", "Write"]) for t in topics),
                topic_acl(f"downlink-{dealer}.", ["Create", "Describe", "Write"], prefix=True),
                group_acl(f"dealer-link.hq-downlink.{dealer}"),
            ],
        ),
    ]


def link_documents() -> dict[str, dict[str, list[dict[str, Any]]]]:
    """deploy/k8s/link/<side>/: what the hq and dealer overlays add for the link."""
    topics = all_topics()
    publishing = [d for d in (definition(s) for s in SERVICES) if d.publishes]
    sides = {
        "dealer": [
            *(o for d in publishing for o in uplink_objects(d)),
            *dealer_intake_objects(DEALERS[0], topics),
        ],
        "hq": [o for dealer in DEALERS for o in hq_link_objects(dealer, topics)],
    }
    return {
        side: {
            "link.yaml": objects,
            "kustomization.yaml": [
                {
                    "apiVersion": "kustomize.config.k8s.io/v1beta1",
                    "kind": "Kustomization",
                    "resources": ["link.yaml"],
                    # The base's image names apply to its own resources only: the same here.
                    "images": base_images(),
                }
            ],
        }
        for side, objects in sides.items()
    }


def base_images() -> list[dict[str, Any]]:
    base = yaml.safe_load((GENERATED.parent / "kustomization.yaml").read_text())
    images: list[dict[str, Any]] = base["images"]
    return images


def render(objects: list[dict[str, Any]]) -> str:
    header = "# Generated by deploy/k8s/generate.py from the code's declarations; do not edit.\n"
    return header + "---\n".join(
        yaml.safe_dump(o, sort_keys=False, allow_unicode=True) for o in objects
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--check", action="store_true", help="fail when the committed files drift")
    args = parser.parse_args(argv)
    folders = {GENERATED: documents(), **{LINK / side: d for side, d in link_documents().items()}}
    for folder, files in folders.items():
        wanted = {name: render(objects) for name, objects in files.items()}
        if args.check:
            present = (
                {p.name: p.read_text() for p in folder.glob("*.yaml")} if folder.exists() else {}
            )
            if present != wanted:
                drifted = sorted(
                    set(present) ^ set(wanted) | {n for n in wanted if present.get(n) != wanted[n]}
                )
                print(
                    f"{folder.relative_to(ROOT)} drifts from the code ({', '.join(drifted)}); "
                    "run: .venv/bin/python deploy/k8s/generate.py",
                    file=sys.stderr,
                )
                return 1
            continue
        folder.mkdir(parents=True, exist_ok=True)
        for stale in set(p.name for p in folder.glob("*.yaml")) - set(wanted):
            (folder / stale).unlink()
        for name, text in wanted.items():
            (folder / name).write_text(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
