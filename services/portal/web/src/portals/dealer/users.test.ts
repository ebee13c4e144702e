import { describe, expect, it } from "vitest";
import { manageableOrgs } from "./users";

const node = (id: string, path: string, kind: "hq" | "region" | "dealer" | "team" | "partner", active = true) => ({
  id,
  path,
  kind,
  active,
  name: id,
  parent_id: null,
  partner_type: null,
});

const TREE = [
  node("team-b", "/hq/east/dealer-a/team-b/", "team"),
  node("hq", "/hq/", "hq"),
  node("east", "/hq/east/", "region"),
  node("dealer-a", "/hq/east/dealer-a/", "dealer"),
  node("team-a", "/hq/east/dealer-a/team-a/", "team"),
  node("team-old", "/hq/east/dealer-a/team-old/", "team", false),
  node("dealer-ab", "/hq/east/dealer-ab/", "dealer"),
  node("bank", "/hq/bank/", "partner"),
];

describe("manageableOrgs", () => {
  it("offers a dealer's admin their dealer and its active teams, not the nodes above nor a look-alike", () => {
    expect(manageableOrgs(TREE, "dealer-a").map((o) => o.id)).toEqual(["dealer-a", "team-a", "team-b"]);
  });

  it("offers HQ's admin the whole tree", () => {
    expect(manageableOrgs(TREE, "hq").map((o) => o.id)).toEqual(["hq", "bank", "east", "dealer-a", "team-a", "team-b", "dealer-ab"]);
  });

  it("offers nothing while the admin's own node is unknown", () => {
    expect(manageableOrgs(TREE, "nowhere")).toEqual([]);
  });
});
