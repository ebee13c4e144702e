// Which org nodes an admin may put a new user in.
import type { components } from "../../api/generated/identity";

type Org = components["schemas"]["OrgNodePublic"];

/** The active nodes at and below the admin's own (HQ's admin: the whole tree), theirs first,
 * then by place in the tree — identity refuses any other (its may_manage_users_in); the nodes
 * above the admin, which the org list also holds, are not theirs to staff. */
export function manageableOrgs(orgs: Org[], adminNode: string): Org[] {
  const own = orgs.find((o) => o.id === adminNode);
  if (!own) return [];
  return orgs.filter((o) => o.active && o.path.startsWith(own.path)).sort((a, b) => a.path.localeCompare(b.path));
}
