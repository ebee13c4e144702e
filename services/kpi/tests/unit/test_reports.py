import io
from datetime import date

from openpyxl import load_workbook

from crm_common.spreadsheets import as_csv, as_xlsx
from crm_kpi.domain.reports import (
    ConsultantFigures,
    ReportKind,
    last_completed_period,
    report_table,
    subtotals,
)


def test_report_periods_are_the_last_whole_day_week_and_month() -> None:
    wednesday = date(2026, 11, 25)
    assert last_completed_period(ReportKind.DAILY, wednesday) == (date(2026, 11, 24),) * 2
    assert last_completed_period(ReportKind.WEEKLY, wednesday) == (
        date(2026, 11, 16),
        date(2026, 11, 22),
    )
    assert last_completed_period(ReportKind.MONTHLY, date(2026, 3, 1)) == (
        date(2026, 2, 1),
        date(2026, 2, 28),
    )


def test_the_meeting_table_has_a_column_per_grade_and_opens_in_excel() -> None:
    lines = [
        ConsultantFigures("dealer-a", "c2", receptions=2, callbacks=2, converted=1),
        ConsultantFigures("dealer-a", "c1", callbacks=3, graded={"intent": 2, "potential": 1}),
    ]
    table = report_table(lines)
    assert table[0][-4:] == ["won_units", "graded_intent", "graded_potential", "conversion_rate"]
    assert table[1][:2] == ["dealer-a", "c1"]
    assert table[1][-3:] == [2, 1, 0.0]
    assert table[2][-1] == 0.25
    assert as_csv(table).decode().startswith("\ufeffdealer_id,consultant,receptions")
    sheet = load_workbook(io.BytesIO(as_xlsx("sales meeting", table))).active
    assert sheet is not None
    assert [c.value for c in sheet[2]][:3] == ["dealer-a", "c1", 0]


def test_no_cell_of_a_report_file_starts_a_formula() -> None:
    named = ConsultantFigures("dealer-a", '=HYPERLINK("http://evil.example","pay")', receptions=1)
    table = report_table([named])
    assert (
        as_csv(table)
        .decode()
        .splitlines()[1]
        .startswith('dealer-a,"\'=HYPERLINK(""http://evil.example"",""pay"")",1,')
    )
    sheet = load_workbook(io.BytesIO(as_xlsx("sales meeting", table))).active
    assert sheet is not None
    cell = sheet["B2"]
    assert (cell.data_type, cell.value) == ("s", '\'=HYPERLINK("http://evil.example","pay")')


def test_the_meeting_sums_each_team_and_each_dealer() -> None:
    lines = [
        ConsultantFigures("dealer-a", "c1", team="team-a1", receptions=2, converted=1),
        ConsultantFigures("dealer-a", "c2", team="team-a1", callbacks=2, graded={"intent": 1}),
        ConsultantFigures("dealer-a", "c3", receptions=1, won_units=1),
        ConsultantFigures("dealer-b", "b1", team="team-b1", callbacks=4),
    ]
    team_a1, team_b1, dealer_a, dealer_b = subtotals(lines)
    assert (team_a1.level, team_a1.node, team_a1.consultants) == ("team", "team-a1", 2)
    assert team_a1.counts["receptions"] == 2
    assert team_a1.counts["callbacks"] == 2
    assert team_a1.graded == {"intent": 1}
    assert team_a1.conversion_rate() == 0.25
    assert (dealer_a.level, dealer_a.node, dealer_a.consultants) == ("dealer", "dealer-a", 3)
    assert dealer_a.counts["receptions"] == 3
    assert dealer_a.counts["won_units"] == 1
    assert team_b1.node == "team-b1"
    assert dealer_b.counts["callbacks"] == 4
    assert subtotals([]) == []
