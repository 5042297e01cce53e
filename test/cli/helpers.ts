// Shared by the CLI tests that run main() in-process: a fake io that records what a command
// wrote, and a scratch folder per test file.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { CliIo } from "../../src/cli/io";

export type FakeIo = CliIo & { out: string; err: string };

/** An io whose stdout and stderr are strings; `env` is the environment the CLI sees (none by default). */
export function fakeIo(cwd: string, env: Record<string, string | undefined> = {}): FakeIo {
  const io: FakeIo = { out: "", err: "", cwd, env, stdout: (t: string) => void (io.out += t), stderr: (t: string) => void (io.err += t) };
  return io;
}

/** A fresh scratch folder, removed after the file's tests. */
export function scratch(prefix: string): { dir: () => string; write: (name: string, content: string | Buffer) => string } {
  let dir = "";
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  return {
    dir: () => dir,
    write: (name, content) => {
      const p = path.join(dir, name);
      fs.mkdirSync(path.dirname(p), { recursive: true });
      fs.writeFileSync(p, content);
      return p;
    },
  };
}

/** Transactions of `n` customers with a few repeat purchases each, enough for BG/NBD to fit; ids from `id(i)`. */
export function fittableTransactions(n: number, id: (i: number) => string = (i) => `c${i}`): string {
  const lines = ["customer_id,date,amount"];
  for (let i = 0; i < n; i++) {
    const first = 1 + (i % 28);
    const repeats = i % 4;
    lines.push(`${id(i)},2024-01-${String(first).padStart(2, "0")},${10 + (i % 7)}`);
    for (let k = 1; k <= repeats; k++) lines.push(`${id(i)},2024-${String(1 + k * 2).padStart(2, "0")}-${String(first).padStart(2, "0")},${5 + k + (i % 5)}`);
  }
  return lines.join("\n") + "\n";
}

/** A CSV the commands write, as columns by header; fields may be quoted with commas inside. */
export function csvColumns(csv: string): Record<string, string[]> {
  const [head, ...rows] = csv.trim().split("\n");
  const names = head.split(",");
  const out: Record<string, string[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (const r of rows) r.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/).forEach((v, i) => out[names[i]].push(v));
  return out;
}

/** GBK bytes of a text, from the decoder's own table (Node encodes UTF-8 and UTF-16 only). */
export function gbk(text: string): Buffer {
  return encode(text, "gbk");
}

/** The bytes of a text in a double-byte encoding (gbk, shift_jis, big5), from the decoder's own table. */
export function encode(text: string, label: string): Buffer {
  const table = new Map<string, Buffer>();
  const dec = new TextDecoder(label);
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      const ch = dec.decode(Uint8Array.of(lead, trail));
      if (ch.length === 1 && ch !== "\uFFFD" && !table.has(ch)) table.set(ch, Buffer.from([lead, trail]));
    }
  }
  return Buffer.concat(Array.from(text, (ch) => (ch.charCodeAt(0) < 0x80 ? Buffer.from(ch, "latin1") : table.get(ch)!)));
}
