"""Every published event contract, for topic creation and documentation."""

from __future__ import annotations

from crm_common.contracts.envelope import EventData
from crm_common.contracts.events.call_center import v1 as call_center_v1
from crm_common.contracts.events.call_center import v2 as call_center_v2
from crm_common.contracts.events.identity import v1 as identity_v1
from crm_common.contracts.events.identity import v2 as identity_v2
from crm_common.contracts.events.kpi import v1 as kpi_v1
from crm_common.contracts.events.leads import v1 as leads_v1
from crm_common.contracts.events.leads import v2 as leads_v2
from crm_common.contracts.events.opportunities import v1 as opportunities_v1
from crm_common.contracts.events.service_desk import v1 as service_desk_v1
from crm_common.contracts.events.service_desk import v2 as service_desk_v2

ALL_EVENTS: tuple[type[EventData], ...] = (
    *identity_v1.ALL,
    *identity_v2.ALL,
    *leads_v1.ALL,
    *leads_v2.ALL,
    *opportunities_v1.ALL,
    *service_desk_v1.ALL,
    *service_desk_v2.ALL,
    *kpi_v1.ALL,
    *call_center_v1.ALL,
    *call_center_v2.ALL,
)


def all_topics() -> list[str]:
    return sorted({event.topic for event in ALL_EVENTS})
