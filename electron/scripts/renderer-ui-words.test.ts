/**
 * Issue 21: the window speaks plain words. Every piece of JSX text and every string literal in the pages,
 * the shell and the shared components is scanned for what belongs in a terminal or a spec: a `keywarden`
 * command, a `--flag`, "the CLI", an HTTP status code, the KDF's name or parameters, and sentences in
 * capitals. A hit fails with file:line. Code that is not shown (class names, channel names, CSS) rarely
 * matches these patterns; where a string really is meant for a terminal, it goes on the allow-list below
 * with why.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';

const rendererSrc = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'renderer', 'src');
const SCANNED = ['features', 'app', 'components'];

const WORDS_FOR_A_TERMINAL: readonly { readonly name: string; readonly pattern: RegExp }[] = [
  { name: 'a keywarden command', pattern: /\bkeywarden [a-z]/ },
  { name: 'a command-line flag', pattern: /(^|\s)--[a-z]/ },
  { name: '"the CLI"', pattern: /\bCLI\b/ },
  { name: 'an HTTP status code', pattern: /\b(HTTP\s*)?(40[0-9]|41[0-9]|42[0-9]|50[0-4])\b(?!\s*(ms|px|%|s\b|seconds|minutes|USD|USDT|\$))/ },
  { name: 'the KDF', pattern: /\bscrypt\b|N\s*=\s*2\^/i },
  // Two capitalised words of four letters or more: shouting ("STILL WORKS"), not an acronym ("RPC URL", "CLOB API").
  { name: 'words in capitals', pattern: /\b[A-Z]{4,}\s+[A-Z]{4,}\b/ },
];

/**
 * "file:text" → why it may stay. Each is a string a person copies into a terminal or a config, or a name
 * that is not a sentence (an exchange's own field name), never a sentence the window says.
 */
const ALLOWED: Readonly<Record<string, string>> = {
  // The PEM markers a person sees in the key file they paste; naming them tells which file to paste.
  'features/accounts/KeyFieldInput.tsx:Paste the whole file, from -----BEGIN PRIVATE KEY----- to the END line.': 'the file’s own text',
  // A command to copy into a terminal (shown in monospace): the Programs switch is about that command.
  'features/accounts/ProgramAccessSection.tsx:keywarden run --env': 'a command to copy',
  'features/ai-keys/AiKeyCreationHelp.tsx:keywarden run': 'a command to copy, after the environment variables a program reads',
  // Not shown: appNote() recognises the core's notes by these commands and shows plain steps instead.
  'features/webhook/webhook-presentation.ts:keywarden webhook create-source': 'matched, never shown',
  'features/webhook/webhook-presentation.ts:keywarden webhook settings --public-url': 'matched, never shown',
  // The audit log's actor names are the audit feature's (another team's files); "CLI" there names who acted.
  'features/audit/audit-presentation.ts:CLI': 'an actor name in the audit log, owned by the audit feature',
};

interface Hit {
  readonly where: string;
  readonly text: string;
  readonly rule: string;
}

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/** Strings a person can read: JSX text, string and template literals (not import paths, not type names). */
function shownStrings(file: string): { line: number; text: string }[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: { line: number; text: string }[] = [];
  const add = (node: ts.Node, text: string) => {
    if (text.trim() !== '') found.push({ line: source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1, text });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node) || ts.isLiteralTypeNode(node)) return;
    // Comparisons name values (a status, a code), not words shown.
    if (ts.isBinaryExpression(node) && [ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken].includes(node.operatorToken.kind)) return;
    if (ts.isJsxText(node)) add(node, node.text);
    else if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) add(node, node.text);
    else if (ts.isTemplateExpression(node)) add(node, [node.head.text, ...node.templateSpans.map((span) => span.literal.text)].join(' … '));
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function scan(): Hit[] {
  const hits: Hit[] = [];
  for (const folder of SCANNED) {
    for (const file of sourceFiles(path.join(rendererSrc, folder))) {
      const relative = path.relative(rendererSrc, file);
      for (const { line, text } of shownStrings(file)) {
        for (const rule of WORDS_FOR_A_TERMINAL) {
          if (rule.pattern.test(text) && ALLOWED[`${relative}:${text.trim()}`] === undefined) hits.push({ where: `renderer/src/${relative}:${line}`, text: text.trim().slice(0, 100), rule: rule.name });
        }
      }
    }
  }
  return hits;
}

describe('the words the window shows', () => {
  test('no CLI command, flag, status code, KDF parameter or capitals in the UI strings', () => {
    expect(scan().map((hit) => `${hit.where}: ${hit.rule}: "${hit.text}"`)).toEqual([]);
  });

  test('the scan finds what it looks for', () => {
    const probe = (text: string) => WORDS_FOR_A_TERMINAL.filter((rule) => rule.pattern.test(text)).map((rule) => rule.name);
    expect(probe('Run keywarden verify --all in the CLI')).toEqual(['a keywarden command', 'a command-line flag', '"the CLI"']);
    expect(probe('The listener answered 409')).toEqual(['an HTTP status code']);
    expect(probe('Passphrase (scrypt, N=2^14)')).toEqual(['the KDF']);
    expect(probe('STILL WORKS until tomorrow')).toEqual(['words in capitals']);
    expect(probe('Locks after 15 idle minutes; up to 500 USD a day')).toEqual([]);
  });
});
