"""Demo data for `./platform up`: leads of three dealers of the demo OEM, through the real API.

Logs in as the demo consultants (identity's seed-demo users) and registers their leads with
leads' API. Runs once per run folder (a marker file records it).
"""

from __future__ import annotations

import os
import random
import sys
from pathlib import Path

import httpx

CONSULTANTS = ("sh01.consultant1", "sh02.consultant1", "bj01.consultant1")
SOURCES = ("walk_in", "campaign_form", "phone", "referral", "oem_website")
NAMES = ("王伟", "李娜", "张敏", "刘洋", "陈静", "杨磊", "赵丽", "黄强")
MODELS = ("Sedan L 1.5T", "SUV X 2.0T", "EV Aurora", None)
LEADS_PER_CONSULTANT = 40


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
    ):
        for index, username in enumerate(CONSULTANTS):
            login = identity.post("/auth/token", json={"username": username, "password": password})
            login.raise_for_status()
            headers = {"Authorization": f"Bearer {login.json()['access_token']}"}
            for n in range(LEADS_PER_CONSULTANT):
                leads.post(
                    "/leads",
                    headers=headers,
                    json={
                        "customer_name": rng.choice(NAMES),
                        "phone": f"13{index}{n:08d}",
                        "source": rng.choice(SOURCES),
                        "vehicle_interest": rng.choice(MODELS),
                    },
                ).raise_for_status()
    marker.write_text("ok\n")
    total = LEADS_PER_CONSULTANT * len(CONSULTANTS)
    print(f"[demo] {total} leads created by {', '.join(CONSULTANTS)}")


if __name__ == "__main__":
    main()
