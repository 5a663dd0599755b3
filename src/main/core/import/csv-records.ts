import { parse } from 'csv-parse/sync';
import { readLines, type RawLine } from './lines';

export type CsvRecord =
  { ok: true; line: number; lastLine: number; fields: string[]; end: number } | { ok: false; line: number; reason: string; end: number };

export interface CsvRecordOptions {
  /** The most a record (every line of it) may hold; a longer one is reported and passed over in constant memory. */
  maxRecordBytes: number;
  /**
   * Whether one line is a whole, good row on its own. While a quoted field runs on over several
   * lines, a following line that is a good row shows the quote was stray: the record is cut there.
   */
  isRow: (fields: string[]) => boolean;
  /** What separates fields: a comma unless the file says otherwise (`delimiterOf`). */
  delimiter?: string;
}

/** The delimiters a CSV export may use; a comma unless the header line holds more of another. */
const DELIMITERS = [',', ';', '\t'];

/**
 * The file's field delimiter, from its header line: spreadsheets in many locales save CSV with
 * semicolons, and some exports separate fields with tabs.
 */
export async function delimiterOf(path: string): Promise<string> {
  const lines = readLines(path, { maxLineBytes: 64 * 1024 });
  const first = (await lines.next()).value;
  await lines.return(undefined);
  const header = first && !first.oversized ? first.bytes.toString('utf8') : '';
  const count = (d: string) => header.split(d).length - 1;
  return DELIMITERS.reduce((best, d) => (count(d) > count(best) ? d : best));
}

/** One record's text to its fields; quotes inside a field are kept as written. */
function fieldsOf(text: string, delimiter: string): string[] | string {
  try {
    const records = parse(text, { delimiter, relax_quotes: true, relax_column_count: true }) as string[][];
    if (records.length !== 1) return records.length ? 'holds more than one row' : 'is empty';
    return records[0]!;
  } catch (error) {
    // csv-parse counts lines within the record; the record's own line is what the lead needs
    return (error instanceof Error ? error.message : String(error)).replace(/ at line \d+/g, '');
  }
}

/**
 * Reads a CSV file record by record in bounded memory. A quoted field may run over several
 * lines; a quote that is never closed, or that opens a field the next good row shows to be stray,
 * costs only its own line: it is reported with its line number, and reading goes on from the
 * next line. The header is the first record.
 */
export async function* readCsvRecords(path: string, options: CsvRecordOptions): AsyncGenerator<CsvRecord> {
  const utf8 = new TextDecoder('utf-8', { fatal: false });
  const delimiter = options.delimiter ?? ',';
  const lines = readLines(path, { maxLineBytes: options.maxRecordBytes, countQuotes: true });
  const again: RawLine[] = []; // lines to read once more after a stray quote was found
  const next = async (): Promise<RawLine | undefined> => again.shift() ?? (await lines.next()).value ?? undefined;
  const isWholeRow = (line: RawLine) => {
    if (line.oversized || line.quotes % 2 !== 0) return false;
    const fields = fieldsOf(utf8.decode(line.bytes), delimiter);
    return typeof fields !== 'string' && options.isRow(fields);
  };

  let record: RawLine[] = []; // the lines of the record being read; only its first once it is too long
  let bytes = 0;
  let open = false;
  let oversized = false;
  /** The record's first line is lost to a stray quote; the lines after it are read again as rows. */
  const strayQuote = (upTo: RawLine[]): CsvRecord => {
    const first = record[0]!;
    again.unshift(...(oversized ? [] : record.slice(1)), ...upTo);
    [record, bytes, open, oversized] = [[], 0, false, false];
    return { ok: false, line: first.number, reason: 'a quote opened on this line is never closed', end: first.end };
  };

  for (;;) {
    const line = await next();
    if (!line) {
      if (!record.length) return;
      yield strayQuote([]); // the file ended inside a quoted field
      continue;
    }
    if (!record.length && !line.oversized && !line.bytes.length) continue; // a blank line between rows
    if (record.length && isWholeRow(line)) {
      yield strayQuote([line]);
      continue;
    }
    bytes += line.bytes.length;
    if (!oversized && (line.oversized || bytes > options.maxRecordBytes)) {
      oversized = true;
      record = [record[0] ?? line];
    }
    if (!oversized) record.push(line);
    if (line.quotes % 2 === 1) open = !open;
    if (open) continue;

    const first = record[0]!;
    if (oversized) {
      yield { ok: false, line: first.number, reason: `a field is longer than ${options.maxRecordBytes / 2 ** 20} MB`, end: line.end };
    } else {
      const fields = fieldsOf(record.map((l) => utf8.decode(l.bytes)).join('\n'), delimiter);
      yield typeof fields === 'string'
        ? { ok: false, line: first.number, reason: fields, end: line.end }
        : { ok: true, line: first.number, lastLine: line.number, fields, end: line.end };
    }
    [record, bytes, oversized] = [[], 0, false];
  }
}
