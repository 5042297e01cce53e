/**
 * The language of the labels the functions return (tier, stage, segment names): Office's
 * display language in the shared runtime, zh-CN for any Chinese UI, else en-US.
 */
import type { Lang } from "../core";

export function displayLang(): Lang {
  const office = (globalThis as { Office?: { context?: { displayLanguage?: string } } }).Office;
  const lang = office?.context?.displayLanguage;
  return lang && lang.toLowerCase().startsWith("zh") ? "zh-CN" : "en-US";
}
