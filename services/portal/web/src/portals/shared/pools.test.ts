import { afterEach, describe, expect, it, vi } from "vitest";
import { leads } from "../../api/client";
import { fetchPools, POOLS_PAGE } from "./pools";

afterEach(() => vi.restoreAllMocks());

describe("the pools of the caller's books", () => {
  it("are read page after page, past the service's default first page", async () => {
    const pools = Array.from({ length: POOLS_PAGE + 3 }, (_, i) => ({ id: `p${i}` }));
    type Asked = { params: { query: { limit: number; offset: number } } };
    const asked: [string, Asked["params"]["query"]][] = [];
    vi.spyOn(leads, "GET").mockImplementation((async (path: string, init: Asked) => {
      const { limit, offset } = init.params.query;
      asked.push([path, { limit, offset }]);
      return { data: pools.slice(offset, offset + limit), response: new Response(null, { status: 200 }) };
    }) as never);
    const all = await fetchPools();
    expect(all).toHaveLength(POOLS_PAGE + 3);
    expect(asked).toEqual([
      ["/pools", { limit: POOLS_PAGE, offset: 0 }],
      ["/pools", { limit: POOLS_PAGE, offset: POOLS_PAGE }],
    ]);
  });
});
