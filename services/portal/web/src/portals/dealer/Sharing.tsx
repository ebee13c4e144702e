import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { App as AntApp, Button, Card, Form, Input, Select, Table, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { data, identity } from "../../api/client";
import type { components } from "../../api/generated/identity";
import { Loaded, useFailureReport } from "../../components/feedback";
import { fetchSharing } from "../shared/wholeLists";
import { useSession } from "../../session";
import { useOrgName } from "../shared/directory";

type Agreement = components["schemas"]["SharingAgreementSet"];
const DATA_TYPES = ["lead", "customer", "opportunity", "quote", "order", "ticket", "complaint", "call", "kpi"] as const;
const DIRECTIONS = ["dealer_to_oem", "oem_to_dealer", "dealer_to_partner", "oem_to_partner"] as const;
const LEVELS = ["none", "aggregate", "masked", "full"] as const;

/** What the dealer shares with the OEM and its partners, per data type (reads only). */
export default function Sharing() {
  const { t } = useTranslation();
  const session = useSession();
  const { message } = AntApp.useApp();
  const report = useFailureReport();
  const orgName = useOrgName({ partners: true });
  const queries = useQueryClient();
  const [form] = Form.useForm<Agreement>();
  const agreements = useQuery({ queryKey: ["sharing"], queryFn: fetchSharing });
  const set = useMutation({
    mutationFn: (body: Agreement) => data(identity.PUT("/sharing", { body })),
    onSuccess: async () => {
      void message.success(t("app.saved"));
      await queries.invalidateQueries({ queryKey: ["sharing"] });
    },
    onError: (error) => report(error, form),
  });
  return (
    <>
      <Typography.Title level={2}>{t("menu.sharing")}</Typography.Title>
      <Typography.Paragraph type="secondary">{t("admin.sharingDefaults")}</Typography.Paragraph>
      <Loaded query={agreements}>
        {(list) => (
          <Table
            aria-label={t("menu.sharing")}
            size="small"
            rowKey={(a) => `${a.dealer_id}-${a.partner_id}-${a.data_type}-${a.direction}`}
            pagination={false}
            scroll={{ x: "max-content" }}
            dataSource={list}
            columns={[
              { title: t("sharing.dataType"), dataIndex: "data_type", render: (d: string) => t(`dataType.${d}`, { defaultValue: d }) },
              { title: t("sharing.direction"), dataIndex: "direction", render: (d: string) => t(`direction.${d}`, { defaultValue: d }) },
              { title: t("sharing.partner"), dataIndex: "partner_id", render: (p: string) => (p === "*" ? t("counterpart.every") : orgName(p)) },
              { title: t("sharing.level"), dataIndex: "level", render: (l: string) => t(`sharingLevel.${l}`, { defaultValue: l }) },
            ]}
          />
        )}
      </Loaded>
      <Card style={{ marginTop: 16, maxWidth: 560 }}>
        <Form<Agreement> form={form} layout="vertical" initialValues={{ dealer_id: session.org_node, direction: "dealer_to_oem", data_type: "lead", level: "aggregate" }} onFinish={(v) => set.mutate(v)}>
          <Form.Item name="dealer_id" label={t("lead.dealer")} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="partner_id" label={t("sharing.partner")} rules={[{ required: true }]}>
            <Input placeholder="demo-hq / partner-finance" />
          </Form.Item>
          <Form.Item name="data_type" label={t("sharing.dataType")}>
            <Select options={DATA_TYPES.map((d) => ({ value: d, label: t(`dataType.${d}`) }))} />
          </Form.Item>
          <Form.Item name="direction" label={t("sharing.direction")}>
            <Select options={DIRECTIONS.map((d) => ({ value: d, label: t(`direction.${d}`) }))} />
          </Form.Item>
          <Form.Item name="level" label={t("sharing.level")}>
            <Select options={LEVELS.map((d) => ({ value: d, label: t(`sharingLevel.${d}`) }))} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={set.isPending}>
            {t("admin.saveAgreement")}
          </Button>
        </Form>
      </Card>
    </>
  );
}
