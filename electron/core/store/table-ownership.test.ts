/**
 * Each table is read and written by its owner only (table-owners.ts). Reads the sources of
 * electron/core: a table counts as used where its name follows FROM, INTO, UPDATE or JOIN in a
 * string (raw SQL), or where its drizzle table object is imported from schema.ts.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { getTableName, is } from 'drizzle-orm';
import { SQLiteTable } from 'drizzle-orm/sqlite-core';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../testing/test-core';
import * as schema from './schema';
import { tableOwners, type TableOwnership } from './table-owners';

const SCHEMA_FILE = 'electron/core/store/schema.ts';

/** Table name by the name of its drizzle object in schema.ts. */
const tableOfExport = new Map(Object.entries(schema).flatMap(([name, value]) => (is(value, SQLiteTable) ? [[name, getTableName(value)] as const] : [])));
const tableNames = new Set<string>(tableOfExport.values());

interface TableUse {
  readonly table: string;
  readonly how: string;
}

/** The tables a source file uses, and how. `file` is its path from the repository root. */
function tablesUsedIn(file: string, source: string): TableUse[] {
  const uses: TableUse[] = [];
  const parsed = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true);
  const schemaNamespaces = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteralLike(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) {
      for (const match of node.text.matchAll(/\b(FROM|INTO|UPDATE|JOIN)\s+["'`]?([A-Za-z_]\w*)/g)) {
        if (tableNames.has(match[2]!)) uses.push({ table: match[2]!, how: `${match[1]} ${match[2]} in SQL` });
      }
    }
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier) && importsSchema(file, node.moduleSpecifier.text)) {
      const clause = node.importClause;
      if (clause && !clause.isTypeOnly && clause.namedBindings) {
        if (ts.isNamespaceImport(clause.namedBindings)) schemaNamespaces.add(clause.namedBindings.name.text);
        else {
          for (const element of clause.namedBindings.elements) {
            const table = tableOfExport.get((element.propertyName ?? element.name).text);
            if (table && !element.isTypeOnly) uses.push({ table, how: `imports ${element.name.text} from schema.ts` });
          }
        }
      }
    }
    if (ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.expression) && schemaNamespaces.has(node.expression.text)) {
      const table = tableOfExport.get(node.name.text);
      if (table) uses.push({ table, how: `${node.expression.text}.${node.name.text}` });
    }
    ts.forEachChild(node, visit);
  };
  visit(parsed);
  return uses;
}

function importsSchema(file: string, specifier: string): boolean {
  return specifier.startsWith('.') && path.posix.join(path.posix.dirname(file), specifier) === SCHEMA_FILE.replace(/\.ts$/, '');
}

function coreSources(): string[] {
  const files: string[] = [];
  const walk = (folder: string) => {
    for (const entry of readdirSync(path.join(repoRoot, folder))) {
      const relative = `${folder}/${entry}`;
      if (statSync(path.join(repoRoot, relative)).isDirectory()) walk(relative);
      else if (relative.endsWith('.ts') && !relative.endsWith('.test.ts') && relative !== SCHEMA_FILE) files.push(relative);
    }
  };
  walk('electron/core');
  return files;
}

const within = (file: string, place: string) => (place.endsWith('/') ? file.startsWith(place) : file === place);

function ownershipOf(table: string): TableOwnership | undefined {
  return (tableOwners as Record<string, TableOwnership>)[table];
}

describe('table ownership', () => {
  const uses = coreSources().flatMap((file) => tablesUsedIn(file, readFileSync(path.join(repoRoot, file), 'utf8')).map((use) => ({ file, ...use })));

  it('finds raw SQL and imported table objects (the check would pass vacuously otherwise)', () => {
    const sample = [
      "import { orders, type OrderRow } from '../store/schema';",
      "import type { settings } from '../store/schema';",
      "const q = 'SELECT id FROM webhook_sources WHERE id = ?';",
      'const r = `UPDATE audit_log SET mac = ${"x"}`;',
      "const prose = 'Copy them from settings';",
    ].join('\n');
    expect(tablesUsedIn('electron/core/webhook/example.ts', sample).map((use) => use.table)).toEqual(['orders', 'webhook_sources', 'audit_log']);
    expect(uses.length).toBeGreaterThan(20);
  });

  it('names an owner for every table, and only tables that exist', () => {
    expect(Object.keys(tableOwners).sort()).toEqual([...tableNames].sort());
    for (const { owner, alsoIn } of Object.values(tableOwners) as TableOwnership[]) {
      for (const place of [owner, ...Object.keys(alsoIn ?? {})]) expect(statSync(path.join(repoRoot, place)), place).toBeTruthy();
    }
  });

  it('leaves each table to its owner', () => {
    const outside = uses.filter(({ file, table }) => {
      const ownership = ownershipOf(table);
      return !ownership || !(within(file, ownership.owner) || Object.keys(ownership.alsoIn ?? {}).some((place) => within(file, place)));
    });
    expect(outside.map(({ file, how }) => `${file}: ${how}`)).toEqual([]);
  });

  it('lists no module beside an owner that no longer uses the table', () => {
    const stale = Object.entries(tableOwners as Record<string, TableOwnership>).flatMap(([table, { alsoIn }]) =>
      Object.keys(alsoIn ?? {}).filter((place) => !uses.some((use) => use.table === table && within(use.file, place))).map((place) => `${table}: ${place}`),
    );
    expect(stale).toEqual([]);
  });
});
