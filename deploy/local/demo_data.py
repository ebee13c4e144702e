"""Demo data for `./platform up`: leads of the demo OEM, through the real API.

Logs in as demo users (identity's seed-demo users): consultants take in and follow up their own
leads, a manager fills the Pudong pool, HQ distributes campaign leads to dealers. Runs once per
run folder (a marker file records it).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import math
import os
import random
import struct
import sys
import time
import wave
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import httpx

from crm_call_center.domain.quality import recording_key

CONSULTANTS = ("sh01.consultant1", "sh02.consultant1", "bj01.consultant1")
SOURCES = ("walk_in", "campaign_form", "phone", "referral", "oem_website")
NAMES = ("王伟", "李娜", "张敏", "刘洋", "陈静", "杨磊", "赵丽", "黄强")
MODELS = ("Sedan L 1.5T", "SUV X 2.0T", "EV Aurora", None)
LEADS_PER_CONSULTANT = 40
CONVERTED_PER_CONSULTANT = 4
GRADES = ("ready_to_buy", "intent", "potential")
POOLED_LEADS = 15
HQ_LEADS = 10


def trim(code: str, name: str, msrp: int, options: list[str]) -> dict[str, object]:
    return {
        "code": code,
        "name": name,
        "msrp": str(msrp),
        "invoice_price": str(int(msrp * 0.93)),
        "colours": [
            {"code": "white", "name": "珍珠白", "msrp": "0", "invoice_price": "0"},
            {"code": "grey", "name": "星空灰", "msrp": "3000", "invoice_price": "2400"},
        ],
        "options": [OPTIONS[o] for o in options],
        "standard_options": [],
    }


OPTIONS = {
    "pano": {"code": "pano", "name": "全景天窗", "msrp": "8000", "invoice_price": "6400"},
    "sport": {"code": "sport", "name": "运动套件", "msrp": "12000", "invoice_price": "9500"},
    "seats": {"code": "seats", "name": "舒适座椅", "msrp": "6000", "invoice_price": "4600"},
}
CATALOG = {
    "models": [
        {
            "code": "SEDAN-L",
            "name": "Sedan L",
            "product_line": "sedan",
            "trims": [trim("SEDAN-L-15T", "1.5T 舒适版", 139900, ["pano"])],
        },
        {
            "code": "SUV-X",
            "name": "SUV X",
            "product_line": "suv",
            "trims": [
                trim("SUV-X-20T", "2.0T 豪华版", 200000, ["pano", "sport", "seats"]),
                trim("SUV-X-20T-4WD", "2.0T 四驱旗舰版", 236000, ["pano", "sport", "seats"]),
            ],
        },
        {
            "code": "EV-AURORA",
            "name": "EV Aurora",
            "product_line": "ev",
            "trims": [trim("EV-AURORA-LR", "长续航版", 259800, ["pano", "seats"])],
        },
    ],
    "rules": [
        {"kind": "requires", "option": "sport", "others": ["seats"]},
        {"kind": "excludes", "option": "pano", "others": ["sport"]},
    ],
}
QUESTIONNAIRE = {
    "name": "意向评估 (HQ)",
    "questions": [
        {
            "code": "budget",
            "text": "预算已确认? Budget confirmed?",
            "weight": 2,
            "options": [
                {"code": "yes", "label": "已确认", "points": 10},
                {"code": "no", "label": "未确认", "points": 0},
            ],
        },
        {
            "code": "timing",
            "text": "购车时间 Buying within",
            "options": [
                {"code": "month", "label": "一个月内", "points": 10},
                {"code": "quarter", "label": "三个月内", "points": 5},
                {"code": "later", "label": "更晚", "points": 0},
            ],
        },
    ],
}
PARTNER_LINES = [
    {
        "kind": "insurance",
        "code": "CAR-1Y",
        "description": "车险 一年 Comprehensive, 1 year",
        "list_price": "6200",
        "price": "6200",
        "cost": "5300",
        "partner_id": "partner-insurance",
    },
    {
        "kind": "finance",
        "code": "LOAN-36",
        "description": "36 期贷款服务费 36-month loan fee",
        "list_price": "3000",
        "price": "3000",
        "cost": "0",
        "partner_id": "partner-finance",
    },
]


def set_up_sales(identity: httpx.Client, opportunities: httpx.Client, password: str) -> str:
    """HQ publishes the catalogue, an evaluation questionnaire and its list of competitors; the
    Pudong dealer prices its trims and accessories, prints on its letterhead, keeps a quote
    template and lists a local competitor. Returns the id of HQ's main competitor."""
    hq = token(identity, "hq.admin", password)
    opportunities.post("/catalog/publications", headers=hq, json=CATALOG).raise_for_status()
    opportunities.post("/questionnaires", headers=hq, json=QUESTIONNAIRE).raise_for_status()
    rival = opportunities.post(
        "/competitors", headers=hq, json={"name": "Rival Motors", "models": ["R1", "R3 SUV"]}
    )
    rival.raise_for_status()
    opportunities.post(
        "/competitors", headers=hq, json={"name": "远景汽车", "models": ["远景 S7"]}
    ).raise_for_status()
    admin = token(identity, "sh01.admin", password)
    opportunities.put(
        "/sales-settings",
        headers=admin,
        json={
            "letterhead": {
                "name": "上海浦东 Demo 汽车 4S 店",
                "address": "上海市浦东新区 Demo 路 1 号",
                "phone": "021-5000-0000",
            },
            "quote_valid_days": 10,
        },
    ).raise_for_status()
    manager = token(identity, "sh01.manager", password)
    opportunities.put(
        "/catalog/dealer-pricing",
        headers=manager,
        json={
            "trim_prices": {"SUV-X-20T": "196000"},
            "accessories": [
                {"code": "MATS", "name": "全包围脚垫", "price": "1200", "cost": "400"},
                {
                    "code": "ROOF-BOX",
                    "name": "车顶行李箱",
                    "price": "3800",
                    "cost": "2100",
                    "fits_models": ["SUV-X"],
                },
            ],
        },
    ).raise_for_status()
    opportunities.post(
        "/quote-templates",
        headers=manager,
        json={
            "name": "SUV X 豪华版 上牌套餐",
            "configuration": {
                "model_code": "SUV-X",
                "trim_code": "SUV-X-20T",
                "colour_code": "grey",
                "options": ["sport", "seats"],
                "accessories": ["MATS"],
            },
            "lines": [
                {
                    "kind": "fee",
                    "code": "REG",
                    "description": "上牌服务 Registration",
                    "list_price": "800",
                    "price": "800",
                }
            ],
        },
    ).raise_for_status()
    opportunities.post(
        "/competitors", headers=manager, json={"name": "浦东本地品牌", "models": ["L5"]}
    ).raise_for_status()
    rival_id: str = rival.json()["id"]
    return rival_id


