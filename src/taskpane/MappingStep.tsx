import { Dropdown, Field, Option, Text, makeStyles, tokens } from "@fluentui/react-components";
import { t, type Locale } from "./strings";
import { roleKey } from "./roles";

const useStyles = makeStyles({
  grid: { display: "grid", gridTemplateColumns: "1fr", gap: tokens.spacingVerticalS },
  subtle: { color: tokens.colorNeutralForeground3 },
});

/** Role → header text ("" = none). */
export type NamedMapping = Record<string, string>;

export interface MappingStepProps {
  locale: Locale;
  header: string[];
  roles: readonly string[];
  required: readonly string[];
  mapping: NamedMapping;
  onChange: (mapping: NamedMapping) => void;
  testId: string;
}

/** One Fluent Dropdown per role, preset from the header recognition; required roles marked. */
export function MappingStep({ locale, header, roles, required, mapping, onChange, testId }: MappingStepProps) {
  const styles = useStyles();
  const none = t(locale, "mappingNone");
  const columns = header.map((h, i) => h || `#${i + 1}`);
  return (
    <div className={styles.grid} data-testid={testId}>
      <Text size={200} className={styles.subtle}>{t(locale, "mappingHint")}</Text>
      {roles.map((role) => {
        const isRequired = required.includes(role);
        const value = mapping[role] ?? "";
        const missing = isRequired && value === "";
        return (
          <Field
            key={role}
            label={t(locale, roleKey(role))}
            required={isRequired}
            validationState={missing ? "error" : "none"}
            validationMessage={missing ? t(locale, "mappingRequired") : undefined}
          >
            <Dropdown
              data-testid={`map-${role}`}
              value={value === "" ? none : value}
              selectedOptions={[value]}
              onOptionSelect={(_, d) => onChange({ ...mapping, [role]: d.optionValue ?? "" })}
            >
              {!isRequired && <Option value="">{none}</Option>}
              {columns.map((h) => (
                <Option key={h} value={h}>
                  {h}
                </Option>
              ))}
            </Dropdown>
          </Field>
        );
      })}
    </div>
  );
}
