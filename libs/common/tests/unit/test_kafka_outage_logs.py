"""A Kafka outage is logged once, then at a bounded rate, and its duration is a metric."""

from __future__ import annotations

import io
import logging

from prometheus_client import REGISTRY

from crm_common.observability.outage import KafkaOutage, ThrottleKafkaNoise


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def handler_with_throttle(clock: Clock, outage: KafkaOutage) -> tuple[logging.Logger, io.StringIO]:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(ThrottleKafkaNoise(outage, interval_seconds=30, clock=clock))
    logger = logging.getLogger("aiokafka.client")
    logger.handlers[:] = [handler]
    logger.propagate = False
    return logger, stream


def test_reconnect_noise_is_held_back_and_the_outage_is_measured() -> None:
    clock = Clock()
    outage = KafkaOutage(clock=clock)
    logger, stream = handler_with_throttle(clock, outage)
    # 27 s of every client retrying every 100 ms, as aiokafka logs it.
    for tick in range(270):
        clock.now = 1000.0 + tick / 10
        for node in range(10):
            logger.error("Unable connect to node with id %s: %s", node, "Connection refused")
    lines = stream.getvalue().splitlines()
    assert len(lines) == 1, "held back within the interval"
    assert outage.seconds() >= 26.9

    clock.now = 1031.0
    logger.error("Unable connect to node with id %s: %s", 1, "Connection refused")
    assert len(stream.getvalue().splitlines()) == 2, "then once per interval"

    outage.recovered()
    assert outage.seconds() == 0.0


def test_other_records_pass_untouched() -> None:
    clock = Clock()
    outage = KafkaOutage(clock=clock)
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(ThrottleKafkaNoise(outage, clock=clock))
    logger = logging.getLogger("crm.test.other")
    logger.handlers[:] = [handler]
    logger.propagate = False
    for _ in range(5):
        logger.error("event dead-lettered")
    assert len(stream.getvalue().splitlines()) == 5
    assert outage.seconds() == 0.0


def test_the_process_outage_is_exported() -> None:
    assert REGISTRY.get_sample_value("crm_kafka_outage_seconds") is not None
    assert REGISTRY.get_sample_value("crm_kafka_outages_total") is not None
