/**
 * What the CLI writes, and where (docs/output.md §6):
 *
 * - Output paths are checked before any work ({@link checkOutputPaths}): an output that is one of
 *   the input files, or two outputs that are the same file, are refused (the same file is found
 *   by its identity on disk, so another spelling, a symlink, a hard link or, on a
 *   case-insensitive file system, another case is caught too); a folder that does not exist is
 *   named as the user typed it.
 * - Files are written whole or not at all: each goes to a temporary file in the same directory
 *   (so the rename stays on one file system and is atomic), and only when every file of the
 *   command is written are they renamed into place. On any failure the temporary files are
 *   removed, and the error names the user's path, never a temporary one.
 * - Text fields a spreadsheet would run as a formula are escaped ({@link csvText}).
 */
import * as fs from "fs";
import * as path from "path";
import { CvaError, ErrorCodes, type ErrorKey } from "../core";
import { UsageError } from "./args";

export interface PendingFile {
  /** The absolute path. */
  path: string;
  /**
   * The text, whole or as pieces written one after another: a large CSV is made while it is
   * written and never held whole (docs/output.md §9).
   */
  content: string | Iterable<string>;
  /** The path as the user typed it, for messages; default `path`. */
  shown?: string;
}

/** A file the command reads or writes: the option that names it ("--out"; none for the positional input) and the path as typed. */
export interface NamedPath {
  option?: string;
  /** As the user typed it. */
  shown: string;
  /** Absolute. */
  path: string;
}

/** "dev:ino" of an existing file (following symlinks), else undefined. */
function identity(p: string): string | undefined {
  try {
    const st = fs.statSync(p);
    return `${st.dev}:${st.ino}`;
  } catch {
    return undefined;
  }
}

/** A path with the case of its letters swapped (to probe a file system's case sensitivity). */
function swapCase(p: string): string {
  return p.replace(/[a-zA-Z]/g, (c) => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase()));
}

/** True when `dir` (an existing folder) is on a case-insensitive file system: its name in swapped case is the same folder. */
function caseInsensitive(dir: string): boolean {
  const swapped = swapCase(dir);
  if (swapped === dir) return false;
  const a = identity(dir);
  return a !== undefined && identity(swapped) === a;
}

/** The real folder of a path that may not exist yet, and its base name. */
function realParts(p: string): { dir: string; base: string } {
  let dir = path.dirname(p);
  try {
    dir = fs.realpathSync(dir);
  } catch {
    // a missing folder is reported by checkOutputPaths
  }
  return { dir, base: path.basename(p) };
}

/** True when the two (absolute) paths name the same file, existing or to be created. */
export function sameFile(a: string, b: string): boolean {
  const ia = identity(a);
  const ib = identity(b);
  if (ia !== undefined && ib !== undefined) return ia === ib;
  // One exists and the other does not: different files (on a case-insensitive disk another case
  // of an existing name exists too, so it was compared above).
  if (ia !== undefined || ib !== undefined) return false;
  // Neither exists yet: the same real folder and name, or names differing only in case there.
  const ra = realParts(a);
  const rb = realParts(b);
  if (ra.dir !== rb.dir) return false;
  if (ra.base === rb.base) return true;
  return ra.base.toLowerCase() === rb.base.toLowerCase() && caseInsensitive(ra.dir);
}

function writeError(key: ErrorKey, params: Record<string, string>): CvaError {
  return CvaError.keyed(ErrorCodes.InvalidFormat, key, params);
}

/**
 * Refuses output paths that would destroy data or cannot be written, before any work is done.
 * @throws UsageError when an output is an input, or two outputs are the same file (exit 2)
 * @throws CvaError when an output's folder does not exist or the output is a folder (exit 1)
 */
