"""Both ends of a dealer deployment's link to HQ, around Kafka MirrorMaker 2 (which moves the
records between the two clusters, ``deploy/kafka/mirror.sh``):

    dealer: <topic> ─uplink (sharing policy)→ uplink.<topic> ─MM2→ HQ: <dealer>.uplink.<topic>
        HQ: <dealer>.uplink.<topic> ─hq-intake (the dealer's own records only)→ <topic>
        HQ: <topic> ─hq-downlink (what concerns the dealer)→ downlink-<dealer>.<topic>
        ─MM2→ dealer: hq.downlink-<dealer>.<topic> ─dealer-intake→ <topic>

Each arrow here is a ``Copier``: one consumer group and one idempotent producer on one
cluster, offsets committed after the copies are acknowledged (at least once, in order per key;
every service's inbox deduplicates on the event id). What HQ's consumers receive is an event
like their own; a record that is not a well-formed event of the platform, or that a dealer
sends about another dealer, goes to the source topic's dead-letter topic and the copy goes on.

Run: ``python -m crm_common.messaging.dealer_link hq-intake|hq-downlink|dealer-intake``
(``CRM_DEALER_ID`` names the dealer). ``dealer-intake`` also exports the replication lag
(``crm_dealer_link_lag_records``): what one cluster holds that the other has not yet received.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import logging
import signal
import time
import traceback
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, ClassVar

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, ConsumerRecord, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient
from aiokafka.errors import KafkaError
from prometheus_client import Counter, Gauge
from pydantic import SecretStr

from crm_common.contracts.events.identity.v1 import (
    ORG_TOPIC,
    OrgChanged,
    SharingPolicyChanged,
    UserChanged,
)
from crm_common.contracts.events.leads.v1 import LeadReturned
from crm_common.contracts.events.opportunities.v1 import CatalogPublished, QuestionnaireDefined
from crm_common.contracts.events.registry import all_topics
from crm_common.contracts.events.service_desk.v1 import (
    CareRuleSet,
    SurveyDesignSet,
    SurveyRuleSet,
)
from crm_common.messaging.connection import kafka_client_options
from crm_common.messaging.consumer import dead_letter_topic
from crm_common.messaging.headers import (
    DOWNLINKED_HEADER,
    FROM_DEALER_HEADER,
    decode_headers,
    encode_headers,
)
from crm_common.messaging.topics import ensure_topics
from crm_common.messaging.uplink import UPLINK_PREFIX
from crm_common.observability.logging import configure_logging
from crm_common.policy.roles import ROLES
from crm_common.policy.sharing import Direction
from crm_common.runtime.worker_health import Loop, run_watched
from crm_common.settings import Settings

log = logging.getLogger(__name__)

HQ_ALIAS = "hq"
"""HQ's cluster alias in the dealers' MirrorMaker 2: what HQ sends arrives under ``hq.``."""

COPIED = Counter(
    "crm_dealer_link_records_total", "Records the link copied, by outcome", ["link", "outcome"]
)
LAG = Gauge(
    "crm_dealer_link_lag_records",
    "Records one side of the link holds that the other has not received yet",
    ["direction"],
)
_OUTAGE = (OSError, KafkaError, TimeoutError)


def hq_uplink_topic(dealer: str, topic: str) -> str:
    """Where MirrorMaker 2 puts a dealer's uplink topic on HQ's cluster."""
    return f"{dealer}.{UPLINK_PREFIX}{topic}"


def downlink_topic(dealer: str, topic: str) -> str:
    """What HQ sends ``dealer`` (not ``downlink.<dealer>``: MirrorMaker 2 would read the dealer
    segment as the name of the cluster the topic came from and refuse it as a cycle)."""
    return f"downlink-{dealer}.{topic}"


def dealer_downlink_topic(dealer: str, topic: str) -> str:
    """Where MirrorMaker 2 puts HQ's downlink topic on the dealer's cluster."""
    return f"{HQ_ALIAS}.{downlink_topic(dealer, topic)}"


class Refused(ValueError):
    """A record the link must not pass on (dead-lettered)."""


class NotPlacedYet(LookupError):
    """HQ's tree does not hold the dealer (yet): what depends on where it hangs waits."""


