// Keeps the app translated: words a person reads must come from the locale files, so a German
// reader never meets an English leftover. Scans every component for JSX text and for string
// literals in the props people read (aria-label, title, placeholder, label, alt, …). Parsed with
// the TypeScript 5 compiler API, which the native TypeScript 7 compiler no longer offers.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript5";
import { describe, expect, it } from "vitest";

const SRC = join(import.meta.dirname, "..");

/** Props whose value is shown to or read out to the person. */
const READ_PROPS = new Set([
  "aria-label",
  "aria-description",
  "aria-placeholder",
  "aria-roledescription",
  "aria-valuetext",
  "alt",
  "title",
  "placeholder",
  "label",
  "hint",
  "heading",
  "description",
  "emptyText",
  "confirmLabel",
  "empty",
  "body",
  "detail",
]);

/** Files allowed to hold untranslated text: none since every branch's strings went in. */
const FILES_BEING_TRANSLATED_ELSEWHERE = new Set<string>([]);

/**
 * Text that is the same in every language: the brand and its mark ("B"), standard names, and
 * the task number's prefix ("T-12"). Symbols, digits and punctuation alone need no entry, nor do
 * example addresses in placeholders (see `isWord`).
 */
const SAME_IN_EVERY_LANGUAGE = new Set([
  "Baton",
  "B",
  "T",
  "24x7",
  "JSON",
  "CSV",
  "URL",
  "UTC",
  "OK",
]);

/** Text with a letter in it; "·", "→", "—", "(", "42", "+" and the like are not words. */
function isWord(text: string): boolean {
  if (/^\s*https?:\/\//.test(text)) return false;
  // A message key kept in a table and handed to `t` later ("sheetPage.claim").
  if (/^[a-z][a-zA-Z0-9]*(\.[a-zA-Z0-9_]+)+$/.test(text)) return false;
  const words = text.split(/[^\p{L}\p{N}]+/u).filter((w) => !SAME_IN_EVERY_LANGUAGE.has(w));
  return /\p{L}/u.test(words.join(" "));
}

function componentFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return componentFiles(path);
    return /\.tsx?$/.test(entry.name) && !/\.(test|d)\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** String literals an expression can evaluate to: `"a"`, `x ? "a" : "b"`, `x ?? "a"`, `` `a ${b}` ``. */
function literalsIn(node: ts.Node): ts.Node[] {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return [node];
  if (ts.isTemplateExpression(node)) return [node];
  if (ts.isParenthesizedExpression(node)) return literalsIn(node.expression);
  if (ts.isConditionalExpression(node))
    return [...literalsIn(node.whenTrue), ...literalsIn(node.whenFalse)];
  if (
    ts.isBinaryExpression(node) &&
    [
      ts.SyntaxKind.QuestionQuestionToken,
      ts.SyntaxKind.BarBarToken,
      ts.SyntaxKind.AmpersandAmpersandToken,
      ts.SyntaxKind.PlusToken,
    ].includes(node.operatorToken.kind)
  )
    return [...literalsIn(node.left), ...literalsIn(node.right)];
  return [];
}

/** The words of a literal, leaving out what a template fills in. */
function literalText(node: ts.Node): string {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node))
    return [node.head.text, ...node.templateSpans.map((span) => span.literal.text)].join(" ");
  return "";
}

/**
 * English words kept in tables and variables rather than JSX ("Waiting for approval"): a capital,
 * then lower-case words. Keys ("casePage.owner"), class names and codes do not look like this.
 */