def set_up_commission(identity: httpx.Client, kpi: httpx.Client, password: str) -> None:
    """The Pudong dealer pays its consultants per unit by model, a share of the gross margin
    and bonuses for finance and insurance, scaled by how much of the month's target they met."""
    manager = token(identity, "sh01.manager", password)
    kpi.post(
        "/kpi/commission/plans",
        headers=manager,
        json={
            "name": "浦东销售顾问提成 Consultant commission",
            "effective_from": f"{date.today():%Y}-01-01",
            "rules": {
                "per_unit": {"SUV-X": "800", "EV-1": "1000"},
                "default_per_unit": "500",
                "gross_margin_percent": "5",
                "finance_bonus": "300",
                "insurance_bonus": "200",
                "bands": [
                    {"name": "below", "from_percent": "0", "multiplier": "0.8"},
                    {"name": "met", "from_percent": "100", "multiplier": "1"},
                    {"name": "above", "from_percent": "120", "multiplier": "1.2"},
                ],
            },
        },
    ).raise_for_status()


def set_up_targets(identity: httpx.Client, kpi: httpx.Client, password: str) -> None:
    """The month's units targets down the cascade, so the target pages have a plan to show
    against the sales: HQ's for its regions, the East region's for its dealers, the Pudong
    manager's for two consultants. kpi checks each node against its copy of the org tree
    (identity's events): retried until it has it."""
    month = f"{date.today():%Y-%m}"
    consultants = [
        identity.get("/me", headers=token(identity, name, password)).json()["user_id"]
        for name in ("sh01.consultant1", "sh01.consultant2")
    ]
    for username, targets in (
        (
            "hq.admin",
            [{"node": "region-east", "amount": 120}, {"node": "region-north", "amount": 90}],
        ),
        (
            "east.manager",
            [
                {"node": "dealer-sh-01", "amount": 45},
                {"node": "dealer-sh-02", "amount": 40},
                {"node": "dealer-hz-01", "amount": 35},
            ],
        ),
        (
            "sh01.manager",
            [
                {"node": "dealer-sh-01", "user_id": consultants[0], "amount": 12},
                {"node": "dealer-sh-01", "user_id": consultants[1], "amount": 10},
            ],
        ),
    ):
        body = {"targets": [{**target, "measure": "units"} for target in targets]}
        headers = token(identity, username, password)
        for _ in range(60):
            response = kpi.put(f"/kpi/targets/{month}", headers=headers, json=body)
            if response.status_code == 200:
                break
            time.sleep(0.5)
        response.raise_for_status()


