import { Route, Routes } from "react-router-dom";
import { NotAvailable } from "../../components/feedback";
import Assessments from "../shared/Assessments";
import CommissionMonth from "../shared/CommissionMonth";
import CustomerFile from "../shared/CustomerFile";
import Customers from "../shared/Customers";
import Board from "./Board";
import Funnel from "./Funnel";
import LeadDetail from "./LeadDetail";
import MyLeads from "./MyLeads";
import MyTargets from "./MyTargets";
import OpportunityDetail from "./OpportunityDetail";
import Pool from "./Pool";
import Reception from "./Reception";

export default function Workspace() {
  return (
    <Routes>
      <Route path="leads" element={<MyLeads />} />
      <Route path="leads/:leadId" element={<LeadDetail />} />
      <Route path="pool" element={<Pool />} />
      <Route path="reception" element={<Reception />} />
      <Route path="customers" element={<Customers base="/workspace/customers" />} />
      <Route path="customers/:customerId" element={<CustomerFile />} />
      <Route path="board" element={<Board />} />
      <Route path="opportunities/:opportunityId" element={<OpportunityDetail />} />
      <Route path="funnel" element={<Funnel />} />
      <Route path="targets" element={<MyTargets />} />
      <Route path="commission" element={<CommissionMonth label="commission.mine" />} />
      <Route path="assessments" element={<Assessments />} />
      <Route path="*" element={<NotAvailable />} />
    </Routes>
  );
}
