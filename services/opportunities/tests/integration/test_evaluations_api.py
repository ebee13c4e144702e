"""Evaluation questionnaires on real PostgreSQL through the HTTP API: HQ's and a dealer's
questionnaires, scoring an opportunity, answers that name what is wrong, scoping."""

from __future__ import annotations

from typing import Any
from uuid import uuid4

from crm_common.contracts import new_event
from crm_common.contracts.events.opportunities.v1 import QuestionnaireDefined
from crm_common.inbox.store import process_once
from crm_common.settings import Settings
from crm_opportunities.entrypoints.consumers import subscriptions

from .conftest import PEOPLE, TENANT, AsUser, Sessions
from .test_quotes_orders_api import events

QUESTIONS: list[dict[str, Any]] = [
    {
        "code": "budget",
        "text": "Budget confirmed?",
        "weight": 2,
        "options": [
            {"code": "yes", "label": "Confirmed", "points": 10},
            {"code": "no", "label": "Not yet", "points": 0},
        ],
    },
    {
        "code": "timing",
        "text": "Buying within",
        "options": [
            {"code": "month", "label": "a month", "points": 10},
            {"code": "quarter", "label": "three months", "points": 5},
            {"code": "later", "label": "later", "points": 0},
        ],
    },
]


async def test_a_consultant_scores_an_opportunity_with_the_dealers_questionnaire(
    sessions: Sessions, as_user: AsUser
) -> None:
    async with as_user(PEOPLE.manager) as http:
        defined = await http.post(
            "/questionnaires", json={"name": "意向评估", "questions": QUESTIONS}
        )
        assert defined.status_code == 201, defined.text
        questionnaire = defined.json()
        assert questionnaire["max_score"] == 30
    async with as_user(PEOPLE.consultant1) as http:
        listed = (await http.get("/questionnaires")).json()
        assert [q["id"] for q in listed] == [questionnaire["id"]]
        opportunity = (
            await http.post("/opportunities", json={"customer_name": "王芳", "amount": "200000"})
        ).json()
        path = f"/opportunities/{opportunity['id']}/evaluations"
        body = {"questionnaire_id": questionnaire["id"], "answers": {"budget": "yes"}}
        unanswered = await http.post(path, json=body)
        assert unanswered.status_code == 422
        assert "answers.timing" in unanswered.text
        wrong = await http.post(
            path, json={**body, "answers": {"budget": "yes", "timing": "never"}}
        )
        assert wrong.status_code == 422
        assert "answers.timing" in wrong.text

        scored = await http.post(
            path, json={**body, "answers": {"budget": "yes", "timing": "quarter"}}
        )
        assert scored.status_code == 201, scored.text
        assert (scored.json()["score"], scored.json()["max_score"]) == (25, 30)
        shown = (await http.get(f"/opportunities/{opportunity['id']}")).json()
        assert (shown["evaluation_score"], shown["evaluation_max_score"]) == (25, 30)
    [evaluated] = await events(sessions, "opportunities.OpportunityEvaluated")
    assert (evaluated["score"], evaluated["evaluated_by"]) == (25, PEOPLE.consultant1.user_id)

    async with as_user(PEOPLE.other_dealer_manager) as http:
        assert (await http.get("/questionnaires")).json() == []
        foreign = await http.post(path, json={**body, "answers": {"budget": "no"}})
        assert foreign.status_code == 404


