"""deploy/k8s checked without a cluster: every overlay builds with kustomize, every object is
valid against its schema (Kubernetes' own; CloudNativePG's and KEDA's published
CustomResourceDefinitions; Strimzi's as its own generator writes them from its published API
model), and the platform's rules hold for every object."""

from __future__ import annotations

import functools
import json
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import kubernetes_validate
import pytest
import yaml
from pydantic import SecretStr

from crm_common.contracts.events.registry import all_topics
from crm_common.messaging.consumer import dead_letter_topic
from crm_common.messaging.dealer_link import LinkSettings
from crm_common.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
K8S = ROOT / "deploy" / "k8s"
OVERLAYS = ("dev", "hq", "dealer")
KUBERNETES_VERSION = "1.33"
IMAGES = sorted(p.name for p in (ROOT / "services").iterdir() if (p / "Dockerfile").exists())
API_ONLY = {"portal"}
"""The portals' BFF: no worker, no database, no Kafka (sessions in Redis)."""
SERVICES = [s for s in IMAGES if s not in API_ONLY]
STRIMZI_KINDS = {"Kafka", "KafkaNodePool", "KafkaTopic", "KafkaUser", "KafkaMirrorMaker2"}
SECRETS_NOT_DEPLOYED = {
    "signing_key_pem": "identity creates its first signing key itself when none is given",
    "demo_password": "demo users exist in development only",
}
"""Secret settings that production deliberately leaves unset."""


@functools.cache
def tools() -> dict[str, str]:
    out = subprocess.run(
        [str(K8S / "tools.sh")], check=True, capture_output=True, text=True, timeout=900
    ).stdout
    return dict(line.split("=", 1) for line in out.splitlines() if "=" in line)


