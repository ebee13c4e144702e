import { useMutation, useQueryClient } from "@tanstack/react-query";
import { App as AntApp, Button, Descriptions, Drawer, Input, Segmented, Space, Typography, type DescriptionsProps, type TableColumnsType } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useFailureReport } from "../../components/feedback";
import { PagedTable } from "../../components/PagedTable";

/** A button of the drawer: the status it moves the record to. */
export type Step<To extends string> = { to: To; label: string; primary?: boolean; danger?: boolean };

/** What one partner queue shows and does: its records, their columns and details, and the
 * steps a partner takes on one. */
export type QueueSpec<Row extends { id: string }, Status extends string, To extends string> = {
  title: string;
  /** Of the table's query; the queue's records are read again under it after a step. */
  queryKey: string;
  statuses: readonly { value: Status; label: string }[];
  initialStatus: Status;
  fetchPage: (status: Status, limit: number, offset: number) => Promise<Row[]>;
  columns: TableColumnsType<Row>;
  openLabel: string;
  /** The open button's accessible name, where the label alone does not say which record. */
  openAriaLabel?: (row: Row) => string;
  drawerTitle: (row: Row) => string;
  drawerWidth: number;
  details: (row: Row) => DescriptionsProps["items"];
  /** The steps the partner may take on the record now (none: no note, no buttons). */
  steps: (row: Row) => Step<To>[];
  noteLabel: string;
  /** Takes the step with the note (null when left empty); answers the record as it is now. */
  move: (row: Row, to: To, note: string | null) => Promise<Row>;
  /** What the partner is told once a step is taken. */
  moved: (row: Row) => string;
  /** The drawer closes after a step (else it shows the record as the step left it). */
  closeOnMove?: boolean;
};

/** The one skeleton of the partner portal's queues (repair jobs, parts claims, loan
 * applications): the records naming the partner in one status at a time, a page at a time;
 * one opened in a drawer, where the partner moves it on with a note. */
export function PartnerQueue<Row extends { id: string }, Status extends string, To extends string>(spec: QueueSpec<Row, Status, To>) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const report = useFailureReport();
  const queries = useQueryClient();
  const [status, setStatus] = useState<Status>(spec.initialStatus);
  const [open, setOpen] = useState<Row>();
  const [note, setNote] = useState("");
  const step = useMutation({
    mutationFn: ({ row, to }: { row: Row; to: To }) => spec.move(row, to, note || null),
    onSuccess: async (row) => {
      void message.success(spec.moved(row));
      setOpen(spec.closeOnMove ? undefined : row);
      setNote("");
      await queries.invalidateQueries({ queryKey: [spec.queryKey] });
    },
    onError: (error) => report(error),
  });
  const steps = open ? spec.steps(open) : [];
  return (
    <>
      <Typography.Title level={2}>{spec.title}</Typography.Title>
      <Segmented<Status> aria-label={t("opp.status")} value={status} onChange={setStatus} options={[...spec.statuses]} style={{ marginBottom: 12 }} />
      <PagedTable<Row>
        label={spec.title}
        queryKey={[spec.queryKey, status]}
        fetchPage={(limit, offset) => spec.fetchPage(status, limit, offset)}
        columns={[
          ...spec.columns,
          {
            title: "",
            key: "open",
            render: (_: unknown, row) => (
              <Button size="small" onClick={() => setOpen(row)} aria-label={spec.openAriaLabel?.(row)}>
                {spec.openLabel}
              </Button>
            ),
          },
        ]}
      />
      <Drawer open={!!open} onClose={() => setOpen(undefined)} title={open ? spec.drawerTitle(open) : ""} width={Math.min(spec.drawerWidth, window.innerWidth)}>
        {open && (
          <>
            <Descriptions column={1} size="small" items={spec.details(open)} />
            {steps.length > 0 && (
              <Space direction="vertical" style={{ width: "100%", marginTop: 12 }}>
                <Input.TextArea aria-label={spec.noteLabel} placeholder={spec.noteLabel} value={note} onChange={(e) => setNote(e.target.value)} />
                <Space wrap>
                  {steps.map((s) => (
                    <Button key={s.to} type={s.primary ? "primary" : "default"} danger={s.danger} loading={step.isPending} onClick={() => step.mutate({ row: open, to: s.to })}>
                      {s.label}
                    </Button>
                  ))}
                </Space>
              </Space>
            )}
          </>
        )}
      </Drawer>
    </>
  );
}
