/**
 * The churn rule of docs/customer-state.md §2 worked out independently of src/core, from the
 * summaries alone (times in weeks): churned when P(alive) < 0.1, or silent (T − recency) beyond
 * 3 × the larger of the population's mean inter-purchase time (the mean of recency / x over the
 * repeat buyers) and, for a repeat buyer, its own.
 */
interface Churnable {
  summary: { frequency: number; recency: number; T: number };
  pAlive: number | null;
}

export function expectedChurned(customers: readonly Churnable[]): boolean[] {
  let sum = 0;
  let count = 0;
  for (const c of customers) {
    if (c.summary.frequency > 0) {
      sum += c.summary.recency / c.summary.frequency;
      count++;
    }
  }
  const population = sum / count;
  return customers.map((c) => {
    const { frequency: x, recency, T } = c.summary;
    const gap = x > 0 ? Math.max(recency / x, population) : population;
    return (c.pAlive !== null && c.pAlive < 0.1) || T - recency > 3 * gap;
  });
}