SURVEY = {
    "name": "维修满意度 After-service survey",
    "questions": [
        {"code": "recommend", "kind": "nps", "text": "您向亲友推荐本店的可能性 (0-10)"},
        {"code": "repair", "kind": "csi", "text": "维修质量满意度", "scale_max": 5, "weight": 2},
        {"code": "advisor", "kind": "csi", "text": "服务顾问满意度", "scale_max": 5},
        {"code": "comment", "kind": "text", "text": "其他意见", "required": False},
    ],
}


def set_up_service_desk(identity: httpx.Client, desk: httpx.Client, password: str) -> int:
    """sh01's service desk: a category tree and SLA, a survey on resolved tickets, a birthday
    care rule; tickets worked by the service advisor, a complaint handled to the customer's
    confirmation, and a survey answered in a call. Returns the tickets opened."""
    admin = token(identity, "sh01.admin", password)
    advisor = token(identity, "sh01.service", password)
    for tree_node in (
        {"code": "repair", "name": "维修", "default_priority": "high"},
        {"code": "maintenance", "name": "保养", "default_priority": "normal"},
        {
            "code": "brakes",
            "name": "制动系统",
            "parent_code": "repair",
            "default_priority": "urgent",
        },
    ):
        desk.post("/ticket-categories", headers=admin, json=tree_node).raise_for_status()
    desk.put(
        "/sla-policies",
        headers=admin,
        json={
            "policies": [
                {"category_code": "repair", "first_response_minutes": 30, "resolution_minutes": 480}
            ]
        },
    ).raise_for_status()
    design = desk.post("/survey-designs", headers=admin, json=SURVEY)
    design.raise_for_status()
    desk.put(
        "/survey-rules/ticket_resolved",
        headers=admin,
        json={"design_key": design.json()["design_key"], "channel": "call"},
    ).raise_for_status()
    desk.post(
        "/care-rules",
        headers=admin,
        json={
            "kind": "birthday",
            "segment": "toc",
            "action": "email",
            "days_before": 3,
            "message": "{name}您好, 祝您生日快乐!",
        },
    ).raise_for_status()
    opened = []
    for subject, category, phone in (
        ("刹车异响 brake noise", "brakes", "130 0000 0001"),
        ("预约一万公里保养", "maintenance", "130 0000 0002"),
        ("空调不制冷", "repair", "130 0000 0003"),
    ):
        ticket = desk.post(
            "/tickets",
            headers=advisor,
            json={
                "subject": subject,
                "category": category,
                "phone": phone,
                "channel": "phone",
                "customer_name": rng_name(phone),
                # The brake job's vehicle has sh01's extended warranty (covered repair).
                "vin": "LSVAU2180N2183295" if category == "brakes" else None,
            },
        )
        ticket.raise_for_status()
        opened.append(ticket.json()["id"])
    desk.post(
        f"/tickets/{opened[0]}/entries",
        headers=advisor,
        json={"kind": "reply", "body": "已安排技师检查"},
    ).raise_for_status()
    desk.post(
        f"/tickets/{opened[0]}/resolution", headers=advisor, json={"resolution": "更换前轮刹车片"}
    ).raise_for_status()
    complaint = desk.post(
        "/tickets",
        headers=advisor,
        json={
            "subject": "投诉: 等待时间过长",
            "kind": "complaint",
            "phone": "130 0000 0004",
            "customer_name": "刘洋",
        },
    )
    complaint.raise_for_status()
    complaint_id = complaint.json()["id"]
    desk.put(
        f"/tickets/{complaint_id}/complaint",
        headers=advisor,
        json={"root_cause": "周末工位不足, 未提前告知等待时间"},
    ).raise_for_status()
    desk.post(
        f"/tickets/{complaint_id}/resolution",
        headers=advisor,
        json={"resolution": "致歉并赠送保养券"},
    ).raise_for_status()
    desk.post(
        f"/tickets/{complaint_id}/closure", headers=advisor, json={"customer_satisfied": True}
    ).raise_for_status()
    set_up_after_sales_desk(identity, desk, password, opened[0])
    # The air-conditioning job goes to the repair partner (repair.partner works it in the portal).
    desk.post(
        f"/tickets/{opened[2]}/partner-job",
        headers=advisor,
        json={"partner_org": "partner-repair", "instructions": "检查空调压缩机与冷媒压力"},
    ).raise_for_status()
    # The worker sends the resolved ticket's survey (TicketResolved through Kafka): answer it.
    for _ in range(60):
        surveys = desk.get("/surveys", headers=advisor, params={"answered": "false"}).json()
        if surveys:
            desk.post(
                f"/surveys/{surveys[0]['id']}/answers",
                headers=advisor,
                json={"answers": {"recommend": 9, "repair": 5, "advisor": 4}},
            ).raise_for_status()
            break
        time.sleep(1)
    else:
        print("[demo] no survey arrived within a minute; the service-desk worker may be behind")
    return len(opened) + 1


