import { strings, t, localeFor } from "../../src/taskpane/strings";
import { themeFor, luminance } from "../../src/taskpane/theme";
import { webDarkTheme, webLightTheme } from "@fluentui/react-components";

describe("task pane strings", () => {
  const en = strings["en-US"];
  const zh = strings["zh-CN"];

  it("every key exists in both languages, is not empty, and zh-CN is translated", () => {
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
    for (const key of Object.keys(en) as Array<keyof typeof en>) {
      expect(en[key].trim()).not.toBe("");
      expect([key, /[\u4e00-\u9fff]/.test(zh[key])]).toEqual([key, true]);
      // The same placeholders in both languages.
      const holes = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
      expect([key, holes(zh[key])]).toEqual([key, holes(en[key])]);
    }
  });

  it("fills placeholders with numbers formatted for the locale", () => {
    expect(t("en-US", "selectionSizeValue", { rows: 12345, columns: 3 })).toBe("12,345 rows × 3 columns");
    expect(t("zh-CN", "selectionSizeValue", { rows: 12345, columns: 3 })).toBe("12,345 行 × 3 列");
  });

  it.each([
    ["zh-CN", "zh-CN"],
    ["zh-TW", "zh-CN"],
    ["ZH-cn", "zh-CN"],
    ["en-GB", "en-US"],
    ["fr-FR", "en-US"],
    [undefined, "en-US"],
  ])("Office language %s → %s", (lang, locale) => {
    expect(localeFor(lang)).toBe(locale);
  });
});

describe("theme", () => {
  it("follows Office's body background: dark grey → dark theme, white → light", () => {
    expect(luminance("#ffffff")).toBeCloseTo(1, 6);
    expect(luminance("#000000")).toBe(0);
    expect(themeFor("#262626")).toBe(webDarkTheme);
    expect(themeFor("#FFFFFF")).toBe(webLightTheme);
    expect(themeFor(undefined)).toBe(webLightTheme);
  });
});
