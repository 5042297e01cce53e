// Offline checks of the add-in manifest (used by release-manifest.js in the build, by
// scripts/validate-manifest.mjs and by test/release.test.ts).
//
// `npm run validate` (office-addin-manifest) validates against Microsoft's XSD files through a
// Microsoft web service, which CI cannot reach, and no npm package ships those XSD files. So two
// offline checks stand in, and neither is Microsoft's schema:
//
// 1. checkStructure: OUR rules, written by hand from Microsoft's manifest reference ("How to
//    find the proper order of manifest elements" and the element pages). They cover only the
//    elements CVA's manifest uses: each parent's children must come in the documented order, with
//    the required ones present; an element these rules do not know is reported, so whoever adds
//    one (a custom tab, a context menu, …) extends RULES after reading its reference page. They
//    also check what the XSD cannot: every resid resolves to a resource of the right kind, ids are
//    unique and at most 32 characters, strings fit their length limits, URLs are absolute https.
// 2. officeParser: Office's own manifest parser, OSF.Manifest.OfficeAppManifest from osfmos.js
//    as Microsoft ships it in office-addin-manifest-converter (MIT). It rejects a manifest that
//    is not XML, has the wrong namespace, or lacks a required element (Id, Version, ProviderName,
//    DefaultLocale, DisplayName, Description, DefaultSettings/SourceLocation); it does NOT check
//    element order, resids or unknown elements (test/release.test.ts shows each case).
"use strict";

const NS = {
  app: "http://schemas.microsoft.com/office/appforoffice/1.1",
  vo: "http://schemas.microsoft.com/office/taskpaneappversionoverrides",
  bt: "http://schemas.microsoft.com/office/officeappbasictypes/1.0",
  xsi: "http://www.w3.org/2001/XMLSchema-instance",
};

// A child rule: [name, min, max, ruleKey] in document order; `bt:` names are in the basic-types
// namespace, `vo:` names in the version-overrides one, the others in their parent's namespace. max Infinity = unbounded. ruleKey names the
// rule for the child's own children (default: the child's name); "leaf" = no element children.
const many = Infinity;
const localized = [["Override", 0, many, "leaf"]];
const RULES = {
  OfficeApp: [
    ["Id", 1, 1, "leaf"],
    ["AlternateId", 0, 1, "leaf"],
    ["Version", 1, 1, "leaf"],
    ["ProviderName", 1, 1, "leaf"],
    ["DefaultLocale", 1, 1, "leaf"],
    ["DisplayName", 1, 1, "Localized"],
    ["Description", 1, 1, "Localized"],
    ["IconUrl", 1, 1, "Localized"],
    ["HighResolutionIconUrl", 1, 1, "Localized"],
    ["SupportUrl", 0, 1, "Localized"],
    ["AppDomains", 0, 1],
    ["Hosts", 1, 1],
    ["Requirements", 0, 1],
    ["DefaultSettings", 1, 1],
    ["Permissions", 1, 1, "leaf"],
    ["vo:VersionOverrides", 0, 1, "VersionOverrides"],
  ],
  Localized: localized,
  AppDomains: [["AppDomain", 1, many, "leaf"]],
  Hosts: [["Host", 1, many, "leaf"]],
  Requirements: [
    ["Sets", 0, 1],
    ["Methods", 0, 1],
  ],
  Sets: [["Set", 1, many, "leaf"]],
  Methods: [["Method", 1, many, "leaf"]],
  DefaultSettings: [["SourceLocation", 1, 1, "Localized"]],
  VersionOverrides: [
    ["Description", 0, 1, "leaf"],
    ["Requirements", 0, 1, "VORequirements"],
    ["Hosts", 1, 1, "VOHosts"],
    ["Resources", 0, 1],
  ],
  VORequirements: [["bt:Sets", 1, 1, "VOSets"]],
  VOSets: [["bt:Set", 1, many, "leaf"]],
  VOHosts: [["Host", 1, many, "VOHost"]],
  VOHost: [
    ["Runtimes", 0, 1],
    ["AllFormFactors", 0, 1],
    ["DesktopFormFactor", 0, 1],
  ],
  Runtimes: [["Runtime", 1, many, "leaf"]],
  AllFormFactors: [["ExtensionPoint", 1, many, "ExtensionPoint"]],
  DesktopFormFactor: [
    ["GetStarted", 0, 1],
    ["FunctionFile", 0, 1, "leaf"],
    ["ExtensionPoint", 1, many, "ExtensionPoint"],
  ],
  GetStarted: [
    ["Title", 1, 1, "leaf"],
    ["Description", 1, 1, "leaf"],
    ["LearnMoreUrl", 1, 1, "leaf"],
  ],
  // ExtensionPoint, Control and Action take their content from xsi:type.
  "ExtensionPoint:CustomFunctions": [
    ["Script", 1, 1, "ResidSource"],
    ["Page", 1, 1, "ResidSource"],
    ["Metadata", 1, 1, "ResidSource"],
    ["Namespace", 1, 1, "leaf"],
  ],
  "ExtensionPoint:PrimaryCommandSurface": [["OfficeTab", 1, 1]],
  ResidSource: [["SourceLocation", 1, 1, "leaf"]],
  OfficeTab: [["Group", 1, many]],
  Group: [
    ["Label", 1, 1, "leaf"],
    ["Icon", 1, 1],
    ["Control", 1, 6, "Control"],
  ],
  Icon: [["bt:Image", 1, many, "leaf"]],
  "Control:Button": [
    ["Label", 1, 1, "leaf"],
    ["Supertip", 1, 1],
    ["Icon", 1, 1],
    ["Action", 1, 1, "Action"],
  ],
  Supertip: [
    ["Title", 1, 1, "leaf"],
    ["Description", 1, 1, "leaf"],
  ],
  "Action:ShowTaskpane": [
    ["TaskpaneId", 0, 1, "leaf"],
    ["SourceLocation", 1, 1, "leaf"],
    ["Title", 0, 1, "leaf"],
  ],
  Resources: [
    ["bt:Images", 0, 1],
    ["bt:Urls", 0, 1],
    ["bt:ShortStrings", 0, 1],
    ["bt:LongStrings", 0, 1],
  ],
  "bt:Images": [["bt:Image", 1, many, "BtLocalized"]],
  "bt:Urls": [["bt:Url", 1, many, "BtLocalized"]],
  "bt:ShortStrings": [["bt:String", 1, many, "BtLocalized"]],
  "bt:LongStrings": [["bt:String", 1, many, "BtLocalized"]],
  BtLocalized: [["bt:Override", 0, many, "leaf"]],
};
const POLYMORPHIC = new Set(["ExtensionPoint", "Control", "Action"]);

