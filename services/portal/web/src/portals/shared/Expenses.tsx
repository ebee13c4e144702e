import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { App as AntApp, Button, Card, DatePicker, Form, Input, InputNumber, Select, Space, Statistic, Table, Typography } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { allPages, data, kpi } from "../../api/client";
import { Loaded, useFailureReport } from "../../components/feedback";
import { thisMonth } from "../../dates";
import { can, useSession } from "../../session";
import { useOrgName, useOwnerName, useStaff } from "./directory";
import { CATEGORIES, monthSpan, totalOf, type Expense, type ExpenseCategory } from "./expenses";

const EXPENSES_PAGE = 500;
type Entry = { day: Dayjs; category: ExpenseCategory; amount: number; consultant?: string; note?: string };

/** Sales expenses (销售费用): a month's entries of the books the reader may see, with their total
 * (what the `sales_expense` KPI sums per dealer); who plans the book's sales enters them. */
export default function Expenses() {
  const { t } = useTranslation();
  const session = useSession();
  const { message } = AntApp.useApp();
  const report = useFailureReport();
  const queries = useQueryClient();
  const [form] = Form.useForm<Entry>();
  const [month, setMonth] = useState(thisMonth());
  const span = monthSpan(month);
  const expenses = useQuery({
    queryKey: ["expenses", month],
    queryFn: () => allPages((limit, offset) => data(kpi.GET("/kpi/expenses", { params: { query: { ...span, limit, offset } } })), EXPENSES_PAGE),
  });
  const staff = useStaff();
  const ownerName = useOwnerName();
  const orgName = useOrgName();
  const consultants = (staff.data ?? []).filter((u) => u.active && u.roles.includes("sales_consultant"));
  const entering = can(session, "target.manage");
  const enter = useMutation({
    mutationFn: (v: Entry) =>
      data(kpi.POST("/kpi/expenses", { body: { day: v.day.format("YYYY-MM-DD"), category: v.category, amount: v.amount.toFixed(2), consultant: v.consultant ?? null, note: v.note?.trim() || null } })),
    onSuccess: async () => {
      void message.success(t("expenses.entered"));
      form.resetFields(["amount", "consultant", "note"]);
      await queries.invalidateQueries({ queryKey: ["expenses"] });
    },
    onError: (error) => report(error, form),
  });
  return (
    <>
      <Typography.Title level={2}>{t("expenses.menu")}</Typography.Title>
      {entering && (
        <Card title={t("expenses.enter")} style={{ marginBottom: 16 }}>
          <Form<Entry> form={form} name="expense" layout="inline" initialValues={{ day: dayjs(), category: "advertising" }} onFinish={(v) => enter.mutate(v)}>
            <Form.Item name="day" label={t("expenses.day")} rules={[{ required: true }]}>
              <DatePicker allowClear={false} />
            </Form.Item>
            <Form.Item name="category" label={t("expenses.category")} rules={[{ required: true }]}>
              <Select style={{ minWidth: 120 }} options={CATEGORIES.map((c) => ({ value: c, label: t(`expenses.categories.${c}`) }))} />
            </Form.Item>
            <Form.Item name="amount" label={t("expenses.amount")} rules={[{ required: true }]}>
              <InputNumber min={0.01} precision={2} style={{ width: 140 }} />
            </Form.Item>
            {staff.data && (
              <Form.Item name="consultant" label={t("expenses.consultant")}>
                <Select allowClear showSearch optionFilterProp="label" style={{ minWidth: 160 }} options={consultants.map((u) => ({ value: u.id, label: u.display_name }))} />
              </Form.Item>
            )}
            <Form.Item name="note" label={t("expenses.note")}>
              <Input maxLength={500} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={enter.isPending}>{t("expenses.submit")}</Button>
          </Form>
        </Card>
      )}
      <Space wrap style={{ marginBottom: 12 }}>
        <DatePicker picker="month" aria-label={t("kpi.month")} allowClear={false} value={dayjs(`${month}-01`)} onChange={(m) => m && setMonth(m.format("YYYY-MM"))} />
      </Space>
      <Loaded query={expenses}>
        {(rows) => (
          <>
            <Statistic title={t("expenses.total", { month })} value={totalOf(rows)} prefix="¥" />
            <Table<Expense>
              aria-label={t("expenses.menu")}
              rowKey="id"
              size="small"
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              dataSource={rows}
              locale={{ emptyText: t("expenses.none") }}
              style={{ marginTop: 12 }}
              columns={[
                { title: t("expenses.day"), dataIndex: "day" },
                { title: t("kpi.node"), dataIndex: "dealer_id", render: (d: string) => orgName(d) },
                { title: t("expenses.category"), dataIndex: "category", render: (c: string) => t(`expenses.categories.${c}`, { defaultValue: c }) },
                { title: t("expenses.amount"), dataIndex: "amount", align: "right", render: (a: string) => `¥${a}` },
                { title: t("expenses.consultant"), dataIndex: "consultant", render: (c: string | null) => (c ? ownerName(c) : "") },
                { title: t("expenses.note"), dataIndex: "note" },
                { title: t("expenses.recordedBy"), dataIndex: "recorded_by", render: (u: string) => ownerName(u) },
              ]}
            />
          </>
        )}
      </Loaded>
    </>
  );
}