async def test_hq_questionnaires_reach_every_dealer_but_a_dealers_stay_its_own(
    sessions: Sessions, as_user: AsUser
) -> None:
    async with as_user(PEOPLE.hq_admin) as http:
        hq = await http.post("/questionnaires", json={"name": "HQ 标准", "questions": QUESTIONS})
        assert hq.status_code == 201, hq.text
    async with as_user(PEOPLE.other_dealer_manager) as http:
        own = (
            await http.post("/questionnaires", json={"name": "B only", "questions": QUESTIONS})
        ).json()
        assert {q["name"] for q in (await http.get("/questionnaires")).json()} == {
            "HQ 标准",
            "B only",
        }
    async with as_user(PEOPLE.consultant1) as http:
        assert [q["name"] for q in (await http.get("/questionnaires")).json()] == ["HQ 标准"]
        opportunity = (
            await http.post("/opportunities", json={"customer_name": "李雷", "amount": "1"})
        ).json()
        other_dealers = await http.post(
            f"/opportunities/{opportunity['id']}/evaluations",
            json={"questionnaire_id": own["id"], "answers": {"budget": "no", "timing": "later"}},
        )
        assert other_dealers.status_code == 404
        hq_one = await http.post(
            f"/opportunities/{opportunity['id']}/evaluations",
            json={
                "questionnaire_id": hq.json()["id"],
                "answers": {"budget": "no", "timing": "later"},
            },
        )
        assert hq_one.status_code == 201
        assert hq_one.json()["score"] == 0


async def test_a_questionnaire_is_validated_and_only_managers_define_one(
    sessions: Sessions, as_user: AsUser
) -> None:
    async with as_user(PEOPLE.consultant1) as http:
        forbidden = await http.post("/questionnaires", json={"name": "x", "questions": QUESTIONS})
        assert forbidden.status_code == 403
    async with as_user(PEOPLE.manager) as http:
        twice = await http.post(
            "/questionnaires", json={"name": "x", "questions": [QUESTIONS[0], QUESTIONS[0]]}
        )
        assert twice.status_code == 422
        assert "unique" in twice.text
        nothing_scores = [
            {
                "code": "q",
                "text": "?",
                "options": [
                    {"code": "a", "label": "a", "points": 0},
                    {"code": "b", "label": "b", "points": 0},
                ],
            }
        ]
        assert (
            await http.post("/questionnaires", json={"name": "x", "questions": nothing_scores})
        ).status_code == 422


async def test_each_questionnaire_is_published_and_a_dealer_keeps_hqs_as_defined_there(
    sessions: Sessions, as_user: AsUser
) -> None:
    """HQ's questionnaire is published (its node, no dealer: every dealer below it); at a
    dealer's own deployment the one that came down is kept under its id, once, and its
    consultants evaluate with it."""
    async with as_user(PEOPLE.hq_admin) as http:
        hq = await http.post("/questionnaires", json={"name": "HQ 标准", "questions": QUESTIONS})
        assert hq.status_code == 201, hq.text
    [defined] = await events(sessions, "opportunities.QuestionnaireDefined")
    assert (defined["questionnaire_id"], defined["org_node"], defined["dealer_id"]) == (
        hq.json()["id"],
        "hq",
        None,
    )
    assert [q["code"] for q in defined["questions"]] == ["budget", "timing"]

    [subscription] = [
        s
        for s in subscriptions(Settings(env="test"))
        if s.consumer.endswith(".questionnaires-from-hq")
    ]
    assert subscription.downlinked_only, "HQ's own and a dealer's stay where they were defined"
    [handles] = subscription.handles
    came_down = new_event(
        QuestionnaireDefined.model_validate({**defined, "questionnaire_id": uuid4()}),
        tenant=TENANT,
        owner_org="hq",
        actor="h1",
    )
    for _ in range(2):
        await process_once(
            sessions,
            subscription.consumer,
            came_down,
            lambda uow: handles.apply(uow, [came_down]),
        )
    async with as_user(PEOPLE.consultant1) as http:
        usable = {q["id"]: q["name"] for q in (await http.get("/questionnaires")).json()}
        kept = str(came_down.data.questionnaire_id)
        assert usable == {hq.json()["id"]: "HQ 标准", kept: "HQ 标准"}
        opportunity = (
            await http.post("/opportunities", json={"customer_name": "韩梅", "amount": "1"})
        ).json()
        scored = await http.post(
            f"/opportunities/{opportunity['id']}/evaluations",
            json={
                "questionnaire_id": str(came_down.data.questionnaire_id),
                "answers": {"budget": "yes", "timing": "month"},
            },
        )
        assert scored.status_code == 201, scored.text
        assert scored.json()["score"] == 30
