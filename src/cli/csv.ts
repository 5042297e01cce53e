/**
 * Fast CSV reading for the CLI (Node only): the file is read into one Buffer and scanned byte by
 * byte; field boundaries go into reused typed arrays, so no per-row arrays or strings are made
 * except the customer id. Quoted fields ("a,b", doubled "" quotes, line breaks inside quotes),
 * CRLF, and comma, semicolon or tab delimiters (detected from the header) are supported. Files in
 * UTF-8 (with or without a byte-order mark), UTF-16, GB18030/GBK and Windows-1252 are decoded
 * first (encoding.ts); the rules are docs/inputs.md §7:
 *
 * - a row whose fields are all empty or blank (Excel's trailing ",,") is skipped;
 * - ids are trimmed, quoted or not, so " C1" and C1 are one customer (docs/inputs.md §3);
 * - a header that appears twice is an error when a role would use it, else a warning;
 * - two options naming one column (--id amount --amount amount) are a usage error.
 *
 * Errors are keyed (src/core/i18n/errors.ts) and name the file, the data row (1-based, header and
 * blank rows excluded), the line and the column as the file names it:
 *   tx.csv: row 3 (line 4), column "date": cannot read "1997-13-01" as a date (…)
 *
 * The parts, in ./csv/: file.ts reads and decodes the file, records.ts parses records, header.ts
 * finds the delimiter and the column of each role, values.ts reads numbers and dates from bytes,
 * errors.ts names the file, row, line and column; transactions.ts and profiles.ts are the readers.
 */
export { readCsvFile, type CsvReadOptions } from "./csv/file";
export { CsvRecord, forEachRecord } from "./csv/records";
export { readTransactionsCsv, type TransactionColumnsOverride } from "./csv/transactions";
export { listIds, readProfilesCsv } from "./csv/profiles";
