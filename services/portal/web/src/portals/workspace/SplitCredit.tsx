import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { App as AntApp, Button, Card, Descriptions, Form, Input, InputNumber, Select, Space, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { allPages, data, opportunities } from "../../api/client";
import { Loaded, useFailureReport } from "../../components/feedback";
import { can, useSession } from "../../session";
import { fetchCreditSplit, type CreditSplit as Split } from "../shared/creditSplits";
import { type CoSellerShare, MAX_CO_SELLERS, percentText, sharesOf } from "./split";

type Proposal = { co_sellers?: CoSellerShare[] };
const CO_SELLERS_PAGE = 500;
// Solid tags with white text: Ant Design's pale orange and green tags fall below WCAG AA.
const STATUS_COLOUR: Record<string, string> = { pending_approval: "#874d00", approved: "#237804", rejected: "#cf1322" };

/** The deal's split credit (分成): the owner (or a manager) shares it with up to three
 * co-selling consultants of the dealer — each co-seller's share typed, the owner's the rest of
 * 100 % — and it counts once a manager approves it; proposing again while the deal is open
 * replaces it. The split names whom it credits itself, so a reader who lists no co-sellers
 * (that needs opportunity.work) sees names too. */
export function SplitCredit({ opportunityId, owner, open }: { opportunityId: string; owner: string; open: boolean }) {
  const { t } = useTranslation();
  const session = useSession();
  const { message } = AntApp.useApp();
  const report = useFailureReport();
  const queries = useQueryClient();
  const [form] = Form.useForm<Proposal>();
  const [note, setNote] = useState("");
  const path = { params: { path: { opportunity_id: opportunityId } } };
  const working = can(session, "opportunity.work");
  const split = useQuery({
    queryKey: ["opportunity", opportunityId, "credit-split"],
    queryFn: () => fetchCreditSplit(opportunityId),
  });
  const colleagues = useQuery({
    queryKey: ["opportunity", opportunityId, "co-sellers"],
    queryFn: () =>
      allPages((limit, offset) => data(opportunities.GET("/opportunities/{opportunity_id}/co-sellers", { params: { path: { opportunity_id: opportunityId }, query: { limit, offset } } })), CO_SELLERS_PAGE),
    enabled: working,
  });
  const names = new Map((colleagues.data ?? []).flatMap((c) => (c.name ? [[c.user_id, c.name] as const] : [])));
  const nameOf = (user: string, named?: string | null) => {
    const name = named ?? names.get(user);
    return user === session.user_id ? `${name ?? session.username} (${t("ticket.me")})` : (name ?? user);
  };
  const saved = (text: string) => (fresh: Split) => {
    queries.setQueryData(["opportunity", opportunityId, "credit-split"], fresh);
    void message.success(text);
  };
  const propose = useMutation({
    mutationFn: (v: Proposal) => {
      const shares = sharesOf(owner, v.co_sellers);
      if (!shares) throw new Error(t("split.invalid"));
      return data(opportunities.PUT("/opportunities/{opportunity_id}/credit-split", { ...path, body: { shares } }));
    },
    onSuccess: saved(t("split.proposed")),
    onError: (error) => report(error, form),
  });
  const decide = useMutation({
    mutationFn: (approved: boolean) =>
      data(opportunities.POST("/opportunities/{opportunity_id}/credit-split/decision", { ...path, body: { approved, note: note.trim() || null } })),
    onSuccess: saved(t("split.decided")),
    onError: (error) => report(error),
  });
  const chosen = Form.useWatch("co_sellers", form);
  const preview = sharesOf(owner, chosen);
  // A colleague once in a split: the other rows offer the rest.
  const optionsFor = (row: number) =>
    (colleagues.data ?? [])
      .filter((c) => c.user_id !== owner && !(chosen ?? []).some((other, i) => i !== row && other?.user_id === c.user_id))
      .map((c) => ({ value: c.user_id, label: c.name ?? c.user_id }));

  return (
    <Card title={t("split.title")} style={{ marginTop: 16 }}>
      <Loaded query={split}>
        {(current) => (
          <Space direction="vertical" style={{ width: "100%" }}>
            {current ? (
              <Descriptions column={1} size="small">
                <Descriptions.Item label={t("split.status")}>
                  <Tag color={STATUS_COLOUR[current.status]}>{t(`split.statuses.${current.status}`, { defaultValue: current.status })}</Tag>
                </Descriptions.Item>
                {current.shares.map((s) => (
                  <Descriptions.Item key={s.user_id} label={nameOf(s.user_id, s.name)}>{percentText(s.share_percent)}%</Descriptions.Item>
                ))}
                {current.note && <Descriptions.Item label={t("split.note")}>{current.note}</Descriptions.Item>}
              </Descriptions>
            ) : (
              <Typography.Text type="secondary">{t("split.none")}</Typography.Text>
            )}
            {open && current?.status === "pending_approval" && can(session, "opportunity.assign") && (
              <Space wrap>
                <Input aria-label={t("split.note")} placeholder={t("split.note")} value={note} onChange={(e) => setNote(e.target.value)} maxLength={500} />
                <Button type="primary" onClick={() => decide.mutate(true)} loading={decide.isPending}>{t("split.approve")}</Button>
                <Button danger onClick={() => decide.mutate(false)} loading={decide.isPending}>{t("split.reject")}</Button>
              </Space>
            )}
            {open && working && (
              <Form<Proposal> form={form} name="credit-split" layout="vertical" initialValues={{ co_sellers: [{ percent: 50 }] }} onFinish={(v) => propose.mutate(v)}>
                <Form.List name="co_sellers">
                  {(rows, { add, remove }) => (
                    <>
                      {rows.map((row, index) => (
                        <Space key={row.key} align="end" wrap>
                          <Form.Item name={[row.name, "user_id"]} label={t("split.coSeller", { n: index + 1 })} rules={[{ required: true }]}>
                            <Select showSearch optionFilterProp="label" notFoundContent={null} style={{ minWidth: 200 }} loading={colleagues.isPending} options={optionsFor(row.name)} />
                          </Form.Item>
                          <Form.Item name={[row.name, "percent"]} label={t("split.coSellerShare", { n: index + 1 })} rules={[{ required: true }]}>
                            <InputNumber min={0.01} max={99.99} step={5} precision={2} />
                          </Form.Item>
                          {rows.length > 1 && (
                            <Form.Item>
                              <Button onClick={() => remove(row.name)} aria-label={t("split.remove", { n: index + 1 })}>{t("split.removeShort")}</Button>
                            </Form.Item>
                          )}
                        </Space>
                      ))}
                      <Form.Item>
                        <Button type="dashed" onClick={() => add({})} disabled={rows.length >= MAX_CO_SELLERS}>{t("split.add", { most: MAX_CO_SELLERS })}</Button>
                      </Form.Item>
                    </>
                  )}
                </Form.List>
                <Typography.Paragraph type="secondary">
                  {preview
                    ? t("split.preview", { owner: percentText(preview[0]!.share_percent), coSellers: preview.slice(1).map((s) => `${percentText(s.share_percent)}%`).join(" + ") })
                    : t("split.invalid")}
                </Typography.Paragraph>
                <Button htmlType="submit" loading={propose.isPending} disabled={!preview}>{t("split.propose")}</Button>
              </Form>
            )}
          </Space>
        )}
      </Loaded>
    </Card>
  );
}
