"""Tiered assessment (issue 22 item 13) through the kpi HTTP API on real PostgreSQL: HQ's
planning writes a form, the region's manager scores a consultant of the region, the sales VP
and then HR (someone else, each in their role) review it; a returned score is scored again;
each sees what their part is."""

from __future__ import annotations

from typing import Any

import pytest

from crm_common.auth.principal import DataScope

from .conftest import PEOPLE, AsUser, Sessions, principal

pytestmark = pytest.mark.integration
REGION = principal("r1", "east", "region_manager", DataScope.SUBTREE)
PLANNING = principal("p1", "hq", "hq_admin", DataScope.TENANT)
VP = principal("vp1", "hq", "sales_vp", DataScope.TENANT)
HR = principal("hr1", "hq", "hr", DataScope.TENANT)
FORM: dict[str, Any] = {
    "name": "consultants, monthly",
    "tier": "consultant",
    "criteria": [
        {"code": "sales", "text": "units against target", "weight": 60},
        {"code": "service", "text": "customer satisfaction", "weight": 40},
    ],
}


async def test_a_consultant_is_scored_by_the_region_and_reviewed_by_the_vp_then_hr(
    sessions: Sessions, as_user: AsUser
) -> None:
    async with (
        as_user(PLANNING) as planning,
        as_user(VP) as vp,
        as_user(HR) as hr,
        as_user(REGION) as region,
    ):
        created = await planning.post("/kpi/assessment-forms", json=FORM)
        assert created.status_code == 201, created.text
        form = created.json()["id"]
        async with as_user(PEOPLE.manager) as dealer_manager:
            refused = await dealer_manager.post("/kpi/assessment-forms", json=FORM)
            assert refused.status_code == 403, "forms are HQ planning's"
        refused = await region.post("/kpi/assessment-forms", json=FORM)
        assert refused.status_code == 403, "a region's manager writes no form of the tenant's"
        lopsided = FORM | {"criteria": FORM["criteria"][:1]}
        assert (await planning.post("/kpi/assessment-forms", json=lopsided)).status_code == 422
        assert (await vp.post("/kpi/assessment-forms", json=FORM)).status_code == 403

        body = {
            "form_id": form,
            "subject_user": "c1",
            "period": "2026-11",
            "scores": {"sales": 90, "service": 75},
        }
        scored = await region.post("/kpi/assessments", json=body)
        assert scored.status_code == 201, scored.text
        assessment = scored.json()["id"]
        assert (await region.post("/kpi/assessments", json=body)).status_code == 409
        assert (await planning.post("/kpi/assessments", json=body)).status_code == 403
        stranger = body | {"subject_user": "bm"}
        assert (await region.post("/kpi/assessments", json=stranger)).status_code == 404

        async def step(client: Any, step: str, approve: bool) -> Any:
            return await client.post(
                f"/kpi/assessments/{assessment}/review", json={"step": step, "approve": approve}
            )

        assert (await step(hr, "hr", True)).status_code == 409, "HR after the VP"
        # Only the sales VP takes the first step: not HR, not HQ's admin (sales planning).
        assert (await step(hr, "vp", True)).status_code == 403
        assert (await step(planning, "vp", True)).status_code == 403
        returned = await step(vp, "vp", False)
        assert returned.json() == {"status": "returned"}
        rescored = await region.post(
            "/kpi/assessments", json=body | {"scores": {"sales": 80, "service": 75}}
        )
        assert rescored.json()["id"] == assessment
        assert (await step(vp, "vp", True)).json() == {"status": "vp_approved"}
        assert (await step(vp, "hr", True)).status_code == 403, "HR's step is HR's"
        assert (await step(planning, "hr", True)).status_code == 403
        async with as_user(PEOPLE.manager) as dealer_manager:
            assert (await step(dealer_manager, "hr", True)).status_code == 403
        assert (await step(hr, "hr", True)).json() == {"status": "final"}

        [seen] = (await hr.get("/kpi/assessments", params={"period": "2026-11"})).json()
        assert (seen["status"], seen["total"], seen["vp"], seen["hr"]) == (
            "final",
            "78.00",
            "vp1",
            "hr1",
        )
        assert [a["id"] for a in (await region.get("/kpi/assessments")).json()] == [assessment]
        for reviewer in (vp, planning):
            listed = (await reviewer.get("/kpi/assessments", params={"period": "2026-11"})).json()
            assert [a["id"] for a in listed] == [assessment]
    async with as_user(PEOPLE.consultant1) as consultant:
        [mine] = (await consultant.get("/kpi/assessments")).json()
        assert mine["total"] == "78.00"
    async with as_user(PEOPLE.consultant2) as other:
        assert (await other.get("/kpi/assessments")).json() == []
