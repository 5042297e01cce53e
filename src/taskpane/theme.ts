/** Picks the Fluent theme that matches Office's: dark when Office's body background is dark. */
import { webDarkTheme, webLightTheme, type Theme } from "@fluentui/react-components";

/** Relative luminance (0 black … 1 white) of a "#rrggbb" colour; undefined when unparseable. */
export function luminance(hex: string | undefined): number | undefined {
  const m = hex && /^#?([0-9a-f]{6})$/i.exec(hex.trim());
  if (!m) return undefined;
  const n = parseInt(m[1], 16);
  const channel = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel((n >> 16) & 255) + 0.7152 * channel((n >> 8) & 255) + 0.0722 * channel(n & 255);
}

export function themeFor(bodyBackgroundColor: string | undefined): Theme {
  const l = luminance(bodyBackgroundColor);
  return l !== undefined && l < 0.2 ? webDarkTheme : webLightTheme;
}
