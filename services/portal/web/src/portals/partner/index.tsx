import { Route, Routes } from "react-router-dom";
import { NotAvailable } from "../../components/feedback";
import Applications from "./Applications";

export default function Partner() {
  return (
    <Routes>
      <Route path="applications" element={<Applications />} />
      <Route path="*" element={<NotAvailable />} />
    </Routes>
  );
}
