import { afterEach, describe, expect, it, vi } from "vitest";
import { allPages, csrfHeaders, leads, setCsrfToken } from "./client";

afterEach(() => {
  setCsrfToken(null);
  vi.unstubAllGlobals();
});

describe("calls through the BFF", () => {
  it("sends the CSRF token on state-changing calls only", () => {
    setCsrfToken("t0k3n");
    expect(csrfHeaders("POST")).toEqual({ "X-CSRF-Token": "t0k3n" });
    expect(csrfHeaders("put")).toEqual({ "X-CSRF-Token": "t0k3n" });
    expect(csrfHeaders("GET")).toEqual({});
  });

  it("goes to /api/<service> with the cookie and the token, never an Authorization header", async () => {
    setCsrfToken("t0k3n");
    const fetch = vi.fn(async () => new Response(JSON.stringify({ id: "l1" }), { status: 200, headers: { "content-type": "application/json" } }));
    vi.stubGlobal("fetch", fetch);
    // Requests need an absolute URL outside a browser: the page's origin stands in.
    await leads.POST("/leads/{lead_id}/claim", { params: { path: { lead_id: "l1" } }, baseUrl: "http://portal.test/api/leads", fetch } as never);
    const request = (fetch.mock.calls[0] as unknown as [Request])[0];
    expect(new URL(request.url).pathname).toBe("/api/leads/leads/l1/claim");
    expect(request.headers.get("X-CSRF-Token")).toBe("t0k3n");
    expect(request.headers.get("Authorization")).toBeNull();
    expect(request.credentials).toBe("same-origin");
  });
});

describe("whole lists", () => {
  it("reads page after page until a short one", async () => {
    const rows = Array.from({ length: 7 }, (_, i) => i);
    const asked: [number, number][] = [];
    const all = await allPages(async (limit, offset) => {
      asked.push([limit, offset]);
      return rows.slice(offset, offset + limit);
    }, 3);
    expect(all).toEqual(rows);
    expect(asked).toEqual([
      [3, 0],
      [3, 3],
      [3, 6],
    ]);
  });

  it("asks once more after a full last page", async () => {
    const fetchPage = vi.fn(async (limit: number, offset: number) => [1, 2].slice(offset, offset + limit));
    expect(await allPages(fetchPage, 2)).toEqual([1, 2]);
    expect(fetchPage).toHaveBeenCalledTimes(2);
  });

  it("refuses a list past the services' deepest page", async () => {
    await expect(allPages(async (limit) => Array.from({ length: limit }, () => 0), 50_000)).rejects.toThrow("too many");
  });
});
