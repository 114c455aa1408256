// Evaluate a case file with the dme_rules HTTP service, from Node.js (18 or later): no packages,
// only the built-in fetch.
//
//   dme-rules serve --port 8000 &
//   node evaluate.mjs http://127.0.0.1:8000 ../../cases/spec-example.json 2025-09-01 [fr|en]
//
// Prints the verdict and one line per finding with its message, in the language asked (French
// by default); exits 0 when no finding is a violation, 1 when one is, 2 when the service refuses
// the case (one line: the problem's title and detail, naming the first JSON path at fault and
// how many others), 3 when the service cannot be reached (one line, no stack).
import { readFile } from "node:fs/promises";

const WORDS = {
  fr: {
    usage: "utilisation : node evaluate.mjs URL_DE_BASE DOSSIER.json [AS_OF] [fr|en]",
    unreachable: (base, reason) => `le service ne répond pas à ${base} (${reason})`,
    unreadable: (file, reason) => `lecture de ${file} impossible (${reason})`,
    notJson: (status) => `réponse ${status} du service, qui n'est pas du JSON`,
    problem: (status, title, detail) => `${status} ${title} : ${detail}`,
  },
  en: {
    usage: "usage: node evaluate.mjs BASE_URL CASE.json [AS_OF] [fr|en]",
    unreachable: (base, reason) => `the service does not answer at ${base} (${reason})`,
    unreadable: (file, reason) => `cannot read ${file} (${reason})`,
    notJson: (status) => `the service answered ${status}, not JSON`,
    problem: (status, title, detail) => `${status} ${title}: ${detail}`,
  },
};

const [base, file, asOf, lang = "fr"] = process.argv.slice(2);
const words = WORDS[lang] ?? WORDS.fr;
function fail(message, code) {
  console.error(`evaluate.mjs: ${message}`);
  process.exit(code);
}
if (!base || !file || !(lang in WORDS)) fail(words.usage, 2);

let body;
try {
  body = await readFile(file);
} catch (error) {
  fail(words.unreadable(file, error.code ?? error.message), 2);
}

const query = new URLSearchParams({ lang });
if (asOf) query.set("as_of", asOf);
let response;
try {
  response = await fetch(`${base}/v1/evaluate?${query}`, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json", "accept-language": lang },
    body,
  });
} catch (error) {
  // A refused connection, an unknown host, a reset: fetch says "fetch failed", its cause why.
  fail(words.unreachable(base, error.cause?.code ?? error.cause?.message ?? error.message), 3);
}
let answer;
try {
  answer = await response.json();
} catch {
  fail(words.notJson(response.status), 3);
}

if (!response.ok) {
  // RFC 9457 problem details, in the language asked: the detail names the first field at
  // fault and how many others there are (each is in answer.errors).
  fail(words.problem(response.status, answer.title, answer.detail), 2);
}

console.log(`${answer.case_id}: ${answer.status}`);
for (const finding of answer.findings) {
  const due = finding.due ?? "";
  console.log(`  ${finding.rule_id} ${finding.status} ${due}`.trimEnd() + ` — ${finding.message}`);
}
process.exit(answer.status === "violation" ? 1 : 0);
