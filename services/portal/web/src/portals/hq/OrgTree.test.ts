import { describe, expect, it } from "vitest";
import { toTree } from "./OrgTree";

const org = (id: string, parent_id: string | null, kind = "dealer") =>
  ({ id, parent_id, kind, name: id, active: true, partner_type: null, path: "/" }) as never;

describe("org tree", () => {
  it("nests nodes under their parents; a node whose parent is out of scope is a root", () => {
    const tree = toTree([org("hq", null, "hq"), org("east", "hq", "region"), org("sh01", "east"), org("bj01", "north")]);
    expect(tree.map((n) => n.key)).toEqual(["hq", "bj01"]);
    expect(tree[0]!.children![0]!.children!.map((n) => n.key)).toEqual(["sh01"]);
  });
});
