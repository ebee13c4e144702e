"""Demo data for `./platform up`: leads of the demo OEM, through the real API.

Logs in as demo users (identity's seed-demo users): consultants take in and follow up their own
leads, a manager fills the Pudong pool, HQ distributes campaign leads to dealers. Runs once per
run folder (a marker file records it).
"""

from __future__ import annotations

import os
import random
import sys
import time
from pathlib import Path

import httpx

CONSULTANTS = ("sh01.consultant1", "sh02.consultant1", "bj01.consultant1")
SOURCES = ("walk_in", "campaign_form", "phone", "referral", "oem_website")
NAMES = ("王伟", "李娜", "张敏", "刘洋", "陈静", "杨磊", "赵丽", "黄强")
MODELS = ("Sedan L 1.5T", "SUV X 2.0T", "EV Aurora", None)
LEADS_PER_CONSULTANT = 40
CONVERTED_PER_CONSULTANT = 4
GRADES = ("ready_to_buy", "intent", "potential")
POOLED_LEADS = 15
HQ_LEADS = 10


def token(identity: httpx.Client, username: str, password: str) -> dict[str, str]:
    login = identity.post("/auth/token", json={"username": username, "password": password})
    login.raise_for_status()
    return {"Authorization": f"Bearer {login.json()['access_token']}"}


def distribute(leads: httpx.Client, headers: dict[str, str], lead_id: str) -> None:
    """Routing needs leads' copy of the org tree (identity's events): retry until it has it."""
    for _ in range(60):
        response = leads.post(f"/leads/{lead_id}/distribute", headers=headers, json={})
        if response.status_code == 200:
            return
        time.sleep(0.5)
    response.raise_for_status()


def quote_converted(
    opportunities: httpx.Client, converted: list[tuple[dict[str, str], str]]
) -> int:
    """The opportunities the conversions opened (through Kafka): every other one test-driven
    and quoted, so the pipeline board and the funnel have something to show."""
    quoted = 0
    for n, (headers, lead_id) in enumerate(converted):
        for _ in range(60):
            found = [
                o
                for o in opportunities.get("/opportunities", headers=headers).json()
                if o["lead_id"] == lead_id
            ]
            if found:
                break
            time.sleep(0.5)
        else:
            sys.exit(f"[demo] lead {lead_id} opened no opportunity: is its worker up?")
        if n % 2:
            continue
        path = f"/opportunities/{found[0]['id']}"
        opportunities.post(
            f"{path}/test-drives",
            headers=headers,
            json={
                "model_code": "SUV-X",
                "licence_number": "310101199001011234",
                "licence_checked": True,
                "started_at": "2026-11-20T02:00:00Z",
                "rating": 4,
            },
        ).raise_for_status()
        opportunities.post(
            f"{path}/quotes",
            headers=headers,
            json={
                "lines": [
                    {
                        "kind": "vehicle",
                        "code": "SUV-X",
                        "description": "SUV X 2.0T",
                        "list_price": "200000",
                        "price": "195000",
                        "cost": "184000",
                    }
                ]
            },
        ).raise_for_status()
        quoted += 1
    return quoted


def main() -> None:
    marker = Path(os.environ["CRM_RUN_DIR"]) / "demo-data.done"
    if marker.exists():
        print("[demo] demo data already loaded")
        return
    password = os.environ.get("CRM_DEMO_PASSWORD") or sys.exit("[demo] CRM_DEMO_PASSWORD unset")
    rng = random.Random(20261123)
    with (
        httpx.Client(base_url="http://127.0.0.1:8001", timeout=10) as identity,
        httpx.Client(base_url="http://127.0.0.1:8002", timeout=10) as leads,
        httpx.Client(base_url="http://127.0.0.1:8003", timeout=10) as opportunities,
    ):

        def lead(headers: dict[str, str], phone: str, source: str, **extra: str) -> str:
            response = leads.post(
                "/leads",
                headers=headers,
                json={
                    "customer_name": rng.choice(NAMES),
                    "phone": phone,
                    "source": source,
                    "vehicle_interest": rng.choice(MODELS),
                    **extra,
                },
            )
            response.raise_for_status()
            lead_id: str = response.json()["id"]
            return lead_id

        converted = []
        for index, username in enumerate(CONSULTANTS):
            headers = token(identity, username, password)
            for n in range(LEADS_PER_CONSULTANT):
                lead_id = lead(headers, f"13{index}{n:08d}", rng.choice(SOURCES))
                if n < CONVERTED_PER_CONSULTANT:
                    leads.post(
                        f"/leads/{lead_id}/convert",
                        headers=headers,
                        json={"vehicle_interest": rng.choice(MODELS)},
                    ).raise_for_status()
                    converted.append((headers, lead_id))
                elif n % 2 == 0:
                    leads.post(
                        f"/leads/{lead_id}/follow-ups",
                        headers=headers,
                        json={
                            "kind": "call",
                            "outcome": "called back",
                            "grade": rng.choice(GRADES),
                            "call_seconds": rng.randint(20, 400),
                        },
                    ).raise_for_status()
        manager = token(identity, "sh01.manager", password)
        for n in range(POOLED_LEADS):
            lead(manager, f"1370{n:07d}", rng.choice(SOURCES))
        hq = token(identity, "hq.admin", password)
        for n in range(HQ_LEADS):
            region = "region-east" if n % 2 else "region-north"
            lead_id = lead(hq, f"1360{n:07d}", "oem_website", region_hint=region)
            if n < HQ_LEADS // 2:
                distribute(leads, hq, lead_id)
        quoted = quote_converted(opportunities, converted)
    marker.write_text("ok\n")
    total = LEADS_PER_CONSULTANT * len(CONSULTANTS)
    print(
        f"[demo] {total} leads of {', '.join(CONSULTANTS)} (half followed up), {POOLED_LEADS} in "
        f"the Pudong pool, {HQ_LEADS} HQ campaign leads ({HQ_LEADS // 2} distributed to dealers), "
        f"{len(converted)} converted to opportunities ({quoted} test-driven and quoted)"
    )


if __name__ == "__main__":
    main()
