import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { App as AntApp, Button, Card, Form, Input, Table, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { data, opportunities } from "../../api/client";
import { ApiError } from "../../api/errors";
import { Loaded, useFailureReport } from "../../components/feedback";

/** The vehicle catalogue: the version dealers have, and a new version published whole (checked
 * whole: every problem is named by its place, e.g. models[0].trims[1].msrp). */
export default function Catalogue() {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const report = useFailureReport();
  const queries = useQueryClient();
  const [form] = Form.useForm<{ document: string }>();
  const catalog = useQuery({ queryKey: ["catalog"], queryFn: () => data(opportunities.GET("/catalog")) });
  const publish = useMutation({
    mutationFn: (text: string) => data(opportunities.POST("/catalog/publications", { body: JSON.parse(text) })),
    onSuccess: async () => {
      void message.success(t("app.saved"));
      await queries.invalidateQueries({ queryKey: ["catalog"] });
    },
    onError: (error) => {
      if (error instanceof ApiError && error.fieldErrors.length) {
        form.setFields([{ name: "document", errors: error.fieldErrors.map((f) => `${f.name.join(".")}: ${f.errors.join(", ")}`) }]);
      } else if (error instanceof SyntaxError) {
        form.setFields([{ name: "document", errors: [error.message] }]);
      } else report(error);
    },
  });
  const rows = (catalog.data?.models ?? []).flatMap((m) => m.trims.map((tr) => ({ key: tr.code, model: m.name, trim: tr.name, msrp: tr.msrp, colours: tr.colours.length, options: (tr.options ?? []).length })));
  return (
    <>
      <Typography.Title level={2}>{t("menu.catalogue")}</Typography.Title>
      <Loaded query={catalog}>
        {(c) => (
          <Card title={`${t("opp.version")} ${c.version}`}>
            <Table aria-label={t("menu.catalogue")} size="small" pagination={false} scroll={{ x: "max-content" }} dataSource={rows} columns={[
              { title: t("opp.model"), dataIndex: "model" },
              { title: t("opp.trim"), dataIndex: "trim" },
              { title: "MSRP", dataIndex: "msrp" },
              { title: t("opp.colour"), dataIndex: "colours" },
              { title: t("opp.options"), dataIndex: "options" },
            ]} />
          </Card>
        )}
      </Loaded>
      <Card title="JSON" style={{ marginTop: 16 }}>
        <Form form={form} layout="vertical" onFinish={(v) => publish.mutate(v.document)} initialValues={{ document: catalog.data ? JSON.stringify({ models: catalog.data.models, rules: catalog.data.rules }, null, 2) : "" }}>
          <Form.Item name="document" label={t("admin.catalogueJson")} rules={[{ required: true }]}>
            <Input.TextArea rows={12} spellCheck={false} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={publish.isPending}>
            {t("admin.publish")}
          </Button>
        </Form>
      </Card>
    </>
  );
}
