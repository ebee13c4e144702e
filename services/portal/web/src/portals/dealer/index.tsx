import { useTranslation } from "react-i18next";
import { Route, Routes } from "react-router-dom";
import { NotAvailable } from "../../components/feedback";
import Competitors from "../shared/Competitors";
import CustomerFile from "../shared/CustomerFile";
import Customers from "../shared/Customers";
import Expenses from "../shared/Expenses";
import RoutingRules from "../shared/RoutingRules";
import ScoringModels from "../shared/ScoringModels";
import Segments from "../shared/Segments";
import Targets from "../shared/Targets";
import Kpis from "../hq/Kpis";
import Approvals from "./Approvals";
import AssignLeads from "./AssignLeads";
import Commission from "./Commission";
import GradesAndNurture from "./GradesAndNurture";
import HandOver from "./HandOver";
import Imports from "./Imports";
import PoolRules from "./PoolRules";
import SalesMeeting from "./SalesMeeting";
import Sharing from "./Sharing";
import Users from "./Users";

export default function Dealer() {
  return (
    <Routes>
      <Route path="leads" element={<AssignLeads />} />
      <Route path="approvals" element={<Approvals />} />
      <Route path="pools" element={<PoolRules />} />
      <Route path="routing" element={<RoutingRules />} />
      <Route path="scoring" element={<ScoringModels />} />
      <Route path="grades" element={<GradesAndNurture />} />
      <Route path="imports" element={<Imports />} />
      <Route path="customers" element={<Customers base="/dealer/customers" />} />
      <Route path="customers/:customerId" element={<CustomerFile />} />
      <Route path="hand-overs" element={<HandOver />} />
      <Route path="meeting" element={<SalesMeeting />} />
      <Route path="segments" element={<Segments />} />
      <Route path="competitors" element={<Competitors />} />
      <Route path="sharing" element={<Sharing />} />
      <Route path="users" element={<Users />} />
      <Route path="commission" element={<Commission />} />
      <Route path="kpis" element={<Kpis />} />
      <Route path="expenses" element={<Expenses />} />
      <Route path="targets" element={<TargetsPage label="menu.teamTargets" />} />
      <Route path="*" element={<NotAvailable />} />
    </Routes>
  );
}

function TargetsPage({ label }: { label: string }) {
  const { t } = useTranslation();
  return <Targets title={t(label)} />;
}
