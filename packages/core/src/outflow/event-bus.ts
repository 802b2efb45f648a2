import type { EntityManager, EntitySubscriberInterface, QueryRunner, TransactionCommitEvent, TransactionRollbackEvent, DataSource } from 'typeorm';
import type { CaseEventType, CaseOutcomeEvent } from './events';

/** A handler of one event type (or of every type with `'*'`). */
export type OutcomeHandler<T extends CaseEventType = CaseEventType> = (event: CaseOutcomeEvent<T>) => void | Promise<void>;

/**
 * In-process subscription to case events, for a system that embeds core:
 * `tj.events.on('case.settled', (e) => …)`. Handlers run after the command's transaction commits
 * (never for a rolled-back change), in this process only, after the command returned; a handler's
 * error is reported to `onError` and changes nothing. To hear events from every process, register
 * a webhook instead.
 */
export class OutcomeEvents {
  private readonly handlers = new Map<string, Set<OutcomeHandler<never>>>();
  /** Where a handler's error goes (console.error by default). */
  onError: (error: unknown, event: CaseOutcomeEvent) => void = (e) => console.error('tiaojie: event handler failed', e);

  /** Call `handler` for each committed event of `type`; returns a function that unsubscribes. */
  on<T extends CaseEventType>(type: T | '*', handler: OutcomeHandler<T>): () => void {
    if (typeof handler !== 'function') throw new TypeError('events.on: handler must be a function');
    let set = this.handlers.get(type);
    if (!set) this.handlers.set(type, (set = new Set()));
    set.add(handler as OutcomeHandler<never>);
    return () => this.off(type, handler);
  }

  off<T extends CaseEventType>(type: T | '*', handler: OutcomeHandler<T>): void {
    this.handlers.get(type)?.delete(handler as OutcomeHandler<never>);
  }

  /** @internal Deliver committed events to the handlers. */
  emit(events: CaseOutcomeEvent[]): void {
    for (const event of events) {
      for (const h of [...(this.handlers.get(event.type) ?? []), ...(this.handlers.get('*') ?? [])]) {
        Promise.resolve()
          .then(() => (h as OutcomeHandler)(event))
          .catch((e) => this.onError(e, event));
      }
    }
  }
}

/** Events written in a transaction that has not committed yet, by the transaction's query runner. */
const pending = new WeakMap<QueryRunner, CaseOutcomeEvent[]>();

/** @internal Hold an event until its transaction commits (dropped if it rolls back). */
export function holdUntilCommit(em: EntityManager, event: CaseOutcomeEvent): void {
  const runner = em.queryRunner;
  if (!runner?.isTransactionActive) return;
  const list = pending.get(runner);
  if (list) list.push(event);
  else pending.set(runner, [event]);
}

/** @internal Wire a data source's commits and rollbacks to the in-process bus. */
export function attachEventBus(ds: DataSource, bus: OutcomeEvents): void {
  const subscriber: EntitySubscriberInterface = {
    afterTransactionCommit(e: TransactionCommitEvent) {
      // A savepoint's release is not the commit: wait for the outermost one.
      if (e.queryRunner.isTransactionActive) return;
      const list = pending.get(e.queryRunner);
      if (!list) return;
      pending.delete(e.queryRunner);
      // After the commit has returned to the caller, so a handler sees the committed state.
      setImmediate(() => bus.emit(list));
    },
    afterTransactionRollback(e: TransactionRollbackEvent) {
      pending.delete(e.queryRunner);
    },
  };
  ds.subscribers.push(subscriber);
}
