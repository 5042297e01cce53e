import { Button, Checkbox, Dropdown, Field, MessageBar, MessageBarBody, Option, Radio, RadioGroup, Spinner, Text, makeStyles, tokens } from "@fluentui/react-components";
import type { ReadSummary, SourceList, SourceRef } from "../excel";
import { t, type Locale } from "./strings";
import type { SourceKind } from "./workflow/parse";

const useStyles = makeStyles({
  col: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  row: { display: "flex", gap: tokens.spacingHorizontalS, alignItems: "end" },
  grow: { flexGrow: 1, minWidth: 0 },
  subtle: { color: tokens.colorNeutralForeground3 },
});

export interface SourcePickerProps {
  locale: Locale;
  sources: SourceList | undefined;
  value: SourceRef;
  onChange: (ref: SourceRef) => void;
  onRefresh: () => void;
  label: string;
  allowSelection?: boolean;
  testId: string;
}

/** Selection, a table or a named range. */
export function SourcePicker({ locale, sources, value, onChange, onRefresh, label, allowSelection = true, testId }: SourcePickerProps) {
  const styles = useStyles();
  const tables = sources?.tables ?? [];
  const names = sources?.names ?? [];
  const items = value.kind === "table" ? tables.map((x) => x.name) : value.kind === "name" ? names.map((x) => x.name) : [];
  const current = value.kind === "selection" ? "" : value.name;
  return (
    <div className={styles.col} data-testid={testId}>
      <Field label={label}>
        <RadioGroup
          layout="horizontal"
          value={value.kind}
          onChange={(_, d) => {
            const kind = d.value as SourceRef["kind"];
            if (kind === "selection") onChange({ kind });
            else onChange({ kind, name: (kind === "table" ? tables[0]?.name : names[0]?.name) ?? "" });
          }}
        >
          {allowSelection && <Radio value="selection" label={t(locale, "sourceSelection")} data-testid={`${testId}-selection`} />}
          <Radio value="table" label={t(locale, "sourceTable")} data-testid={`${testId}-table`} />
          <Radio value="name" label={t(locale, "sourceName")} data-testid={`${testId}-name`} />
        </RadioGroup>
      </Field>
      {value.kind !== "selection" && (
        <div className={styles.row}>
          {items.length === 0 ? (
            <Text className={styles.subtle}>{t(locale, value.kind === "table" ? "sourceNoTables" : "sourceNoNames")}</Text>
          ) : (
            <Dropdown
              className={styles.grow}
              aria-label={t(locale, value.kind === "table" ? "sourceTable" : "sourceName")}
              data-testid={`${testId}-list`}
              placeholder={t(locale, "sourcePick")}
              value={current}
              selectedOptions={current ? [current] : []}
              onOptionSelect={(_, d) => d.optionValue && onChange({ kind: value.kind, name: d.optionValue } as SourceRef)}
            >
              {items.map((name) => (
                <Option key={name} value={name}>
                  {name}
                </Option>
              ))}
            </Dropdown>
          )}
          <Button size="small" onClick={onRefresh}>
            {t(locale, "sourceRefresh")}
          </Button>
        </div>
      )}
    </div>
  );
}

export interface KindPickerProps {
  locale: Locale;
  detected: SourceKind | null;
  value: SourceKind;
  onChange: (kind: SourceKind) => void;
  loading: boolean;
  summary: string | undefined;
}

/** Transactions or profiles: recognised from the headers, confirmed by the user. */
export function KindPicker({ locale, detected, value, onChange, loading, summary }: KindPickerProps) {
  const styles = useStyles();
  if (loading) return <Spinner size="tiny" label={t(locale, "sourceReading")} />;
  return (
    <div className={styles.col}>
      {summary && <Text size={200} className={styles.subtle} data-testid="source-summary">{summary}</Text>}
      <Text size={200} data-testid="kind-detected">
        {detected
          ? t(locale, "kindDetected", { kind: t(locale, detected === "transactions" ? "kindTransactions" : "kindProfiles") })
          : t(locale, "kindUnknown")}
      </Text>
      <Field label={t(locale, "kindLabel")}>
        <RadioGroup value={value} onChange={(_, d) => onChange(d.value as SourceKind)}>
          <Radio value="transactions" label={t(locale, "kindTransactions")} data-testid="kind-transactions" />
          <Radio value="profiles" label={t(locale, "kindProfiles")} data-testid="kind-profiles" />
        </RadioGroup>
      </Field>
    </div>
  );
}

export function ProfilesToggle({ locale, checked, onChange }: { locale: Locale; checked: boolean; onChange: (v: boolean) => void }) {
  return <Checkbox checked={checked} onChange={(_, d) => onChange(d.checked === true)} label={t(locale, "profilesAdd")} data-testid="profiles-toggle" />;
}

/**
 * After a run: how many rows were read from where, and what happened to rows hidden or filtered
 * out (docs/inputs.md §8), so nothing is left out or counted without the user being told.
 */
export function ReadNote({ locale, read }: { locale: Locale; read: ReadSummary }) {
  const styles = useStyles();
  const hidden = read.hiddenUnknown
    ? t(locale, "hiddenUnknown")
    : read.hiddenRows > 0
      ? t(locale, read.hiddenSkipped ? "hiddenSkipped" : "hiddenAnalysed", { count: read.hiddenRows })
      : undefined;
  return (
    <div className={styles.col}>
      <Text size={200} className={styles.subtle} data-testid="read-summary">
        {t(locale, "readSummary", { rows: read.rows, address: read.address })}
      </Text>
      {hidden && (
        <MessageBar intent="info" data-testid="hidden-note">
          <MessageBarBody>{hidden}</MessageBarBody>
        </MessageBar>
      )}
    </div>
  );
}
