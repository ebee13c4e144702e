"""What one event costs in Python before it reaches the database: its payload (a service
desk ``TicketEscalated``), ``new_event``'s envelope, and its outbox row's values
(``crm_common.outbox.store.outbox_values``: ids, topic, key, the envelope's JSON, its Kafka
headers as JSON) — microseconds of this process's CPU per event
(not wall time, which waits for the CPU on a loaded machine), the best of several rounds,
with the garbage collector on as in a service.

    .venv/bin/python bench/events/envelope_cost.py --events 20000 --rounds 7

No database or broker. Run with another revision's ``libs/common/src`` first on
``PYTHONPATH`` to compare. Prints one JSON line.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any
from uuid import uuid4

from crm_common.contracts.envelope import Envelope, new_event
from crm_common.contracts.events.service_desk.v1 import TicketEscalated
from crm_common.messaging.headers import event_headers
from crm_common.observability.context import bound_trace, new_trace

try:
    from crm_common.outbox.store import outbox_values
except ImportError:  # before cf55103 add_to_outbox built the same arrays inline

    def outbox_values(events: Sequence[Envelope[Any]]) -> dict[str, list[Any]]:
        return {
            "event_ids": [event.id for event in events],
            "topics": [event.topic() for event in events],
            "keys": [event.key() for event in events],
            "event_types": [event.type for event in events],
            "payloads": [event.model_dump_json() for event in events],
            "headers": [json.dumps(event_headers(event)) for event in events],
        }


AT = datetime(2026, 11, 4, 3, 0, tzinfo=UTC)


def payload() -> TicketEscalated:
    return TicketEscalated(
        ticket_id=uuid4(),
        number="SD-00001234",
        dealer_id="dealer-07",
        kind="service_request",
        at=AT,
        level=3,
        rule="resolution_breach_team_lead",
        action="reassign_team_lead",
        target="resolution",
        owner_user="lead-7",
        raised_to_org=None,
        breached=True,
        due_at=AT,
    )


def best_of(rounds: int, events: int, work: Callable[[], Any]) -> float:
    """CPU microseconds per event of ``work`` (which handles ``events`` events), best round."""
    timings = []
    for _ in range(rounds):
        started = time.process_time()
        work()
        timings.append((time.process_time() - started) / events * 1e6)
    return round(min(timings), 2)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    n, rounds = args.events, args.rounds
    load_before = os.getloadavg()
    with bound_trace(new_trace()):
        data = [payload() for _ in range(n)]
        events = [
            new_event(d, tenant="oem-bench", owner_org="dealer-07", actor="system:sweep")
            for d in data
        ]
        figures = {
            "payload_us": best_of(rounds, n, lambda: [payload() for _ in range(n)]),
            "new_event_us": best_of(
                rounds,
                n,
                lambda: [
                    new_event(d, tenant="oem-bench", owner_org="dealer-07", actor="system:sweep")
                    for d in data
                ],
            ),
            "outbox_row_us": best_of(rounds, n, lambda: outbox_values(events)),
        }
    figures["total_us"] = round(sum(figures.values()), 2)
    figures |= {
        "events": n,
        "rounds": rounds,
        "load_average_before": [round(x, 2) for x in load_before],
        "load_average_after": [round(x, 2) for x in os.getloadavg()],
        "python": platform.python_version(),
    }
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
