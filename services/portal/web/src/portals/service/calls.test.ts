import { describe, expect, it } from "vitest";
import { withParts } from "./Calls";

describe("calls", () => {
  it("shows a dealer's part of a handed call as a row inside the call, not a call of its own", () => {
    const part = { id: "part", parts: [] } as unknown as Parameters<typeof withParts>[0];
    const call = { id: "call", parts: [part] } as unknown as Parameters<typeof withParts>[0];
    expect(withParts(call).children?.map((c) => c.id)).toEqual(["part"]);
    expect(withParts(part).children).toBeUndefined();
  });
});
