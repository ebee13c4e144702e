import { describe, expect, it } from "vitest";
import i18n from "../../i18n";
import { entryDetails, entryTitle } from "./customers";

const t = i18n.getFixedT("en");
const names = (user: string) => (user === "u-1" ? "sh01.consultant1" : user);

describe("a customer file's timeline in the reader's words", () => {
  it("says a call's direction and how long the customer talked, and who took it", () => {
    const call = { kind: "call", vin: null, model_code: null, details: { direction: "inbound", connected: true, talk_seconds: 95, disposition: null, agent_user: "u-1" } };
    expect(entryTitle(t, call)).toBe("Call");
    expect(entryDetails(t, call, names)).toEqual(["inbound", "95 s", "sh01.consultant1"]);
    const missed = { ...call, details: { direction: "outbound", connected: false, talk_seconds: 0 } };
    expect(entryDetails(t, missed, names)).toEqual(["outbound", "not connected"]);
  });

  it("shows a hotline call handed to a dealer as one call with its part, each agent by name", () => {
    const part = { direction: "inbound", connected: true, talk_seconds: 60, agent_name: "Li Consultant" };
    const handed = {
      kind: "call",
      vin: null,
      model_code: null,
      details: { direction: "inbound", connected: true, talk_seconds: 30, agent_name: "Wang Hotline", parts: [part] },
    };
    expect(entryDetails(t, handed, names)).toEqual(["inbound", "30 s", "Wang Hotline", "handed to Li Consultant, 60 s"]);
    expect(entryTitle(t, { kind: "call_part" })).toBe("Handed call");
  });

  it("names a follow-up's kind, grade and outcome, and a lead's history by its kind", () => {
    const followUp = { kind: "follow_up", vin: null, model_code: null, details: { follow_up_kind: "visit", grade: "intent", outcome: "wants a test drive", by_user: "u-1" } };
    expect(entryDetails(t, followUp, names)).toEqual(["Visit", "Intent", "wants a test drive", "sh01.consultant1"]);
    expect(entryTitle(t, { kind: "lead_handed_over" })).toBe("Handed over");
    // A kind this portal does not know yet is shown as the service names it.
    expect(entryTitle(t, { kind: "lead_something_new" })).toBe("lead_something_new");
  });

  it("shows the masked VIN and the model of a delivery as the file gives them", () => {
    const delivered = { kind: "vehicle_delivered", vin: "LSV**********3295", model_code: "SUV-X", details: {} };
    expect(entryDetails(t, delivered, names)).toEqual(["SUV-X", "LSV**********3295"]);
  });
});