class OrgTree:
    """HQ's org tree as HQ's identity publishes it (``OrgChanged`` on HQ's org topic): where
    each node hangs and whose dealer it is. The link decides with it what applies to a dealer
    (configuration set by a node above it) and what a dealer may say (its users' nodes)."""

    def __init__(self) -> None:
        self._nodes: dict[tuple[str, str], tuple[list[str], str | None]] = {}

    def learn(self, body: object) -> None:
        """Takes in one record of the org topic (anything else is passed over)."""
        if not (isinstance(body, dict) and body.get("type") == OrgChanged.event_type):
            return
        data = body.get("data")
        if isinstance(data, dict) and isinstance(data.get("path"), str):
            chain = [node for node in data["path"].split("/") if node]
            self._nodes[(str(body.get("tenant")), str(data.get("org_id")))] = (
                chain,
                data.get("dealer_id"),
            )

    def chain(self, tenant: str, node: str) -> list[str] | None:
        """The node and every node above it, from the top; None when HQ's tree has no such
        node."""
        found = self._nodes.get((tenant, node))
        return None if found is None else found[0]

    def dealer_of(self, tenant: str, node: str) -> str | None:
        """The dealer a node belongs to; None above dealers or for a node HQ's tree lacks."""
        found = self._nodes.get((tenant, node))
        return None if found is None else found[1]


class OrgTreeReader:
    """Reads HQ's org topic into an ``OrgTree``: from the start when the link starts, then what
    is new before each batch the link copies — so each decision sees at least the tree as it
    was when the batch's records were written (a node exists before anything is set for it).
    Of the topics it is told to ``keep``, it keeps each key's last record (``latest``): the
    configuration in force, for a dealer newly placed below the node that set it."""

    def __init__(self, settings: Settings, keep: Iterable[str] = ()) -> None:
        self.tree = OrgTree()
        self.latest: dict[tuple[str, bytes | None], ConsumerRecord[bytes, bytes]] = {}
        self._settings = settings
        self._org_topic = settings.topic(ORG_TOPIC)
        self._topics = [self._org_topic, *(settings.topic(topic) for topic in keep)]
        self._consumer: AIOKafkaConsumer | None = None
        self._partitions: list[TopicPartition] = []

    async def catch_up(self) -> None:
        if self._consumer is None:
            client = kafka_client_options(self._settings)
            self._partitions = await partitions_of(client, self._topics)
            if not self._partitions:
                return  # no tree published yet
            self._consumer = AIOKafkaConsumer(
                **client, enable_auto_commit=False, auto_offset_reset="earliest"
            )
            await self._consumer.start()
            self._consumer.assign(self._partitions)
            await self._consumer.seek_to_beginning(*self._partitions)
        consumer = self._consumer
        ends = await consumer.end_offsets(self._partitions)
        while [p for p, end in ends.items() if await consumer.position(p) < end]:
            for records in (await consumer.getmany(timeout_ms=1000)).values():
                for record in records:
                    if record.topic != self._org_topic:
                        self.latest[(record.topic, record.key)] = record
                        continue
                    with contextlib.suppress(ValueError):
                        self.tree.learn(json.loads(record.value or b""))

    async def stop(self) -> None:
        if self._consumer is not None:
            await self._consumer.stop()


Accept = Callable[[dict[str, Any], dict[str, str]], bool]
"""(event body, headers) → copy it (True) or leave it (False); raises ``Refused``."""
Companions = Callable[[dict[str, Any]], list[ConsumerRecord[bytes, bytes]]]
"""(event body copied) → records of the same source topics that go with it, after it."""


