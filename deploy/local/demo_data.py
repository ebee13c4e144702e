"""Demo data for `./platform up`: leads of three dealers of the demo OEM, through the real API.

Runs once per run folder (a marker file records it). Org tree, users and logins arrive with
identity (issue #3); until then the tokens are development tokens of the demo org nodes.
"""

from __future__ import annotations

import os
import random
import sys
from pathlib import Path

import httpx

from crm_common.auth.principal import DataScope, Principal
from crm_common.auth.tokens import sign_access_token
from crm_common.settings import Settings

TENANT = "oem-demo"
DEALERS = ("dealer-sh-01", "dealer-sh-02", "dealer-bj-01")
SOURCES = ("walk_in", "campaign_form", "phone", "referral", "oem_website")
NAMES = ("王伟", "李娜", "张敏", "刘洋", "陈静", "杨磊", "赵丽", "黄强")
MODELS = ("Sedan L 1.5T", "SUV X 2.0T", "EV Aurora", None)
LEADS_PER_DEALER = 40


def main() -> None:
    marker = Path(os.environ["CRM_RUN_DIR"]) / "demo-data.done"
    if marker.exists():
        print("[demo] demo data already loaded")
        return
    settings = Settings(service_name="identity")
    if settings.signing_key_pem is None:
        sys.exit("[demo] CRM_SIGNING_KEY_PEM is not set")
    rng = random.Random(20261123)
    with httpx.Client(base_url="http://127.0.0.1:8002", timeout=10) as client:
        for index, dealer in enumerate(DEALERS):
            token = sign_access_token(
                settings.signing_key_pem.get_secret_value(),
                Principal(
                    user_id=f"demo-consultant-{dealer}",
                    tenant=TENANT,
                    org_node=dealer,
                    roles=frozenset({"sales_consultant"}),
                    data_scope=DataScope.DEALER,
                ),
                issuer=settings.jwt_issuer,
                audience=settings.jwt_audience,
            )
            for n in range(LEADS_PER_DEALER):
                response = client.post(
                    "/leads",
                    headers={"Authorization": f"Bearer {token}"},
                    json={
                        "customer_name": rng.choice(NAMES),
                        "phone": f"13{index}{n:08d}",
                        "source": rng.choice(SOURCES),
                        "vehicle_interest": rng.choice(MODELS),
                    },
                )
                response.raise_for_status()
    marker.write_text("ok\n")
    print(f"[demo] {LEADS_PER_DEALER * len(DEALERS)} leads created for {', '.join(DEALERS)}")


if __name__ == "__main__":
    main()
