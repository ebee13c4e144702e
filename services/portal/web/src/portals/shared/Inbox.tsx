// The reader's in-app inbox: a bell with the unread count in the header, kept live by the
// notifications service's stream (server-sent events through the BFF), and a drawer with the
// notices (open one, mark read) and the reader's e-mail preferences.
import { BellOutlined } from "@ant-design/icons";
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { App as AntApp, Badge, Button, Drawer, Empty, Form, Input, Select, Space, Switch, Tabs, Tag, Typography } from "antd";
import dayjs from "dayjs";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router-dom";
import { data, notifications } from "../../api/client";
import { Loaded, useFailureReport } from "../../components/feedback";
import { useSession } from "../../session";
import { DELIVERIES, NOTICE_KINDS, portalPathOf, type Delivery, type Notice } from "./inbox";

const STREAM = "/api/notifications/notifications/stream";
const PAGE = 30;

/** Every notice query is read again when the stream brings a notice, and when it (re)connects:
 * what arrived while it was away comes with the next read, nothing is polled. */
function useLiveInbox(): boolean {
  const queries = useQueryClient();
  const [live, setLive] = useState(false);
  useEffect(() => {
    const source = new EventSource(STREAM);
    const reread = () => void queries.invalidateQueries({ queryKey: ["notifications"] });
    source.addEventListener("open", () => {
      setLive(true);
      reread();
    });
    source.addEventListener("error", () => setLive(false));
    source.addEventListener("notification", reread);
    return () => source.close();
  }, [queries]);
  return live;
}

function NoticeList({ onOpen }: { onOpen: () => void }) {
  const { t } = useTranslation();
  const session = useSession();
  const navigate = useNavigate();
  const { message } = AntApp.useApp();
  const report = useFailureReport();
  const queries = useQueryClient();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const inbox = useInfiniteQuery({
    queryKey: ["notifications", "inbox", unreadOnly],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      data(notifications.GET("/notifications", { params: { query: { limit: PAGE, unread: unreadOnly, before: pageParam } } })),
    getNextPageParam: (last) => (last.length < PAGE ? undefined : last[last.length - 1]?.created_at),
  });
  const reread = () => queries.invalidateQueries({ queryKey: ["notifications"] });
  const markRead = useMutation({
    mutationFn: (id: string) => data(notifications.POST("/notifications/{notification_id}/read", { params: { path: { notification_id: id } } })),
    onSuccess: reread,
    onError: (error) => report(error),
  });
  const markAll = useMutation({
    mutationFn: () => data(notifications.POST("/notifications/read-all")),
    onSuccess: async (marked) => {
      void message.success(t("inbox.markedAll", { count: marked.marked }));
      await reread();
    },
    onError: (error) => report(error),
  });
  const open = (notice: Notice, path: string) => {
    if (!notice.read_at) markRead.mutate(notice.id);
    onOpen();
    navigate(path);
  };
  return (
    <Space direction="vertical" style={{ width: "100%" }}>
      <Space wrap>
        <Switch checked={unreadOnly} onChange={setUnreadOnly} aria-label={t("inbox.unreadOnly")} />
        <Typography.Text>{t("inbox.unreadOnly")}</Typography.Text>
        <Button onClick={() => markAll.mutate()} loading={markAll.isPending}>{t("inbox.markAllRead")}</Button>
      </Space>
      <Loaded query={inbox}>
        {(pages) => {
          const notices = pages.pages.flat();
          if (notices.length === 0) return <Empty description={t("inbox.empty")} />;
          return (
            <ul className="inbox-list" aria-label={t("inbox.tab")}>
              {notices.map((notice) => {
                const path = portalPathOf(notice, session);
                return (
                  <li key={notice.id} className={notice.read_at ? "inbox-notice" : "inbox-notice inbox-unread"}>
                    <Space wrap size="small">
                      {!notice.read_at && <Tag color="blue">{t("inbox.unread")}</Tag>}
                      <Typography.Text strong>{notice.title}</Typography.Text>
                    </Space>
                    <Typography.Paragraph style={{ margin: "4px 0" }}>{notice.body}</Typography.Paragraph>
                    <Space wrap size="small">
                      <Typography.Text type="secondary">{dayjs(notice.created_at).format("YYYY-MM-DD HH:mm")}</Typography.Text>
                      {path && <Button size="small" type="link" onClick={() => open(notice, path)}>{t("inbox.open")}</Button>}
                      {!notice.read_at && (
                        <Button size="small" onClick={() => markRead.mutate(notice.id)}>{t("inbox.markRead")}</Button>
                      )}
                    </Space>
                  </li>
                );
              })}
              {inbox.hasNextPage && (
                <li>
                  <Button block onClick={() => void inbox.fetchNextPage()} loading={inbox.isFetchingNextPage}>{t("inbox.earlier")}</Button>
                </li>
              )}
            </ul>
          );
        }}
      </Loaded>
    </Space>
  );
}