def set_up_after_sales_desk(
    identity: httpx.Client, desk: httpx.Client, password: str, ticket_id: str
) -> None:
    """HQ's knowledge-base article every dealer reads, sh01's extended warranty on a vehicle,
    and on the brake ticket: the technician's note as an attachment, the use of the article,
    and a parts claim against Demo Parts Co."""
    hq = token(identity, "hq.admin", password)
    advisor = token(identity, "sh01.service", password)
    article = desk.post(
        "/knowledge-articles",
        headers=hq,
        json={
            "title": "刹车异响 brake noise at low speed",
            "problem": "低速制动时前轮刹车异响, 刹车片磨损指示片接触刹车盘",
            "solution": "检查刹车片厚度, 低于 3 mm 更换刹车片并打磨刹车盘; 涂抹消音膏",
        },
    )
    article.raise_for_status()
    desk.post(
        f"/knowledge-articles/{article.json()['id']}/uses",
        headers=advisor,
        json={"ticket_id": ticket_id},
    ).raise_for_status()
    today = date.today()
    desk.post(
        "/service-agreements",
        headers=advisor,
        json={
            "kind": "extended_warranty",
            "name": "延保 3 年 / 10 万公里",
            "vin": "LSVAU2180N2183295",
            "categories": ["repair"],
            "valid_from": (today - timedelta(days=200)).isoformat(),
            "valid_until": (today + timedelta(days=900)).isoformat(),
            "max_km": 100_000,
        },
    ).raise_for_status()
    desk.post(
        f"/tickets/{ticket_id}/attachments",
        headers={**advisor, "content-type": "text/plain"},
        params={"filename": "技师检查记录.txt"},
        content="前轮刹车片剩余 2 mm, 刹车盘轻微划痕".encode(),
    ).raise_for_status()
    desk.post(
        f"/tickets/{ticket_id}/parts-claims",
        headers=advisor,
        json={
            "partner_id": "partner-parts",
            "part_number": "BP-2201",
            "quantity": 2,
            "description": "刹车片 3 000 km 即磨损到限",
        },
    ).raise_for_status()


