import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { App as AntApp, Button, Card, Form, Input, InputNumber, Select, Space, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { data, serviceDesk } from "../../api/client";
import type { components } from "../../api/generated/service-desk";
import { Failure, useFailureReport } from "../../components/feedback";
import { useOrgName } from "../shared/directory";

type Agreement = components["schemas"]["AgreementPublic"];
type AgreementIn = components["schemas"]["AgreementIn"];
type AgreementForm = Omit<AgreementIn, "categories"> & { categories?: string };
const KINDS = ["maintenance_package", "extended_warranty"] as const;

/** Service agreements (保养套餐, extended warranty): a vehicle's, found by its VIN (the book's
 * own and those of the nodes above it, HQ's warranty programme), and a new one registered. A
 * ticket on the vehicle shows whether one covers its work. */
export default function Agreements() {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const report = useFailureReport();
  const orgName = useOrgName();
  const queries = useQueryClient();
  const [vin, setVin] = useState("");
  const [form] = Form.useForm<AgreementForm>();
  const found = useQuery({
    queryKey: ["agreements", vin],
    queryFn: () => data(serviceDesk.GET("/service-agreements", { params: { query: { vin } } })),
    enabled: vin.length === 17,
  });
  const register = useMutation({
    mutationFn: (values: AgreementForm) => {
      const categories = (values.categories ?? "")
        .split(/[,，\s]+/)
        .map((c) => c.trim())
        .filter(Boolean);
      return data(serviceDesk.POST("/service-agreements", { body: { ...values, vin: values.vin || null, categories } }));
    },
    onSuccess: async (agreement) => {
      void message.success(t("app.saved"));
      form.resetFields();
      if (agreement.vin) setVin(agreement.vin);
      await queries.invalidateQueries({ queryKey: ["agreements"] });
    },
    onError: (error) => report(error, form),
  });
  return (
    <>
      <Typography.Title level={2}>{t("desk.menu.agreements")}</Typography.Title>
      <Input.Search
        aria-label={t("desk.agreement.find")}
        placeholder={t("desk.agreement.find")}
        allowClear
        maxLength={17}
        onSearch={(v) => setVin(v.trim().toUpperCase())}
        style={{ width: 300, marginBottom: 12 }}
      />
      {found.error ? (
        <Failure error={found.error} retry={() => void found.refetch()} />
      ) : (
        <Table<Agreement>
          aria-label={t("desk.menu.agreements")}
          rowKey="id"
          size="small"
          scroll={{ x: "max-content" }}
          loading={found.isFetching}
          dataSource={vin.length === 17 ? (found.data ?? []) : []}
          locale={{ emptyText: t("desk.agreement.none") }}
          pagination={false}
          columns={[
            { title: t("desk.agreement.name"), dataIndex: "name" },
            { title: t("desk.agreement.kindField"), dataIndex: "kind", render: (k: string) => <Tag>{t(`desk.agreement.kind.${k}`)}</Tag> },
            { title: t("desk.agreement.vin"), dataIndex: "vin" },
            { title: t("desk.agreement.categories"), dataIndex: "categories", render: (c: string[]) => (c.length ? c.join(", ") : t("desk.agreement.any")) },
            { title: t("desk.agreement.validFrom"), dataIndex: "valid_from" },
            { title: t("desk.agreement.validUntil"), dataIndex: "valid_until" },
            { title: t("desk.agreement.maxKm"), dataIndex: "max_km" },
            { title: t("desk.agreement.visitsUsed"), key: "visits", render: (_: unknown, a) => (a.visits ? `${a.visits_used} / ${a.visits}` : "") },
            { title: t("desk.agreement.owner"), dataIndex: "owner_org", render: orgName },
          ]}
        />
      )}
      <Card title={t("desk.agreement.register")} style={{ marginTop: 16 }}>
        <Form<AgreementForm> form={form} name="service-agreement" layout="vertical" initialValues={{ kind: "maintenance_package" }} onFinish={(v) => register.mutate(v)}>
          <Space wrap align="start">
            <Form.Item name="kind" label={t("desk.agreement.kindField")} rules={[{ required: true }]}>
              <Select style={{ minWidth: 160 }} options={KINDS.map((k) => ({ value: k, label: t(`desk.agreement.kind.${k}`) }))} />
            </Form.Item>
            <Form.Item name="name" label={t("desk.agreement.name")} rules={[{ required: true }]}>
              <Input style={{ minWidth: 220 }} />
            </Form.Item>
            <Form.Item name="vin" label={t("desk.agreement.vin")} rules={[{ required: true, len: 17 }]}>
              <Input style={{ minWidth: 200 }} maxLength={17} autoComplete="off" />
            </Form.Item>
          </Space>
          <Space wrap align="start">
            <Form.Item name="categories" label={t("desk.agreement.categories")} extra={t("desk.agreement.categoriesHint")}>
              <Input style={{ minWidth: 220 }} autoComplete="off" />
            </Form.Item>
            <Form.Item name="valid_from" label={t("desk.agreement.validFrom")} rules={[{ required: true }]}>
              <Input type="date" />
            </Form.Item>
            <Form.Item name="valid_until" label={t("desk.agreement.validUntil")} rules={[{ required: true }]}>
              <Input type="date" />
            </Form.Item>
            <Form.Item name="max_km" label={t("desk.agreement.maxKm")}>
              <InputNumber min={1} />
            </Form.Item>
            <Form.Item name="visits" label={t("desk.agreement.visits")}>
              <InputNumber min={1} max={1000} />
            </Form.Item>
          </Space>
          <Button type="primary" htmlType="submit" loading={register.isPending}>
            {t("desk.agreement.register")}
          </Button>
        </Form>
      </Card>
    </>
  );
}
