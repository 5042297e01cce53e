/**
 * The pane's analysis worker (docs/architecture.md §15): a bundle of its own (webpack entry
 * "analysis.worker"), run in a dedicated Web Worker so the analysis never holds the page's thread,
 * where Office's messages, the pane and the custom functions run. It answers each request with
 * {@link runRequest}. The pane cancels by terminating the worker: nothing has been written to the
 * workbook by then.
 */
import type { RunRequest } from "./worker-protocol";
import { runRequest, type Post } from "./worker-run";

/** The worker's global scope, as far as this file uses it (tsconfig's lib is the page's DOM). */
interface WorkerScope {
  onmessage: ((e: MessageEvent<RunRequest>) => void) | null;
  postMessage: Post;
}
const scope = self as unknown as WorkerScope;

scope.onmessage = (e) => void runRequest(e.data, (message, transfer) => scope.postMessage(message, transfer ?? []));
