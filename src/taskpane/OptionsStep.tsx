import { Accordion, AccordionHeader, AccordionItem, AccordionPanel, Checkbox, Dropdown, Field, Input, Option, Text, makeStyles, tokens } from "@fluentui/react-components";
import * as React from "react";
import { t, type Locale } from "./strings";
import { checkOptions, parseTiers, type AnalysisOptions, type OptionProblem } from "./workflow/options";

const useStyles = makeStyles({
  // One column: a task pane is about 350 px wide.
  grid: { display: "grid", gridTemplateColumns: "minmax(0, 1fr)", gap: tokens.spacingVerticalS },
  subtle: { color: tokens.colorNeutralForeground3 },
});

const PROBLEM_KEYS = { tiers: "optionTiers", end: "optionEnd", horizon: "optionHorizon", discount: "optionDiscount", margin: "optionMargin", calibration: "optionCalibration", acquisitionCost: "optionAcquisitionCost", penalizer: "optionPenalizer" } as const;

export interface OptionsStepProps {
  locale: Locale;
  options: AnalysisOptions;
  onChange: (o: AnalysisOptions) => void;
}

/** Time unit, observation end, tiers and labels, CLV horizon, discount, margin share, lifetime model, holdout check, acquisition cost, hidden rows, language; an "Advanced" fold with the L2 penalty, the prediction intervals, live formulas, keep history and the worked example's customer id. */
export function OptionsStep({ locale, options, onChange }: OptionsStepProps) {
  const styles = useStyles();
  const [tiersText, setTiersText] = React.useState(options.tiers.join(", "));
  // Follow tiers set from outside (saved settings) without fighting the user's typing.
  React.useEffect(() => {
    setTiersText((text) => (parseTiers(text).join() === options.tiers.join() ? text : options.tiers.join(", ")));
  }, [options.tiers]);
  const problem: OptionProblem | null = checkOptions(options);
  // The fold opens on its own while it holds a penalty, a box checked or an example id (a saved setting is not hidden) or a refused value; once the user toggles it, their choice holds, except that a refused value is always shown.
  const [advancedOpen, setAdvancedOpen] = React.useState<boolean | null>(null);
  const advancedShown = problem === "penalizer" || (advancedOpen ?? (options.penalizer !== "" || options.intervals || options.liveFormulas || options.keepHistory || options.exampleId.trim() !== ""));
  const msg = (p: OptionProblem) => (problem === p ? t(locale, PROBLEM_KEYS[p]) : undefined);
  const state = (p: OptionProblem) => (problem === p ? "error" : "none");
  const units = { days: t(locale, "unitDays"), weeks: t(locale, "unitWeeks"), months: t(locale, "unitMonths") };
  const labels = { standard: t(locale, "labelsStandard"), metal: t(locale, "labelsMetal") };
  const langs = { "en-US": "English", "zh-CN": "中文" };
  const hidden = { analyse: t(locale, "hiddenAnalyse"), skip: t(locale, "hiddenSkip") };
  const models = { auto: t(locale, "modelAuto"), bgnbd: t(locale, "modelBgnbd"), mbgnbd: t(locale, "modelMbgnbd"), paretonbd: t(locale, "modelParetonbd") };
  const num = (s: string) => (s.trim() === "" ? NaN : Number(s));
  return (
    <div className={styles.grid} data-testid="options">
      <Field label={t(locale, "optUnit")}>
        <Dropdown data-testid="opt-unit" value={units[options.unit]} selectedOptions={[options.unit]} onOptionSelect={(_, d) => onChange({ ...options, unit: d.optionValue as AnalysisOptions["unit"] })}>
          {(Object.keys(units) as (keyof typeof units)[]).map((u) => (
            <Option key={u} value={u}>{units[u]}</Option>
          ))}
        </Dropdown>
      </Field>
      <Field label={t(locale, "optEnd")} hint={t(locale, "optEndHint")} validationState={state("end")} validationMessage={msg("end")}>
        <Input data-testid="opt-end" placeholder="YYYY-MM-DD" value={options.end} onChange={(_, d) => onChange({ ...options, end: d.value.trim() })} />
      </Field>
      <Field label={t(locale, "optTiers")} validationState={state("tiers")} validationMessage={msg("tiers")}>
        <Input
          data-testid="opt-tiers"
          value={tiersText}
          onChange={(_, d) => {
            setTiersText(d.value);
            onChange({ ...options, tiers: parseTiers(d.value) });
          }}
        />
      </Field>
      <Field label={t(locale, "optLabels")}>
        <Dropdown data-testid="opt-labels" value={labels[options.labels]} selectedOptions={[options.labels]} onOptionSelect={(_, d) => onChange({ ...options, labels: d.optionValue as AnalysisOptions["labels"] })}>
          <Option value="standard">{labels.standard}</Option>
          <Option value="metal">{labels.metal}</Option>
        </Dropdown>
      </Field>
      <Field label={t(locale, "optHorizon")} validationState={state("horizon")} validationMessage={msg("horizon")}>
        <Input data-testid="opt-horizon" type="number" value={String(options.horizonMonths)} onChange={(_, d) => onChange({ ...options, horizonMonths: num(d.value) })} />
      </Field>
      <Field label={t(locale, "optDiscount")} validationState={state("discount")} validationMessage={msg("discount")}>
        <Input data-testid="opt-discount" type="number" step="0.005" value={String(options.discount)} onChange={(_, d) => onChange({ ...options, discount: num(d.value) })} />
      </Field>
      <Field label={t(locale, "optMargin")} validationState={state("margin")} validationMessage={msg("margin")}>
        <Input data-testid="opt-margin" type="number" step="0.05" value={String(options.margin)} onChange={(_, d) => onChange({ ...options, margin: num(d.value) })} />
      </Field>
      <Field label={t(locale, "optModel")} hint={t(locale, "optModelHint")}>
        <Dropdown data-testid="opt-model" value={models[options.model]} selectedOptions={[options.model]} onOptionSelect={(_, d) => onChange({ ...options, model: d.optionValue as AnalysisOptions["model"] })}>
          {(Object.keys(models) as (keyof typeof models)[]).map((m) => (
            <Option key={m} value={m}>{models[m]}</Option>
          ))}
        </Dropdown>
      </Field>
      <Field label={t(locale, "optCalibration")} hint={t(locale, "optCalibrationHint")} validationState={state("calibration")} validationMessage={msg("calibration")}>
        <Input data-testid="opt-calibration" placeholder="YYYY-MM-DD" value={options.calibration} onChange={(_, d) => onChange({ ...options, calibration: d.value.trim() })} />
      </Field>
      <Field label={t(locale, "optAcquisitionCost")} hint={t(locale, "optAcquisitionCostHint")} validationState={state("acquisitionCost")} validationMessage={msg("acquisitionCost")}>
        <Input data-testid="opt-acquisition-cost" inputMode="decimal" value={options.acquisitionCost} onChange={(_, d) => onChange({ ...options, acquisitionCost: d.value.trim() })} />
      </Field>
      <Field label={t(locale, "optHidden")}>
        <Dropdown
          data-testid="opt-hidden"
          value={hidden[options.hiddenRows]}
          selectedOptions={[options.hiddenRows]}
          onOptionSelect={(_, d) => onChange({ ...options, hiddenRows: d.optionValue as AnalysisOptions["hiddenRows"] })}
        >
          <Option value="analyse">{hidden.analyse}</Option>
          <Option value="skip">{hidden.skip}</Option>
        </Dropdown>
      </Field>
      <Field label={t(locale, "optLang")}>
        <Dropdown data-testid="opt-lang" value={langs[options.lang]} selectedOptions={[options.lang]} onOptionSelect={(_, d) => onChange({ ...options, lang: d.optionValue as Locale })}>
          <Option value="en-US">English</Option>
          <Option value="zh-CN">中文</Option>
        </Dropdown>
      </Field>
      <Accordion collapsible openItems={advancedShown ? ["advanced"] : []} onToggle={(_, d) => setAdvancedOpen(d.openItems.includes("advanced"))}>
        <AccordionItem value="advanced">
          <AccordionHeader data-testid="opt-advanced">{t(locale, "optAdvanced")}</AccordionHeader>
          <AccordionPanel>
            <Field label={t(locale, "optPenalizer")} hint={t(locale, "optPenalizerHint")} validationState={state("penalizer")} validationMessage={msg("penalizer")}>
              <Input data-testid="opt-penalizer" inputMode="decimal" placeholder="0" value={options.penalizer} onChange={(_, d) => onChange({ ...options, penalizer: d.value.trim() })} />
            </Field>
            <Field hint={t(locale, "optIntervalsHint")}>
              <Checkbox data-testid="opt-intervals" label={t(locale, "optIntervals")} checked={options.intervals} onChange={(_, d) => onChange({ ...options, intervals: d.checked === true })} />
            </Field>
            <Field hint={t(locale, "optLiveFormulasHint")}>
              <Checkbox data-testid="opt-live-formulas" label={t(locale, "optLiveFormulas")} checked={options.liveFormulas} onChange={(_, d) => onChange({ ...options, liveFormulas: d.checked === true })} />
            </Field>
            <Field hint={t(locale, "optKeepHistoryHint")}>
              <Checkbox data-testid="opt-keep-history" label={t(locale, "optKeepHistory")} checked={options.keepHistory} onChange={(_, d) => onChange({ ...options, keepHistory: d.checked === true })} />
            </Field>
            <Field label={t(locale, "optExampleId")} hint={t(locale, "optExampleIdHint")}>
              {/* Kept as typed (an id may hold spaces inside); trimmed when compared with the data's ids. */}
              <Input data-testid="opt-example-id" value={options.exampleId} onChange={(_, d) => onChange({ ...options, exampleId: d.value })} />
            </Field>
          </AccordionPanel>
        </AccordionItem>
      </Accordion>
      <Text size={200} className={styles.subtle}>{t(locale, "optRemembered")}</Text>
    </div>
  );
}