def signed_call_event(cc: httpx.Client, secret: bytes, event: dict[str, object]) -> None:
    """One call event as the demo's cloud contact center sends it (HMAC-SHA256 signed)."""
    body = json.dumps(event).encode()
    stamp = str(int(time.time()))
    digest = hmac.new(secret, stamp.encode() + b"." + body, hashlib.sha256).hexdigest()
    cc.post(
        "/cti/webhooks/cloud-cc",
        content=body,
        headers={
            "content-type": "application/json",
            "X-CRM-Timestamp": stamp,
            "X-CRM-Signature": f"sha256={digest}",
        },
    ).raise_for_status()


def demo_recording(key: str, *, seconds: int) -> None:
    """A short tone as the demo PBX's recording of a call, in the services' file store."""
    rate = 8000
    frames = b"".join(
        struct.pack("<h", int(8000 * math.sin(2 * math.pi * 440 * i / rate)))
        for i in range(rate * seconds)
    )
    target = Path(os.environ.get("CRM_FILE_STORAGE", "var/files"), *key.split("/"))
    target.parent.mkdir(parents=True, exist_ok=True)
    with wave.open(str(target), "wb") as recording:
        recording.setnchannels(1)
        recording.setsampwidth(2)
        recording.setframerate(rate)
        recording.writeframes(frames)