// Which resource list a resid must point into, by the referring element (parent/element).
function residKind(el) {
  const name = el.localName;
  const parent = el.parentNode && el.parentNode.localName;
  if (name === "Image") return "Images";
  if (["Runtime", "FunctionFile", "LearnMoreUrl", "SourceLocation"].includes(name)) return "Urls";
  if (name === "Description") return "LongStrings";
  if (["Label", "Title", "Namespace"].includes(name)) return "ShortStrings";
  throw new Error(`no resid rule for <${parent}>/<${name}>`);
}

// Length limits from Microsoft's manifest reference: short strings 125, long strings 250,
// resource ids and resids 32 characters.
const LIMITS = { ShortStrings: 125, LongStrings: 250, id: 32 };

const PERMISSIONS = ["Restricted", "ReadDocument", "ReadAllDocument", "WriteDocument", "ReadWriteDocument"];
const HOSTS = ["Workbook", "Document", "Presentation", "Notebook", "Project", "Database"];

function elements(node) {
  const out = [];
  for (let c = node.firstChild; c; c = c.nextSibling) if (c.nodeType === 1) out.push(c);
  return out;
}
function xsiType(el) {
  return el.getAttributeNS(NS.xsi, "type") || el.getAttribute("xsi:type") || "";
}
function where(el) {
  const parts = [];
  for (let e = el; e && e.nodeType === 1; e = e.parentNode) {
    const id = e.getAttribute("id");
    parts.unshift(e.tagName + (xsiType(e) ? `[${xsiType(e)}]` : "") + (id ? `#${id}` : ""));
  }
  return parts.join("/");
}

