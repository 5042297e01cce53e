import { Card, CardHeader, Link, MessageBar, MessageBarBody, Text, makeStyles, tokens } from "@fluentui/react-components";
import { FunnelChart } from "@fluentui/react-charts";
import type { AnalysisOutcome, Target } from "../excel";
import { t, type Locale } from "./strings";
import type { Headline } from "./workflow/output";

const useStyles = makeStyles({
  figures: { display: "grid", gridTemplateColumns: "1fr 1fr", gap: tokens.spacingVerticalS },
  figure: { display: "flex", flexDirection: "column" },
  big: { fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold },
  subtle: { color: tokens.colorNeutralForeground3 },
  links: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS },
});

const TIER_FILLS = ["#C0504D", "#F79646", "#9BBB59", "#4F81BD", "#8064A2", "#4BACC6"];

export interface ResultsCardProps {
  locale: Locale;
  headline: Headline;
  outcome: AnalysisOutcome;
  onSelect: (target: Target) => void;
}

/** Headline figures, the pyramid preview, and links to what was written. */
export function ResultsCard({ locale, headline, outcome, onSelect }: ResultsCardProps) {
  const styles = useStyles();
  const money = (v: number) => v.toLocaleString(locale, { maximumFractionDigits: 0 });
  const pct = (v: number) => v.toLocaleString(locale, { style: "percent", maximumFractionDigits: 1 });
  return (
    <Card data-testid="results">
      <CardHeader header={<Text weight="semibold">{t(locale, "resultsTitle")}</Text>} description={<Text size={200} className={styles.subtle}>{t(locale, "resultsMeasure", { measure: headline.measure })}</Text>} />
      <div className={styles.figures}>
        <div className={styles.figure}>
          <Text size={200} className={styles.subtle}>{t(locale, "resultsCustomers")}</Text>
          <Text className={styles.big} data-testid="result-customers">{headline.customers.toLocaleString(locale)}</Text>
        </div>
        <div className={styles.figure}>
          <Text size={200} className={styles.subtle}>{t(locale, "resultsEquity")}</Text>
          <Text className={styles.big} data-testid="result-equity">{headline.equity === null ? "—" : money(headline.equity)}</Text>
        </div>
        <div className={styles.figure}>
          <Text size={200} className={styles.subtle}>{t(locale, "resultsTopShare")}</Text>
          <Text className={styles.big} data-testid="result-top-share">{pct(headline.topShare)}</Text>
        </div>
        <div className={styles.figure} title={t(locale, "resultsAtRiskHint")}>
          <Text size={200} className={styles.subtle}>{t(locale, "resultsAtRisk")}</Text>
          <Text className={styles.big} data-testid="result-at-risk">{headline.atRisk.toLocaleString(locale)}</Text>
        </div>
      </div>
      {headline.warnings.length > 0 && (
        // What the analysis must tell: rows left out, dates far out, no spread (docs/output.md §7).
        <MessageBar intent="warning" data-testid="warnings">
          <MessageBarBody>
            {headline.warnings.map((w) => (
              <div key={w}>{w}</div>
            ))}
          </MessageBarBody>
        </MessageBar>
      )}
      {headline.tiers.length > 0 && (
        // No tiers when every customer has the same value: the warning above says so, no pyramid.
        <div data-testid="preview-chart" aria-label={t(locale, "resultsPreview")}>
          <FunnelChart
            chartTitle={t(locale, "resultsPreview")}
            width={300}
            height={180}
            hideLegend
            culture={locale}
            data={headline.tiers.map((x, k) => ({ stage: `${x.label} (${x.count.toLocaleString(locale)})`, value: x.count, color: TIER_FILLS[k % TIER_FILLS.length] }))}
          />
        </div>
      )}
      <Text size={200} data-testid="results-written">
        {outcome.modelSheet
          ? t(locale, "resultsWrittenModel", { results: outcome.resultsSheet, report: outcome.reportSheet, model: outcome.modelSheet })
          : t(locale, "resultsWritten", { results: outcome.resultsSheet, report: outcome.reportSheet })}
      </Text>
      <div className={styles.links}>
        <Link as="button" data-testid="link-table" onClick={() => onSelect({ kind: "table", name: outcome.tableName })}>
          {t(locale, "linkTable")}
        </Link>
        {outcome.charts.map((c) => (
          <Link as="button" key={c.name} data-testid={`link-${c.name}`} onClick={() => onSelect({ kind: "chart", sheet: c.sheet, name: c.name })}>
            {t(locale, "linkChart", { title: c.title })}
          </Link>
        ))}
      </div>
    </Card>
  );
}
