/**
 * The SQL of the audit log's two generated columns, built from the shared rules (shared/audit-kinds.ts)
 * so that the index and the JavaScript read a row the same way. They are VIRTUAL: computed from the
 * hashed content, never stored apart from it, so they cannot be edited to hide a row from a filter.
 *
 * A change to the rules needs a migration (the column's SQL is fixed in it).
 */
import { FALLBACK_KIND, keyDetailFields, keySubjectActions, keySubjectPrefixes, kindByAction, kindByPrefix } from '../../shared/audit-kinds';

const literal = (text: string): string => `'${text.replace(/'/g, "''")}'`;

/** `kind`: the kind of event a person filters by. */
export function kindColumnSql(): string {
  const exact = Object.entries(kindByAction).map(([action, kind]) => `WHEN "action" = ${literal(action)} THEN ${literal(kind)}`);
  const prefixes = kindByPrefix.map(([prefix, kind]) => `WHEN substr("action", 1, ${prefix.length}) = ${literal(prefix)} THEN ${literal(kind)}`);
  return `CASE ${[...exact, ...prefixes].join(' ')} ELSE ${literal(FALLBACK_KIND)} END`;
}

/** `key_id`: the credential a row is about (the subject of key actions, else a details field). */
export function keyIdColumnSql(): string {
  const bySubject = [
    ...keySubjectActions.map((action) => `"action" = ${literal(action)}`),
    ...keySubjectPrefixes.map((prefix) => `substr("action", 1, ${prefix.length}) = ${literal(prefix)}`),
  ].join(' OR ');
  const fromDetails = keyDetailFields.map((field) => `json_extract("details", ${literal(`$.${field}`)})`).join(', ');
  return `CASE WHEN ${bySubject} THEN "subject" ELSE coalesce(${fromDetails}) END`;
}
