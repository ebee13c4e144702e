"""Events published by services/opportunities, version 1. Changing one means a new version.

Money travels as decimal strings in the currency named beside it (CNY unless said)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import ClassVar, Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

from crm_common.contracts.envelope import EventData

OPPORTUNITY_TOPIC = "crm.opportunities.opportunity.v1"
QUOTE_TOPIC = "crm.opportunities.quote.v1"
ORDER_TOPIC = "crm.opportunities.order.v1"
CATALOG_TOPIC = "crm.opportunities.catalog.v1"
QUESTIONNAIRE_TOPIC = "crm.opportunities.questionnaire.v1"

LeadOrigin = Literal["self_sourced", "pool", "oem", "campaign", "direct"]


class _OpportunityEvent(EventData):
    shared_as: ClassVar[str | None] = "opportunity"
    topic: ClassVar[str] = OPPORTUNITY_TOPIC

    opportunity_id: UUID
    dealer_id: str = Field(description="Org node of the dealer whose book it is in")
    at: datetime

    def aggregate_key(self) -> str:
        return str(self.opportunity_id)


class OpportunityOpened(_OpportunityEvent):
    """A sales opportunity (商机) opened, from a converted lead or directly."""

    event_type: ClassVar[str] = "opportunities.OpportunityOpened"
    event_version: ClassVar[int] = 1

    lead_id: UUID | None = Field(description="The converted lead, when it came from one")
    customer_id: UUID | None
    owner_user: str
    owner_team: str
    pipeline_id: UUID
    stage: str
    vehicle_interest: str | None
    lead_origin: LeadOrigin
    source: str | None


class StageChanged(_OpportunityEvent):
    """The opportunity moved to another stage of its pipeline."""

    event_type: ClassVar[str] = "opportunities.StageChanged"
    event_version: ClassVar[int] = 1

    from_stage: str
    to_stage: str
    probability: int = Field(ge=0, le=100, description="Win probability of the new stage, %")
    owner_user: str
    changed_by: str


class OpportunityReassigned(_OpportunityEvent):
    """A manager gave the opportunity to another consultant."""

    event_type: ClassVar[str] = "opportunities.OpportunityReassigned"
    event_version: ClassVar[int] = 1

    owner_user: str
    owner_team: str
    previous_owner: str
    assigned_by: str


class TestDriveRecorded(_OpportunityEvent):
    """The customer drove a vehicle; the licence was checked."""

    event_type: ClassVar[str] = "opportunities.TestDriveRecorded"
    event_version: ClassVar[int] = 1

    test_drive_id: UUID
    model_code: str
    owner_user: str
    rating: int | None = Field(ge=1, le=5, description="Customer's rating, 1 to 5")


class TradeInAppraised(_OpportunityEvent):
    """The customer's current vehicle was appraised for a trade-in (二手置换)."""

    event_type: ClassVar[str] = "opportunities.TradeInAppraised"
    event_version: ClassVar[int] = 1

    trade_in_id: UUID
    appraised_value: Decimal
    currency: str = "CNY"


class OpportunityEvaluated(_OpportunityEvent):
    """The opportunity was scored with the dealer's questionnaire (销售机会评估)."""

    event_type: ClassVar[str] = "opportunities.OpportunityEvaluated"
    event_version: ClassVar[int] = 1

    questionnaire_id: UUID
    score: int
    max_score: int
    evaluated_by: str


class CreditShare(BaseModel):
    """A consultant's share of a deal's credit (split credit for commission)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    user_id: str
    team: str
    share_percent: Decimal = Field(gt=0, le=100)


class DealWon(_OpportunityEvent):
    """The customer signed an order (成交): the opportunity is won."""

    event_type: ClassVar[str] = "opportunities.DealWon"
    event_version: ClassVar[int] = 1

    order_id: UUID
    lead_id: UUID | None
    customer_id: UUID | None
    owner_user: str
    owner_team: str
    credit: list[CreditShare] = Field(description="Who shares the credit; sums to 100")
    lead_origin: LeadOrigin
    model_code: str
    trim_code: str | None
    units: int = Field(ge=1)
    revenue: Decimal = Field(
        description="Effective revenue: what the customer pays, net of discounts"
    )
    gross_margin: Decimal = Field(description="Revenue minus the dealer's cost of what was sold")
    msrp: Decimal = Field(description="List price of the configured vehicle (price retention)")
    currency: str = "CNY"
    finance_attached: bool
    insurance_attached: bool


class DealLost(_OpportunityEvent):
    """The opportunity was lost (战败), with the reason and the competitor who won it."""

    event_type: ClassVar[str] = "opportunities.DealLost"
    event_version: ClassVar[int] = 1

    lead_id: UUID | None
    customer_id: UUID | None
    owner_user: str
    owner_team: str
    stage: str = Field(description="Stage it was lost at")
    reason: str
    competitor: str | None
    competitor_model: str | None


class _QuoteEvent(EventData):
    shared_as: ClassVar[str | None] = "quote"
    topic: ClassVar[str] = QUOTE_TOPIC

    quote_id: UUID
    opportunity_id: UUID
    dealer_id: str
    at: datetime

    def aggregate_key(self) -> str:
        return str(self.quote_id)


class QuoteIssued(_QuoteEvent):
    """A quote version was issued to the customer (报价)."""

    event_type: ClassVar[str] = "opportunities.QuoteIssued"
    event_version: ClassVar[int] = 1

    version: int = Field(ge=1)
    owner_user: str
    total: Decimal
    discount: Decimal
    currency: str = "CNY"
    partner_products: list[str] = Field(description="Partner org ids whose products it includes")


class QuoteApprovalRequested(_QuoteEvent):
    """The discount exceeds the consultant's limit: the named approver level must decide."""

    event_type: ClassVar[str] = "opportunities.QuoteApprovalRequested"
    event_version: ClassVar[int] = 1

    version: int
    discount: Decimal
    discount_percent: Decimal
    approver_level: Literal["sales_manager", "dealer"]
    requested_by: str


