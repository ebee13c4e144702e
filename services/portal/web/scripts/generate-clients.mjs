// The API clients' types, generated from the services' OpenAPI documents (docs/openapi).
// `npm run generate` writes src/api/generated/<service>.ts; `npm run check-clients` fails when
// a committed file differs from what the documents generate (CI runs it).
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import openapiTS, { astToString } from "openapi-typescript";

const here = path.dirname(fileURLToPath(import.meta.url));
const docs = path.resolve(here, "../../../../docs/openapi");
const out = path.resolve(here, "../src/api/generated");
const check = process.argv.includes("--check");
const header = "// Generated from docs/openapi by `npm run generate`: never edit by hand.\n";

let drifted = [];
for (const file of fs.readdirSync(docs).filter((f) => f.endsWith(".json")).sort()) {
  const service = file.replace(/\.json$/, "");
  const document = JSON.parse(fs.readFileSync(path.join(docs, file), "utf8"));
  const ast = await openapiTS(document, { alphabetize: true });
  const source = header + astToString(ast);
  const target = path.join(out, `${service}.ts`);
  if (check) {
    if (!fs.existsSync(target) || fs.readFileSync(target, "utf8") !== source) drifted.push(target);
  } else {
    fs.mkdirSync(out, { recursive: true });
    fs.writeFileSync(target, source);
  }
}
if (drifted.length) {
  console.error(
    `API clients drifted from docs/openapi: ${drifted.join(", ")}\n` +
      "run `npm run generate` in services/portal/web and commit",
  );
  process.exit(1);
}
console.log(check ? "API clients match docs/openapi" : `API clients written to ${out}`);
