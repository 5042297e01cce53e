import { Card, CardHeader, MessageBar, MessageBarBody, Spinner, Text, makeStyles, tokens } from "@fluentui/react-components";
import type { SelectionInfo } from "../excel";
import { t, type Locale } from "./strings";

const useStyles = makeStyles({
  grid: { display: "grid", gridTemplateColumns: "auto 1fr", columnGap: tokens.spacingHorizontalM, rowGap: tokens.spacingVerticalXS },
  label: { color: tokens.colorNeutralForeground3 },
  value: { fontFamily: tokens.fontFamilyMonospace, wordBreak: "break-all" },
});

export interface SelectionCardProps {
  locale: Locale;
  selection: SelectionInfo | undefined;
  error: string | undefined;
}

/** Shows the address and size of the current selection, or why it could not be read. */
export function SelectionCard({ locale, selection, error }: SelectionCardProps) {
  const styles = useStyles();
  return (
    <Card aria-label={t(locale, "selectionHeading")}>
      <CardHeader header={<Text weight="semibold">{t(locale, "selectionHeading")}</Text>} />
      {error !== undefined ? (
        <MessageBar intent="error">
          <MessageBarBody>{t(locale, "selectionError", { message: error })}</MessageBarBody>
        </MessageBar>
      ) : selection === undefined ? (
        <Spinner size="tiny" label={t(locale, "selectionLoading")} />
      ) : (
        <div className={styles.grid} data-testid="selection">
          <Text className={styles.label}>{t(locale, "selectionSheet")}</Text>
          <Text className={styles.value} data-testid="selection-sheet">{selection.sheet}</Text>
          <Text className={styles.label}>{t(locale, "selectionRange")}</Text>
          <Text className={styles.value} data-testid="selection-range">{selection.range}</Text>
          <Text className={styles.label}>{t(locale, "selectionSize")}</Text>
          <Text data-testid="selection-size">
            {t(locale, "selectionSizeValue", { rows: selection.rows, columns: selection.columns })} ·{" "}
            {t(locale, "selectionCells", { cells: selection.rows * selection.columns })}
          </Text>
        </div>
      )}
      <Text size={200} className={styles.label}>{t(locale, "selectionHint")}</Text>
    </Card>
  );
}
