/**
 * The audit log as CSV: time, sentence, key, kind, result. RFC 4180 quoting, and a cell that a
 * spreadsheet would run as a formula (it starts with = + - @, a tab or a carriage return) gets a
 * leading ' : a key label or an alert source name is text a person chose and must stay text.
 */
import { closeSync, constants, openSync, writeSync } from 'node:fs';
import { auditKindWords } from '../../shared/audit-kinds';
import { outcomeWords } from '../../shared/audit-words';
import { KeywardenError } from '../errors';
import type { AuditLine } from './audit-schema';

export const CSV_HEADER = ['Time (UTC)', 'What happened', 'Key', 'Kind', 'Result'] as const;

export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvRow(cells: readonly string[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

export function auditCsvRow(line: AuditLine): string {
  const time = new Date(line.at).toISOString().replace('T', ' ').slice(0, 19);
  return csvRow([time, line.sentence, line.keyLabel ?? '', auditKindWords[line.kind], outcomeWords[line.outcome]]);
}

/**
 * Writes the lines to `file` (readable by its owner only), in batches as they come; refuses an
 * existing file unless `overwrite`. Answers how many rows were written.
 */
export function writeAuditCsv(file: string, lines: Iterable<AuditLine>, overwrite: boolean): number {
  let fd: number;
  try {
    fd = openSync(file, constants.O_WRONLY | constants.O_CREAT | (overwrite ? constants.O_TRUNC : constants.O_EXCL), 0o600);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new KeywardenError('INVALID_INPUT', 'That file already exists. Choose another name, or replace it.', { field: 'file' });
    throw new KeywardenError('INVALID_INPUT', 'The CSV file could not be written there (check the folder exists and is yours).', { field: 'file' });
  }
  let rows = 0;
  try {
    // \uFEFF: spreadsheets read the file as UTF-8 (labels and the arrows in sentences).
    let chunk = `\uFEFF${csvRow(CSV_HEADER)}`;
    for (const line of lines) {
      chunk += auditCsvRow(line);
      rows += 1;
      if (chunk.length > 64_000) { writeSync(fd, chunk); chunk = ''; }
    }
    if (chunk) writeSync(fd, chunk);
  } finally {
    closeSync(fd);
  }
  return rows;
}
