export interface BatcherOptions {
  /** Most items in one batch. */
  maxBatch: number;
  /** Most batches running at once; further items wait and join the next batch. */
  maxConcurrent: number;
}

/**
 * Group commit: items submitted while earlier batches are running wait and go together in the next
 * one. Under light load every item runs at once in a batch of its own (nothing waits on a timer);
 * under heavy load batches grow, so the fixed cost of a batch (round trips, a commit) is shared.
 * `run` must settle every item of its batch: one result per item, in order.
 */
export class Batcher<I, O> {
  private readonly queue: { item: I; resolve: (o: O) => void; reject: (e: unknown) => void }[] = [];
  private running = 0;
  private scheduled = false;

  constructor(
    private readonly run: (items: I[]) => Promise<O[]>,
    private readonly options: BatcherOptions,
  ) {}

  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      // Items submitted in the same event-loop turn (one burst of requests) start as one batch.
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => {
          this.scheduled = false;
          this.drain();
        });
      }
    });
  }

  /** Items waiting for a batch (for tests and metrics). */
  get waiting(): number {
    return this.queue.length;
  }

  private drain(): void {
    while (this.running < this.options.maxConcurrent && this.queue.length > 0) {
      const batch = this.queue.splice(0, this.options.maxBatch);
      this.running++;
      this.run(batch.map((b) => b.item))
        .then(
          (results) => {
            if (results.length !== batch.length)
              throw new Error(`a batch of ${batch.length} gave ${results.length} results`);
            batch.forEach((b, i) => b.resolve(results[i]!));
          },
          (err: unknown) => batch.forEach((b) => b.reject(err)),
        )
        .catch((err: unknown) => batch.forEach((b) => b.reject(err)))
        .finally(() => {
          this.running--;
          this.drain();
        });
    }
  }
}