def set_up_call_center(identity: httpx.Client, cc: httpx.Client, password: str) -> tuple[int, int]:
    """The brand hotline (HQ) with cc.agent, sh01's renewal desk with its renewal specialist
    (it deals out the renewal, care and phone-survey calls the service desk asks for), a
    manager's renewal task, sh01's imported renewal list, and the last two hours of calls
    through the signed webhooks so `GET /call-statistics` has a day to show. Returns the
    calls reported and the renewal tasks the list made."""
    supervisor = token(identity, "cc.supervisor", password)
    manager = token(identity, "sh01.manager", password)
    agent = token(identity, "cc.agent", password)
    renewal = token(identity, "sh01.renewal", password)

    def user_id(headers: dict[str, str]) -> str:
        found: str = identity.get("/me", headers=headers).json()["user_id"]
        return found

    hotline = cc.post(
        "/queues",
        headers=supervisor,
        json={
            "name": "品牌热线 Brand hotline",
            "pbx_queue": "hotline",
            "service_level_seconds": 20,
        },
    )
    hotline.raise_for_status()
    desk = cc.post(
        "/queues",
        headers=manager,
        json={
            "name": "续保专席 Renewal desk",
            "pbx_queue": "sh01-renewal",
            "strategy": "skill",
            "task_kinds": ["policy_renewal", "maintenance_due", "care", "survey"],
        },
    )
    desk.raise_for_status()
    agent_id, renewal_id = user_id(agent), user_id(renewal)
    cc.post(
        "/agents",
        headers=supervisor,
        json={
            "user_id": agent_id,
            "display_name": "热线坐席",
            "extension": "8101",
            "skills": ["zh"],
        },
    ).raise_for_status()
    cc.post(
        "/agents",
        headers=manager,
        json={
            "user_id": renewal_id,
            "display_name": "续保专员",
            "extension": "8301",
            "skills": ["renewal", "maintenance", "care", "survey"],
        },
    ).raise_for_status()
    for headers, queue, member in ((supervisor, hotline, agent_id), (manager, desk, renewal_id)):
        cc.put(
            f"/queues/{queue.json()['id']}/members", headers=headers, json={"user_ids": [member]}
        ).raise_for_status()
    cc.put("/agents/me/state", headers=agent, json={"state": "ready"}).raise_for_status()
    cc.post(
        "/call-tasks",
        headers=manager,
        json={
            "kind": "policy_renewal",
            "assignee": renewal_id,
            "due_at": (datetime.now(UTC) + timedelta(days=3)).isoformat(),
            "customer_name": "刘洋",
            "phone": "13300133000",
        },
    ).raise_for_status()
    renewals = import_renewal_list(cc, manager)
    secret_file = Path(os.environ["CRM_RUN_DIR"]) / "secrets" / "cti-webhook-secret"
    secret = secret_file.read_bytes().strip()
    rng = random.Random(18)
    start = datetime.now(UTC) - timedelta(hours=2)
    reported = 0
    for n in range(14):
        key, began = f"demo-hotline-{n}", start + timedelta(minutes=8 * n)

        def at(seconds: int, began: datetime = began) -> str:
            return (began + timedelta(seconds=seconds)).isoformat()

        base = {"call_id": key, "direction": "inbound"}
        wait, talk = rng.randint(3, 45), rng.randint(40, 400)
        events: list[dict[str, object]] = [
            {**base, "type": "call.created", "at": at(0), "from": f"1391234{n:04d}"},
            {**base, "type": "call.queued", "at": at(0), "queue": "hotline"},
            {**base, "type": "call.ringing", "at": at(1), "agent_extension": "8101"},
        ]
        if n % 6 == 5:  # the caller gave up waiting
            events += [
                {**base, "type": "call.abandoned", "at": at(wait), "queue": "hotline"},
                {**base, "type": "call.ended", "at": at(wait)},
            ]
        else:
            events += [
                {**base, "type": "call.answered", "at": at(wait), "agent_extension": "8101"},
                {**base, "type": "call.ended", "at": at(wait + talk), "agent_extension": "8101"},
            ]
            if n % 3 == 0:  # recorded: the supervisor's QA screen has calls to spot-check
                file = f"/var/spool/asterisk/monitor/{key}.wav"
                events.insert(-1, {**base, "type": "call.recording", "at": at(wait), "file": file})
                demo_recording(recording_key("webhook:cloud-cc", file), seconds=3)
        for event in events:
            signed_call_event(cc, secret, event)
        reported += 1
    for n, connected in enumerate((True, False)):
        key, began = f"demo-renewal-{n}", start + timedelta(minutes=30 + 20 * n)
        base = {"call_id": key, "direction": "outbound"}
        events = [
            {
                **base,
                "type": "call.created",
                "at": began.isoformat(),
                "agent_extension": "8301",
                "to": f"1330013300{n}",
            },
            {
                **base,
                "type": "call.ringing",
                "at": (began + timedelta(seconds=1)).isoformat(),
                "to": f"1330013300{n}",
            },
        ]
        if connected:
            events.append(
                {
                    **base,
                    "type": "call.answered",
                    "at": (began + timedelta(seconds=8)).isoformat(),
                    "agent_extension": "8301",
                }
            )
        events.append(
            {
                **base,
                "type": "call.ended",
                "at": (began + timedelta(seconds=190)).isoformat(),
                "agent_extension": "8301",
            }
        )
        for event in events:
            signed_call_event(cc, secret, event)
        reported += 1
    return reported, renewals


