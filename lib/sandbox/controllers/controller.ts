/**
 * The loop around a pure reconcile function: a work queue of keys, a periodic resync, and the
 * actions performed through the ClusterClient.
 */
import type { ReconcileResult } from './actions';
import { performActions, type ActionTarget } from './perform-actions';
import { WorkQueue, type WorkResult } from './work-queue';

export interface ControllerOptions {
  name: string;
  /** Decides what to do for one key from the informer caches; may be async (pod runtime). */
  reconcile: (key: string) => ReconcileResult | Promise<ReconcileResult>;
  /** Every key the controller owns, for the initial sync and the periodic resync. */
  keys: () => string[];
  target: ActionTarget;
  resyncMs: number;
  concurrency?: number;
  onError: (error: unknown, context: string) => void;
}

export class Controller {
  readonly queue: WorkQueue;
  private resyncTimer: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly options: ControllerOptions) {
    this.queue = new WorkQueue((key) => this.sync(key), {
      concurrency: options.concurrency ?? 1,
      onError: (error, key) => options.onError(error, `${options.name} ${key}`),
    });
  }

  enqueue(key: string): void {
    this.queue.add(key);
  }

  /** Queues every key now and again every `resyncMs`. */
  start(): void {
    this.queueAll();
    if (this.options.resyncMs > 0) {
      this.resyncTimer = setInterval(() => this.resync(), this.options.resyncMs);
      this.resyncTimer.unref?.();
    }
  }

  async stop(): Promise<void> {
    clearInterval(this.resyncTimer);
    await this.queue.stop();
  }

  /**
   * Queues every key, unless keys are still waiting: then the controller is behind on events,
   * and queueing every key again (70,000 at 10,000 release jobs) would only put the events that
   * matter behind them. The first tick after the queue has drained resyncs.
   */
  private resync(): void {
    if (this.queue.length > 0) return;
    this.queueAll();
  }

  private queueAll(): void {
    try {
      for (const key of this.options.keys()) this.queue.add(key);
    } catch (error) {
      this.options.onError(error, `${this.options.name} resync`);
    }
  }

  private async sync(key: string): Promise<WorkResult> {
    const result = await this.options.reconcile(key);
    if (performActions(this.options.target, result.actions) === 'conflict') return 'retry';
    return result.requeueAfterMs !== undefined ? { afterMs: result.requeueAfterMs } : 'done';
  }
}
