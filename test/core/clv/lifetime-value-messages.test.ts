/**
 * The messages of resolveLifetimeOptions's refusals (src/core/clv/lifetime-value.ts), word for
 * word in both languages: the key and the argument are pinned in test/core/rules/lifetime-value.test.ts,
 * the texts' parameters (which argument, which choices, what was given) here. Expected texts:
 * the en-US and zh-CN templates of src/core/i18n/error-texts/arguments.ts filled in by hand, the
 * argument shown by its name in src/core/i18n/errors.ts ARGUMENT_NAMES (unit: 时间单位 in zh-CN;
 * horizonMonths: "the CLV horizon in months", 终生价值期限（月）).
 */
import { lifetimeValue } from "../../../src/core/clv/lifetime-value";
import type { LifetimeOptions } from "../../../src/core";
import { errorText } from "../../../src/core/i18n/errors";
import { thrown } from "../../support/thrown";

const refusal = (o: Partial<LifetimeOptions>) => thrown(() => lifetimeValue(() => 0, 1, { unit: "weeks", ...o }));

describe("resolveLifetimeOptions names the argument, the choices and what it got", () => {
  it("a unit other than days, weeks or months", () => {
    const e = refusal({ unit: "years" as LifetimeOptions["unit"] });
    expect(e.message).toBe('unit must be one of days, weeks, months; got "years"');
    expect(errorText("zh-CN", e.key!, e.params)).toBe('时间单位必须是 days, weeks, months 之一；实际为"years"');
  });
  it("a horizon that is not a whole number of months", () => {
    const e = refusal({ horizonMonths: 1.5 });
    expect(e.message).toBe("the CLV horizon in months must be a whole number; got 1.5");
    expect(errorText("zh-CN", e.key!, e.params)).toBe("终生价值期限（月）必须是整数；实际为1.5");
  });
});