class Copier:
    def __init__(
        self,
        settings: Settings,
        name: str,
        routes: dict[str, str],
        accept: Accept,
        headers: dict[str, str],
        tree: OrgTreeReader | None = None,
        companions: Companions | None = None,
    ) -> None:
        self._settings = settings
        self._tree = tree
        self._companions = companions
        self._name = name
        self._routes = {settings.topic(s): settings.topic(t) for s, t in routes.items()}
        self._accept = accept
        self._headers = headers
        self._group = settings.consumer_group(f"dealer-link.{name}")
        self.last_round_at = time.monotonic()
        """When the copy loop last went round (its health: ``run_watched``)."""

    async def run(self, stop: asyncio.Event) -> None:
        settings = self._settings
        await ensure_topics(
            settings.kafka_bootstrap_servers,
            [*self._routes.values(), *(dead_letter_topic(s) for s in self._routes)],
            partitions=settings.kafka_partitions,
            replication_factor=settings.kafka_replication_factor,
            client_options=kafka_client_options(settings),
        )
        consumer = AIOKafkaConsumer(
            **kafka_client_options(settings),
            group_id=self._group,
            enable_auto_commit=False,
            auto_offset_reset="earliest",
            metadata_max_age_ms=10_000,
        )
        # The sources appear when MirrorMaker 2 first replicates them: subscribe by pattern.
        consumer.subscribe(pattern="^(" + "|".join(_escape(s) for s in self._routes) + ")$")
        producer = AIOKafkaProducer(
            **kafka_client_options(settings),
            client_id=f"dealer-link-{self._name}",
            enable_idempotence=True,
            acks="all",
            linger_ms=5,
        )
        await consumer.start()
        await producer.start()
        try:
            while not stop.is_set():
                self.last_round_at = time.monotonic()
                batches = await consumer.getmany(timeout_ms=500, max_records=500)
                records = [r for batch in batches.values() for r in batch]
                if not records:
                    continue
                try:
                    if self._tree is not None:
                        await self._tree.catch_up()
                    await self._copy(producer, records)
                    await consumer.commit()
                except (*_OUTAGE, NotPlacedYet) as error:
                    log.warning("dealer link %s: batch again: %s", self._name, error)
                    for partition in batches:
                        await consumer.seek_to_committed(partition)
                    await asyncio.sleep(1.0)
        finally:
            await producer.stop()
            await consumer.stop()
            if self._tree is not None:
                await self._tree.stop()

    async def _copy(
        self, producer: AIOKafkaProducer, records: list[ConsumerRecord[bytes, bytes]]
    ) -> None:
        sends = []
        for record in records:
            headers = decode_headers(record.headers)
            try:
                body = json.loads(record.value or b"")
                if not (isinstance(body, dict) and isinstance(body.get("data"), dict)):
                    raise Refused("not an event envelope")
                if not self._accept(body, headers):
                    COPIED.labels(self._name, "left").inc()
                    continue
            except (ValueError, KeyError, TypeError) as error:
                await self._dead_letter(producer, record, error)
                continue
            headers.update(self._headers)
            sends.append(
                await producer.send(
                    self._routes[record.topic],
                    record.value,
                    key=record.key,
                    headers=encode_headers(headers),
                )
            )
            for companion in self._companions(body) if self._companions else ():
                sends.append(
                    await producer.send(
                        self._routes[companion.topic],
                        companion.value,
                        key=companion.key,
                        headers=encode_headers(
                            {**decode_headers(companion.headers), **self._headers}
                        ),
                    )
                )
        for sent in sends:
            await sent
        COPIED.labels(self._name, "copied").inc(len(sends))

    async def _dead_letter(
        self,
        producer: AIOKafkaProducer,
        record: ConsumerRecord[bytes, bytes],
        error: BaseException,
    ) -> None:
        headers = decode_headers(record.headers)
        headers.update(
            {
                "dlq-error": f"{type(error).__name__}: {error}"[:4000],
                "dlq-stack": "".join(traceback.format_exception(error))[-4000:],
                "dlq-consumer-group": self._group,
                "dlq-original-topic": record.topic,
                "dlq-original-partition": str(record.partition),
                "dlq-original-offset": str(record.offset),
            }
        )
        await producer.send_and_wait(
            dead_letter_topic(record.topic),
            record.value or b"",
            key=record.key,
            headers=encode_headers(headers),
        )
        COPIED.labels(self._name, "dead_lettered").inc()
        log.error("dealer link %s: record dead-lettered: %s", self._name, error)


def _escape(topic: str) -> str:
    return "".join("\\" + c if c in ".-" else c for c in topic)


def hq_intake(settings: Settings, dealer: str) -> Copier:
    """HQ: the dealer's uplinked events into HQ's own topics, for HQ's services to consume like
    their own. A dealer speaks only for itself, and only of what is its own to say
    (``speaks_for_itself``, with HQ's tree as HQ's org topic says it); anything else is
    refused."""
    reader = OrgTreeReader(settings)
    return Copier(
        settings,
        f"hq-intake.{dealer}",
        {hq_uplink_topic(dealer, t): t for t in all_topics()},
        lambda body, headers: speaks_for_itself(dealer, body, reader.tree),
        {FROM_DEALER_HEADER: dealer},
        reader,
    )


