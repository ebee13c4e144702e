import { expect, test } from "vitest";
import { giveCreatedStylesTheNonce } from "./styleNonce";

test("style elements the page's scripts create carry the nonce, other elements do not", () => {
  giveCreatedStylesTheNonce("n0nce");
  expect(document.createElement("style").nonce).toBe("n0nce");
  expect(document.createElement("div").nonce).toBe("");
  const parsed = document.createElement("div");
  parsed.innerHTML = "<style>body{}</style>";
  expect((parsed.firstChild as HTMLStyleElement).nonce).toBe("");
});
