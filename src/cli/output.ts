/**
 * Output files written whole or not at all: each file goes to a temporary file in the same
 * directory (so the rename stays on one file system and is atomic), and only when every file of
 * the command is written are they renamed into place. On any failure the temporary files are
 * removed, so no partial output is ever left behind.
 */
import * as fs from "fs";
import * as path from "path";

export interface PendingFile {
  path: string;
  content: string;
}

/** Writes all files atomically; see the module comment. @throws the underlying I/O error. */
export function writeFilesAtomically(files: readonly PendingFile[]): void {
  const temps: { tmp: string; target: string }[] = [];
  try {
    for (const f of files) {
      const target = path.resolve(f.path);
      const tmp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${temps.length}.tmp`);
      temps.push({ tmp, target });
      fs.writeFileSync(tmp, f.content);
    }
    for (const { tmp, target } of temps) fs.renameSync(tmp, target);
  } catch (e) {
    for (const { tmp } of temps) {
      try {
        fs.unlinkSync(tmp);
      } catch {
        // already renamed or never created: nothing to clean up
      }
    }
    throw e;
  }
}

/** A CSV field, quoted when it holds a delimiter, quote or line break. */
export function csvField(v: string | number | boolean | null | undefined): string {
  if (v === null || v === undefined) return "";
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
