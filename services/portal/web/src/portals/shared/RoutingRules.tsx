import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { App as AntApp, Button, Card, Col, Form, Input, Radio, Row, Select, Space, Table, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { allPages, data, leads } from "../../api/client";
import { ApiError } from "../../api/errors";
import { Loaded, useFailureReport } from "../../components/feedback";
import { can, useSession } from "../../session";
import { useOrgName, useOrgs, useOwnerName, useUsers } from "./directory";
import { usePools } from "./pools";
import { clockOf, LEAD_SOURCES, moved, ruleFrom, specOf, STRATEGIES, type RoutingRule, type RuleForm, type RuleSpec } from "./routing";

const CAMPAIGNS_PAGE = 500;
type AddForm = Omit<RuleForm, "hours"> & { hours_start?: string; hours_end?: string };

/** Lead routing rules (线索路由规则): the book's ordered list a new lead nobody took in is
 * routed by — the first rule whose conditions all hold sends it to a pool, a consultant or a
 * pool's member by a strategy, the default pool takes the rest. Each change (add, move, retire)
 * sends the whole list under the version read; a 409 means someone else changed it first. */
export default function RoutingRules() {
  const { t } = useTranslation();
  const session = useSession();
  const { message } = AntApp.useApp();
  const report = useFailureReport();
  const queries = useQueryClient();
  const [form] = Form.useForm<AddForm>();
  const kind = Form.useWatch("kind", form);
  const rules = useQuery({ queryKey: ["routing-rules"], queryFn: () => data(leads.GET("/routing-rules")) });
  const pools = usePools();
  const users = useUsers({ enabled: can(session, "user.read") });
  const orgs = useOrgs();
  const campaigns = useQuery({
    queryKey: ["campaigns"],
    queryFn: () => allPages((limit, offset) => data(leads.GET("/campaigns", { params: { query: { limit, offset } } })), CAMPAIGNS_PAGE),
    enabled: can(session, "campaign.manage"),
  });
  const orgName = useOrgName();
  const ownerName = useOwnerName();
  const poolName = new Map((pools.data ?? []).map((p) => [p.id, p.name]));
  const campaignName = new Map((campaigns.data ?? []).map((c) => [c.id, c.name]));
  const consultants = (users.data ?? []).filter((u) => u.active && u.roles.includes("sales_consultant"));
  const regions = (orgs.data ?? []).filter((o) => o.kind === "region");

  const save = useMutation({
    mutationFn: (next: RuleSpec[]) =>
      data(leads.PUT("/routing-rules", { body: { version: rules.data?.version ?? 0, rules: next } })),
    onSuccess: (saved) => {
      queries.setQueryData(["routing-rules"], saved);
      void message.success(t("routing.saved"));
    },
    onError: (error) => {
      if (error instanceof ApiError && error.status === 409) void queries.invalidateQueries({ queryKey: ["routing-rules"] });
      report(error, form);
    },
  });
  const current = (rules.data?.rules ?? []).map(specOf);
  const add = (values: AddForm) => {
    const { hours_start, hours_end, ...rest } = values;
    const hours = hours_start && hours_end ? { start: hours_start, end: hours_end } : null;
    save.mutate([...current, ruleFrom({ ...rest, hours })], { onSuccess: () => form.resetFields() });
  };

  const conditions = (rule: RoutingRule) => {
    const c = rule.conditions ?? {};
    const tags = [
      ...(c.sources ?? []).map((s) => `${t("lead.source")}: ${t(`source.${s}`)}`),
      ...(c.campaign_ids ?? []).map((id) => `${t("routing.campaign")}: ${campaignName.get(id) ?? id}`),
      ...(c.regions ?? []).map((r) => `${t("lead.region")}: ${orgName(r)}`),
      ...(c.vehicle_interests ?? []).map((w) => `${t("lead.interest")}: ${w}`),
      ...(c.hours ? [`${t("routing.hours")}: ${clockOf(c.hours.start)}–${clockOf(c.hours.end)}`] : []),
    ];
    return tags.length === 0 ? <Typography.Text type="secondary">{t("routing.everyLead")}</Typography.Text> : tags.map((tag) => <Tag key={tag}>{tag}</Tag>);
  };
  const target = (rule: RoutingRule) => {
    const to = rule.target;
    if (to.kind === "consultant") return `${t("routing.kinds.consultant")}: ${ownerName(to.user_id)}`;
    const pool = to.pool_id ? (poolName.get(to.pool_id) ?? to.pool_id) : "";
    if (to.kind === "strategy") return `${t("routing.kinds.strategy")}: ${pool} · ${t(`handOver.strategies.${to.strategy ?? "round_robin"}`)}`;
    return `${t("routing.kinds.pool")}: ${pool}`;
  };

  return (
    <>
      <Typography.Title level={2}>{t("routing.menu")}</Typography.Title>
      <Typography.Paragraph type="secondary">{t("routing.explain")}</Typography.Paragraph>
      <Loaded query={rules}>
        {(book) => (
          <Table<RoutingRule>
            aria-label={t("routing.menu")}
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={book.rules}
            locale={{ emptyText: t("routing.none") }}
            footer={() => t("routing.rest")}
            columns={[
              { title: t("routing.order"), key: "order", render: (_: unknown, __: RoutingRule, index: number) => index + 1, width: 64 },
              { title: t("routing.name"), dataIndex: "name" },
              { title: t("routing.conditions"), key: "conditions", render: (_: unknown, rule: RoutingRule) => conditions(rule) },
              { title: t("routing.target"), key: "target", render: (_: unknown, rule: RoutingRule) => target(rule) },
              {
                title: t("routing.actions"),
                key: "actions",
                render: (_: unknown, rule: RoutingRule, index: number) => (
                  <Space wrap size="small">
                    <Button size="small" disabled={index === 0 || save.isPending} aria-label={t("routing.upOf", { name: rule.name })} onClick={() => save.mutate(moved(current, index, -1))}>
                      {t("routing.up")}
                    </Button>
                    <Button size="small" disabled={index === book.rules.length - 1 || save.isPending} aria-label={t("routing.downOf", { name: rule.name })} onClick={() => save.mutate(moved(current, index, 1))}>
                      {t("routing.down")}
                    </Button>
                    <Button size="small" danger disabled={save.isPending} aria-label={t("routing.retireOf", { name: rule.name })} onClick={() => save.mutate(current.filter((_, i) => i !== index))}>
                      {t("routing.retire")}
                    </Button>
                  </Space>
                ),
              },
            ]}
          />
        )}
      </Loaded>
      <Card title={t("routing.add")} style={{ marginTop: 16 }}>
        <Form<AddForm> form={form} name="routing-rule" layout="vertical" initialValues={{ kind: "pool", strategy: "round_robin" }} onFinish={add}>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item name="name" label={t("routing.name")} rules={[{ required: true }]}>
                <Input maxLength={200} />
              </Form.Item>
              <Form.Item name="sources" label={t("lead.source")}>
                <Select mode="multiple" allowClear aria-label={t("lead.source")} options={LEAD_SOURCES.map((s) => ({ value: s, label: t(`source.${s}`) }))} />
              </Form.Item>
              {can(session, "campaign.manage") && (
                <Form.Item name="campaign_ids" label={t("routing.campaign")}>
                  <Select mode="multiple" allowClear aria-label={t("routing.campaign")} optionFilterProp="label" options={(campaigns.data ?? []).map((c) => ({ value: c.id, label: c.name }))} />
                </Form.Item>
              )}
              <Form.Item name="regions" label={t("lead.region")}>
                <Select mode="multiple" allowClear aria-label={t("lead.region")} optionFilterProp="label" options={regions.map((r) => ({ value: r.id, label: r.name }))} />
              </Form.Item>
              <Form.Item name="vehicle_interests" label={t("lead.interest")} extra={t("routing.wordsHint")}>
                <Select mode="tags" aria-label={t("lead.interest")} tokenSeparators={[",", "，"]} />
              </Form.Item>
              <Space wrap>
                <Form.Item name="hours_start" label={t("routing.from")} extra={t("routing.hoursHint")}>
                  <Input type="time" />
                </Form.Item>
                <Form.Item name="hours_end" label={t("routing.until")}>
                  <Input type="time" />
                </Form.Item>
              </Space>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="kind" label={t("routing.target")}>
                <Radio.Group options={(["pool", "consultant", "strategy"] as const).map((k) => ({ value: k, label: t(`routing.kinds.${k}`) }))} />
              </Form.Item>
              {kind === "consultant" ? (
                <Form.Item name="user_id" label={t("routing.consultant")} rules={[{ required: true }]}>
                  <Select showSearch optionFilterProp="label" aria-label={t("routing.consultant")} loading={users.isPending} options={consultants.map((u) => ({ value: u.id, label: `${u.display_name} (${u.username})` }))} />
                </Form.Item>
              ) : (
                <Form.Item name="pool_id" label={t("routing.pool")} rules={[{ required: true }]}>
                  <Select aria-label={t("routing.pool")} loading={pools.isPending} options={(pools.data ?? []).map((p) => ({ value: p.id, label: p.name }))} />
                </Form.Item>
              )}
              {kind === "strategy" && (
                <Form.Item name="strategy" label={t("handOver.strategy")} rules={[{ required: true }]}>
                  <Select aria-label={t("handOver.strategy")} options={STRATEGIES.map((s) => ({ value: s, label: t(`handOver.strategies.${s}`) }))} />
                </Form.Item>
              )}
              <Button type="primary" htmlType="submit" loading={save.isPending}>{t("routing.addSubmit")}</Button>
            </Col>
          </Row>
        </Form>
      </Card>
    </>
  );
}
