import { useQuery, useQueryClient } from "@tanstack/react-query";
import { App as AntApp, Button, Card, Descriptions, Form, InputNumber, Progress, Select, Space, Table, Typography, Upload } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { callCenter, data, spreadsheetFormat, uploadFile } from "../../api/client";
import type { components } from "../../api/generated/call-center";
import { PagedTable } from "../../components/PagedTable";
import { Loaded, useFailureReport } from "../../components/feedback";
import { when } from "../workspace/labels";

type Import = components["schemas"]["CallListImport"];
type RowError = components["schemas"]["CallListRowError"];

/** The kinds of call a list pushes (a lead's callback comes from its grade, never a list). */
export const LISTED_KINDS = ["policy_renewal", "maintenance_due", "win_back", "care", "survey"] as const;
/** Rejected rows shown on the screen; the rest are counted. */
export const SHOWN_REJECTED_ROWS = 1000;
/** How often an import still going is read again (the worker takes one within a second). */
export const IMPORT_REFRESH_MS = 1000;

/** How far an import got, in percent: rows read of the rows the file seems to have (never 100
 * before it is done). */
export function importPercent(job: Pick<Import, "status" | "rows_read" | "rows_estimated">): number {
  if (job.status === "done") return 100;
  const total = job.rows_estimated ?? 0;
  return total > 0 ? Math.min(99, Math.floor((job.rows_read / total) * 100)) : 0;
}

export function importEnded(job: Pick<Import, "status">): boolean {
  return job.status === "done" || job.status === "failed";
}

/** The list of past imports is read again while one of them is still going, else not. */
export function refreshWhileImporting(jobs: Pick<Import, "status">[]): number | false {
  return jobs.some((job) => !importEnded(job)) ? IMPORT_REFRESH_MS : false;
}

/** A manager's call list (CSV or XLSX: insurance expiries, maintenance due, win-back): the file
 * is imported in the background, each row a call task of the chosen kind in the manager's book,
 * dealt out by its queue; the screen follows the import's progress, then counts what was made
 * and lists every rejected row by row number and field, so the file is fixed and imported again
 * (a customer and date is one task however often it comes). Below, the lists imported into the
 * books the manager sees, newest first, each with its status and counts: one is opened again to
 * read its rejected rows after leaving the screen. */