DEALERS_DIRECTIONS = frozenset({Direction.DEALER_TO_OEM.value, Direction.DEALER_TO_PARTNER.value})
"""The agreements a dealer sets: how much of its own data it shares (identity's rule, "the
providing party sets how much of its data it shares")."""


def speaks_for_itself(dealer: str, body: dict[str, Any], tree: OrgTree) -> bool:
    """True for an event about ``dealer`` that is the dealer's to say; ``Refused`` otherwise:
    an event about another dealer; any change of the org tree (HQ's: only HQ's admins change
    it, and it comes down to the dealer — a dealer's deployment may not move, rename or claim
    a node, its own neither); an agreement in a direction the dealer does not provide (what
    HQ shares with it); a user with a role a dealer's admin may not grant, or placed at a node
    that is not the dealer's in HQ's ``tree`` (every HQ service's staff copy takes the users
    HQ's topics carry, so the intake checks for all of them)."""
    about = _dealer_of(body)
    if about != dealer:
        raise Refused(f"an event of {about!r} sent by {dealer!r}")
    data = body["data"]
    match body["type"]:
        case OrgChanged.event_type:
            raise Refused(f"{dealer!r} sent a change of HQ's org tree ({data.get('org_id')!r})")
        case SharingPolicyChanged.event_type if data.get("direction") not in DEALERS_DIRECTIONS:
            raise Refused(f"{dealer!r} set an agreement {data.get('direction')!r}: not its own")
        case UserChanged.event_type if not all(
            r in ROLES and ROLES[r].dealer_level for r in data["roles"]
        ):
            raise Refused(f"{dealer!r} gave its user {data['roles']!r}: beyond a dealer's roles")
        case UserChanged.event_type if (
            tree.dealer_of(str(body.get("tenant")), str(data.get("org_id"))) != dealer
        ):
            raise Refused(
                f"{dealer!r} placed its user at {data.get('org_id')!r}: not its node in HQ's tree"
            )
    return True


def _dealer_of(body: dict[str, Any]) -> object:
    """The dealer an event is about: a returned lead's is the dealer it left (its
    ``dealer_id`` is the origin it went back to), every other event's its ``dealer_id``."""
    data = body["data"]
    if body["type"] == LeadReturned.event_type:
        return data.get("from_dealer")
    return data.get("dealer_id")


BROADCAST = frozenset({CatalogPublished.event_type})
"""What every dealer receives whole: HQ's catalogue publications."""
SET_FOR_THE_SUBTREE = frozenset(
    {
        CareRuleSet.event_type,
        SurveyDesignSet.event_type,
        SurveyRuleSet.event_type,
        QuestionnaireDefined.event_type,
    }
)
"""Configuration a node sets for every dealer below it (care rules, survey designs and the
rules that send them, evaluation questionnaires, of HQ or of a region): it goes down to the
dealers of that node's subtree. Configuration set for one place (a target for a dealer, its
team or a consultant there, a dealer's commission plan) goes to that place's dealer only."""
SUBTREE_TOPICS = tuple(
    sorted(
        {
            CareRuleSet.topic,
            SurveyDesignSet.topic,
            SurveyRuleSet.topic,
            QuestionnaireDefined.topic,
        }
    )
)
"""Where ``SET_FOR_THE_SUBTREE`` travels: the downlink keeps each key's last record, for a
dealer newly placed below the node that set it."""


def concerns(dealer: str, body: dict[str, Any], headers: dict[str, str], tree: OrgTree) -> bool:
    """Whether HQ sends an event of its own topics down to ``dealer``; ``NotPlacedYet`` when
    that depends on where the dealer hangs and HQ's tree does not hold it."""
    if headers.get(FROM_DEALER_HEADER) == dealer:
        return False  # the dealer's own, come up: it has them
    data = body["data"]
    match body["type"]:
        case OrgChanged.event_type:
            # Its own nodes, and the nodes above dealers (the OEM, its regions) it reports to.
            return data.get("dealer_id") in (dealer, None)
        case SharingPolicyChanged.event_type:
            return data.get("dealer_id") in (dealer, "*")
        case UserChanged.event_type:
            return False  # a dealer's users are its own identity's, never HQ's
        case kind if kind in BROADCAST:
            return True
        case kind if kind in SET_FOR_THE_SUBTREE and data.get("dealer_id") is None:
            above = tree.chain(str(body.get("tenant")), dealer)
            if above is None:
                raise NotPlacedYet(f"HQ's tree has no {dealer!r} yet")
            return data.get("org_node") in above
    # Leads distributed to it and their recall, targets and rules set for it or below it.
    return bool(_dealer_of(body) == dealer)


