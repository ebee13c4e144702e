import { useTranslation } from "react-i18next";
import { Route, Routes } from "react-router-dom";
import { NotAvailable } from "../../components/feedback";
import Assessments from "../shared/Assessments";
import CommissionMonth from "../shared/CommissionMonth";
import Competitors from "../shared/Competitors";
import CustomerFile from "../shared/CustomerFile";
import Customers from "../shared/Customers";
import Expenses from "../shared/Expenses";
import RoutingRules from "../shared/RoutingRules";
import ScoringModels from "../shared/ScoringModels";
import Segments from "../shared/Segments";
import Targets from "../shared/Targets";
import Catalogue from "./Catalogue";
import Dashboard from "./Dashboard";
import Distribution from "./Distribution";
import Kpis from "./Kpis";
import OrgTree from "./OrgTree";

export default function Hq() {
  return (
    <Routes>
      <Route path="dashboard" element={<Dashboard />} />
      <Route path="distribution" element={<Distribution />} />
      <Route path="routing" element={<RoutingRules />} />
      <Route path="scoring" element={<ScoringModels />} />
      <Route path="customers" element={<Customers base="/hq/customers" />} />
      <Route path="customers/:customerId" element={<CustomerFile />} />
      <Route path="kpis" element={<Kpis />} />
      <Route path="segments" element={<Segments />} />
      <Route path="assessments" element={<Assessments />} />
      <Route path="competitors" element={<Competitors />} />
      <Route path="commission" element={<CommissionMonth label="commission.ofDealers" />} />
      <Route path="catalogue" element={<Catalogue />} />
      <Route path="org" element={<OrgTree />} />
      <Route path="expenses" element={<Expenses />} />
      <Route path="targets" element={<TargetsPage label="menu.targetCascade" />} />
      <Route path="*" element={<NotAvailable />} />
    </Routes>
  );
}

function TargetsPage({ label }: { label: string }) {
  const { t } = useTranslation();
  return <Targets title={t(label)} />;
}
