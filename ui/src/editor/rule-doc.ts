// The hover card of a finding: code and message at once, then the rule's doc (why it matters,
// an example, a link), fetched once per code.
import type { Diagnostic, RuleDoc } from "../bindings";
import { openDocPage, ruleDoc } from "../ipc";
import { el } from "../dom";

const docs = new Map<string, Promise<RuleDoc>>();

export function cachedRuleDoc(code: string, fetch = ruleDoc): Promise<RuleDoc> {
  let doc = docs.get(code);
  if (!doc) {
    doc = fetch(code);
    docs.set(code, doc);
    // A failed fetch is not cached, so the next hover asks again.
    doc.catch(() => docs.delete(code));
  }
  return doc;
}

/** The doc's prose is wrapped like Markdown source: blank lines part paragraphs, single line breaks do not. */
function paragraphs(text: string): HTMLElement[] {
  return text
    .split(/\n\s*\n/)
    .map((p) => el("p", { className: "rule-why" }, p.replace(/\s*\n\s*/g, " ").trim()));
}

function fillDoc(card: HTMLElement, doc: RuleDoc) {
  card.append(el("div", { className: "rule-name" }, doc.name), ...paragraphs(doc.why));
  if (doc.example) card.append(el("pre", { className: "rule-example" }, doc.example));
  if (doc.fixed) card.append(el("pre", { className: "rule-fixed" }, doc.fixed));
  const link = el("a", { className: "rule-link", href: doc.url, rel: "noreferrer" }, `${doc.code} documentation`);
  // The webview does not leave the app: the page opens in the user's browser.
  link.addEventListener("click", (event) => {
    event.preventDefault();
    void openDocPage(doc.url);
  });
  card.append(link);
}

export function ruleDocCard(d: Diagnostic): HTMLElement {
  const card = el(
    "div",
    { className: "rule-doc" },
    el("span", { className: `rule-code severity-${d.severity}` }, d.code),
    el("span", { className: "rule-message" }, d.message),
  );
  cachedRuleDoc(d.code).then(
    (doc) => fillDoc(card, doc),
    () => card.append(el("p", { className: "rule-why" }, "the rule's documentation is not available")),
  );
  return card;
}
