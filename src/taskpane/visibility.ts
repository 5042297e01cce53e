/**
 * Whether the pane is on screen. In the shared runtime (manifest: <Runtime lifetime="long">) the
 * page lives on after the user closes the pane, for the custom functions; Office tells it through
 * Office.addin.onVisibilityModeChanged (SharedRuntime 1.1, "Configure your Office Add-in to use a
 * shared runtime"), with visibilityMode "Hidden" or "Taskpane". The pane stops following the
 * selection while hidden (docs/architecture.md §13).
 */

/** Calls `onChange(visible)` when the pane is shown or hidden; resolves to a function that stops it. */
export type VisibilityWatch = (onChange: (visible: boolean) => void) => Promise<() => Promise<void>>;

/** Office's event, looked up when called. */
export const officeVisibility: VisibilityWatch = (onChange) =>
  Office.addin.onVisibilityModeChanged((message) => onChange(String(message.visibilityMode) !== "Hidden"));
