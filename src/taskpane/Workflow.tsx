/**
 * The task pane flow: Source → Mapping → Options → Run → Results. All workbook effects
 * go through the `excel` operations; all computing through ./workflow (core's analyze).
 */
import * as React from "react";
import {
  Button,
  Card,
  CardHeader,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  MessageBar,
  MessageBarBody,
  ProgressBar,
  Field,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import type { AnalysisOutcome, ConflictChoice, ExcelOperations, SelectionInfo, SourceData, SourceList, SourceRef, Target } from "../excel";
import { describeError, isCancel } from "./errors";
import { MappingStep, type NamedMapping } from "./MappingStep";
import { OptionsStep } from "./OptionsStep";
import { ResultsCard } from "./ResultsCard";
import { KindPicker, ProfilesToggle, ReadNote, SourcePicker } from "./SourceStep";
import { t, type Locale, type StringKey } from "./strings";
import { today, type ComputeStage } from "./workflow/compute";
import { runStamp } from "./workflow/history-plan";
import { checkOptions, defaultOptions, mergeOptions, type AnalysisOptions } from "./workflow/options";
import { outputNames, type Headline } from "./workflow/output";
import { PROFILE_REQUIRED, PROFILE_ROLES, recognise, TRANSACTION_REQUIRED, TRANSACTION_ROLES, type Mapping, type SourceKind } from "./workflow/parse";
import { computeInPane } from "./workflow/worker-client";

const useStyles = makeStyles({
  col: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  actions: { display: "flex", gap: tokens.spacingHorizontalS },
});

type Stage = ComputeStage | "reading" | "writing" | "charting";
const STAGE_KEYS: Record<Stage, StringKey> = {
  reading: "stageReading",
  summarising: "stageSummarising",
  fitting: "stageFitting",
  scoring: "stageScoring",
  writing: "stageWriting",
  charting: "stageCharting",
};
const STAGE_ORDER: Stage[] = ["reading", "summarising", "fitting", "scoring", "writing", "charting"];

type RunState =
  | { status: "idle" }
  | { status: "running"; stage: Stage; value: number }
  | { status: "done"; outcome: AnalysisOutcome; headline: Headline }
  | { status: "failed"; message: string; cancelled: boolean };

interface Preview {
  data: SourceData;
  detected: SourceKind | null;
  auto: { transactions: Mapping; profiles: Mapping };
}

function named(header: string[], m: Mapping, roles: readonly string[]): NamedMapping {
  const out: NamedMapping = {};
  for (const r of roles) out[r] = m[r] !== undefined ? header[m[r] as number] || `#${(m[r] as number) + 1}` : "";
  return out;
}

/** Header names → column indices in the header actually read (the range may have changed). */
export function indexMapping(header: string[], mapping: NamedMapping): Mapping {
  const out: Mapping = {};
  const shown = header.map((h, i) => h || `#${i + 1}`);
  for (const [role, name] of Object.entries(mapping)) {
    if (name === "") continue;
    const i = shown.indexOf(name);
    if (i >= 0) out[role] = i;
  }
  return out;
}

export interface WorkflowProps {
  excel: ExcelOperations;
  locale: Locale;
  selection: SelectionInfo | undefined;
}

export function Workflow({ excel, locale, selection }: WorkflowProps) {
  const styles = useStyles();
  const [sources, setSources] = React.useState<SourceList>();
  const [source, setSource] = React.useState<SourceRef>({ kind: "selection" });
  const [preview, setPreview] = React.useState<Preview>();
  const [previewError, setPreviewError] = React.useState<string>();
  const [loading, setLoading] = React.useState(false);
  const [kind, setKind] = React.useState<SourceKind>("transactions");
  const [mapping, setMapping] = React.useState<NamedMapping>({});
  const [withProfiles, setWithProfiles] = React.useState(false);
  const [profilesRef, setProfilesRef] = React.useState<SourceRef>({ kind: "table", name: "" });
  const [profilesPreview, setProfilesPreview] = React.useState<Preview>();
  const [profilesMapping, setProfilesMapping] = React.useState<NamedMapping>({});
  const [options, setOptions] = React.useState<AnalysisOptions>(() => mergeOptions(defaultOptions(locale), safeLoad(excel)));
  const [run, setRun] = React.useState<RunState>({ status: "idle" });
  const [conflict, setConflict] = React.useState<{ sheets: string[]; resolve: (c: ConflictChoice | "cancel") => void }>();
  const cancelled = React.useRef(false);
  const undoGrouped = React.useMemo(() => excel.undoGrouping?.() ?? false, [excel]);

  const refresh = React.useCallback(() => {
    excel.listSources().then(setSources, (e) => setPreviewError(describeError(e, locale)));
  }, [excel, locale]);
  React.useEffect(refresh, [refresh]);

  // Read the header and first rows of the source; re-read when the selection moves.
  const selectionKey = source.kind === "selection" ? selection?.address : undefined;
  React.useEffect(() => {
    if (source.kind !== "selection" && source.name === "") return;
    let active = true;
    setLoading(true);
    excel.previewSource(source).then(
      (data) => {
        if (!active) return;
        const r = recognise(data.header);
        setPreview({ data, detected: r.kind, auto: { transactions: r.transactions, profiles: r.profiles } });
        const k = r.kind ?? "transactions";
        setKind(k);
        setMapping(named(data.header, k === "transactions" ? r.transactions : r.profiles, k === "transactions" ? TRANSACTION_ROLES : PROFILE_ROLES));
        setPreviewError(undefined);
        setLoading(false);
      },
      (e) => {
        if (!active) return;
        setPreview(undefined);
        setPreviewError(describeError(e, locale));
        setLoading(false);
      },
    );
    return () => {
      active = false;
    };
  }, [excel, source, selectionKey, locale]);

  React.useEffect(() => {
    if (!withProfiles || profilesRef.kind === "selection" || profilesRef.name === "") return;
    let active = true;
    excel.previewSource(profilesRef).then(
      (data) => {
        if (!active) return;
        const r = recognise(data.header);
        setProfilesPreview({ data, detected: r.kind, auto: { transactions: r.transactions, profiles: r.profiles } });
        setProfilesMapping(named(data.header, r.profiles, PROFILE_ROLES));
      },
      (e) => active && setPreviewError(describeError(e, locale)),
    );
    return () => {
      active = false;
    };
  }, [excel, withProfiles, profilesRef, locale]);

  const changeKind = (k: SourceKind) => {
    setKind(k);
    if (preview) setMapping(named(preview.data.header, k === "transactions" ? preview.auto.transactions : preview.auto.profiles, k === "transactions" ? TRANSACTION_ROLES : PROFILE_ROLES));
  };

  const roles = kind === "transactions" ? TRANSACTION_ROLES : PROFILE_ROLES;
  const required = kind === "transactions" ? TRANSACTION_REQUIRED : PROFILE_REQUIRED;
  const optionProblem = checkOptions(options);
  const mappingComplete = required.every((r) => (mapping[r] ?? "") !== "");
  const running = run.status === "running";
  const canRun = !running && preview !== undefined && mappingComplete && optionProblem === null;

  const start = async () => {
    cancelled.current = false;
    const isCancelled = () => cancelled.current;
    let headline: Headline | undefined;
    setRun({ status: "running", stage: "reading", value: 0 });
    const stageValue = (stage: Stage, fraction = 0) => (STAGE_ORDER.indexOf(stage) + fraction) / STAGE_ORDER.length;
    try {
      void excel.saveSettings(options).catch(() => undefined); // remembered per workbook; a failed save must not stop the run
      const outcome = await excel.runAnalysis(
        {
          source,
          profiles: withProfiles && profilesRef.kind !== "selection" && profilesRef.name !== "" ? profilesRef : undefined,
          names: outputNames(options.lang),
          // Only the mapped columns are read (docs/inputs.md §8); hidden rows as the options say.
          columns: Object.values(mapping).filter((n): n is string => !!n),
          profileColumns: Object.values(profilesMapping).filter((n): n is string => !!n),
          hiddenRows: options.hiddenRows,
          // The pyramid over time (docs/migration.md §6): the history sheet read before, this run's rows appended after.
          history: options.keepHistory,
        },
        {
          decide: (sheets) =>
            new Promise<ConflictChoice>((resolve) =>
              setConflict({
                sheets,
                resolve: (c) => {
                  setConflict(undefined);
                  if (c === "cancel") {
                    cancelled.current = true;
                    resolve("new");
                  } else resolve(c);
                },
              }),
            ),
          isCancelled,
          onProgress: (stage, done, total) => setRun({ status: "running", stage, value: stageValue(stage, total > 0 ? done / total : 0) }),
          // In a Web Worker where the webview can start one, else on this thread (docs/architecture.md §15).
          compute: async (data, profiles, history) => {
            const out = await computeInPane(
              {
                kind,
                source: data,
                mapping: indexMapping(data.header, mapping),
                profiles: profiles ? { ...profiles, mapping: indexMapping(profiles.header, profilesMapping) } : undefined,
              },
              options,
              {
                isCancelled,
                onStage: (stage) => setRun({ status: "running", stage, value: stageValue(stage) }),
                pause: () => new Promise((r) => setTimeout(r, 0)),
              },
              // This run's stamp: today's serial day with the time of day (./workflow/history-plan.ts).
              history ? { rows: history, stamp: runStamp(new Date(), today()) } : undefined,
            );
            headline = out.headline;
            return out.plan;
          },
        },
      );
      setRun({ status: "done", outcome, headline: headline as Headline });
    } catch (e) {
      setRun({ status: "failed", message: describeError(e, locale), cancelled: isCancel(e) });
    }
  };

  const select = (target: Target) => {
    excel.select(target).catch((e) => setRun({ status: "failed", message: describeError(e, locale), cancelled: false }));
  };

  return (
    <div className={styles.col}>
      <Card>
        <CardHeader header={<Text weight="semibold">{t(locale, "stepSource")}</Text>} />
        <SourcePicker locale={locale} sources={sources} value={source} onChange={setSource} onRefresh={refresh} label={t(locale, "sourceLabel")} testId="source" />
        {previewError !== undefined ? (
          <MessageBar intent="error" data-testid="source-error">
            <MessageBarBody>{previewError}</MessageBarBody>
          </MessageBar>
        ) : (
          <KindPicker
            locale={locale}
            detected={preview?.detected ?? null}
            value={kind}
            onChange={changeKind}
            loading={loading && preview === undefined}
            summary={
              preview
                ? [
                    t(locale, "sourceSummary", { rows: preview.data.rows.length, address: preview.data.address }),
                    ...(preview.data.someHidden ? [t(locale, options.hiddenRows === "skip" ? "sourceHiddenSkip" : "sourceHiddenAnalyse")] : []),
                  ].join(" ")
                : undefined
            }
          />
        )}
        <ProfilesToggle locale={locale} checked={withProfiles} onChange={setWithProfiles} />
        {withProfiles && (
          <SourcePicker
            locale={locale}
            sources={sources}
            value={profilesRef}
            onChange={setProfilesRef}
            onRefresh={refresh}
            label={t(locale, "profilesSource")}
            allowSelection={false}
            testId="profiles-source"
          />
        )}
      </Card>
      {preview && (
        <Card>
          <CardHeader header={<Text weight="semibold">{t(locale, "stepMapping")}</Text>} />
          <MappingStep locale={locale} header={preview.data.header} roles={roles} required={required} mapping={mapping} onChange={setMapping} testId="mapping" />
          {withProfiles && profilesPreview && (
            <MappingStep
              locale={locale}
              header={profilesPreview.data.header}
              roles={PROFILE_ROLES}
              required={PROFILE_REQUIRED}
              mapping={profilesMapping}
              onChange={setProfilesMapping}
              testId="profiles-mapping"
            />
          )}
        </Card>
      )}
      <Card>
        <CardHeader header={<Text weight="semibold">{t(locale, "stepOptions")}</Text>} />
        <OptionsStep locale={locale} options={options} onChange={setOptions} />
      </Card>
      <Card>
        <CardHeader header={<Text weight="semibold">{t(locale, "stepRun")}</Text>} />
        <div className={styles.actions}>
          <Button appearance="primary" disabled={!canRun} onClick={() => void start()} data-testid="run">
            {t(locale, "run")}
          </Button>
          {running && (
            <Button onClick={() => (cancelled.current = true)} data-testid="cancel">
              {t(locale, "cancel")}
            </Button>
          )}
        </div>
        {/* Before a run: what Ctrl+Z can do about it ("Undo support with the Excel JavaScript API"). */}
        <Text size={200} data-testid="undo-note">
          {t(locale, undoGrouped ? "undoGrouped" : "undoNone")}
        </Text>
        {run.status === "running" && (
          <Field validationMessage={t(locale, STAGE_KEYS[run.stage])} validationState="none" data-testid="progress">
            <ProgressBar value={run.value} max={1} />
          </Field>
        )}
        {run.status === "failed" && (
          <MessageBar intent={run.cancelled ? "info" : "error"} data-testid="run-error">
            <MessageBarBody>{run.message}</MessageBarBody>
          </MessageBar>
        )}
        {run.status === "done" && run.outcome.read && <ReadNote locale={locale} read={run.outcome.read} />}
        {run.status === "done" && run.headline.fallback && (
          <MessageBar intent="warning" data-testid="fallback">
            <MessageBarBody>{t(locale, "fallbackNote", { reason: run.headline.fallback })}</MessageBarBody>
          </MessageBar>
        )}
      </Card>
      {run.status === "done" && <ResultsCard locale={locale} headline={run.headline} outcome={run.outcome} onSelect={select} />}
      <Dialog open={conflict !== undefined} onOpenChange={(_, d) => !d.open && conflict?.resolve("cancel")}>
        <DialogSurface data-testid="conflict">
          <DialogBody>
            <DialogTitle>{t(locale, "conflictTitle")}</DialogTitle>
            <DialogContent>{t(locale, "conflictBody", { sheets: conflict?.sheets.join(", ") ?? "" })}</DialogContent>
            <DialogActions>
              <Button appearance="primary" onClick={() => conflict?.resolve("new")} data-testid="conflict-new">
                {t(locale, "conflictNew")}
              </Button>
              <Button onClick={() => conflict?.resolve("replace")} data-testid="conflict-replace">
                {t(locale, "conflictReplace")}
              </Button>
              <Button onClick={() => conflict?.resolve("cancel")} data-testid="conflict-cancel">
                {t(locale, "cancel")}
              </Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
    </div>
  );
}

function safeLoad(excel: ExcelOperations): Partial<AnalysisOptions> | undefined {
  try {
    return excel.loadSettings<AnalysisOptions>();
  } catch {
    return undefined; // no document settings (an old host): the defaults apply
  }
}