RENEWALS = (
    ("周杰", "商业险+交强险"),
    ("吴芳", "交强险"),
    ("郑强", "商业险"),
    ("孙丽", "商业险+交强险"),
    ("钱伟", "交强险"),
    ("冯敏", "商业险"),
)


def import_renewal_list(cc: httpx.Client, manager: dict[str, str]) -> int:
    """sh01's insurance renewals as the insurer exports them (CSV), imported by sh01.manager
    through the call lists API like any list: the renewal desk deals the calls to
    sh01.renewal, due 30 days before each policy expires. The expiry dates count from the
    first of the month, so the same list imported again within the month makes no task twice.
    Returns the tasks the import made."""
    first = date.today().replace(day=1)
    rows = ["姓名,手机,保险到期日,备注"] + [
        f"{name},1330013310{n},{first + timedelta(days=36 + 5 * n)},{cover}"
        for n, (name, cover) in enumerate(RENEWALS)
    ]
    accepted = cc.post(
        "/call-lists",
        headers={**manager, "content-type": "text/csv"},
        params={"format": "csv", "kind": "policy_renewal", "days_before": 30},
        content=("\n".join(rows) + "\n").encode(),
    )
    accepted.raise_for_status()
    for _ in range(120):  # the worker takes it within a second or two
        job = cc.get(f"/call-lists/{accepted.json()['id']}", headers=manager).json()
        if job["status"] in ("done", "failed"):
            break
        time.sleep(0.5)
    if job["status"] != "done":
        sys.exit(f"[demo] the renewal list was not imported: {job}")
    made: int = job["tasks_created"]
    return made


def set_up_grades_and_nurture(
    identity: httpx.Client, leads: httpx.Client, password: str, nurtured: list[str]
) -> None:
    """sh01's own grade scheme (hot/warm/cold, with its cadences) graded by a second pool of its,
    the "hot list"; sh01.consultant2 owns sh01's nurture list, and two of sh01.consultant1's
    leads are handed to marketing (GET /leads?nurture=true as sh01.manager)."""
    manager = token(identity, "sh01.manager", password)
    leads.put(
        "/grade-schemes",
        headers=manager,
        json={
            "name": "showroom",
            "version": 0,
            "grades": [
                {"code": "hot", "label": "热 buys this week", "cadence_days": 2, "rank": 3},
                {"code": "warm", "label": "温 buys this month", "cadence_days": 10, "rank": 2},
                {"code": "cold", "label": "冷 for marketing", "cadence_days": None, "rank": 1},
            ],
        },
    ).raise_for_status()
    leads.post(
        "/pools",
        headers=manager,
        json={"name": "Hot list", "kind": "claim", "rules": {"grade_scheme": "showroom"}},
    ).raise_for_status()
    marketing = token(identity, "sh01.consultant2", password)
    owner = identity.get("/me", headers=marketing).json()["user_id"]
    for _ in range(60):  # leads' staff copy names the consultant once identity's event arrived
        named = leads.put("/nurture-settings", headers=manager, json={"owner": owner})
        if named.status_code == 200:
            break
        time.sleep(0.5)
    named.raise_for_status()
    consultant = token(identity, "sh01.consultant1", password)
    for lead_id in nurtured:
        leads.post(
            f"/leads/{lead_id}/nurture",
            headers=consultant,
            json={"reason": "buys next year: for marketing"},
        ).raise_for_status()