@functools.cache
def rendered(overlay: str) -> tuple[dict[str, Any], ...]:
    out = subprocess.run(
        [tools()["kustomize"], "build", str(K8S / "overlays" / overlay)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return tuple(doc for doc in yaml.safe_load_all(out) if doc)


@functools.cache
def crd_schemas() -> dict[tuple[str, str], dict[str, Any]]:
    """(apiVersion, kind) → the CRD's openAPIV3Schema, closed to unknown fields the way
    ``kubectl apply --validate=strict`` refuses them."""
    schemas = {}
    for folder in (tools()["cnpg-crds"], tools()["keda-crds"], tools()["strimzi-crds"]):
        for path in Path(folder).glob("*.yaml"):
            crd = yaml.safe_load(path.read_text())
            for version in crd["spec"]["versions"]:
                api_version = f"{crd['spec']['group']}/{version['name']}"
                schema = _strict(version["schema"]["openAPIV3Schema"])
                schemas[(api_version, crd["spec"]["names"]["kind"])] = schema
    return schemas


LOGICAL = {"oneOf", "anyOf", "allOf", "not"}


def _strict(schema: Any) -> Any:
    if isinstance(schema, dict):
        # oneOf/anyOf/allOf/not branches only constrain (a structural schema says which
        # fields exist outside them): closing a branch would refuse its siblings' fields.
        closed = {k: v if k in LOGICAL else _strict(v) for k, v in schema.items()}
        if (
            "properties" in closed
            and "additionalProperties" not in closed
            and not closed.get("x-kubernetes-preserve-unknown-fields")
        ):
            closed["additionalProperties"] = False
            # metadata is the API server's, not the CRD's.
            closed["properties"].pop("metadata", None)
            closed["properties"]["metadata"] = {"type": "object"}
        return closed
    if isinstance(schema, list):
        return [_strict(item) for item in schema]
    return schema


def objects(overlay: str, kind: str) -> Iterator[dict[str, Any]]:
    return (o for o in rendered(overlay) if o["kind"] == kind)


def pod_specs(overlay: str) -> Iterator[tuple[str, dict[str, Any]]]:
    for kind in ("Deployment", "StatefulSet"):
        for obj in objects(overlay, kind):
            yield obj["metadata"]["name"], obj["spec"]["template"]["spec"]


def test_the_generated_base_matches_the_code() -> None:
    result = subprocess.run(
        [str(ROOT / ".venv" / "bin" / "python"), str(K8S / "generate.py"), "--check"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_every_object_is_valid_against_its_schema(overlay: str) -> None:
    problems = []
    for obj in rendered(overlay):
        name = f"{obj['kind']}/{obj['metadata']['name']}"
        key = (obj["apiVersion"], obj["kind"])
        if key in crd_schemas():
            try:
                jsonschema.validate(obj, crd_schemas()[key])
            except jsonschema.ValidationError as error:
                problems.append(f"{name}: {error.json_path}: {error.message}")
        elif obj["kind"] in STRIMZI_KINDS:
            problems.append(f"{name}: no {key[0]} schema for it among Strimzi's CRDs")
        else:
            try:
                kubernetes_validate.validate(obj, KUBERNETES_VERSION, strict=True)
            except kubernetes_validate.ValidationError as error:
                problems.append(f"{name}: {error.message}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("kind", ["Kafka", "KafkaTopic", "KafkaUser", "Cluster", "ScaledObject"])
def test_the_operators_schemas_refuse_what_their_operator_would(kind: str) -> None:
    """The schemas above are no formality: a misspelt field, or a field of the wrong type, in an
    object the overlays really render is refused."""
    obj = next(o for o in rendered("hq") if o["kind"] == kind)
    schema = crd_schemas()[(obj["apiVersion"], kind)]
    jsonschema.validate(obj, schema)
    misspelt = json.loads(json.dumps(obj))
    misspelt["spec"]["replicaz"] = 3
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(misspelt, schema)
    mistyped = json.loads(json.dumps(obj))
    mistyped["spec"] = "everything"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(mistyped, schema)


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_every_service_runs_an_api_and_a_worker(overlay: str) -> None:
    deployments = {o["metadata"]["name"] for o in objects(overlay, "Deployment")}
    expected = {f"{s}-{role}" for s in SERVICES for role in ("api", "worker")}
    assert expected <= deployments
    assert {f"{s}-api" for s in API_ONLY} <= deployments
    assert not {f"{s}-worker" for s in API_ONLY} & deployments
    autoscaled = {
        o["spec"]["scaleTargetRef"]["name"] for o in objects(overlay, "HorizontalPodAutoscaler")
    }
    assert {f"{s}-api" for s in IMAGES} <= autoscaled
    budgets = {
        tuple(sorted(o["spec"]["selector"]["matchLabels"].items()))
        for o in objects(overlay, "PodDisruptionBudget")
    }
    for obj in objects(overlay, "Deployment"):
        labels = obj["spec"]["selector"]["matchLabels"]
        assert tuple(sorted(labels.items())) in budgets, obj["metadata"]["name"]


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_every_pod_is_probed_limited_and_unprivileged(overlay: str) -> None:
    for name, spec in pod_specs(overlay):
        assert spec.get("automountServiceAccountToken") is False, name
        assert spec["securityContext"]["runAsNonRoot"] is True, name
        for container in spec["containers"]:
            assert {"livenessProbe", "readinessProbe"} <= set(container), name
        for container in [*spec["containers"], *spec.get("initContainers", [])]:
            where = f"{name}/{container['name']}"
            assert {"cpu", "memory"} <= set(container["resources"]["requests"]), where
            assert {"cpu", "memory"} <= set(container["resources"]["limits"]), where
            security = container["securityContext"]
            assert security["runAsNonRoot"] is True, where
            assert security["readOnlyRootFilesystem"] is True, where
            assert security["allowPrivilegeEscalation"] is False, where
            assert security["capabilities"]["drop"] == ["ALL"], where


def test_the_apis_probe_their_health_endpoints() -> None:
    for obj in objects("hq", "Deployment"):
        if obj["metadata"]["name"].endswith(("-api", "-worker")):
            container = obj["spec"]["template"]["spec"]["containers"][0]
            assert container["livenessProbe"]["httpGet"]["path"] == "/healthz"
            assert container["readinessProbe"]["httpGet"]["path"] == "/readyz"


@pytest.mark.parametrize("overlay", ["dealer", "hq"])
def test_the_link_pods_probe_their_health_and_keep_metrics_for_the_scraper(overlay: str) -> None:
    """/metrics answers only the bearer of the scrape token, which a kubelet's probe does not
    present: a probe of /metrics would keep the pod from ever being ready."""
    links = [
        o
        for o in objects(overlay, "Deployment")
        if o["metadata"]["name"].endswith("-uplink")
        or o["metadata"]["name"].startswith("link-")
        or o["metadata"]["name"].startswith("dealer-link")
    ]
    assert links
    for obj in links:
        [container] = obj["spec"]["template"]["spec"]["containers"]
        name = obj["metadata"]["name"]
        assert container["livenessProbe"]["httpGet"]["path"] == "/healthz", name
        assert container["readinessProbe"]["httpGet"]["path"] == "/readyz", name
        assert "CRM_HTTP_METRICS_TOKEN" in _env(container), name


def test_migrations_run_as_the_owner_role_and_services_as_the_app_role() -> None:
    """Only the migration gets the owner's credentials (it grants the app and system roles
    their rights); the api connects as the app role, the worker as the system role, the only
    one acting across tenants."""

    def password_secret(container: dict[str, Any], variable: str) -> str | None:
        for e in container.get("env", []):
            if e["name"] == variable:
                return str(e["valueFrom"]["secretKeyRef"]["name"])
        return None

    for obj in objects("hq", "Deployment"):
        spec = obj["spec"]["template"]["spec"]
        for container in [*spec["containers"], *spec.get("initContainers", [])]:
            where = f"{obj['metadata']['name']}/{container['name']}"
            env = {e["name"]: e for e in container.get("env", [])}
            app = password_secret(container, "DB_APP_PASSWORD")
            owner = password_secret(container, "DB_OWNER_PASSWORD")
            system = password_secret(container, "DB_SYSTEM_PASSWORD")
            if app is None:
                assert owner is None, where
                assert system is None, where
                assert "CRM_DATABASE_URL" not in env, where
                continue
            assert app.endswith("-db-app"), where
            assert "$(DB_APP_USER):$(DB_APP_PASSWORD)@" in env["CRM_DATABASE_URL"]["value"], where
            if container["name"] == "migrate":
                assert (owner or "").endswith("-db-owner"), where
                owner_url = env["CRM_DATABASE_OWNER_URL"]["value"]
                assert "$(DB_OWNER_USER):$(DB_OWNER_PASSWORD)@" in owner_url, where
            else:
                assert owner is None, where
                assert "CRM_DATABASE_OWNER_URL" not in env, where
            if container["name"] in ("migrate", "worker"):
                assert (system or "").endswith("-db-system"), where
                system_url = env["CRM_DATABASE_SYSTEM_URL"]["value"]
                assert "$(DB_SYSTEM_USER):$(DB_SYSTEM_PASSWORD)@" in system_url, where
            else:
                assert system is None, where
                assert "CRM_DATABASE_SYSTEM_URL" not in env, where
    api_pods = {
        o["metadata"]["name"]: o["spec"]["template"]["spec"]
        for o in objects("hq", "Deployment")
        if o["metadata"]["name"].endswith("-api")
    }
    for name, spec in api_pods.items():
        if name.removesuffix("-api") in API_ONLY:
            assert "initContainers" not in spec, name
            env = {e["name"] for e in spec["containers"][0]["env"]}
            assert not env & {"DB_APP_PASSWORD", "DB_OWNER_PASSWORD"}, name
        else:
            assert [c["name"] for c in spec["initContainers"]] == ["migrate"], name


def test_the_portal_proxies_the_deployed_apis() -> None:
    deployments = {o["metadata"]["name"]: o for o in objects("hq", "Deployment")}
    ports = {
        o["metadata"]["name"]: {p["port"] for p in o["spec"]["ports"]}
        for o in objects("hq", "Service")
    }
    env = {
        e["name"]: e.get("value")
        for e in deployments["portal-api"]["spec"]["template"]["spec"]["containers"][0]["env"]
    }
    upstreams = json.loads(env["CRM_PORTAL_UPSTREAMS"])
    assert set(upstreams) == {
        "identity",
        "leads",
        "opportunities",
        "service-desk",
        "call-center",
        "kpi",
        "notifications",
    }
    for service, url in upstreams.items():
        host, port = url.removeprefix("http://").split(":")
        assert host == f"{service}-api", url
        assert int(port) in ports[host], url


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_every_topic_the_code_declares_has_a_kafka_topic(overlay: str) -> None:
    declared = {t for topic in all_topics() for t in (topic, dead_letter_topic(topic))}
    present = {o["spec"]["topicName"] for o in objects(overlay, "KafkaTopic")}
    assert declared <= present, sorted(declared - present)


def test_topics_have_room_for_the_workers_the_autoscaler_may_start() -> None:
    partitions = {
        o["spec"]["topicName"]: o["spec"]["partitions"] for o in objects("hq", "KafkaTopic")
    }
    for scaled in objects("hq", "ScaledObject"):
        for trigger in scaled["spec"]["triggers"]:
            topic = trigger["metadata"]["topic"]
            assert partitions[topic] >= scaled["spec"]["maxReplicaCount"], topic


def test_each_service_user_may_write_only_what_it_publishes() -> None:
    for user in objects("hq", "KafkaUser"):
        name = user["metadata"]["name"]
        if not name.startswith("crm-"):
            continue
        service = name.removeprefix("crm-")
        for rule in user["spec"]["authorization"]["acls"]:
            resource = rule["resource"]
            assert resource.get("patternType", "literal") == "literal", name
            if resource["type"] == "topic" and "Write" in rule["operations"]:
                topic = resource["name"]
                assert (
                    topic.startswith(f"crm.{service.replace('-', '_')}.")
                    or topic.startswith(f"crm.{service}.")
                    or topic.endswith(".dlq")
                ), f"{name} may write {topic}"


def test_each_mirror_maker_runs_its_connect_cluster_on_the_target_of_its_mirrors() -> None:
    """Strimzi runs a KafkaMirrorMaker2's Connect cluster on ``connectCluster``, which must be
    the target of its mirrors: the dealer's two directions are two resources. The one whose
    Connect cluster is HQ's keeps its group and state topics under the dealer's prefix, the
    only one its ACLs there allow."""
    mirrors = list(objects("dealer", "KafkaMirrorMaker2"))
    directions = set()
    for mirror in mirrors:
        spec = mirror["spec"]
        for flow in spec["mirrors"]:
            assert flow["targetCluster"] == spec["connectCluster"], mirror["metadata"]["name"]
            assert "checkpointConnector" not in flow, "only topics move"
            directions.add((flow["sourceCluster"], flow["targetCluster"]))
        if spec["connectCluster"] == "hq":
            [hq] = [c for c in spec["clusters"] if c["alias"] == "hq"]
            dealer = hq["authentication"]["username"]
            for name in (
                "group.id",
                *(f"{s}.storage.topic" for s in ("config", "offset", "status")),
            ):
                assert hq["config"][name].startswith(f"{dealer}."), name
    assert directions == {("dealer-sh-01", "hq"), ("hq", "dealer-sh-01")}


def test_a_dealer_may_touch_only_its_own_prefixes_at_hq() -> None:
    dealers = [o for o in objects("hq", "KafkaUser") if o["metadata"]["name"].startswith("dealer-")]
    assert dealers
    for user in dealers:
        dealer = user["metadata"]["name"]
        for rule in user["spec"]["authorization"]["acls"]:
            resource = rule["resource"]
            if resource["type"] == "cluster":
                assert rule["operations"] == ["IdempotentWrite"]
                continue
            # Not "downlink.<dealer>.": MirrorMaker 2 reads the <dealer> segment as the cluster
            # the topic came from and refuses to copy it to that dealer (a cycle).
            allowed = (f"{dealer}.", f"downlink-{dealer}.")
            assert resource["name"].startswith(allowed), f"{dealer}: {resource}"
            if resource["name"].startswith(f"downlink-{dealer}."):
                assert "Write" not in rule["operations"]


def test_every_secret_the_settings_need_comes_from_a_secret_object() -> None:
    """A new secret setting fails here until deploy/k8s/generate.py (SECRET_SETTINGS) gives it
    to the services that need it from a Secret."""
    secret_settings = {
        f"CRM_{name.upper()}"
        for name, field in Settings.model_fields.items()
        if SecretStr in _types_of(field.annotation) and name not in SECRETS_NOT_DEPLOYED
    }
    referenced = set()
    for obj in objects("hq", "Deployment"):
        spec = obj["spec"]["template"]["spec"]
        for container in [*spec["containers"], *spec.get("initContainers", [])]:
            where = f"{obj['metadata']['name']}/{container['name']}"
            env = {e["name"]: e for e in container.get("env", [])}
            for name in secret_settings & set(env):
                referenced.add(name)
                if "valueFrom" in env[name]:
                    assert "secretKeyRef" in env[name]["valueFrom"], f"{where}: {name}"
                    continue
                # Assembled from secret parts, e.g. the database URL's $(DB_APP_PASSWORD).
                parts = re.findall(r"\$\((\w+)\)", env[name]["value"])
                assert parts, f"{where}: {name} is written in the manifest"
                for part in parts:
                    assert "secretKeyRef" in env[part]["valueFrom"], f"{where}: {part}"
    assert secret_settings <= referenced, sorted(secret_settings - referenced)
    for overlay in OVERLAYS:
        for config in objects(overlay, "ConfigMap"):
            assert not secret_settings & set(config["data"]), config["metadata"]["name"]


def _types_of(annotation: Any) -> set[Any]:
    args = getattr(annotation, "__args__", None)
    return set(args) if args else {annotation}


def test_settings_config_map_names_only_known_settings() -> None:
    known = {f"CRM_{name.upper()}" for name in Settings.model_fields}
    for overlay in OVERLAYS:
        config = next(
            o for o in objects(overlay, "ConfigMap") if o["metadata"]["name"] == "crm-settings"
        )
        assert set(config["data"]) <= known, set(config["data"]) - known


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_the_settings_a_pod_gets_pass_the_production_checks(
    overlay: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The ConfigMap as the processes read it (plus a database URL, from a Secret in the
    cluster): a setting the production checks refuse would stop every pod at start-up."""
    config = next(
        o for o in objects(overlay, "ConfigMap") if o["metadata"]["name"] == "crm-settings"
    )
    for name, value in config["data"].items():
        monkeypatch.setenv(name, value)
    Settings(database_url=SecretStr("postgresql+asyncpg://crm_leads:s3cret@crm-pg-rw/crm_leads"))


def _env(container: dict[str, Any]) -> dict[str, str | None]:
    return {e["name"]: e.get("value") for e in container.get("env", [])}


def test_the_dealer_link_runs_in_the_overlays_that_need_it() -> None:
    """A dealer runs an uplink per service that publishes and its intake; HQ an intake and a
    downlink per dealer it grants access (its dealer KafkaUsers); the dev overlay neither."""
    publishing = sorted({topic.split(".")[1].replace("_", "-") for topic in all_topics()})
    dealer = {o["metadata"]["name"]: o for o in objects("dealer", "Deployment")}
    for service in publishing:
        [container] = dealer[f"{service}-uplink"]["spec"]["template"]["spec"]["containers"]
        assert container["args"] == ["uplink"], service
        assert container["image"].endswith(f"/{service}:latest"), service
        env = _env(container)
        assert env["CRM_SERVICE_NAME"] == service
        assert env["CRM_KAFKA_SASL_USERNAME"] == f"uplink-{service}"
    [intake] = dealer["dealer-link-dealer-intake"]["spec"]["template"]["spec"]["containers"]
    assert intake["command"][-1] == "crm_common.messaging.dealer_link"
    assert intake["args"] == ["dealer-intake"]
    mirrors = {m["metadata"]["name"]: m["spec"] for m in objects("dealer", "KafkaMirrorMaker2")}
    assert _env(intake)["CRM_DEALER_ID"] == mirrors["hq-downlink"]["connectCluster"]
    hq = {o["metadata"]["name"]: o for o in objects("hq", "Deployment")}
    dealers = [u["metadata"]["name"] for u in objects("hq", "KafkaUser")]
    for dealer_id in (d for d in dealers if d.startswith("dealer-")):
        for role in ("hq-intake", "hq-downlink"):
            [copier] = hq[f"link-{dealer_id}-{role}"]["spec"]["template"]["spec"]["containers"]
            assert copier["args"] == [role]
            assert _env(copier)["CRM_DEALER_ID"] == dealer_id
    assert not {n for n in hq if n.endswith("-uplink")}
    dev = {o["metadata"]["name"] for o in objects("dev", "Deployment")}
    assert not {n for n in dev if "link" in n or n.endswith("-uplink")}


@pytest.mark.parametrize("overlay", ["dealer", "hq"])
def test_each_link_process_may_write_only_where_it_copies_to(overlay: str) -> None:
    """An uplink writes its uplink topics; HQ's downlink the dealer's downlink prefix; the
    intakes (into the platform's own topics) the topics the code declares; all of them dead
    letters."""
    declared = set(all_topics())
    for user in objects(overlay, "KafkaUser"):
        name = user["metadata"]["name"]
        if not name.startswith(("uplink-", "dealer-intake", "link-")):
            continue
        for rule in user["spec"]["authorization"]["acls"]:
            resource = rule["resource"]
            if resource["type"] != "topic" or "Write" not in rule["operations"]:
                continue
            topic = resource["name"]
            if name.startswith("uplink-"):
                allowed = topic == "uplink." or topic.endswith(".dlq")
            elif name.startswith("link-hq-downlink-"):
                dealer = name.removeprefix("link-hq-downlink-")
                allowed = topic == f"downlink-{dealer}." or topic.endswith(".dlq")
            else:  # an intake: the platform's topics, its sources' dead letters by their prefix
                allowed = topic in declared or resource["patternType"] == "prefix"
            assert allowed, f"{name} may write {topic}"
            if resource["patternType"] == "prefix" and not name.startswith("uplink-"):
                assert topic.startswith(("hq.downlink-", "downlink-", "dealer-")), name


@pytest.mark.parametrize("overlay", ["dealer", "hq"])
def test_the_settings_a_link_pod_gets_pass_the_production_checks(
    overlay: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The link's copiers have no database: in production they start without one (an uplink,
    which reads the agreements, has its service's)."""
    config = next(
        o for o in objects(overlay, "ConfigMap") if o["metadata"]["name"] == "crm-settings"
    )
    for name, value in config["data"].items():
        monkeypatch.setenv(name, value)
    copiers = [
        o
        for o in objects(overlay, "Deployment")
        if "crm_common.messaging.dealer_link"
        in o["spec"]["template"]["spec"]["containers"][0].get("command", [])
    ]
    assert copiers
    for copier in copiers:
        with monkeypatch.context() as patch:
            for name, value in _env(copier["spec"]["template"]["spec"]["containers"][0]).items():
                patch.setenv(name, value or "from-a-secret")
            settings = LinkSettings()
            assert settings.dealer_id
            assert settings.uplink_metrics_port
