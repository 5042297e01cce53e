// Shared by the tests that execute `cva sql`'s texts (./sql.test.ts in DuckDB,
// ./sql-postgres.test.ts in PostgreSQL): a small transaction log of edge cases and the row-by-row
// comparison with cva summary.

/**
 * Edge cases, by hand: customer 1 buys on Sunday 2023-12-31 and on Monday 2024-01-01, whose two
 * rows net to 15.50 − 5.25 = 10.25 (one purchase day, two rows, one order), so a weekly period
 * counts two weeks and a daily one three days; "01" sorts before "1" (same value, the text breaks the
 * tie, "0" before "1"); A7 buys once and returns it on another day (a refund is no purchase: frequency 0, the
 * refund in revenue only); b2 never buys (a refund and a zero: T and recency from its first row);
 * 10 buys on 31 January and twice on 1 February (netted 10), a new month, and again after
 * 2024-05-31; 2 buys only after it, so --end 2024-05-31 leaves it out. Times carry a time of day,
 * so that the tables' date column can be a TIMESTAMP.
 */
export const EDGE_LOG = `customer_id,date,amount
1,2023-12-31 10:00:00,20.00
1,2024-01-01 09:00:00,15.50
1,2024-01-01 18:30:00,-5.25
1,2024-02-29 00:00:00,40.00
01,2024-01-10 12:00:00,12.00
A7,2024-03-01 08:00:00,30.00
A7,2024-03-15 08:00:00,-30.00
b2,2024-01-05 08:00:00,-10.00
b2,2024-01-20 08:00:00,0.00
10,2024-01-31 23:59:59,5.00
10,2024-02-01 00:00:01,7.00
10,2024-02-01 13:00:00,3.00
10,2024-04-15 13:00:00,8.00
10,2024-06-30 13:00:00,9.00
2,2024-06-30 13:00:00,4.00
`;

/** The summary a query printed equals cva summary's: ids in order, figures to 1e-12 relative, the same dates. */
export function expectSameSummary(got: Record<string, string[]>, want: Record<string, string[]>): void {
  expect(got.customer_id).toEqual(want.customer_id);
  for (const k of ["frequency", "recency", "T", "monetary", "revenue", "orders"]) {
    want[k].forEach((v, i) => expect(Math.abs(Number(got[k][i]) - Number(v))).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(Number(v)))));
  }
  expect(got.first).toEqual(want.first);
  expect(got.last).toEqual(want.last);
}
