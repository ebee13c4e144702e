// The org tree and the users of the caller's scope, whole: identity answers them a page at a
// time, and a tree, a dealer picker or a list of consultants to assign to needs every one.
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { allPages, data, identity } from "../../api/client";
import { can, useSession } from "../../session";

const ORGS_PAGE = 5000;
const USERS_PAGE = 500;
const PARTNERS_PAGE = 500;

export function fetchOrgs() {
  return allPages((limit, offset) => data(identity.GET("/orgs", { params: { query: { limit, offset } } })), ORGS_PAGE);
}

export function fetchUsers() {
  return allPages((limit, offset) => data(identity.GET("/users", { params: { query: { limit, offset } } })), USERS_PAGE);
}

/** The tenant's partners of a type (a repair or service shop, a parts maker…), by name: whom a
 * dealer's staff send work to, though they hang outside the dealer's own part of the tree. */
export function usePartners(partnerType: "service" | "parts" | "finance" | "insurance", { enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: ["partners", partnerType],
    queryFn: () => allPages((limit, offset) => data(identity.GET("/partners", { params: { query: { limit, offset, partner_type: partnerType } } })), PARTNERS_PAGE),
    enabled,
    staleTime: 5 * 60_000,
  });
}

export function useOrgs() {
  return useQuery({ queryKey: ["orgs"], queryFn: fetchOrgs });
}

/** An org's name as the caller may know it: the nodes of their part of the tree and those
 * above it (identity's org tree), and, with `partners`, the partner orgs for those who send
 * them work; its id where neither names it (another dealer, for a dealer's staff). */
export function useOrgName({ partners = false }: { partners?: boolean } = {}): (orgId: string | null | undefined) => string {
  const session = useSession();
  const orgs = useQuery({ queryKey: ["orgs"], queryFn: fetchOrgs, staleTime: 5 * 60_000 });
  const withPartners = partners && can(session, "ticket.manage");
  const partnerOrgs = useQuery({
    queryKey: ["partners", "all"],
    queryFn: () => allPages((limit, offset) => data(identity.GET("/partners", { params: { query: { limit, offset } } })), PARTNERS_PAGE),
    enabled: withPartners,
    staleTime: 5 * 60_000,
  });
  const names = new Map([...(orgs.data ?? []), ...(withPartners ? (partnerOrgs.data ?? []) : [])].map((o) => [o.id, o.name]));
  return (orgId) => (orgId ? (names.get(orgId) ?? orgId) : "");
}

export function useUsers({ enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({ queryKey: ["users"], queryFn: fetchUsers, enabled, staleTime: 5 * 60_000 });
}

/** The users of the caller's scope where they may read them (identity's user.read). */
export function useStaff() {
  const session = useSession();
  return useUsers({ enabled: can(session, "user.read") });
}

/** Who a record's owner is: by name where the caller may read the users of their scope;
 * otherwise "me" or the user's id. */
export function useOwnerName(): (userId: string | null | undefined) => string {
  const { t } = useTranslation();
  const session = useSession();
  const staff = useStaff();
  const names = new Map((staff.data ?? []).map((u) => [u.id, u.username]));
  return (userId) => {
    if (!userId) return t("ticket.unassigned");
    if (userId === session.user_id) return t("ticket.me");
    return names.get(userId) ?? userId;
  };
}