/** Checks one element's children against its rule; recurses. */
function checkChildren(el, ruleKey, problems) {
  if (ruleKey === "leaf") {
    const kids = elements(el);
    if (kids.length) problems.push(`${where(el)}: unexpected child <${kids[0].tagName}> (these checks know no children here)`);
    return;
  }
  const rule = RULES[ruleKey];
  if (!rule) {
    problems.push(`${where(el)}: not covered by these checks (add a rule from Microsoft's manifest reference)`);
    return;
  }
  const parentNs = el.namespaceURI;
  const names = rule.map(([name]) => (/^(bt|vo):/.test(name) ? [NS[name.slice(0, 2)], name.slice(3)] : [parentNs, name]));
  const counts = rule.map(() => 0);
  let at = 0; // the rule the children have reached
  let last; // the child that reached it
  for (const kid of elements(el)) {
    const r = names.findIndex(([ns, local]) => kid.localName === local && kid.namespaceURI === ns);
    if (r < 0) {
      problems.push(`${where(el)}: <${kid.tagName}> is not a child these checks know here (expected, in this order: ${rule.map((x) => x[0]).join(", ")})`);
      continue;
    }
    if (r < at) problems.push(`${where(el)}: <${kid.tagName}> is out of order: it must come before <${last.tagName}> (expected order: ${rule.map((x) => x[0]).join(", ")})`);
    else [at, last] = [r, kid];
    counts[r]++;
    const [name, , , childRule] = rule[r];
    const local = names[r][1];
    checkChildren(kid, POLYMORPHIC.has(local) ? `${childRule || local}:${xsiType(kid)}` : childRule || name, problems);
  }
  rule.forEach(([name, min, max], r) => {
    if (counts[r] < min) problems.push(`${where(el)}: missing <${name}>${min > 1 ? ` (at least ${min})` : ""}`);
    if (counts[r] > max) problems.push(`${where(el)}: at most ${max} <${name}>, found ${counts[r]}`);
  });
}

/**
 * Our structural checks (see the top of this file). `doc` is a parsed XML Document (the
 * browser's, jsdom's or @xmldom/xmldom's). Returns the problems found, [] when none.
 */
function checkStructure(doc) {
  const problems = [];
  const root = doc.documentElement;
  if (!root || root.localName !== "OfficeApp" || root.namespaceURI !== NS.app) {
    return [`the root element must be <OfficeApp> in ${NS.app}`];
  }
  if (xsiType(root) !== "TaskPaneApp") problems.push(`<OfficeApp> must have xsi:type="TaskPaneApp", not "${xsiType(root)}"`);
  checkChildren(root, "OfficeApp", problems);

  const all = Array.from(root.getElementsByTagName("*"));
  const text = (name) => {
    const e = all.find((x) => x.localName === name && x.parentNode === root);
    return e ? (e.textContent || "").trim() : "";
  };
  if (!/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/.test(text("Id"))) problems.push(`<Id> must be a GUID, got "${text("Id")}"`);
  if (!/^\d{1,5}(\.\d{1,5}){0,3}$/.test(text("Version"))) problems.push(`<Version> must be one to four numbers n.n.n.n, got "${text("Version")}"`);
  if (text("Permissions") && !PERMISSIONS.includes(text("Permissions"))) problems.push(`<Permissions> must be one of ${PERMISSIONS.join(", ")}, got "${text("Permissions")}"`);
  for (const h of all.filter((e) => e.localName === "Host")) {
    const name = h.namespaceURI === NS.app ? h.getAttribute("Name") : xsiType(h);
    if (!HOSTS.includes(name)) problems.push(`${where(h)}: unknown host "${name}"`);
  }
  for (const [tag, limit] of [["DisplayName", 125], ["Description", 250]]) {
    const e = all.find((x) => x.localName === tag && x.parentNode === root);
    for (const v of e ? [e, ...elements(e)].map((x) => x.getAttribute(x === e ? "DefaultValue" : "Value") || "") : []) {
      if (v.length > limit) problems.push(`<${tag}> is longer than ${limit} characters: "${v.slice(0, 40)}…"`);
    }
  }

  // Resources: unique ids of at most 32 characters, string lengths.
  const resources = new Map();
  for (const list of all.filter((e) => e.namespaceURI === NS.bt && ["Images", "Urls", "ShortStrings", "LongStrings"].includes(e.localName))) {
    for (const r of elements(list)) {
      const id = r.getAttribute("id") || "";
      if (!id) problems.push(`${where(r)}: a resource needs an id`);
      if (id.length > LIMITS.id) problems.push(`resource id "${id}" is longer than ${LIMITS.id} characters`);
      if (resources.has(id)) problems.push(`resource id "${id}" is defined twice`);
      resources.set(id, list.localName);
      const limit = LIMITS[list.localName];
      if (limit) {
        for (const v of [r.getAttribute("DefaultValue") || "", ...elements(r).map((o) => o.getAttribute("Value") || "")]) {
          if (v.length > limit) problems.push(`${where(r)}: longer than ${limit} characters`);
        }
      }
    }
  }
  // Every resid resolves to a resource of the right kind.
  for (const e of all.filter((x) => x.hasAttribute("resid"))) {
    const resid = e.getAttribute("resid");
    let kind;
    try {
      kind = residKind(e);
    } catch (err) {
      problems.push(`${where(e)}: ${err.message}`);
      continue;
    }
    if (resid.length > LIMITS.id) problems.push(`${where(e)}: resid "${resid}" is longer than ${LIMITS.id} characters`);
    if (!resources.has(resid)) problems.push(`${where(e)}: resid "${resid}" does not resolve to any resource`);
    else if (resources.get(resid) !== kind) problems.push(`${where(e)}: resid "${resid}" is in <bt:${resources.get(resid)}>, expected <bt:${kind}>`);
  }
  // URLs: absolute https.
  for (const [url, el] of manifestUrls(doc)) {
    let ok = false;
    try {
      ok = new URL(url).protocol === "https:";
    } catch {
      ok = false;
    }
    if (!ok) problems.push(`${where(el)}: "${url}" is not an absolute https URL`);
  }
  return problems;
}

