// Every command's --help in English and in Chinese, listing the same options.
import { main, COMMANDS } from "../../src/cli/main";
import { fakeIo } from "./helpers";

const optionsOf = (text: string) => [...new Set(text.match(/--[a-z][a-z-]*/g))].sort();

describe.each(COMMANDS.map((c) => c.name))("cva %s --help", (name) => {
  it("is the command's usage in English, and in Chinese with --lang zh-CN or a Chinese locale", async () => {
    const en = fakeIo(".");
    expect(await main([name, "--help"], en)).toBe(0);
    expect(en.out).toBe(COMMANDS.find((c) => c.name === name)!.usage + "\n");
    const zh = fakeIo(".");
    expect(await main([name, "--help", "--lang", "zh-CN"], zh)).toBe(0);
    expect(zh.out).toMatch(new RegExp(`^用法：cva ${name} `));
    const locale = fakeIo(".", { LANG: "zh_CN.UTF-8" });
    expect(await main([name, "-h"], locale)).toBe(0);
    expect(locale.out).toBe(zh.out);
    // The same options, and the same choices of --model where there is one.
    expect(optionsOf(zh.out)).toEqual(optionsOf(en.out));
    const models = (t: string) => /--model (?:NAME|[a-z|]+)[^\n]*/.test(t) ? [...t.matchAll(/\b(auto|bgnbd|mbgnbd|paretonbd|bgbb|gammagamma|none|btyd)\b/g)].map((m) => m[1]).sort() : [];
    expect(new Set(models(zh.out))).toEqual(new Set(models(en.out)));
  });
});
