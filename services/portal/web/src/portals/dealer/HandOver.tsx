import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Button, Card, Descriptions, Form, Radio, Select, Table, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { data, leads } from "../../api/client";
import type { components } from "../../api/generated/leads";
import { useFailureReport } from "../../components/feedback";
import { useOwnerName, useUsers } from "../shared/directory";
import { usePools } from "../shared/pools";

type HandOverCreate = components["schemas"]["HandOverCreate"];
type HandOverDone = components["schemas"]["HandOverPublic"];
type Choice = { leaver: string; how: "successor" | "strategy"; successor?: string; strategy?: "round_robin" | "least_loaded" | "weighted"; pool_id?: string };
const STRATEGIES = ["round_robin", "least_loaded", "weighted"] as const;

function body(choice: Choice): HandOverCreate {
  return choice.how === "successor"
    ? { leaver: choice.leaver, successor: choice.successor ?? null }
    : { leaver: choice.leaver, strategy: choice.strategy ?? null, pool_id: choice.pool_id ?? null };
}

/** A leaver's hand-over (离职交接): the manager picks the consultant who leaves (still active or
 * deactivated already) and a successor, or a strategy spreading their work over a pool's
 * members; leads moves the open leads at once and says who took how many, the other services
 * move the opportunities and call tasks after it. */
export default function HandOver() {
  const { t } = useTranslation();
  const report = useFailureReport();
  const queries = useQueryClient();
  const [form] = Form.useForm<Choice>();
  const how = Form.useWatch("how", form);
  const leaver = Form.useWatch("leaver", form);
  const users = useUsers();
  const pools = usePools();
  const ownerName = useOwnerName();
  const consultants = (users.data ?? []).filter((u) => u.roles.includes("sales_consultant"));
  const label = (u: (typeof consultants)[number]) => `${u.display_name} (${u.username})`;
  const handOver = useMutation({
    mutationFn: (choice: Choice) => data(leads.POST("/hand-overs", { body: body(choice) })),
    onSuccess: async () => {
      await queries.invalidateQueries({ queryKey: ["pool"] });
    },
    onError: (error) => report(error, form),
  });
  const done: HandOverDone | undefined = handOver.data;
  return (
    <>
      <Typography.Title level={2}>{t("handOver.menu")}</Typography.Title>
      <Card>
        <Form<Choice> form={form} name="hand-over" layout="vertical" initialValues={{ how: "successor", strategy: "least_loaded" }} onFinish={(choice) => handOver.mutate(choice)} style={{ maxWidth: 520 }}>
          <Form.Item name="leaver" label={t("handOver.leaver")} rules={[{ required: true }]}>
            <Select showSearch optionFilterProp="label" loading={users.isPending} options={consultants.map((u) => ({ value: u.id, label: label(u) }))} />
          </Form.Item>
          <Form.Item name="how" label={t("handOver.how")}>
            <Radio.Group
              options={[
                { value: "successor", label: t("handOver.toSuccessor") },
                { value: "strategy", label: t("handOver.byStrategy") },
              ]}
            />
          </Form.Item>
          {how === "strategy" ? (
            <>
              <Form.Item name="strategy" label={t("handOver.strategy")} rules={[{ required: true }]}>
                <Select options={STRATEGIES.map((s) => ({ value: s, label: t(`handOver.strategies.${s}`) }))} />
              </Form.Item>
              <Form.Item name="pool_id" label={t("handOver.pool")} extra={t("handOver.poolHint")}>
                <Select allowClear loading={pools.isPending} options={(pools.data ?? []).map((p) => ({ value: p.id, label: p.name }))} />
              </Form.Item>
            </>
          ) : (
            <Form.Item name="successor" label={t("handOver.successor")} rules={[{ required: true }]}>
              <Select
                showSearch
                optionFilterProp="label"
                options={consultants.filter((u) => u.active && u.id !== leaver).map((u) => ({ value: u.id, label: label(u) }))}
              />
            </Form.Item>
          )}
          <Button type="primary" htmlType="submit" loading={handOver.isPending}>
            {t("handOver.submit")}
          </Button>
        </Form>
      </Card>
      {done && (
        <Card title={t("handOver.done")} style={{ marginTop: 16 }} data-hand-over={done.hand_over_id}>
          <Descriptions column={1} size="small">
            <Descriptions.Item label={t("handOver.leaver")}>{ownerName(done.leaver)}</Descriptions.Item>
            <Descriptions.Item label={t("handOver.how")}>{t(`handOver.strategies.${done.strategy}`, { defaultValue: done.strategy })}</Descriptions.Item>
          </Descriptions>
          <Table
            aria-label={t("handOver.moved")}
            title={() => t("handOver.moved")}
            rowKey="user"
            size="small"
            pagination={false}
            dataSource={Object.entries(done.leads_moved).map(([user, count]) => ({ user, count }))}
            columns={[
              { title: t("handOver.to"), dataIndex: "user", render: (user: string) => ownerName(user) },
              { title: t("handOver.count"), dataIndex: "count" },
            ]}
            locale={{ emptyText: t("handOver.nothing") }}
          />
          <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
            {t("handOver.follows")}
          </Typography.Paragraph>
        </Card>
      )}
    </>
  );
}
