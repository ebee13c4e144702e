import { DatePicker, Space, Typography } from "antd";
import dayjs from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { thisMonth } from "../../dates";
import { Statements } from "./Statements";

/** A month's commission as the caller may read it: a consultant's own statement line by line
 * (to acknowledge or dispute), HQ's and a region's totals per dealer as sharing allows. */
export default function CommissionMonth({ label }: { label: string }) {
  const { t } = useTranslation();
  const [month, setMonth] = useState(thisMonth());
  return (
    <>
      <Typography.Title level={2}>{t(label)}</Typography.Title>
      <Space style={{ marginBottom: 16 }}>
        <DatePicker picker="month" aria-label={t("kpi.month")} allowClear={false} value={dayjs(`${month}-01`)} onChange={(m) => m && setMonth(m.format("YYYY-MM"))} />
      </Space>
      <Statements month={month} />
    </>
  );
}
