"""Kafka outages: told once, then at a bounded rate, and measured.

While Kafka is unreachable every client of a worker (the relay's producer, each consumer's
fetcher and group coordinator) retries every ~100 ms and aiokafka logs each failure: a
27-second outage wrote ~73,000 lines a minute per worker. The filter below sits on the log
handler: the first record of each kind passes, repeats pass at most once per interval with
the number held back, and the outage itself is logged when it starts and when it ends, with
``crm_kafka_outage_seconds`` (how long the current one has lasted) and
``crm_kafka_outages_total``.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from crm_common.observability.metrics import KAFKA_OUTAGE_SECONDS, KAFKA_OUTAGES

log = logging.getLogger("crm.kafka.outage")

# What aiokafka says when it cannot reach a broker.
_UNREACHABLE = (
    "Unable connect",
    "Unable to bootstrap",
    "Unable to update metadata",
    "Unable to request metadata",
    "Unable to connect",
    "Connection refused",
)
_KAFKA_LOGGERS = ("aiokafka", "kafka")
OUTAGE_RECORD = "kafka_outage"
"""Mark a record of our own about Kafka being unreachable: ``extra={OUTAGE_RECORD: True}``."""


class KafkaOutage:
    """Whether Kafka is unreachable, since when; one per process (``KAFKA_OUTAGE``)."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._since: float | None = None
        self._lock = threading.Lock()

    def failed(self) -> None:
        with self._lock:
            if self._since is not None:
                return
            self._since = self._clock()
        KAFKA_OUTAGES.inc()
        log.error("kafka unreachable; retrying quietly, repeats are logged at a bounded rate")

    def recovered(self) -> None:
        with self._lock:
            if self._since is None:
                return
            lasted = self._clock() - self._since
            self._since = None
        log.warning("kafka reachable again", extra={"outage_seconds": round(lasted, 1)})

    def seconds(self) -> float:
        since = self._since
        return 0.0 if since is None else self._clock() - since


KAFKA_OUTAGE = KafkaOutage()
KAFKA_OUTAGE_SECONDS.set_function(KAFKA_OUTAGE.seconds)


class ThrottleKafkaNoise(logging.Filter):
    """Passes Kafka connection noise once per ``interval_seconds`` per message kind, with the
    count held back since; every other record passes untouched."""

    def __init__(
        self,
        outage: KafkaOutage = KAFKA_OUTAGE,
        interval_seconds: float = 30.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__()
        self._outage = outage
        self._interval = interval_seconds
        self._clock = clock
        self._last: dict[tuple[str, str], float] = {}
        self._held: dict[tuple[str, str], int] = {}
        self._lock = threading.Lock()

    def filter(self, record: logging.LogRecord) -> bool:
        ours = bool(getattr(record, OUTAGE_RECORD, False))
        kafkas = record.name.startswith(_KAFKA_LOGGERS) and record.levelno >= logging.WARNING
        if not (ours or kafkas):
            return True
        if ours or _says_unreachable(record):
            self._outage.failed()
        key = (record.name, str(record.msg))
        now = self._clock()
        with self._lock:
            last = self._last.get(key)
            if last is not None and now - last < self._interval:
                self._held[key] = self._held.get(key, 0) + 1
                return False
            self._last[key] = now
            held = self._held.pop(key, 0)
        if held:
            record.repeats_held_back = held
        return True


def _says_unreachable(record: logging.LogRecord) -> bool:
    text = str(record.msg)
    if any(marker in text for marker in _UNREACHABLE):
        return True
    error = record.exc_info[1] if record.exc_info else None
    return type(error).__name__ in ("KafkaConnectionError", "NodeNotReadyError")