class QuoteApprovalDecided(_QuoteEvent):
    """An approver approved or rejected the quote's discount."""

    event_type: ClassVar[str] = "opportunities.QuoteApprovalDecided"
    event_version: ClassVar[int] = 1

    version: int
    approved: bool
    decided_by: str
    note: str | None


class QuoteAccepted(_QuoteEvent):
    """The customer accepted the quote; an order was placed from it (报价单→销售订单)."""

    event_type: ClassVar[str] = "opportunities.QuoteAccepted"
    event_version: ClassVar[int] = 1

    version: int
    order_id: UUID
    total: Decimal
    currency: str = "CNY"


class _OrderEvent(EventData):
    shared_as: ClassVar[str | None] = "order"
    topic: ClassVar[str] = ORDER_TOPIC

    order_id: UUID
    opportunity_id: UUID
    dealer_id: str
    at: datetime

    def aggregate_key(self) -> str:
        return str(self.order_id)


class OrderPlaced(_OrderEvent):
    """A sales order was placed, following the dealer's configured order process."""

    event_type: ClassVar[str] = "opportunities.OrderPlaced"
    event_version: ClassVar[int] = 1

    quote_id: UUID
    owner_user: str
    process: str = Field(description="e.g. deposit_first, payment_first")
    total: Decimal
    currency: str = "CNY"


class OrderStepCompleted(_OrderEvent):
    """One step of the order process was done (deposit paid, payment received, ...)."""

    event_type: ClassVar[str] = "opportunities.OrderStepCompleted"
    event_version: ClassVar[int] = 1

    step: str
    amount: Decimal | None
    recorded_by: str


class OrderCancelled(_OrderEvent):
    """The order was cancelled; a won deal is undone (commission claws back)."""

    event_type: ClassVar[str] = "opportunities.OrderCancelled"
    event_version: ClassVar[int] = 1

    owner_user: str
    reason: str
    cancelled_by: str
    deposit_to_refund: Decimal
    currency: str = "CNY"


class DepositRefunded(_OrderEvent):
    """The deposit of a cancelled order was paid back."""

    event_type: ClassVar[str] = "opportunities.DepositRefunded"
    event_version: ClassVar[int] = 1

    amount: Decimal
    currency: str = "CNY"
    recorded_by: str


class VehicleDelivered(_OrderEvent):
    """The vehicle was handed over to the customer (交车): after-sales starts here."""

    event_type: ClassVar[str] = "opportunities.VehicleDelivered"
    event_version: ClassVar[int] = 1

    customer_id: UUID | None
    owner_user: str
    vin: str = Field(min_length=17, max_length=17)
    model_code: str
    delivered_on: date


class FinanceApplicationUpdated(_OrderEvent):
    """A finance or insurance partner moved its application for an order (or quote) on."""

    event_type: ClassVar[str] = "opportunities.FinanceApplicationUpdated"
    event_version: ClassVar[int] = 1

    application_id: UUID
    partner_id: str
    product_code: str
    status: Literal["submitted", "approved", "declined"]
    updated_by: str


class CatalogPublished(EventData):
    """HQ published a version of the vehicle catalogue; every dealer keeps a copy of it."""

    event_type: ClassVar[str] = "opportunities.CatalogPublished"
    event_version: ClassVar[int] = 1
    topic: ClassVar[str] = CATALOG_TOPIC

    catalog_version: int = Field(ge=1)
    published_at: datetime
    catalog: dict[str, object] = Field(
        description="The whole catalogue: models with trims, colours, options, compatibility "
        "rules and MSRP (the schema of POST /catalog/publications)"
    )

    def aggregate_key(self) -> str:
        return "catalog"


class EvaluationAnswer(BaseModel):
    model_config = ConfigDict(frozen=True)

    code: str
    label: str
    points: int


class EvaluationQuestion(BaseModel):
    model_config = ConfigDict(frozen=True)

    code: str
    text: str
    weight: int
    options: list[EvaluationAnswer]


class QuestionnaireDefined(EventData):
    """A node defined an evaluation questionnaire (销售机会评估): a dealer's for its own book,
    HQ's or a region's for every dealer below it. A dealer that runs its own deployment
    receives those of the nodes above it — its consultants evaluate with them there."""

    event_type: ClassVar[str] = "opportunities.QuestionnaireDefined"
    event_version: ClassVar[int] = 1
    topic: ClassVar[str] = QUESTIONNAIRE_TOPIC

    questionnaire_id: UUID
    org_node: str = Field(description="The node whose questionnaire it is (a dealer, or above)")
    dealer_id: str | None = Field(description="The node's dealer; none above dealers")
    name: str
    questions: list[EvaluationQuestion]
    defined_by: str
    at: datetime

    def aggregate_key(self) -> str:
        return str(self.questionnaire_id)


ALL = (
    OpportunityOpened,
    StageChanged,
    OpportunityReassigned,
    TestDriveRecorded,
    TradeInAppraised,
    OpportunityEvaluated,
    DealWon,
    DealLost,
    QuoteIssued,
    QuoteApprovalRequested,
    QuoteApprovalDecided,
    QuoteAccepted,
    OrderPlaced,
    OrderStepCompleted,
    OrderCancelled,
    DepositRefunded,
    VehicleDelivered,
    FinanceApplicationUpdated,
    CatalogPublished,
    QuestionnaireDefined,
)
