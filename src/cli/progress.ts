/**
 * Progress of a long run on standard error (docs/output.md §8): while a model is fitted and its
 * customers are scored, "cva: fitting BG/NBD: iteration 340 (12 s)" and "cva: scoring
 * customers: 12,000 of 94,416 (14 s)", in the user's language, the seconds counted from the start
 * of the command.
 *
 * When: on a terminal, once the run has taken more than {@link PROGRESS_DELAY_MS} (a quick run
 * prints nothing); with --progress from the first report, also when standard error is a file or a
 * pipe. How: on a terminal one line rewritten in place, ended by {@link ProgressReporter.end}
 * before any other message; elsewhere whole lines, at most one a second, so a log stays short.
 * The core calls back about every quarter second between evaluations of the likelihood
 * (src/core/clv/fitting.ts), so the line moves while the work is synchronous.
 */
import { t, type Lang, type ModelProgress } from "../core";
import type { CliIo } from "./io";

/** A run shorter than this shows no progress on a terminal. */
export const PROGRESS_DELAY_MS = 2000;
/** Lines written to a file or pipe (--progress) come at most this often. */
const LINE_INTERVAL_MS = 1000;

export interface ProgressReporter {
  /** The core's `onProgress`; undefined when nothing would be shown (not a terminal, no --progress). */
  onProgress?: (progress: ModelProgress) => void;
  /** Ends the line on a terminal (once); call before writing anything else to standard error. */
  end(): void;
}

/** Thousands separators, as both languages write them in these lines. */
function count(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/**
 * The line of one run's progress: `show(text)` writes it when the rules allow (after
 * {@link PROGRESS_DELAY_MS} unless forced; into a file or pipe at most once in
 * {@link LINE_INTERVAL_MS}, unless `now` is set), `close()` ends an open terminal line.
 */
function progressLine(io: CliIo, lang: Lang, forced: boolean, clock: () => number) {
  const terminal = io.stderrIsTTY === true;
  const start = clock();
  let open = false;
  let lastLine = -Infinity;
  return {
    /** Writes the line of `text(seconds)`, seconds counted from the start; `now`: whatever the last line's time. */
    show(text: (seconds: number) => string, now = false): void {
      const at = clock();
      const elapsed = at - start;
      if (!forced && elapsed < PROGRESS_DELAY_MS) return;
      if (!terminal && !now && at - lastLine < LINE_INTERVAL_MS) return;
      const line = `${lang === "zh-CN" ? "cva：" : "cva: "}${text(Math.floor(elapsed / 1000))}`;
      if (terminal) {
        io.stderr(`\r${line}\x1b[K`);
        open = true;
      } else {
        lastLine = at;
        io.stderr(line + "\n");
      }
    },
    close(): void {
      if (open) io.stderr("\n");
      open = false;
    },
  };
}

/**
 * The progress reporter of one command run, started now.
 * @param forced --progress was given
 * @param clock milliseconds on a monotonic clock (a test gives its own)
 */
export function progressReporter(io: CliIo, lang: Lang, forced: boolean, clock: () => number = () => performance.now()): ProgressReporter {
  if (io.stderrIsTTY !== true && !forced) return { end: () => undefined };
  const line = progressLine(io, lang, forced, clock);
  const onProgress = (p: ModelProgress): void =>
    line.show((seconds) =>
      p.stage === "fit"
        ? t(lang, "progress.fit", { model: p.model, iterations: count(p.iterations), seconds })
        : t(lang, "progress.score", { done: count(p.done), total: count(p.total), seconds }),
    );
  return { onProgress, end: line.close };
}

/** A stage of a run in the DuckDB engine (src/cli/engine/duckdb-run.ts), reported as it begins. */
export type EngineStage = { stage: "read"; file: string } | { stage: "part"; done: number; total: number } | { stage: "customers" } | { stage: "write" };

/** The progress of the DuckDB engine's stages: {@link EngineProgress.onStage} as the engine's callback, `end` when it is done. */
export interface EngineProgress {
  onStage: (stage: EngineStage) => void;
  /** Ends the line, if shown, and shows nothing until the next stage: before another message or the fit's own progress. */
  idle(): void;
  /** Stops the line's clock and ends the line (once); call before writing anything else to standard error. */
  end(): void;
}

/**
 * The progress of a DuckDB run's stages, with the rules of {@link progressReporter} (on a
 * terminal after {@link PROGRESS_DELAY_MS}, with --progress always): DuckDB works in its own
 * threads while Node waits, so a timer rewrites the line every second with the seconds counted
 * from the start, and a stage of a minute shows that it moves.
 */
export function engineProgress(io: CliIo, lang: Lang, forced: boolean, clock: () => number = () => performance.now()): EngineProgress {
  if (io.stderrIsTTY !== true && !forced) return { onStage: () => undefined, idle: () => undefined, end: () => undefined };
  const line = progressLine(io, lang, forced, clock);
  let current: EngineStage | null = null;
  const show = (now = false): void => {
    const s = current;
    if (s === null) return;
    line.show(
      (seconds) =>
        s.stage === "read"
          ? t(lang, "cli.stage.read", { file: s.file, seconds })
          : s.stage === "part"
            ? t(lang, "cli.stage.part", { done: count(s.done), total: count(s.total), seconds })
            : t(lang, s.stage === "customers" ? "cli.stage.customers" : "cli.stage.write", { seconds }),
      now,
    );
  };
  const idle = (): void => {
    current = null;
    line.close();
  };
  const timer = setInterval(show, 1000);
  timer.unref();
  return {
    onStage: (stage) => {
      current = stage;
      show(true); // a new stage is shown at once
    },
    idle,
    end: () => {
      clearInterval(timer);
      idle();
    },
  };
}