def set_above_the_placed(
    dealer: str, body: dict[str, Any], latest: Iterable[ConsumerRecord[bytes, bytes]]
) -> list[ConsumerRecord[bytes, bytes]]:
    """With the dealer's own node as HQ's tree places it (added, or moved under another
    region), the last record of each rule that the nodes now above it set for their subtrees
    (of ``latest``, the last record of each): a rule set before the dealer came below its node
    went down to no one then, and its topic brings only its later changes. The dealer keeps a
    rule's newest terms whatever the order they come in, and its inbox drops what it has."""
    data = body["data"]
    if body["type"] != OrgChanged.event_type or data.get("org_id") != dealer:
        return []
    above = [node for node in str(data.get("path") or "").split("/") if node]
    found = []
    for record in latest:
        try:
            rule = json.loads(record.value or b"")
        except ValueError:
            continue
        if not (isinstance(rule, dict) and isinstance(rule.get("data"), dict)):
            continue
        if (
            rule.get("type") in SET_FOR_THE_SUBTREE
            and rule.get("tenant") == body.get("tenant")
            and rule["data"].get("dealer_id") is None
            and rule["data"].get("org_node") in above
        ):
            found.append(record)
    return found


def hq_downlink(settings: Settings, dealer: str) -> Copier:
    reader = OrgTreeReader(settings, keep=SUBTREE_TOPICS)
    return Copier(
        settings,
        f"hq-downlink.{dealer}",
        {t: downlink_topic(dealer, t) for t in all_topics()},
        lambda body, headers: concerns(dealer, body, headers, reader.tree),
        {},
        reader,
        lambda body: set_above_the_placed(dealer, body, reader.latest.values()),
    )


def dealer_intake(settings: Settings, dealer: str) -> Copier:
    """The dealer: what HQ sent into the deployment's own topics, marked so that the uplink
    never sends it back."""
    return Copier(
        settings,
        "dealer-intake",
        {dealer_downlink_topic(dealer, t): t for t in all_topics()},
        lambda body, headers: True,
        {DOWNLINKED_HEADER: HQ_ALIAS},
    )


class LagMonitor:
    """The dealer's view of its link: records on its uplink topics HQ does not have yet, and
    records on HQ's downlink topics for it not yet here; while HQ is unreachable the last
    figures HQ gave stand and the uplink side grows with what the dealer produces."""

    def __init__(self, settings: Settings, dealer: str) -> None:
        if not (settings.hq_kafka_bootstrap_servers and settings.hq_kafka_password_file):
            raise ValueError("set CRM_HQ_KAFKA_BOOTSTRAP_SERVERS and CRM_HQ_KAFKA_PASSWORD_FILE")
        self._settings = settings
        self._dealer = dealer
        self._hq_ends: dict[str, int] = {}

    def _hq_client(self) -> dict[str, Any]:
        """HQ's listener for dealers, as the dealer's principal (what its MirrorMaker uses)."""
        settings = self._settings
        assert settings.hq_kafka_password_file is not None  # checked in __init__
        password = Path(settings.hq_kafka_password_file).read_text().strip()
        hq = settings.model_copy(
            update={
                "kafka_bootstrap_servers": settings.hq_kafka_bootstrap_servers,
                "kafka_security_protocol": "SASL_SSL",
                "kafka_sasl_mechanism": "SCRAM-SHA-512",
                "kafka_sasl_username": self._dealer,
                "kafka_sasl_password": SecretStr(password),
                "kafka_ssl_cafile": settings.hq_kafka_ca_file,
            }
        )
        return {**kafka_client_options(hq), "request_timeout_ms": 5000}

    async def run(self, stop: asyncio.Event, interval: float = 5.0) -> None:
        while not stop.is_set():
            try:
                await self.measure()
            except _OUTAGE as error:
                log.warning("dealer link: lag not measured: %s", error)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), interval)

    async def measure(self) -> dict[str, int]:
        dealer, topics = self._dealer, all_topics()
        local = await end_offsets(
            kafka_client_options(self._settings),
            [self._settings.topic(f"{UPLINK_PREFIX}{t}") for t in topics]
            + [dealer_downlink_topic(dealer, t) for t in topics],
        )
        try:
            self._hq_ends.update(
                await end_offsets(
                    self._hq_client(),
                    [hq_uplink_topic(dealer, t) for t in topics]
                    + [downlink_topic(dealer, t) for t in topics],
                )
            )
        except _OUTAGE as error:
            log.warning("dealer link: HQ unreachable, lag from its last figures: %s", error)
        ns = len(self._settings.kafka_namespace)
        up = sum(
            max(0, end - self._hq_ends.get(f"{dealer}.{name[ns:]}", 0))
            for name, end in local.items()
            if name[ns:].startswith(UPLINK_PREFIX)
        )
        down = sum(
            max(0, end - local.get(f"{HQ_ALIAS}.{name}", 0))
            for name, end in self._hq_ends.items()
            if name.startswith("downlink-")
        )
        LAG.labels("uplink").set(up)
        LAG.labels("downlink").set(down)
        return {"uplink": up, "downlink": down}


