// Regenerates cli/tests/fixtures/jsonata-reference.json: each expression evaluated by the reference
// JavaScript implementation (npm jsonata 2.0.6, the version AWS runs) the way a Step Functions state does:
// no context document, `$states` = {input} and the variables bound.
//   npm install --prefix /tmp/jref jsonata@2.0.6 && NODE_PATH=/tmp/jref/node_modules node scripts/jsonata-reference.mjs
import { createRequire } from "module";
import { readFileSync, writeFileSync } from "fs";
const require = createRequire(import.meta.url);
const jsonata = require("jsonata");
const path = new URL("../cli/tests/fixtures/jsonata-reference.json", import.meta.url);
const cases = JSON.parse(readFileSync(path, "utf8"));
for (const c of cases) {
  delete c.result; delete c.undefined; delete c.error;
  try {
    const r = await jsonata(c.expr).evaluate(undefined, { states: { input: c.input }, ...(c.vars || {}) });
    if (r === undefined) c.undefined = true; else c.result = JSON.parse(JSON.stringify(r));
  } catch (e) {
    c.error = e.code;
  }
}
writeFileSync(path, JSON.stringify(cases, null, 1) + "\n");
console.log(`${cases.length} expressions evaluated with jsonata ${require("jsonata/package.json").version}`);
