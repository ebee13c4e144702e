import { App as AntApp, Button, Card, Form, Input, Layout, Menu, Result, Select, Space, Spin, Typography } from "antd";
import { lazy, Suspense, useState } from "react";
import { useTranslation } from "react-i18next";
import { Navigate, Route, Routes, useLocation, useNavigate } from "react-router-dom";
import { ApiError } from "./api/errors";
import { NotAvailable } from "./components/feedback";
import { rememberLanguage, type Language } from "./i18n";
import { homeOf, menuOf, portalsOf, type PortalKey } from "./portals";
import { NotificationBell } from "./portals/shared/Inbox";
import { logIn, logOut, SessionProvider, useSessionQuery, useSetSession, type Session } from "./session";

// One chunk per portal: a consultant's phone loads the workspace only.
const Workspace = lazy(() => import("./portals/workspace"));
const Dealer = lazy(() => import("./portals/dealer"));
const Hq = lazy(() => import("./portals/hq"));
const Partner = lazy(() => import("./portals/partner"));
const Service = lazy(() => import("./portals/service"));

export function LanguageSwitch({ onChange }: { onChange: (language: Language) => void }) {
  const { t, i18n } = useTranslation();
  const next: Language = i18n.language === "en" ? "zh-CN" : "en";
  return (
    <Button
      type="link"
      lang={next}
      onClick={() => {
        rememberLanguage(next);
        void i18n.changeLanguage(next);
        onChange(next);
      }}
    >
      {t("app.language")}
    </Button>
  );
}

function LoginPage({ onLanguage }: { onLanguage: (language: Language) => void }) {
  const { t } = useTranslation();
  const setSession = useSetSession();
  const [failed, setFailed] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <main className="login">
      <Card title={<Typography.Title level={1} style={{ fontSize: 20, margin: 0 }}>{t("app.title")}</Typography.Title>} extra={<LanguageSwitch onChange={onLanguage} />} style={{ width: "min(360px, 100%)" }}>
        <Form
          layout="vertical"
          onFinish={async (values: { username: string; password: string }) => {
            setBusy(true);
            setFailed(null);
            try {
              setSession(await logIn(values.username, values.password));
            } catch (error) {
              setFailed(error instanceof ApiError && error.status === 401 ? t("login.failed") : String(error));
            } finally {
              setBusy(false);
            }
          }}
        >
          <Form.Item name="username" label={t("login.username")} rules={[{ required: true }]}>
            <Input autoComplete="username" />
          </Form.Item>
          <Form.Item name="password" label={t("login.password")} rules={[{ required: true }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          {failed && <Typography.Paragraph type="danger" role="alert">{failed}</Typography.Paragraph>}
          <Button type="primary" htmlType="submit" block loading={busy}>
            {t("login.submit")}
          </Button>
        </Form>
      </Card>
    </main>
  );
}

function portalOfPath(pathname: string): PortalKey | undefined {
  const first = pathname.split("/")[1];
  return (["workspace", "dealer", "hq", "partner", "service"] as const).find((p) => p === first);
}

function Shell({ session, onLanguage }: { session: Session; onLanguage: (language: Language) => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const setSession = useSetSession();
  const portals = portalsOf(session);
  const current = portalOfPath(location.pathname) ?? portals[0];
  const menu = current ? menuOf(session, current) : [];
  const selected = menu.find((m) => location.pathname.startsWith(m.path))?.path;
  return (
    <Layout style={{ minHeight: "100vh" }}>
      <Layout.Header className="shell-header">
        <Typography.Text strong className="shell-title">{t("app.title")}</Typography.Text>
        <Space wrap size="small">
          {portals.length > 1 && (
            <Select
              aria-label={t("admin.portal")}
              value={current}
              onChange={(p: PortalKey) => {
                const first = menuOf(session, p)[0];
                navigate(first ? first.path : `/${p}`);
              }}
              options={portals.map((p) => ({ value: p, label: t(`portal.${p}`) }))}
              style={{ minWidth: 140 }}
            />
          )}
          <NotificationBell />
          <Typography.Text className="shell-user">{session.username}</Typography.Text>
          <LanguageSwitch onChange={onLanguage} />
          <Button
            onClick={async () => {
              await logOut();
              setSession(null);
              navigate("/");
            }}
          >
            {t("app.logout")}
          </Button>
        </Space>
      </Layout.Header>
      <Layout>
        <Layout.Sider breakpoint="md" collapsedWidth={0} theme="light" width={200} aria-label="menu">
          <Menu
            mode="inline"
            selectedKeys={selected ? [selected] : []}
            items={menu.map((m) => ({ key: m.path, label: t(m.label) }))}
            onClick={({ key }) => navigate(key)}
          />
        </Layout.Sider>
        <Layout.Content className="shell-content">
          <Suspense fallback={<Spin />}>
              <Routes>
                <Route path="/" element={<Navigate to={homeOf(session)} replace />} />
                <Route path="/login" element={<Navigate to={homeOf(session)} replace />} />
                <Route path="/workspace/*" element={portals.includes("workspace") ? <Workspace /> : <NotAvailable />} />
                <Route path="/dealer/*" element={portals.includes("dealer") ? <Dealer /> : <NotAvailable />} />
                <Route path="/hq/*" element={portals.includes("hq") ? <Hq /> : <NotAvailable />} />
                <Route path="/partner/*" element={portals.includes("partner") ? <Partner /> : <NotAvailable />} />
                <Route path="/service/*" element={portals.includes("service") ? <Service /> : <NotAvailable />} />
                <Route path="*" element={<NotAvailable />} />
              </Routes>
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}

export default function App({ onLanguage }: { onLanguage: (language: Language) => void }) {
  const session = useSessionQuery();
  if (session.isPending) return <Spin fullscreen />;
  if (session.error) return <Result status="warning" title={String(session.error)} />;
  if (!session.data) return <AntApp><LoginPage onLanguage={onLanguage} /></AntApp>;
  return (
    <AntApp>
      <SessionProvider session={session.data}>
        <Shell session={session.data} onLanguage={onLanguage} />
      </SessionProvider>
    </AntApp>
  );
}