async def partitions_of(client: dict[str, Any], topics: Iterable[str]) -> list[TopicPartition]:
    """The partitions of each of ``topics`` that exists."""
    admin = AIOKafkaAdminClient(**client)
    await admin.start()
    try:
        existing = set(await admin.list_topics())
        described = await admin.describe_topics([t for t in topics if t in existing])
    finally:
        await admin.close()
    return [
        TopicPartition(topic["topic"], p["partition"])
        for topic in described
        if topic["error_code"] == 0
        for p in topic["partitions"]
    ]


async def end_offsets(client: dict[str, Any], topics: Iterable[str]) -> dict[str, int]:
    """The sum of the end offsets of each of ``topics`` that exists (MirrorMaker 2 keeps a
    topic's partitions and their records one to one, so the sums compare)."""
    partitions = await partitions_of(client, topics)
    if not partitions:
        return {}
    consumer = AIOKafkaConsumer(**client, enable_auto_commit=False)
    await consumer.start()
    try:
        ends = await consumer.end_offsets(partitions)
    finally:
        await consumer.stop()
    totals: dict[str, int] = {}
    for partition, end in ends.items():
        totals[partition.topic] = totals.get(partition.topic, 0) + end
    return totals


class LinkSettings(Settings):
    """The link's processes copy records between topics: no database of their own (in
    production, too, they ask no CRM_DATABASE_URL)."""

    uses_database: ClassVar[bool] = False


async def _run(command: str, settings: Settings) -> None:
    """The copier ``command`` names (and, at the dealer, the lag), with their health on the
    link's metrics port (``CRM_UPLINK_METRICS_PORT``): /healthz, /readyz and /metrics behind
    the scrape token (``CRM_HTTP_METRICS_TOKEN``), as a worker's."""
    dealer = settings.dealer_id
    if not dealer:
        raise SystemExit("set CRM_DEALER_ID")
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    copier = {"hq-intake": hq_intake, "hq-downlink": hq_downlink, "dealer-intake": dealer_intake}[
        command
    ](settings, dealer)
    loops = [Loop(command, copier.run(stop), lambda: copier.last_round_at)]
    if command == "dealer-intake" and settings.hq_kafka_bootstrap_servers:
        loops.append(Loop("replication lag", LagMonitor(settings, dealer).run(stop)))
    token = settings.http_metrics_token
    await run_watched(
        loops,
        host=settings.http_host,
        port=settings.uplink_metrics_port,
        metrics_token=token.get_secret_value() if token is not None else None,
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m crm_common.messaging.dealer_link")
    parser.add_argument("command", choices=["hq-intake", "hq-downlink", "dealer-intake"])
    args = parser.parse_args(argv)
    settings = LinkSettings()
    configure_logging(f"dealer-link-{args.command}", settings.log_level)
    asyncio.run(_run(args.command, settings))


if __name__ == "__main__":
    main()
