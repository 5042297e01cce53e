import * as React from "react";
import { FluentProvider, MessageBar, MessageBarBody, Text, makeStyles, tokens, type Theme } from "@fluentui/react-components";
import type { ExcelOperations, SelectionInfo } from "../excel";
import { setLabel, setsOf, type OptionalFeature, type Support } from "../excel/requirements";
import { SelectionCard } from "./SelectionCard";
import { Workflow } from "./Workflow";
import { t, type Locale, type StringKey } from "./strings";
import type { VisibilityWatch } from "./visibility";
import { CVA_VERSION } from "./version";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM, padding: tokens.spacingHorizontalL, minHeight: "100vh", boxSizing: "border-box" },
  subtle: { color: tokens.colorNeutralForeground3 },
});

export interface AppProps {
  /** The workbook operations (src/excel); tests pass fakes. */
  excel: ExcelOperations;
  locale: Locale;
  theme: Theme;
  /** The version in the footer; package.json's, put in by the build (./version.ts). */
  version?: string;
  /** Office.addin.onVisibilityModeChanged (./visibility.ts): the selection is not followed while the pane is hidden. */
  watchVisibility?: VisibilityWatch;
  /** What this Excel lacks (src/excel/requirements.ts): a missing required set stops the pane. */
  support?: Support;
}

/** What the pane says is lost without an optional feature; features not listed here are told where they matter (the Run step says when a run cannot be undone in one step). */
const LOST: Partial<Record<OptionalFeature, StringKey>> = {
  screenUpdating: "featureScreenUpdating",
  chartSelect: "featureChartSelect",
  pageLayout: "featurePageLayout",
};

function RequirementsBar({ locale, support }: { locale: Locale; support: Support | undefined }) {
  if (!support) return null;
  const list = (items: string[], sep: { en: string; zh: string }) => items.join(locale === "zh-CN" ? sep.zh : sep.en);
  if (support.missing.length > 0) {
    return (
      <MessageBar intent="error">
        <MessageBarBody data-testid="requirements">{t(locale, "requirementsMissing", { sets: list(support.missing.map(setLabel), { en: ", ", zh: "、" }) })}</MessageBarBody>
      </MessageBar>
    );
  }
  const told = support.lost.filter((f) => LOST[f] !== undefined);
  if (told.length === 0) return null;
  return (
    <MessageBar intent="warning">
      <MessageBarBody data-testid="requirements">
        {t(locale, "requirementsDegraded", {
          sets: list(setsOf(told).map(setLabel), { en: ", ", zh: "、" }),
          lost: list(told.map((f) => t(locale, LOST[f] as StringKey)), { en: "; ", zh: "；" }),
        })}
      </MessageBarBody>
    </MessageBar>
  );
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * The task pane: the selection (followed as it changes while the pane is on screen) and the
 * analysis flow, through `excel`. Where Excel lacks a required set it says so and starts nothing.
 */
export function App({ excel, locale, theme, version = CVA_VERSION, watchVisibility, support }: AppProps) {
  const [selection, setSelection] = React.useState<SelectionInfo>();
  const [error, setError] = React.useState<string>();
  const [visible, setVisible] = React.useState(true);
  const usable = !support || support.missing.length === 0;

  React.useEffect(() => {
    if (!watchVisibility) return;
    let active = true;
    let stop: (() => Promise<void>) | undefined;
    watchVisibility((v) => active && setVisible(v)).then(
      (remove) => {
        if (active) stop = remove;
        else void remove().catch(() => undefined);
      },
      // Without the event the pane simply keeps following the selection, as it did before.
      () => undefined,
    );
    return () => {
      active = false;
      if (stop) void stop().catch(() => undefined);
    };
  }, [watchVisibility]);

  // While the pane is hidden (closed, in the shared runtime) the handler is removed: Excel is asked
  // nothing. Shown again, the selection is read afresh and followed again.
  React.useEffect(() => {
    if (!visible || !usable) return;
    let active = true;
    let unsubscribe: (() => Promise<void>) | undefined;
    const show = (info: SelectionInfo) => {
      if (!active) return;
      setSelection(info);
      setError(undefined);
    };
    const fail = (e: unknown) => active && setError(messageOf(e));
    excel.readSelection().then(show, fail);
    excel.watchSelection(show, fail).then(
      (remove) => {
        if (active) unsubscribe = remove;
        else void remove().catch(fail);
      },
      fail,
    );
    return () => {
      active = false;
      if (unsubscribe) void unsubscribe().catch(() => undefined); // the pane is closing; nothing left to show an error in
    };
  }, [excel, visible, usable]);

  const styles = useStyles();
  return (
    <FluentProvider theme={theme} lang={locale}>
      <main className={styles.root}>
        <header>
          <Text as="h1" size={600} weight="semibold" block>
            {t(locale, "appTitle")}
          </Text>
          <Text size={200} className={styles.subtle} block>
            {t(locale, "appSubtitle")}
          </Text>
        </header>
        <RequirementsBar locale={locale} support={support} />
        {usable && (
          <>
            <SelectionCard locale={locale} selection={selection} error={error} />
            <Workflow excel={excel} locale={locale} selection={selection} />
            <section>
              <Text as="h2" size={400} weight="semibold" block>
                {t(locale, "functionsHeading")}
              </Text>
              <Text size={200} block>
                {t(locale, "functionsHint")}
              </Text>
            </section>
          </>
        )}
        {version && (
          <footer>
            <Text size={100} className={styles.subtle} data-testid="version">
              CVA {version}
            </Text>
          </footer>
        )}
      </main>
    </FluentProvider>
  );
}
