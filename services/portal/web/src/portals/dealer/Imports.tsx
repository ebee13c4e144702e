import { useQuery } from "@tanstack/react-query";
import { App as AntApp, Button, Card, Descriptions, Progress, Space, Typography, Upload } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { data, fileUrl, leads, spreadsheetFormat, uploadFile } from "../../api/client";
import type { components } from "../../api/generated/leads";
import { Loaded, useFailureReport } from "../../components/feedback";

type Import = components["schemas"]["ImportPublic"];

/** A CSV or XLSX file of leads, imported as a tracked job: its progress while it runs, its
 * error report (the rows refused, and why) to download afterwards. */
export default function Imports() {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const report = useFailureReport();
  const [importId, setImportId] = useState<string>();
  const [uploading, setUploading] = useState(false);

  async function upload(file: File) {
    setUploading(true);
    try {
      const { format, mediaType } = spreadsheetFormat(file.name);
      const created = await uploadFile<Import>("leads", "/imports", { format }, file, mediaType);
      setImportId(created.id);
      void message.success(t("app.saved"));
    } catch (error) {
      report(error);
    } finally {
      setUploading(false);
    }
  }

  return (
    <>
      <Typography.Title level={2}>{t("menu.imports")}</Typography.Title>
      <Card>
        <Typography.Paragraph type="secondary">{t("importJob.columns")}</Typography.Paragraph>
        <Upload
          accept=".csv,.xlsx"
          showUploadList={false}
          beforeUpload={(file) => {
            void upload(file);
            return false;
          }}
        >
          <Button type="primary" loading={uploading}>
            {t("imports.upload")}
          </Button>
        </Upload>
      </Card>
      {importId && <ImportProgress importId={importId} />}
    </>
  );
}

function ImportProgress({ importId }: { importId: string }) {
  const { t } = useTranslation();
  const job = useQuery({
    queryKey: ["import", importId],
    queryFn: () => data(leads.GET("/imports/{import_id}", { params: { path: { import_id: importId } } })),
    refetchInterval: (query) => (query.state.data && ["done", "failed"].includes(query.state.data.status) ? false : 1000),
  });
  return (
    <Card title={t("imports.progress")} style={{ marginTop: 16 }}>
      <Loaded query={job}>
        {(j) => {
          const total = j.rows_estimated ?? j.rows_read;
          const percent = j.status === "done" ? 100 : total ? Math.min(99, Math.floor((j.rows_read / total) * 100)) : 0;
          return (
            <>
              <Progress percent={percent} status={j.status === "failed" ? "exception" : j.status === "done" ? "success" : "active"} aria-label={t("imports.progress")} />
              <Descriptions size="small" column={{ xs: 1, md: 3 }}>
                <Descriptions.Item label={t("importJob.status")}>
                  <span data-import-status={j.status}>{t(`importJob.statuses.${j.status}`)}</span>
                </Descriptions.Item>
                <Descriptions.Item label={t("importJob.rowsRead")}>
                  <span data-import-count="rows_read">{j.rows_read}</span>
                </Descriptions.Item>
                <Descriptions.Item label={t("importJob.created")}>
                  <span data-import-count="rows_created">{j.rows_created}</span>
                </Descriptions.Item>
                <Descriptions.Item label={t("importJob.attached")}>
                  <span data-import-count="rows_attached">{j.rows_attached}</span>
                </Descriptions.Item>
                <Descriptions.Item label={t("importJob.failed")}>
                  <span data-import-count="rows_failed">{j.rows_failed}</span>
                </Descriptions.Item>
              </Descriptions>
              {j.error && <Typography.Paragraph type="danger">{j.error}</Typography.Paragraph>}
              {j.rows_failed > 0 && (
                <Space>
                  <a href={fileUrl("leads", `/imports/${j.id}/errors`, { as: "csv", limit: "1000" })} download>
                    {t("imports.errors")}
                  </a>
                </Space>
              )}
            </>
          );
        }}
      </Loaded>
    </Card>
  );
}
