// A long list read a page at a time from the service (limit/offset): 10,000 leads stay 50 rows
// in the browser, real table rows a screen reader can walk.
import { useQuery } from "@tanstack/react-query";
import { Button, Space, Table, type TableColumnsType } from "antd";
import { useState } from "react";
import { Failure } from "./feedback";

export const PAGE_SIZE = 50;

export function PagedTable<Row extends { id: string }>({
  queryKey,
  fetchPage,
  columns,
  sort,
  label,
  wrap = false,
  refetchInterval,
}: {
  queryKey: unknown[];
  fetchPage: (limit: number, offset: number) => Promise<Row[]>;
  columns: TableColumnsType<Row>;
  sort?: (rows: Row[]) => Row[];
  label: string;
  /** Cells wrap their text to the page's width: no sideways scroll region (one without a
   * control in every row is out of a keyboard's reach). */
  wrap?: boolean;
  /** Read the page again every so many milliseconds while the rows say so (an import still
   * running); false: not again. */
  refetchInterval?: (rows: Row[]) => number | false;
}) {
  const [page, setPage] = useState(0);
  const query = useQuery({
    queryKey: [...queryKey, page],
    queryFn: () => fetchPage(PAGE_SIZE, page * PAGE_SIZE),
    placeholderData: (previous) => previous,
    refetchInterval: refetchInterval && ((q) => refetchInterval(q.state.data ?? [])),
  });
  if (query.error) return <Failure error={query.error} retry={() => void query.refetch()} />;
  const rows = query.data ?? [];
  return (
    <>
      <Table<Row>
        aria-label={label}
        rowKey="id"
        size="small"
        scroll={wrap ? undefined : { x: "max-content" }}
        loading={query.isFetching}
        columns={columns}
        dataSource={sort ? sort(rows) : rows}
        pagination={false}
      />
      <Space style={{ marginTop: 8 }}>
        <Button disabled={page === 0} onClick={() => setPage(page - 1)} aria-label="previous page">
          ‹
        </Button>
        <span>{page + 1}</span>
        <Button disabled={rows.length < PAGE_SIZE} onClick={() => setPage(page + 1)} aria-label="next page">
          ›
        </Button>
      </Space>
    </>
  );
}
