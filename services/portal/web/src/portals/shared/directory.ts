// The org tree and the users of the caller's scope, whole: identity answers them a page at a
// time, and a tree, a dealer picker or a list of consultants to assign to needs every one.
import { useQuery } from "@tanstack/react-query";
import { allPages, data, identity } from "../../api/client";

const ORGS_PAGE = 5000;
const USERS_PAGE = 500;

export function fetchOrgs() {
  return allPages((limit, offset) => data(identity.GET("/orgs", { params: { query: { limit, offset } } })), ORGS_PAGE);
}

export function fetchUsers() {
  return allPages((limit, offset) => data(identity.GET("/users", { params: { query: { limit, offset } } })), USERS_PAGE);
}

export function useOrgs() {
  return useQuery({ queryKey: ["orgs"], queryFn: fetchOrgs });
}

export function useUsers({ enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({ queryKey: ["users"], queryFn: fetchUsers, enabled, staleTime: 5 * 60_000 });
}
