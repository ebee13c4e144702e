// The pools of the caller's books, whole: leads answers them a page at a time (the first 200
// unless asked), and a pool picker or the pool rules need every one.
import { useQuery } from "@tanstack/react-query";
import { allPages, data, leads } from "../../api/client";

/** The longest page leads answers of its pools. */
export const POOLS_PAGE = 500;

export function fetchPools() {
  return allPages((limit, offset) => data(leads.GET("/pools", { params: { query: { limit, offset } } })), POOLS_PAGE);
}

export function usePools({ enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({ queryKey: ["pools"], queryFn: fetchPools, enabled });
}