export function checkOutputPaths(inputs: readonly NamedPath[], outputs: readonly NamedPath[]): void {
  for (let i = 0; i < outputs.length; i++) {
    const out = outputs[i];
    for (const input of inputs) {
      if (sameFile(out.path, input.path)) throw UsageError.keyed("out.isInput", { option: out.option ?? "", file: out.shown, input: input.shown });
    }
    for (let j = 0; j < i; j++) {
      if (sameFile(out.path, outputs[j].path)) {
        throw UsageError.keyed("out.sameFile", { first: outputs[j].option ?? "", second: out.option ?? "", file: out.shown });
      }
    }
    const folder = path.dirname(out.path);
    let st: fs.Stats | undefined;
    try {
      st = fs.statSync(folder);
    } catch {
      st = undefined;
    }
    if (!st || !st.isDirectory()) throw writeError("out.noFolder", { file: out.shown, folder: path.dirname(out.shown) });
    try {
      if (fs.statSync(out.path).isDirectory()) throw writeError("out.isFolder", { file: out.shown });
    } catch (e) {
      if (e instanceof CvaError) throw e;
      // does not exist yet: fine
    }
  }
}

/** The error of writing `shown`, in the user's words. */
export function explainWriteError(e: unknown, shown: string): unknown {
  const code = (e as { code?: string }).code;
  if (code === "ENOENT" || code === "ENOTDIR") return writeError("out.noFolder", { file: shown, folder: path.dirname(shown) });
  if (code === "EISDIR") return writeError("out.isFolder", { file: shown });
  if (code === "EACCES" || code === "EPERM" || code === "EROFS") return writeError("out.denied", { file: shown });
  if (code !== undefined) return writeError("out.failed", { file: shown, reason: code === "ENOSPC" ? "ENOSPC (disk full)" : code });
  return e;
}

/**
 * Writes all files atomically; see the module comment. An existing symlink is written through
 * (its target is replaced, the link kept).
 * @throws CvaError naming the user's path when a file cannot be written.
 */
export function writeFilesAtomically(files: readonly PendingFile[]): void {
  const temps: { tmp: string; target: string; shown: string }[] = [];
  let current = "";
  try {
    for (const f of files) {
      current = f.shown ?? f.path;
      let target = path.resolve(f.path);
      try {
        target = fs.realpathSync(target);
      } catch {
        // not there yet
      }
      const tmp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${temps.length}.tmp`);
      temps.push({ tmp, target, shown: current });
      if (typeof f.content === "string") fs.writeFileSync(tmp, f.content);
      else writePieces(tmp, f.content);
    }
    for (const { tmp, target, shown } of temps) {
      current = shown;
      fs.renameSync(tmp, target);
    }
  } catch (e) {
    for (const { tmp } of temps) {
      try {
        fs.unlinkSync(tmp);
      } catch {
        // already renamed or never created: nothing to clean up
      }
    }
    throw explainWriteError(e, current);
  }
}

/** Writes `pieces` to a new file one after another, each as UTF-8. */
function writePieces(file: string, pieces: Iterable<string>): void {
  const fd = fs.openSync(file, "w");
  try {
    for (const piece of pieces) {
      const bytes = Buffer.from(piece, "utf8");
      for (let done = 0; done < bytes.length; ) done += fs.writeSync(fd, bytes, done, bytes.length - done);
    }
  } finally {
    fs.closeSync(fd);
  }
}

/** A CSV field, quoted when it holds a delimiter, quote or line break. For numbers and the CLI's own labels. */
export function csvField(v: string | number | boolean | null | undefined): string {
  if (v === null || v === undefined) return "";
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Text a spreadsheet would take for a number, so it is not a formula even if it starts with - or +. */
const PLAIN_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * A text field the user gave (a customer id) for a CSV that a spreadsheet may open: when it
 * starts with = + - @, a tab or a carriage return — a formula to Excel, LibreOffice and Google
 * Sheets — it is prefixed with a single quote and quoted, as OWASP's "CSV Injection" guidance
 * says, so it is shown as text and never run. Text that is a plain number ("-5", "+1.5") is left
 * alone: it cannot run, and prefixing it would turn a number into text. docs/output.md §6.
 * @example csvText("=cmd|' /C calc'!A0") // "\"'=cmd|' /C calc'!A0\""
 * @example csvText("-5") // "-5"
 */
export function csvText(v: string | null | undefined): string {
  if (v === null || v === undefined) return "";
  if (/^[=+\-@\t\r]/.test(v) && !PLAIN_NUMBER.test(v)) return `"'${v.replace(/"/g, '""')}"`;
  return csvField(v);
}
