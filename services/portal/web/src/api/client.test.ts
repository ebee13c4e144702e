import { afterEach, describe, expect, it, vi } from "vitest";
import { csrfHeaders, leads, setCsrfToken } from "./client";

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
