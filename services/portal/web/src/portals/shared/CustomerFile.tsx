import { useInfiniteQuery } from "@tanstack/react-query";
import { Button, Card, Col, Descriptions, Empty, List, Row, Table, Timeline, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router-dom";
import { data, leads } from "../../api/client";
import type { components } from "../../api/generated/leads";
import { Loaded } from "../../components/feedback";
import { portalsOf } from "../../portals";
import { useSession } from "../../session";
import { gradeLabel, leadStatusLabel, sourceLabel, when } from "../workspace/labels";
import { entryDetails, entryTitle } from "./customers";
import { PersonalData } from "./Customers";
import { useOrgName, useOwnerName } from "./directory";

type CustomerFile = components["schemas"]["CustomerFilePublic"];
type LeadOfCustomer = components["schemas"]["LeadOfCustomer"];
type VehicleOfCustomer = components["schemas"]["VehicleOfCustomer"];
type RecordOfCustomer = components["schemas"]["RecordOfCustomer"];
const TIMELINE_PAGE = 100;

/** One customer's file (customer 360): who they are as far as the caller may see them, who
 * works them, their leads, vehicles, opportunities, orders and tickets, and one timeline of
 * what every service recorded — newest first, earlier entries a page at a time. */
export default function CustomerFile() {
  const { customerId = "" } = useParams();
  const { t } = useTranslation();
  const session = useSession();
  const ownerName = useOwnerName();
  const orgName = useOrgName();
  const pages = useInfiniteQuery({
    queryKey: ["customer", customerId],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) =>
      data(
        leads.GET("/customers/{customer_id}", {
          params: { path: { customer_id: customerId }, query: { limit: TIMELINE_PAGE, before: pageParam } },
        }),
      ),
    getNextPageParam: (last: CustomerFile) => (last.timeline.length < TIMELINE_PAGE ? undefined : last.timeline[last.timeline.length - 1].at),
  });
  const first = { ...pages, data: pages.data?.pages[0] };
  const leadLinks = portalsOf(session).includes("workspace");
  return (
    <Loaded query={first}>
      {(file) => {
        const c = file.customer;
        const timeline = (pages.data?.pages ?? []).flatMap((page) => page.timeline);
        return (
          <>
            <Typography.Title level={2}>
              {t("customer.file")}: {c.name}
            </Typography.Title>
            <Row gutter={[16, 16]}>
              <Col xs={24} lg={12}>
                <Card>
                  <Descriptions column={1} size="small">
                    <Descriptions.Item label={t("customer.name")}>{c.name}</Descriptions.Item>
                    <Descriptions.Item label={t("customer.phone")}>
                      <span data-customer-phone>{c.phone}</span>
                    </Descriptions.Item>
                    <Descriptions.Item label={t("customer.owner")}>{ownerName(c.owner_user)}</Descriptions.Item>
                    <Descriptions.Item label={t("customer.ownerOrg")}>{orgName(c.owner_org)}</Descriptions.Item>
                    <Descriptions.Item label={t("customer.leadStatus")}>{leadStatusLabel(t, c.lead_status)}</Descriptions.Item>
                    <Descriptions.Item label={t("customer.grade")}>{gradeLabel(t, c.grade)}</Descriptions.Item>
                    <Descriptions.Item label={t("customer.personalData")}>
                      <PersonalData level={c.personal_data} />
                    </Descriptions.Item>
                    {file.identifiers.map((i) => (
                      <Descriptions.Item key={`${i.kind}:${i.value}`} label={`${t("customer.identifiers")} · ${i.kind}`}>
                        {i.value}
                      </Descriptions.Item>
                    ))}
                    {file.merged_from.length > 0 && (
                      <Descriptions.Item label={t("customer.mergedFrom")}>{file.merged_from.join(", ")}</Descriptions.Item>
                    )}
                  </Descriptions>
                </Card>
              </Col>
              <Col xs={24} lg={12}>
                <Card title={t("customer.vehicles")}>
                  <Table<VehicleOfCustomer>
                    aria-label={t("customer.vehicles")}
                    rowKey="vin"
                    size="small"
                    pagination={false}
                    dataSource={file.vehicles}
                    columns={[
                      { title: t("customer.vin"), dataIndex: "vin" },
                      { title: t("customer.plate"), dataIndex: "plate" },
                      { title: t("customer.model"), dataIndex: "model_code" },
                      { title: t("customer.deliveredOn"), dataIndex: "delivered_on" },
                    ]}
                  />
                </Card>
              </Col>
              <Col xs={24}>
                <Card title={t("customer.leads")}>
                  <Table<LeadOfCustomer>
                    aria-label={t("customer.leads")}
                    rowKey="id"
                    size="small"
                    pagination={false}
                    scroll={{ x: "max-content" }}
                    dataSource={file.leads}
                    columns={[
                      {
                        title: t("customer.status"),
                        dataIndex: "status",
                        render: (status: string, lead) => (leadLinks ? <Link to={`/workspace/leads/${lead.id}`}>{leadStatusLabel(t, status)}</Link> : leadStatusLabel(t, status)),
                      },
                      { title: t("lead.source"), dataIndex: "source", render: (s: string) => sourceLabel(t, s) },
                      { title: t("lead.interest"), dataIndex: "vehicle_interest" },
                      { title: t("customer.grade"), dataIndex: "grade", render: (g: string | null) => gradeLabel(t, g) },
                      { title: t("customer.owner"), dataIndex: "owner_user", render: (u: string | null) => ownerName(u) },
                      { title: t("customer.ownerOrg"), dataIndex: "owner_org", render: orgName },
                      { title: t("lead.created"), dataIndex: "created_at", render: when },
                    ]}
                  />
                </Card>
              </Col>
              <Col xs={24}>
                <Card title={t("customer.records")}>
                  <Row gutter={[16, 16]}>
                    {(["opportunities", "orders", "tickets"] as const).map((kind) => (
                      <Col xs={24} md={8} key={kind}>
                        <Records title={t(`customer.${kind}`)} records={file[kind]} />
                      </Col>
                    ))}
                  </Row>
                </Card>
              </Col>
              <Col xs={24}>
                <Card title={t("customer.timeline")}>
                  {timeline.length === 0 ? (
                    <Empty description={t("customer.noEntries")} />
                  ) : (
                    <Timeline
                      items={timeline.map((e) => ({
                        key: `${e.kind}:${e.subject_id}:${e.record_id ?? ""}:${e.at}`,
                        children: (
                          <span data-timeline={e.kind}>
                            {when(e.at)} · <strong>{entryTitle(t, e)}</strong>
                            {entryDetails(t, e, (user) => ownerName(user)).map((d, n) => (
                              <span key={n}> · {d}</span>
                            ))}
                          </span>
                        ),
                      }))}
                    />
                  )}
                  {pages.hasNextPage && (
                    <Button onClick={() => void pages.fetchNextPage()} loading={pages.isFetchingNextPage}>
                      {t("customer.more")}
                    </Button>
                  )}
                </Card>
              </Col>
            </Row>
          </>
        );
      }}
    </Loaded>
  );
}

function Records({ title, records }: { title: string; records: RecordOfCustomer[] }) {
  const { t } = useTranslation();
  return (
    <List
      header={<Typography.Text strong>{title}</Typography.Text>}
      size="small"
      dataSource={records}
      locale={{ emptyText: t("customer.noEntries") }}
      renderItem={(r) => (
        <List.Item>
          {r.status} · {when(r.at)}
        </List.Item>
      )}
    />
  );
}