function looksLikeASentence(text: string): boolean {
  const words = text.split(" ");
  return (
    (/^[A-Z][a-z'’]*[,:;]?$/.test(words[0] ?? "") &&
      words.length > 1 &&
      words.slice(1).some((w) => /^\(?[a-z]{2,}[,:;.…)]*$/.test(w))) ||
    /^[A-Z][a-z]+[.…]$/.test(text)
  );
}

/**
 * Inside a JSX prop: the props people read are checked as props; the others (className, key,
 * href, …) hold class names and paths, not words.
 */
function insideAttribute(node: ts.Node): boolean {
  for (let up: ts.Node | undefined = node.parent; up; up = up.parent)
    if (ts.isJsxAttribute(up)) return true;
  return false;
}

/** `t("…", { defaultValue })` and the like: the literal is the key, not the words. */
function isMessageKeyArgument(node: ts.Node): boolean {
  const call = node.parent;
  return ts.isCallExpression(call) && /^(t|i18n\.t|i18next\.t)$/.test(call.expression.getText());
}

interface Leftover {
  file: string;
  line: number;
  text: string;
}

/** English (or any language) written into a component's source instead of asked of `t`. */
function leftoversIn(file: string, source: string): Leftover[] {
  const tree = ts.createSourceFile(
    file,
    source,
    ts.ScriptTarget.Latest,
    true,
    file.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  );
  const found: Leftover[] = [];
  const report = (node: ts.Node, text: string) => {
    if (!isWord(text)) return;
    const line = tree.getLineAndCharacterOfPosition(node.getStart(tree)).line + 1;
    found.push({ file, line, text: text.trim().replace(/\s+/g, " ") });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isJsxText(node)) {
      // A key to press (<kbd>t</kbd>) or a command (<code>…</code>) is typed as it is.
      const element = ts.isJsxElement(node.parent) ? node.parent.openingElement.tagName : null;
      if (!element || !["kbd", "code"].includes(element.getText(tree))) report(node, node.text);
    } else if (ts.isJsxExpression(node) && node.expression && !ts.isJsxAttribute(node.parent))
      for (const literal of literalsIn(node.expression)) report(literal, literalText(literal));
    else if (ts.isJsxAttribute(node) && READ_PROPS.has(node.name.getText(tree))) {
      const value = node.initializer;
      if (value && ts.isStringLiteral(value)) report(value, value.text);
      else if (value && ts.isJsxExpression(value) && value.expression)
        for (const literal of literalsIn(value.expression)) report(literal, literalText(literal));
    } else if (
      ts.isPropertyAssignment(node) &&
      READ_PROPS.has(node.name.getText(tree)) &&
      !ts.isJsxAttribute(node.parent)
    ) {
      // { label: `Note to ${name}` } handed to a component that shows it.
      for (const literal of literalsIn(node.initializer)) report(literal, literalText(literal));
      return;
    } else if (
      (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) &&
      looksLikeASentence(node.text) &&
      !ts.isImportDeclaration(node.parent) &&
      !insideAttribute(node) &&
      !isMessageKeyArgument(node)
    )
      report(node, node.text);
    else if (
      ts.isTemplateExpression(node) &&
      /\b[A-Za-z][a-z]+ [a-z]{2,}\b/.test(literalText(node)) &&
      !insideAttribute(node)
    )
      // `${who} updated this case.`: words around the values.
      report(node, literalText(node));
    ts.forEachChild(node, visit);
  };
  visit(tree);
  return found;
}

describe("the app's words come from the locale files", () => {
  const files = componentFiles(SRC).map((path) => relative(SRC, path));

  it("reads every component", () => {
    expect(files.length).toBeGreaterThan(100);
  });

  it("has no hard-coded words in JSX text or in the props people read", () => {
    const leftovers = files
      .filter((file) => !FILES_BEING_TRANSLATED_ELSEWHERE.has(file))
      .flatMap((file) => leftoversIn(file, readFileSync(join(SRC, file), "utf8")))
      .map(({ file, line, text }) => `${file}:${line} ${JSON.stringify(text)}`);
    expect(leftovers).toEqual([]);
  });

  it("finds English in JSX text, in a read prop and in a conditional", () => {
    const source = `export function X({ on }: { on: boolean }) {
      return (
        <p title="Open the case">
          Hello there <b>{on ? "Yes" : t("no")}</b> · 42 <i aria-label={\`Case \${on}\`} />
        </p>
      );
    }`;
    expect(leftoversIn("X.tsx", source).map((l) => l.text)).toEqual([
      "Open the case",
      "Hello there",
      "Yes",
      "Case",
    ]);
  });

  it("lets symbols, numbers, names and keys passed to t through", () => {
    const source = `export function X() {
      return <p className="a b" aria-label={t("x.y")}>{"·"} 42 → Baton {t("z")} ({n}) <kbd>g</kbd></p>;
    }`;
    expect(leftoversIn("X.tsx", source)).toEqual([]);
  });

  it("keeps the allowlist to files that exist", () => {
    const missing = [...FILES_BEING_TRANSLATED_ELSEWHERE].filter((f) => !files.includes(f));
    expect(missing).toEqual([]);
  });
});
