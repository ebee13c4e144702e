import { describe, expect, it } from "vitest";
import { reviewStepFor, tiersScoredBy, weightedTotal, weightSum } from "./assessments";

const planning = { user_id: "plan", roles: ["hq_admin"], functions: ["target.manage", "user.manage", "kpi.read"] };
const vp = { user_id: "vp", roles: ["sales_vp"], functions: ["user.read", "kpi.read", "assessment.review"] };
const hr = { user_id: "hr", roles: ["hr"], functions: ["user.read", "kpi.read", "assessment.review"] };
const region = { user_id: "east", roles: ["region_manager"], functions: ["target.manage", "kpi.read"] };

describe("tiered assessment", () => {
  it("has region managers score consultants and sales planning score region managers", () => {
    expect(tiersScoredBy(region)).toEqual(["consultant"]);
    expect(tiersScoredBy(planning)).toEqual(["region_manager"]);
    expect(tiersScoredBy(vp)).toEqual([]);
    expect(tiersScoredBy({ roles: ["sales_consultant"], functions: ["kpi.read"] })).toEqual([]);
  });

  it("has the sales VP review a fresh score, then HR someone else, never the scorer", () => {
    const fresh = { status: "scored", scored_by: "east", vp: null };
    expect(reviewStepFor(vp, fresh)).toBe("vp");
    expect(reviewStepFor(hr, fresh)).toBeNull();
    expect(reviewStepFor(planning, fresh)).toBeNull();
    expect(reviewStepFor(region, fresh)).toBeNull();
    const approved = { status: "vp_approved", scored_by: "east", vp: "vp" };
    expect(reviewStepFor(hr, approved)).toBe("hr");
    expect(reviewStepFor(vp, approved)).toBeNull();
    expect(reviewStepFor(planning, approved)).toBeNull();
    expect(reviewStepFor({ ...hr, roles: ["sales_vp", "hr"], user_id: "vp" }, approved)).toBeNull();
    expect(reviewStepFor(vp, { status: "scored", scored_by: "vp", vp: null })).toBeNull();
    expect(reviewStepFor(hr, { ...approved, status: "final" })).toBeNull();
  });

  it("weights each criterion's score into a total out of 100, once every one is scored", () => {
    const criteria = [
      { code: "sales", weight: 60 },
      { code: "service", weight: 40 },
    ];
    expect(weightedTotal(criteria, { sales: 90, service: 75 })).toBe(84);
    expect(weightedTotal(criteria, { sales: 85, service: 72 })).toBe(79.8);
    expect(weightedTotal(criteria, { sales: 90 })).toBeNull();
    expect(weightSum([{ weight: 60 }, { weight: 30 }, undefined])).toBe(90);
  });
});