def rng_name(phone: str) -> str:
    return NAMES[int(phone[-1]) % len(NAMES)]


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
    opportunities: httpx.Client, converted: list[tuple[dict[str, str], str]], rival: str
) -> tuple[int, int]:
    """The opportunities the conversions opened (through Kafka): every third one meets HQ's
    main competitor (its R3 SUV), every other one is test-driven and quoted from a
    configuration with insurance and finance, every fourth accepted (an order, and applications
    for the partners), so the board, the funnel, the competition report and the partners'
    queue have something to show."""
    quoted = accepted = 0
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
        path = f"/opportunities/{found[0]['id']}"
        if n % 3 == 0:
            opportunities.put(
                f"{path}/competitors",
                headers=headers,
                json={"competitors": [{"competitor_id": rival, "models": ["R3 SUV"]}]},
            ).raise_for_status()
        if n % 2:
            continue
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
        drafted = opportunities.post(
            f"{path}/quotes",
            headers=headers,
            json={
                "configuration": {
                    "model_code": "SUV-X",
                    "trim_code": "SUV-X-20T",
                    "colour_code": "white",
                    "options": ["pano"],
                },
                "lines": PARTNER_LINES,
                "extra_discount": "2000",
            },
        )
        drafted.raise_for_status()
        quote_id = drafted.json()["id"]
        opportunities.post(f"/quotes/{quote_id}/issue", headers=headers).raise_for_status()
        if n % 4 == 0:
            opportunities.post(f"/quotes/{quote_id}/acceptance", headers=headers).raise_for_status()
            accepted += 1
        quoted += 1
    return quoted, accepted


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
        httpx.Client(base_url="http://127.0.0.1:8004", timeout=10) as desk,
        httpx.Client(base_url="http://127.0.0.1:8005", timeout=10) as cc,
        httpx.Client(base_url="http://127.0.0.1:8006", timeout=10) as kpi,
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
        to_nurture: list[str] = []
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
                elif username == "sh01.consultant1" and len(to_nurture) < 2:
                    to_nurture.append(lead_id)
        manager = token(identity, "sh01.manager", password)
        for n in range(POOLED_LEADS):
            lead(manager, f"1370{n:07d}", rng.choice(SOURCES))
        hq = token(identity, "hq.admin", password)
        for n in range(HQ_LEADS):
            region = "region-east" if n % 2 else "region-north"
            lead_id = lead(hq, f"1360{n:07d}", "oem_website", region_hint=region)
            if n < HQ_LEADS // 2:
                distribute(leads, hq, lead_id)
        set_up_grades_and_nurture(identity, leads, password, to_nurture)
        rival = set_up_sales(identity, opportunities, password)
        set_up_commission(identity, kpi, password)
        set_up_targets(identity, kpi, password)
        quoted, accepted = quote_converted(opportunities, converted, rival)
        calls, renewals = set_up_call_center(identity, cc, password)
        tickets = set_up_service_desk(identity, desk, password)
    marker.write_text("ok\n")
    total = LEADS_PER_CONSULTANT * len(CONSULTANTS)
    print(
        f"[demo] {total} leads of {', '.join(CONSULTANTS)} (half followed up), {POOLED_LEADS} in "
        f"the Pudong pool, {HQ_LEADS} HQ campaign leads ({HQ_LEADS // 2} distributed to dealers), "
        f"{len(converted)} converted to opportunities ({quoted} test-driven and quoted from the "
        f"catalogue, {accepted} ordered with finance and insurance applications), {tickets} "
        "service-desk tickets at dealer-sh-01 (one a complaint; the brake job with an attachment, "
        "a parts claim and a warranty that covers it; the air-conditioning job sent to the repair "
        "partner), HQ's knowledge-base article, an answered "
        "survey, sh01's own grade scheme and hot-list pool, its nurture list (owned by "
        "sh01.consultant2, two leads on it), sh01's "
        "commission plan, the month's units targets from HQ down to two Pudong consultants, HQ's "
        "and sh01's competitor lists (every third opportunity meets "
        "Rival Motors), the "
        f"brand hotline and sh01's renewal desk with {calls} calls of the last two hours, and "
        f"sh01's imported renewal list ({renewals} renewal calls for sh01.renewal)"
    )


if __name__ == "__main__":
    main()
