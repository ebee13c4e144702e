import { App as AntApp, Button, Card, Descriptions, Form, InputNumber, Select, Space, Spin, Table, Typography, Upload } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { spreadsheetFormat, uploadFile } from "../../api/client";
import type { components } from "../../api/generated/call-center";
import { useFailureReport } from "../../components/feedback";

type Imported = components["schemas"]["CallListImport"];
type RowError = components["schemas"]["CallListRowError"];

/** The kinds of call a list pushes (a lead's callback comes from its grade, never a list). */
export const LISTED_KINDS = ["policy_renewal", "maintenance_due", "win_back", "care", "survey"] as const;
/** A manager's call list (CSV or XLSX: insurance expiries, maintenance due, win-back): each row
 * becomes a call task of the chosen kind in the manager's book, dealt out by its queue; the
 * answer counts what was made and lists every rejected row by row number and field, so the
 * file is fixed and imported again (a customer and date is one task however often it comes). */
export default function CallLists() {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const report = useFailureReport();
  const [kind, setKind] = useState<(typeof LISTED_KINDS)[number]>("policy_renewal");
  const [daysBefore, setDaysBefore] = useState(30);
  const [importing, setImporting] = useState<string>();
  const [result, setResult] = useState<{ file: string; imported: Imported }>();

  async function upload(file: File) {
    const { format, mediaType } = spreadsheetFormat(file.name);
    setImporting(file.name);
    setResult(undefined);
    try {
      const imported = await uploadFile<Imported>("call-center", "/call-lists", { format, kind, days_before: String(daysBefore) }, file, mediaType);
      setResult({ file: file.name, imported });
      void message.success(t("callLists.done", { tasks: imported.tasks_created }));
    } catch (error) {
      report(error);
    } finally {
      setImporting(undefined);
    }
  }

  return (
    <>
      <Typography.Title level={2}>{t("callLists.title")}</Typography.Title>
      <Card>
        <Typography.Paragraph type="secondary">{t("callLists.columns")}</Typography.Paragraph>
        <Form layout="inline" aria-label={t("callLists.title")}>
          <Form.Item label={t("callLists.kind")} htmlFor="call-list-kind">
            <Select id="call-list-kind" style={{ minWidth: 180 }} value={kind} onChange={setKind} options={LISTED_KINDS.map((k) => ({ value: k, label: t(`callLists.kinds.${k}`) }))} />
          </Form.Item>
          <Form.Item label={t("callLists.daysBefore")} htmlFor="call-list-days">
            <InputNumber id="call-list-days" min={0} max={365} value={daysBefore} onChange={(v) => setDaysBefore(v ?? 0)} />
          </Form.Item>
          <Form.Item>
            <Upload
              accept=".csv,.xlsx"
              showUploadList={false}
              beforeUpload={(file) => {
                void upload(file);
                return false;
              }}
            >
              <Button type="primary" loading={importing !== undefined}>
                {t("callLists.upload")}
              </Button>
            </Upload>
          </Form.Item>
        </Form>
        {importing && (
          <Space role="status" style={{ marginTop: 16 }}>
            <Spin size="small" />
            <Typography.Text>{t("callLists.importing", { file: importing })}</Typography.Text>
          </Space>
        )}
      </Card>
      {result && <ImportResult file={result.file} imported={result.imported} />}
    </>
  );
}

function ImportResult({ file, imported }: { file: string; imported: Imported }) {
  const { t } = useTranslation();
  return (
    <Card title={t("callLists.result", { file })} style={{ marginTop: 16 }} className="call-list-result">
      <Descriptions size="small" column={{ xs: 1, md: 5 }}>
        <Descriptions.Item label={t("callLists.rowsRead")}>{imported.rows_read}</Descriptions.Item>
        <Descriptions.Item label={t("callLists.tasksCreated")}>{imported.tasks_created}</Descriptions.Item>
        <Descriptions.Item label={t("callLists.waiting")}>{imported.waiting}</Descriptions.Item>
        <Descriptions.Item label={t("callLists.alreadyImported")}>{imported.already_imported}</Descriptions.Item>
        <Descriptions.Item label={t("callLists.rejected")}>{imported.errors.length}</Descriptions.Item>
      </Descriptions>
      {imported.errors.length > 0 && (
        <Space direction="vertical" style={{ width: "100%" }}>
          <Typography.Text strong>{t("callLists.fixAndRetry")}</Typography.Text>
          <Table<RowError>
            size="small"
            rowKey={(e) => `${e.row_number}:${e.field}`}
            dataSource={imported.errors}
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            aria-label={t("callLists.rejectedRows")}
            columns={[
              { title: t("callLists.row"), dataIndex: "row_number", width: 80 },
              { title: t("callLists.field"), dataIndex: "field", width: 140 },
              { title: t("callLists.problem"), dataIndex: "message" },
              { title: t("callLists.value"), dataIndex: "value" },
            ]}
          />
        </Space>
      )}
    </Card>
  );
}
