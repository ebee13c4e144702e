import { Result } from "antd";
import { useTranslation } from "react-i18next";
import { Route, Routes } from "react-router-dom";
import { NotAvailable } from "../../components/feedback";

/** The service desk's tickets and the call center's agent console come with those services'
 * APIs (their OpenAPI documents list only health checks so far): until then each page says so. */
function NotBuiltYet({ what }: { what: string }) {
  const { t } = useTranslation();
  return <Result status="info" title={t(what)} subTitle={t("service.notBuilt")} />;
}

export default function Service() {
  return (
    <Routes>
      <Route path="tickets" element={<NotBuiltYet what="menu.tickets" />} />
      <Route path="console" element={<NotBuiltYet what="menu.console" />} />
      <Route path="*" element={<NotAvailable />} />
    </Routes>
  );
}
