import { LRUCache } from 'lru-cache';
import type { CachedList, EventBus } from './realtime/event-bus';

/**
 * Lists that read the same for everyone (the viewer's own parts are read fresh beside them) and cost
 * far more to compute than to keep: Inside search results, the Live calendar (decision 007) and the pros
 * directory's pages (decision 008).
 */
export type { CachedList };

const LISTS: CachedList[] = ['inside_search', 'live_calendar', 'pros_directory'];

export interface ReadCache {
  /**
   * The value kept for `key`, or `load()`'s, kept for the next readers. Readers arriving while it loads
   * share the same load.
   */
  read<T>(list: CachedList, key: string, load: () => Promise<T>): Promise<T>;
  /**
   * Forgets a list on this instance at once and on the others through the event bus. Called after the
   * write's commit, so no reader can keep what was read before it.
   */
  invalidate(list: CachedList): Promise<void>;
  /**
   * Forgets a list on this instance only, after a statement that told the others itself (it selected
   * `events.publishing({ type: 'stale', list })`), saving a round trip.
   */
  forget(list: CachedList): void;
  close(): void;
}

export interface ReadCacheOptions {
  /** Keys kept per list (the least recently read go first). */
  max?: number;
  /**
   * The longest an entry is kept, should an instance miss a notice (a listener that reconnects says so
   * and everything is forgotten then). 0: nothing is kept.
   */
  ttlSeconds: number;
}

export function createReadCache(bus: EventBus, options: ReadCacheOptions): ReadCache {
  const lists = new Map(
    LISTS.map((list) => [
      list,
      new LRUCache<string, Promise<unknown>>({
        max: options.max ?? 1000,
        ttl: options.ttlSeconds * 1000 || 1,
      }),
    ]),
  );
  const entriesOf = (list: CachedList) => lists.get(list) as LRUCache<string, Promise<unknown>>;
  const unsubscribe = bus.subscribe((event) => {
    if (event.type === 'stale') entriesOf(event.list).clear();
    // The listener reconnected: notices may have been lost.
    if (event.type === 'resync') for (const entries of lists.values()) entries.clear();
  });

  return {
    read<T>(list: CachedList, key: string, load: () => Promise<T>): Promise<T> {
      if (options.ttlSeconds === 0) return load();
      const entries = entriesOf(list);
      const kept = entries.get(key);
      if (kept) return kept as Promise<T>;
      // The promise is kept, not its value: an invalidation while it loads drops it for later readers.
      const loading = load();
      entries.set(key, loading);
      loading.catch(() => {
        if (entries.get(key) === loading) entries.delete(key);
      });
      return loading;
    },
    async invalidate(list) {
      entriesOf(list).clear();
      await bus.publish({ type: 'stale', list });
    },
    forget(list) {
      entriesOf(list).clear();
    },
    close: () => {
      unsubscribe();
    },
  };
}
