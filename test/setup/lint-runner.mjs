// Lints several snippets, each as if it were a given file of the project, with the
// project's real ESLint config, in one process (test/lint.test.ts). Reads
// [{ file, code }] as JSON on stdin; writes [[ "rule: message", ... ], ...].
import { ESLint } from "eslint";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const chunks = [];
for await (const c of process.stdin) chunks.push(c);
const items = JSON.parse(Buffer.concat(chunks).toString("utf8"));
const eslint = new ESLint({ cwd: root });
const out = [];
for (const { file, code } of items) {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  out.push(result.messages.map((m) => `${m.ruleId}: ${m.message}`));
}
process.stdout.write(JSON.stringify(out));