export default function CallLists() {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const report = useFailureReport();
  const [kind, setKind] = useState<(typeof LISTED_KINDS)[number]>("policy_renewal");
  const [daysBefore, setDaysBefore] = useState(30);
  const [uploading, setUploading] = useState(false);
  const [opened, setOpened] = useState<{ importId: string; file?: string }>();
  const queryClient = useQueryClient();

  async function upload(file: File) {
    const { format, mediaType } = spreadsheetFormat(file.name);
    setUploading(true);
    setOpened(undefined);
    try {
      const job = await uploadFile<Import>("call-center", "/call-lists", { format, kind, days_before: String(daysBefore) }, file, mediaType);
      setOpened({ file: file.name, importId: job.id });
      void queryClient.invalidateQueries({ queryKey: ["call-list-imports"] });
      void message.success(t("callLists.accepted", { file: file.name }));
    } catch (error) {
      report(error);
    } finally {
      setUploading(false);
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
              <Button type="primary" loading={uploading}>
                {t("callLists.upload")}
              </Button>
            </Upload>
          </Form.Item>
        </Form>
      </Card>
      {opened && <ImportProgress key={opened.importId} file={opened.file} importId={opened.importId} />}
      <PastImports onOpen={(importId) => setOpened({ importId })} />
    </>
  );
}

/** The lists imported into the books the manager sees, newest first (``GET /call-lists``). */
function PastImports({ onOpen }: { onOpen: (importId: string) => void }) {
  const { t } = useTranslation();
  return (
    <Card title={t("callLists.imports")} style={{ marginTop: 16 }} className="call-list-imports">
      <PagedTable<Import>
        queryKey={["call-list-imports"]}
        fetchPage={(limit, offset) => data(callCenter.GET("/call-lists", { params: { query: { limit, offset } } }))}
        refetchInterval={refreshWhileImporting}
        label={t("callLists.imports")}
        wrap
        columns={[
          { title: t("callLists.importedAt"), dataIndex: "created_at", render: when },
          { title: t("callLists.kind"), dataIndex: "kind", render: (kind: string) => t(`callLists.kinds.${kind}`, { defaultValue: kind }) },
          { title: t("importJob.status"), dataIndex: "status", render: (status: string) => <span data-import-status={status}>{t(`importJob.statuses.${status}`)}</span> },
          { title: t("callLists.progress"), key: "progress", render: (_: unknown, job) => <Progress percent={importPercent(job)} size="small" status={job.status === "failed" ? "exception" : job.status === "done" ? "success" : "active"} aria-label={t("callLists.progress")} /> },
          { title: t("callLists.rowsRead"), dataIndex: "rows_read" },
          { title: t("callLists.tasksCreated"), dataIndex: "tasks_created" },
          { title: t("callLists.waiting"), dataIndex: "waiting" },
          { title: t("callLists.rejected"), dataIndex: "rows_rejected" },
          {
            title: t("callLists.open"),
            key: "open",
            render: (_: unknown, job) => (
              <Button size="small" onClick={() => onOpen(job.id)}>
                {t("callLists.open")}
              </Button>
            ),
          },
        ]}
      />
    </Card>
  );
}

function ImportProgress({ file, importId }: { file?: string; importId: string }) {
  const { t } = useTranslation();
  const job = useQuery({
    queryKey: ["call-list-import", importId],
    queryFn: () => data(callCenter.GET("/call-lists/{import_id}", { params: { path: { import_id: importId } } })),
    refetchInterval: (query) => (query.state.data && importEnded(query.state.data) ? false : IMPORT_REFRESH_MS),
  });
  return (
    <Loaded query={job}>
      {(j) => {
        const ended = importEnded(j);
        // A list opened from the past imports is named by its kind and time (the file's name is not kept).
        const name = file ?? t("callLists.listOf", { kind: t(`callLists.kinds.${j.kind}`, { defaultValue: j.kind }), at: when(j.created_at) });
        return (
          <Card title={t(ended ? (j.status === "done" ? "callLists.result" : "callLists.failed") : "callLists.importing", { file: name })} style={{ marginTop: 16 }} className={ended ? "call-list-result" : "call-list-progress"}>
            <Progress percent={importPercent(j)} status={j.status === "failed" ? "exception" : j.status === "done" ? "success" : "active"} aria-label={t("callLists.progress")} />
            <Descriptions size="small" column={{ xs: 1, md: 5 }}>
              <Descriptions.Item label={t("callLists.rowsRead")}>{j.rows_read}</Descriptions.Item>
              <Descriptions.Item label={t("callLists.tasksCreated")}>{j.tasks_created}</Descriptions.Item>
              <Descriptions.Item label={t("callLists.waiting")}>{j.waiting}</Descriptions.Item>
              <Descriptions.Item label={t("callLists.alreadyImported")}>{j.already_imported}</Descriptions.Item>
              <Descriptions.Item label={t("callLists.rejected")}>{j.rows_rejected}</Descriptions.Item>
            </Descriptions>
            {j.error && <Typography.Paragraph type="danger">{j.error}</Typography.Paragraph>}
            {ended && j.rows_rejected > 0 && <RejectedRows importId={importId} />}
          </Card>
        );
      }}
    </Loaded>
  );
}

function RejectedRows({ importId }: { importId: string }) {
  const { t } = useTranslation();
  const rejected = useQuery({
    queryKey: ["call-list-import-errors", importId],
    queryFn: () => data(callCenter.GET("/call-lists/{import_id}/errors", { params: { path: { import_id: importId }, query: { limit: SHOWN_REJECTED_ROWS } } })),
  });
  return (
    <Loaded query={rejected}>
      {(page) => (
        <Space direction="vertical" style={{ width: "100%" }}>
          <Typography.Text strong>{t("callLists.fixAndRetry")}</Typography.Text>
          {page.next_after !== null && <Typography.Text type="secondary">{t("callLists.firstRejected", { count: SHOWN_REJECTED_ROWS })}</Typography.Text>}
          <Table<RowError>
            size="small"
            rowKey={(e) => `${e.row_number}:${e.field}`}
            dataSource={page.items}
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
    </Loaded>
  );
}
