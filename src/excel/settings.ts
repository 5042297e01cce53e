/**
 * Per-workbook settings (the pane's options, remembered with the document) through Office's
 * document settings (Office.context.document.settings, Common API 1.1). The store is injectable:
 * tests and the browser host pass their own.
 */

/** The part of Office.Settings used here. */
export interface SettingsStore {
  get(name: string): unknown;
  set(name: string, value: unknown): void;
  saveAsync(callback?: (result: { status: string | Office.AsyncResultStatus; error?: { message: string } }) => void): void;
}

const KEY = "cva.options";

/** Office's store, looked up when called. */
export function officeSettings(): SettingsStore {
  return Office.context.document.settings as unknown as SettingsStore;
}

/** The saved options, or undefined when none (or not an object). */
export function loadSettings<T extends object>(store: SettingsStore = officeSettings()): Partial<T> | undefined {
  const v = store.get(KEY);
  return v !== null && typeof v === "object" ? (v as Partial<T>) : undefined;
}

/** Saves the options with the workbook. @throws Error with Office's message when saving fails. */
export function saveSettings<T extends object>(value: T, store: SettingsStore = officeSettings()): Promise<void> {
  store.set(KEY, value);
  return new Promise((resolve, reject) =>
    store.saveAsync((r) => (String(r.status).toLowerCase() === "failed" ? reject(new Error(r.error?.message ?? "saving the settings failed")) : resolve())),
  );
}
