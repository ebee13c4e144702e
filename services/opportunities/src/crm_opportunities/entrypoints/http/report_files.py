"""The sales reports as tables for their CSV and XLSX files: one row per figure a spreadsheet
can filter and pivot (the group repeated on each of its rows; the whole as group "all")."""

from __future__ import annotations

from crm_common.spreadsheets import Table, Value
from crm_opportunities.views.competitors import CompetitionReport
from crm_opportunities.views.pipeline import (
    Forecast,
    ForecastPeriod,
    Funnel,
    FunnelFigures,
    StaleOpportunity,
    WinLoss,
    WinLossFigures,
)

ALL = "all"


def funnel_table(funnel: Funnel) -> Table:
    names = {stage.code: stage.name for stage in funnel.stages}
    rows: list[list[Value]] = [
        [
            "group",
            "created",
            "won",
            "won_amount",
            "lost",
            "lost_amount",
            "stage",
            "stage_name",
            "reached",
            "open",
            "open_amount",
            "converted",
            "conversion_rate",
        ]
    ]

    def add(group: str, figures: FunnelFigures) -> None:
        for step in figures.stages:
            rows.append(
                [
                    group,
                    figures.created,
                    figures.won,
                    figures.won_amount,
                    figures.lost,
                    figures.lost_amount,
                    step.code,
                    names.get(step.code, step.code),
                    step.reached,
                    step.open,
                    step.open_amount,
                    step.converted,
                    step.conversion_rate,
                ]
            )

    add(ALL, funnel.total)
    for group in funnel.groups:
        add(group.group or "", group)
    return rows


def forecast_table(forecast: Forecast) -> Table:
    rows: list[list[Value]] = [
        [
            "group",
            "period_start",
            "open_count",
            "pipeline_amount",
            "weighted_amount",
            "won_count",
            "won_amount",
            "planned_amount",
            "collected_amount",
            "expected_amount",
        ]
    ]

    def add(group: str, periods: list[ForecastPeriod]) -> None:
        rows.extend(
            [
                group,
                p.period_start,
                p.open_count,
                p.pipeline_amount,
                p.weighted_amount,
                p.won_count,
                p.won_amount,
                p.planned_amount,
                p.collected_amount,
                p.expected_amount,
            ]
            for p in periods
        )

    add(ALL, forecast.periods)
    for group in forecast.groups:
        add(group.group or "", group.periods)
    return rows


def stale_table(stale: list[StaleOpportunity]) -> Table:
    header: list[Value] = [
        "id",
        "customer_name",
        "vehicle_interest",
        "amount",
        "currency",
        "stage",
        "stage_name",
        "days_in_stage",
        "rot_days",
        "expected_close_on",
        "owner_user",
        "owner_team",
        "owner_org",
    ]
    return [
        header,
        *(
            [
                str(o.id),
                o.customer_name,
                o.vehicle_interest,
                o.amount,
                o.currency,
                o.stage,
                o.stage_name,
                o.days_in_stage,
                o.rot_days,
                o.expected_close_on,
                o.owner_user,
                o.owner_team,
                o.owner_org,
            ]
            for o in stale
        ),
    ]


def win_loss_table(report: WinLoss) -> Table:
    """Per group: won, lost (with the win rate), each lost reason and each competitor's model
    that won, as rows of (figure, name, count, amount)."""
    rows: list[list[Value]] = [["group", "figure", "name", "count", "amount", "win_rate"]]

    def add(group: str, figures: WinLossFigures) -> None:
        rows.append([group, "won", None, figures.won, figures.won_amount, figures.win_rate])
        rows.append([group, "lost", None, figures.lost, figures.lost_amount, figures.win_rate])
        rows.extend(
            [group, "lost_reason", r.reason or "", r.count, None, None]
            for r in figures.lost_reasons
        )
        for competitor in figures.competitors:
            rows.append(
                [
                    group,
                    "competitor",
                    competitor.competitor,
                    competitor.count,
                    competitor.amount,
                    None,
                ]
            )
            rows.extend(
                [
                    group,
                    "competitor_model",
                    f"{competitor.competitor} {m.model or ''}".strip(),
                    m.count,
                    None,
                    None,
                ]
                for m in competitor.models
            )

    add(ALL, report.total)
    for group in report.groups:
        add(group.group or "", group)
    return rows


def competition_table(report: CompetitionReport) -> Table:
    """Per competitor, and per model of it: open, won and lost deals (with amounts) and the win
    rate against it."""
    rows: list[list[Value]] = [
        [
            "competitor",
            "model",
            "open",
            "open_amount",
            "won",
            "won_amount",
            "lost",
            "lost_amount",
            "win_rate",
        ]
    ]
    for competitor in report.competitors:
        for model, figures in [
            ("", competitor),
            *((m.model, m) for m in competitor.models),
        ]:
            rows.append(
                [
                    competitor.competitor,
                    model,
                    figures.open,
                    figures.open_amount,
                    figures.won,
                    figures.won_amount,
                    figures.lost,
                    figures.lost_amount,
                    figures.win_rate,
                ]
            )
    return rows
