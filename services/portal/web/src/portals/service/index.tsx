import { Result } from "antd";
import { useTranslation } from "react-i18next";
import { Route, Routes } from "react-router-dom";
import { NotAvailable } from "../../components/feedback";
import Calls from "./Calls";
import CallTasks from "./CallTasks";

/** The service desk's tickets and the agent console's live call panel (state, screen pop,
 * wallboard) come with their APIs and pushes: until then those pages say so. Call tasks and
 * calls read the call center's API. */
function NotBuiltYet({ what }: { what: string }) {
  const { t } = useTranslation();
  return <Result status="info" title={t(what)} subTitle={t("service.notBuilt")} />;
}

export default function Service() {
  return (
    <Routes>
      <Route path="tickets" element={<NotBuiltYet what="menu.tickets" />} />
      <Route path="console" element={<NotBuiltYet what="menu.console" />} />
      <Route path="tasks" element={<CallTasks />} />
      <Route path="calls" element={<Calls />} />
      <Route path="*" element={<NotAvailable />} />
    </Routes>
  );
}
