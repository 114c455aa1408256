// Evaluate a case file with the dme_rules HTTP service, from Node.js (18 or later): no packages,
// only the built-in fetch.
//
//   dme-rules serve --port 8000 &
//   node evaluate.mjs http://127.0.0.1:8000 ../../cases/spec-example.json 2025-09-01
//
// Prints the verdict and one line per finding; exits 0 when no finding is a violation, 1 when
// one is, 2 when the service refuses the case (the problem's JSON path is printed).
import { readFile } from "node:fs/promises";

const [base, file, asOf, lang = "en"] = process.argv.slice(2);
if (!base || !file) {
  console.error("usage: node evaluate.mjs BASE_URL CASE.json [AS_OF] [fr|en]");
  process.exit(2);
}

const query = new URLSearchParams({ lang });
if (asOf) query.set("as_of", asOf);
const response = await fetch(`${base}/v1/evaluate?${query}`, {
  method: "POST",
  headers: { "content-type": "application/json", accept: "application/json" },
  body: await readFile(file),
});
const body = await response.json();

if (!response.ok) {
  // RFC 9457 problem details: each error names the JSON path of the field at fault.
  console.error(`${response.status} ${body.title}`);
  for (const error of body.errors ?? []) console.error(`  ${error.path}: expected ${error.expected}`);
  process.exit(2);
}

console.log(`${body.case_id}: ${body.status}`);
for (const finding of body.findings) {
  console.log(`  ${finding.rule_id} ${finding.status} ${finding.due ?? ""}`.trimEnd());
}
process.exit(body.status === "violation" ? 1 : 0);