const URL_ELEMENTS = new Set(["IconUrl", "HighResolutionIconUrl", "SupportUrl", "SourceLocation", "Image", "Url"]);

/** Every [url, element] of the manifest: URL-valued DefaultValue/Value attributes, then AppDomains. */
function manifestUrls(doc) {
  const out = [];
  for (const e of Array.from(doc.getElementsByTagName("*"))) {
    const owner = e.localName === "Override" ? e.parentNode : e;
    if (!owner || !URL_ELEMENTS.has(owner.localName)) continue;
    for (const a of ["DefaultValue", "Value"]) if (e.hasAttribute(a)) out.push([e.getAttribute(a), e]);
  }
  for (const e of Array.from(doc.getElementsByTagName("*")).filter((x) => x.localName === "AppDomain")) out.push([(e.textContent || "").trim(), e]);
  return out;
}

/** Parses XML with @xmldom/xmldom; throws on any parse error or warning. */
function parseXml(xml) {
  const { DOMParser } = require("@xmldom/xmldom");
  const errors = [];
  const doc = new DOMParser({
    locator: {},
    errorHandler: { warning: (m) => errors.push(m), error: (m) => errors.push(m), fatalError: (m) => errors.push(m) },
  }).parseFromString(xml, "application/xml");
  if (errors.length) throw new Error(`the manifest is not well-formed XML: ${String(errors[0]).split("\n")[0]}`);
  return doc;
}

/**
 * Office's own manifest parser (osfmos.js in office-addin-manifest-converter). Returns [] when it
 * parses the manifest, else one problem with its message. It logs through console; that output
 * is swallowed here.
 */
function officeParser(xml) {
  const { OSF } = require("office-addin-manifest-converter/lib/osfmos");
  // As the converter does on load: parse with @xmldom/xmldom instead of the browser's DOMParser.
  require("office-addin-manifest-converter/lib/osfUtils").Utils.OverrideMethods();
  const saved = { log: console.log, warn: console.warn, error: console.error, info: console.info };
  console.log = console.warn = console.error = console.info = () => undefined;
  try {
    const m = new OSF.Manifest.OfficeAppManifest(xml, "en-US", false);
    if (!m.getMarketplaceID()) return ["Office's manifest parser found no <Id>"];
    return [];
  } catch (e) {
    return [`Office's manifest parser rejected the manifest: ${String((e && e.message) || e).split("\n")[0]}`];
  } finally {
    Object.assign(console, saved);
  }
}

/** Both checks on manifest text: well-formedness, our structure rules, then Office's parser. */
function checkManifest(xml) {
  let doc;
  try {
    doc = parseXml(xml);
  } catch (e) {
    return [e.message];
  }
  return [...checkStructure(doc), ...officeParser(xml)];
}

module.exports = { NS, RULES, checkStructure, checkManifest, manifestUrls, officeParser, parseXml };
