import { Route, Routes } from "react-router-dom";
import { NotAvailable } from "../../components/feedback";
import Applications from "./Applications";
import Jobs from "./Jobs";
import PartsClaims from "./PartsClaims";

export default function Partner() {
  return (
    <Routes>
      <Route path="applications" element={<Applications />} />
      <Route path="jobs" element={<Jobs />} />
      <Route path="parts-claims" element={<PartsClaims />} />
      <Route path="*" element={<NotAvailable />} />
    </Routes>
  );
}
