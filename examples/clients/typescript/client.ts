// A typed client of the dme_rules HTTP service (Node 18 or later, built-in fetch). Its types
// come from the service's OpenAPI document: `npm run types` writes schema.d.ts with
// openapi-typescript, `npm run check` checks this file against it with tsc.
//
//   node dist/client.js http://127.0.0.1:8000 ../../cases/spec-example.json 2025-09-01 [fr|en]
//
// Prints the verdict, the decision id and one line per finding; exits 0 when no finding is a
// violation, 1 when one is, 2 when the service refuses the case, 3 when it cannot be reached.
import { readFile } from "node:fs/promises";
import type { components, paths } from "./schema.js";

export type Report = components["schemas"]["report"];
export type Problem = components["schemas"]["problem"];
export type Lang = NonNullable<NonNullable<paths["/v1/evaluate"]["post"]["parameters"]["query"]>["lang"]>;
export type Query = NonNullable<paths["/v1/evaluate"]["post"]["parameters"]["query"]>;

/** An evaluation's outcome: the report and its decision id, or the problem. */
export type Outcome =
  | { ok: true; report: Report; decisionId: string | null; requestId: string | null }
  | { ok: false; status: number; problem: Problem; requestId: string | null };

/** POST /v1/evaluate: the report on one document, in `query.lang` (French by default). */
export async function evaluate(base: string, document: string, query: Query = {}): Promise<Outcome> {
  const search = new URLSearchParams();
  if (query.as_of !== undefined) search.set("as_of", query.as_of);
  if (query.lang !== undefined) search.set("lang", query.lang);
  for (const reading of query.reading ?? []) search.append("reading", reading);
  const response = await fetch(`${base}/v1/evaluate?${search}`, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json" },
    body: document,
  });
  const requestId = response.headers.get("x-request-id");
  if (response.ok) {
    const report = (await response.json()) as Report;
    return { ok: true, report, decisionId: response.headers.get("x-decision-id"), requestId };
  }
  return { ok: false, status: response.status, problem: (await response.json()) as Problem, requestId };
}

const UNREACHABLE: Record<Lang, (base: string, reason: string) => string> = {
  fr: (base, reason) => `le service ne répond pas à ${base} (${reason})`,
  en: (base, reason) => `the service does not answer at ${base} (${reason})`,
};

function isLang(value: string): value is Lang {
  return value in UNREACHABLE;
}

async function main(argv: string[]): Promise<number> {
  const [base, file, asOf, asked = "fr"] = argv;
  if (base === undefined || file === undefined || !isLang(asked)) {
    console.error("client.js: BASE_URL CASE.json [AS_OF] [fr|en]");
    return 2;
  }
  const query: Query = asOf === undefined ? { lang: asked } : { lang: asked, as_of: asOf };
  let outcome: Outcome;
  try {
    outcome = await evaluate(base, await readFile(file, "utf-8"), query);
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause;
    console.error(`client.js: ${UNREACHABLE[asked](base, cause?.code ?? String(error))}`);
    return 3;
  }
  if (!outcome.ok) {
    console.error(`client.js: ${outcome.status} ${outcome.problem.title}: ${outcome.problem.detail}`);
    return 2;
  }
  const { report, decisionId } = outcome;
  console.log(`${report.case_id}: ${report.status} (${decisionId})`);
  for (const finding of report.findings) {
    console.log(`  ${finding.rule_id} ${finding.status} ${finding.due ?? ""}`.trimEnd());
  }
  return report.status === "violation" ? 1 : 0;
}

process.exitCode = await main(process.argv.slice(2));
