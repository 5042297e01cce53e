/**
 * Entry of the shared-runtime page: waits for Office, then renders the pane in the
 * language and theme Office uses, with the real Excel operations as props, what this Excel
 * lacks of the requirement sets (docs/architecture.md §11) and Office's visibility events
 * (docs/architecture.md §13). On a webview too old for the bundles, src/taskpane/guard.js has
 * already put its message in the page and set window.cvaTooOld: then nothing is rendered over it.
 */
import { createRoot } from "react-dom/client";
import { createExcelOperations } from "../excel";
import { checkSupport, officeSetCheck } from "../excel/requirements";
import { App } from "./App";
import { localeFor } from "./strings";
import { themeFor } from "./theme";
import { officeVisibility } from "./visibility";

if (!(window as { cvaTooOld?: boolean }).cvaTooOld) {
  Office.onReady(() => {
    const container = document.getElementById("container");
    if (!container) throw new Error("taskpane.html has no #container element");
    const locale = localeFor(Office.context.displayLanguage);
    const theme = themeFor(Office.context.officeTheme?.bodyBackgroundColor);
    const check = officeSetCheck();
    // Office.addin is SharedRuntime 1.1: present wherever the manifest lets CVA start.
    const addin = (Office as { addin?: Office.Addin }).addin;
    document.documentElement.lang = locale;
    createRoot(container).render(
      <App
        excel={createExcelOperations()}
        locale={locale}
        theme={theme}
        support={check ? checkSupport(check) : undefined}
        watchVisibility={addin ? officeVisibility : undefined}
      />,
    );
  });
}
