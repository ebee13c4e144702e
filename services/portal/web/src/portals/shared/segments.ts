// Customer segmentation (客户细分) and lifecycle as the leads service counts them: the order of
// the stages and quadrants, and the 2 x 2 map of order frequency x order value.

export const STAGES = ["prospect", "signed", "end_user", "repeat"] as const;
export const QUADRANTS = ["frequent_high_value", "occasional_high_value", "frequent_low_value", "occasional_low_value"] as const;

type Counted = { stages: Record<string, number>; quadrants: Record<string, number> };

/** Each stage's customers per node, in the order of the lifecycle (a stage missing counts 0). */
export function stageSeries(nodes: Counted[]): { stage: (typeof STAGES)[number]; counts: number[] }[] {
  return STAGES.map((stage) => ({ stage, counts: nodes.map((n) => n.stages[stage] ?? 0) }));
}

/** Each quadrant's buyers per node. */
export function quadrantSeries(nodes: Counted[]): { quadrant: (typeof QUADRANTS)[number]; counts: number[] }[] {
  return QUADRANTS.map((quadrant) => ({ quadrant, counts: nodes.map((n) => n.quadrants[quadrant] ?? 0) }));
}

/** The quadrants as a 2 x 2 map: high value above low, frequent left of occasional. */
export function quadrantMap(node: Counted): [[number, number], [number, number]] {
  const q = (name: (typeof QUADRANTS)[number]) => node.quadrants[name] ?? 0;
  return [
    [q("frequent_high_value"), q("occasional_high_value")],
    [q("frequent_low_value"), q("occasional_low_value")],
  ];
}