type PreferencesForm = { email?: string; deliveries: Record<string, Delivery> };

function Preferences() {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const report = useFailureReport();
  const queries = useQueryClient();
  const [form] = Form.useForm<PreferencesForm>();
  const preferences = useQuery({
    queryKey: ["notifications", "preferences"],
    queryFn: () => data(notifications.GET("/notification-preferences")),
  });
  const save = useMutation({
    mutationFn: (values: PreferencesForm) =>
      data(notifications.PUT("/notification-preferences", { body: { email: values.email?.trim() || null, deliveries: values.deliveries } })),
    onSuccess: (saved) => {
      queries.setQueryData(["notifications", "preferences"], saved);
      void message.success(t("inbox.saved"));
    },
    onError: (error) => report(error, form),
  });
  return (
    <Loaded query={preferences}>
      {(current) => (
        <Form
          form={form}
          layout="vertical"
          initialValues={{ email: current.email ?? "", deliveries: current.deliveries }}
          onFinish={(values) => save.mutate(values)}
        >
          <Form.Item name="email" label={t("inbox.email")} extra={t("inbox.emailHint")}>
            <Input type="email" autoComplete="email" />
          </Form.Item>
          <Typography.Title level={3} style={{ fontSize: 14 }}>{t("inbox.delivery")}</Typography.Title>
          {NOTICE_KINDS.map((kind) => (
            <Form.Item key={kind} name={["deliveries", kind]} label={t(`inbox.kinds.${kind}`)}>
              <Select aria-label={t(`inbox.kinds.${kind}`)} options={DELIVERIES.map((d) => ({ value: d, label: t(`inbox.deliveries.${d}`) }))} />
            </Form.Item>
          ))}
          <Button type="primary" htmlType="submit" loading={save.isPending}>{t("inbox.save")}</Button>
        </Form>
      )}
    </Loaded>
  );
}

export function NotificationBell() {
  const { t } = useTranslation();
  const live = useLiveInbox();
  const [open, setOpen] = useState(false);
  const unread = useQuery({
    queryKey: ["notifications", "unread"],
    queryFn: () => data(notifications.GET("/notifications/unread-count")),
  });
  const count = unread.data?.unread ?? 0;
  return (
    <>
      <Badge count={count} size="small" overflowCount={99}>
        <Button type="text" icon={<BellOutlined />} aria-label={t("inbox.bell", { count })} onClick={() => setOpen(true)} />
      </Badge>
      <Drawer
        open={open}
        onClose={() => setOpen(false)}
        title={
          <Space>
            {t("inbox.title")}
            <Badge status={live ? "success" : "default"} text={<Typography.Text type="secondary" style={{ fontSize: 12 }}>{t(live ? "inbox.live" : "inbox.offline")}</Typography.Text>} />
          </Space>
        }
        destroyOnHidden
      >
        <Tabs
          items={[
            { key: "inbox", label: t("inbox.tab"), children: <NoticeList onOpen={() => setOpen(false)} /> },
            { key: "preferences", label: t("inbox.preferences"), children: <Preferences /> },
          ]}
        />
      </Drawer>
    </>
  );
}
