/**
 * office-addin-mock needs only the OfficeApp enum from office-addin-manifest, whose
 * full module graph loads ES-only packages (strip-bom) that jest on Node 20 cannot
 * require, and Node built-ins that a browser bundle cannot hold. Jest
 * (moduleNameMapper) and the browser test host's bundle both map the package here.
 * The values are those of office-addin-manifest 3's OfficeApp.
 */
export enum OfficeApp {
  Excel = "excel",
  OneNote = "onenote",
  Outlook = "outlook",
  PowerPoint = "powerpoint",
  Project = "project",
  Word = "word",
}
