import * as React from "react";
import { FluentProvider, Text, makeStyles, tokens, type Theme } from "@fluentui/react-components";
import type { ExcelOperations, SelectionInfo } from "../excel";
import { SelectionCard } from "./SelectionCard";
import { Workflow } from "./Workflow";
import { t, type Locale } from "./strings";
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
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** The task pane: the selection (followed as it changes) and the analysis flow, through `excel`. */
export function App({ excel, locale, theme, version = CVA_VERSION }: AppProps) {
  const [selection, setSelection] = React.useState<SelectionInfo>();
  const [error, setError] = React.useState<string>();

  React.useEffect(() => {
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
  }, [excel]);

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
