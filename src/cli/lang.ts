/**
 * The language of the CLI's messages and of the labels `cva analyze` writes: the global option
 * `--lang en-US|zh-CN` (anywhere on the command line, before or after the command), else the
 * environment's locale as POSIX orders it — LC_ALL, then LC_MESSAGES, then LANG, the first that
 * is set and not empty — read as zh-CN when it starts with "zh" (zh_CN.UTF-8, zh_TW, zh-Hans…)
 * and en-US otherwise (C, POSIX, en_GB, de_DE…). docs/output.md §6.
 */
import { isCvaError, normaliseLang, type Lang } from "../core";
import { UsageError } from "./args";

/**
 * @throws UsageError when --lang is given a value other than en-US or zh-CN (also en, zh, zh-Hans).
 * @example cliLang(["summary", "tx.csv", "--lang=zh-CN"], {}) // "zh-CN"
 * @example cliLang(["summary", "tx.csv"], { LANG: "zh_CN.UTF-8" }) // "zh-CN"
 */
export function cliLang(argv: readonly string[], env: Readonly<Record<string, string | undefined>> = {}): Lang {
  let given: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--lang") given = argv[++i] ?? "";
    else if (a.startsWith("--lang=")) given = a.slice("--lang=".length);
  }
  if (given !== undefined) {
    try {
      return normaliseLang(given);
    } catch (e) {
      if (isCvaError(e) && e.key) throw UsageError.keyed(e.key, e.params);
      throw e;
    }
  }
  const locale = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((v) => v !== undefined && v !== "");
  return locale !== undefined && /^zh/i.test(locale) ? "zh-CN" : "en-US";
}

/** The arguments without the global options that come before the command name (`cva --lang zh-CN analyze …`). */
export function withoutLeadingGlobals(argv: readonly string[]): string[] {
  const rest = [...argv];
  for (;;) {
    if (rest[0] === "--lang") rest.splice(0, 2);
    else if (rest[0]?.startsWith("--lang=")) rest.splice(0, 1);
    else return rest;
  }
}
