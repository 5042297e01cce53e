/**
 * Entry of the shared-runtime page: waits for Office, then renders the pane in the
 * language and theme Office uses, with the real Excel operations as props.
 */
import { createRoot } from "react-dom/client";
import { createExcelOperations } from "../excel";
import { App } from "./App";
import { localeFor } from "./strings";
import { themeFor } from "./theme";

Office.onReady(() => {
  const container = document.getElementById("container");
  if (!container) throw new Error("taskpane.html has no #container element");
  const locale = localeFor(Office.context.displayLanguage);
  const theme = themeFor(Office.context.officeTheme?.bodyBackgroundColor);
  document.documentElement.lang = locale;
  createRoot(container).render(<App excel={createExcelOperations()} locale={locale} theme={theme} />);
});
