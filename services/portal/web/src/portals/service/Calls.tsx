import { useQuery } from "@tanstack/react-query";
import { Table, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { callCenter, data } from "../../api/client";
import { Loaded } from "../../components/feedback";
import type { components } from "../../api/generated/call-center";
import { when } from "../workspace/labels";

type Call = components["schemas"]["CallPublic"];
type CallRow = Call & { children?: CallRow[] };

/** A call with its parts as the table's nested rows (none: no expander). */
export function withParts(call: Call): CallRow {
  const parts = call.parts ?? [];
  return parts.length > 0 ? { ...call, children: parts.map(withParts) } : call;
}

/** The calls the user may see (their own; a supervisor's scope), newest first; a call the
 * hotline handed to a dealer shows the dealer's part of it, where the user sees that too, as a
 * row inside it rather than as a second call. */
export default function Calls() {
  const { t } = useTranslation();
  const calls = useQuery({ queryKey: ["calls"], queryFn: () => data(callCenter.GET("/calls", { params: { query: { limit: 200 } } })) });
  return (
    <>
      <Typography.Title level={2}>{t("menu.calls")}</Typography.Title>
      <Loaded query={calls}>
        {(rows) => (
          <Table
            aria-label={t("menu.calls")}
            size="small"
            rowKey="id"
            scroll={{ x: "max-content", y: 560 }}
            pagination={false}
            dataSource={rows.map(withParts)}
            columns={[
              { title: t("lead.created"), dataIndex: "started_at", render: when },
              { title: t("lead.phone"), dataIndex: "customer_phone" },
              { title: t("calls.direction"), dataIndex: "direction", render: (d: string) => t(`callDirection.${d}`, { defaultValue: d }) },
              { title: t("calls.talk"), dataIndex: "talk_seconds" },
              { title: t("calls.disposition"), dataIndex: "disposition" },
              { title: t("calls.recording"), dataIndex: "has_recording", render: (r: boolean) => (r ? "✓" : "") },
            ]}
          />
        )}
      </Loaded>
    </>
  );
}
