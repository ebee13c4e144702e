import { Route, Routes } from "react-router-dom";
import { NotAvailable } from "../../components/feedback";
import Agreements from "./Agreements";
import Calls from "./Calls";
import CareRules from "./CareRules";
import Console from "./Console";
import Recordings from "./Recordings";
import CallLists from "./CallLists";
import CallTasks from "./CallTasks";
import Knowledge from "./Knowledge";
import Surveys from "./Surveys";
import TicketDetail from "./TicketDetail";
import Tickets from "./Tickets";
import Wallboard from "./Wallboard";

/** Tickets read the service desk's API; the agent console, call tasks and calls the call
 * center's (the console's screen pops are its server-sent events, through the BFF). */
export default function Service() {
  return (
    <Routes>
      <Route path="tickets" element={<Tickets />} />
      <Route path="tickets/:ticketId" element={<TicketDetail />} />
      <Route path="console" element={<Console />} />
      <Route path="tasks" element={<CallTasks />} />
      <Route path="call-lists" element={<CallLists />} />
      <Route path="calls" element={<Calls />} />
      <Route path="wallboard" element={<Wallboard />} />
      <Route path="recordings" element={<Recordings />} />
      <Route path="knowledge" element={<Knowledge />} />
      <Route path="agreements" element={<Agreements />} />
      <Route path="surveys" element={<Surveys />} />
      <Route path="care" element={<CareRules />} />
      <Route path="*" element={<NotAvailable />} />
    </Routes>
  );
}
