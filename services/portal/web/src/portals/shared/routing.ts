// Lead routing rules (线索路由规则) as their managers edit them: the book's ordered list, sent
// whole under the version last read; a rule is added at the end, moved up or down, retired.
import type { components } from "../../api/generated/leads";

export type RoutingRule = components["schemas"]["RoutingRulePublic"];
export type RuleSpec = components["schemas"]["RoutingRuleSpec"];
type LeadSource = components["schemas"]["LeadSource"];
type Strategy = components["schemas"]["AutoAssignment"];

export const LEAD_SOURCES: LeadSource[] = ["campaign", "campaign_form", "oem_website", "referral", "flyer", "walk_in", "phone", "web"];
export const STRATEGIES: Strategy[] = ["round_robin", "least_loaded", "weighted"];

/** A new rule as the form holds it: hours as "HH:mm", lists possibly empty. */
export type RuleForm = {
  name: string;
  sources?: LeadSource[];
  campaign_ids?: string[];
  regions?: string[];
  vehicle_interests?: string[];
  hours?: { start: string; end: string } | null;
  kind: "pool" | "consultant" | "strategy";
  pool_id?: string;
  user_id?: string;
  strategy?: Strategy;
};

function given<T>(values: T[] | undefined | null): T[] | undefined {
  const kept = (values ?? []).filter((v) => (typeof v === "string" ? v.trim() !== "" : true));
  return kept.length > 0 ? kept : undefined;
}

/** The rule the service takes from the form: a condition left empty is not sent (it holds for
 * every lead), and the target carries only what its kind uses. */
export function ruleFrom(form: RuleForm): RuleSpec {
  const conditions: RuleSpec["conditions"] = {};
  const sources = given(form.sources);
  const campaigns = given(form.campaign_ids);
  const regions = given(form.regions);
  const words = given(form.vehicle_interests?.map((w) => w.trim()));
  if (sources) conditions.sources = sources;
  if (campaigns) conditions.campaign_ids = campaigns;
  if (regions) conditions.regions = regions;
  if (words) conditions.vehicle_interests = words;
  if (form.hours) conditions.hours = { start: `${form.hours.start}:00`, end: `${form.hours.end}:00` };
  const target: RuleSpec["target"] =
    form.kind === "consultant"
      ? { kind: "consultant", user_id: form.user_id ?? null }
      : form.kind === "strategy"
        ? { kind: "strategy", pool_id: form.pool_id ?? null, strategy: form.strategy ?? null }
        : { kind: "pool", pool_id: form.pool_id ?? null };
  return { name: form.name.trim(), conditions, target };
}

/** A rule as read, sent back unchanged with the others. */
export function specOf(rule: RoutingRule): RuleSpec {
  return { name: rule.name, conditions: rule.conditions, target: rule.target };
}

/** The list with the rule at `index` moved one place up (-1) or down (+1); unchanged at an end. */
export function moved<T>(list: readonly T[], index: number, step: -1 | 1): T[] {
  const to = index + step;
  if (index < 0 || index >= list.length || to < 0 || to >= list.length) return [...list];
  const next = [...list];
  [next[index], next[to]] = [next[to] as T, next[index] as T];
  return next;
}

/** "HH:mm" of a time the service answers ("18:00:00"). */
export function clockOf(time: string): string {
  return time.slice(0, 5);
}
