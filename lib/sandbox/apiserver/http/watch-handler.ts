import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError, badRequest } from '../errors';
import type { ResourceService } from '../core/resource-service';
import { storageKey, groupVersion, type ResourceType } from '../registry/resource-type';
import type { StoreEvent, StoredObject } from '../store/stored-object';
import type { KubeObject } from '../types';
import { objectJson } from './respond';
import { tableContentType, toTable, type JsonPathEvaluator } from './table';

export interface WatchRequest {
  type: ResourceType;
  version: string;
  namespace: string;
  query: URLSearchParams;
  asTable: boolean;
  jsonPath: JsonPathEvaluator;
  /** The server's open watches, so stopping the server can end them (a stream never ends by itself). */
  openWatches: Set<() => void>;
}

/** How often an idle watch gets a bare newline, so clients with inactivity timeouts stay connected. */
export const heartbeatMs = 15_000;
const bookmarkMs = 60_000;

/**
 * A watch stream: newline-delimited JSON events, headers flushed at once. Starting without a
 * resourceVersion sends the current objects as ADDED first; with one it resumes from the history,
 * or answers one ERROR 410 event and closes when that version is too old.
 */
export function serveWatch(
  service: ResourceService,
  req: IncomingMessage,
  res: ServerResponse,
  w: WatchRequest,
): void {
  const { type, version, namespace, query } = w;
  const matches = service.selectors.compile(
    type,
    query.get('labelSelector') ?? undefined,
    query.get('fieldSelector') ?? undefined,
  );
  const rvParam = query.get('resourceVersion') ?? '';
  let fromRv: number | undefined;
  if (rvParam !== '' && rvParam !== '0') {
    fromRv = Number(rvParam);
    if (!Number.isInteger(fromRv) || fromRv < 0)
      throw badRequest(`invalid resource version: ${rvParam}`);
  }
  const bookmarks = query.get('allowWatchBookmarks') === 'true';
  const timeoutSeconds = Number(query.get('timeoutSeconds') ?? 0);

  res.writeHead(200, {
    'content-type': w.asTable ? tableContentType : 'application/json',
    'cache-control': 'no-cache, private',
    'transfer-encoding': 'chunked',
  });
  res.flushHeaders();

  let closed = false;
  const write = (type_: string, object: KubeObject) => {
    if (closed) return;
    const presented =
      w.asTable && type_ !== 'ERROR' && type_ !== 'BOOKMARK'
        ? toTable(
            type,
            version,
            [object],
            object.metadata.resourceVersion ?? '',
            w.jsonPath,
            query.get('includeObject'),
          )
        : object;
    res.write(
      `{"type":"${type_}","object":${presented === object ? objectJson(object) : JSON.stringify(presented)}}\n`,
    );
  };

  const visible = new Set<string>();
  const keyOf = (e: { namespace: string; name: string }) => `${e.namespace}/${e.name}`;
  const storedKey = storageKey(type);
  const subscription = {
    storageKey: storedKey,
    namespace: type.namespaced ? namespace : '',
    deliver: (events: StoreEvent[]) => {
      for (const event of events) emit(event);
    },
  };
  const emit = (event: StoreEvent) => {
    const key = keyOf(event);
    const object = service.present(type, version, event.object);
    const matching = matches(event.object);
    if (event.type === 'DELETED') {
      if (visible.delete(key) || matching) write('DELETED', object);
      return;
    }
    if (matching) {
      write(visible.has(key) ? event.type : 'ADDED', object);
      visible.add(key);
    } else if (visible.delete(key)) {
      // The object stopped matching the selector: for this watcher it is gone.
      write('DELETED', object);
    }
  };

  let replay: StoreEvent[];
  const startRv = fromRv ?? service.store.currentRv();
  const current: StoredObject[] = service.store.list(storedKey, type.namespaced ? namespace : '');
  try {
    replay = service.store.watches.subscribe(subscription, startRv);
  } catch (error) {
    if (error instanceof ApiError && error.code === 410) {
      write('ERROR', error.toStatus() as unknown as KubeObject);
      res.end();
      return;
    }
    throw error;
  }
  for (const stored of current) {
    if (!matches(stored.object)) continue;
    visible.add(keyOf(stored));
    if (fromRv === undefined) write('ADDED', service.present(type, version, stored.object));
  }
  for (const event of replay) emit(event);

  const heartbeat = setInterval(() => {
    if (!closed) res.write('\n');
  }, heartbeatMs);
  const bookmark = bookmarks
    ? setInterval(() => {
        write('BOOKMARK', {
          kind: type.kind,
          apiVersion: groupVersion(type.group, version),
          metadata: { resourceVersion: String(service.store.currentRv()) },
        });
      }, bookmarkMs)
    : undefined;
  const timeout =
    timeoutSeconds > 0 ? setTimeout(() => stop(true), timeoutSeconds * 1000) : undefined;

  function stop(endResponse: boolean) {
    if (closed) return;
    closed = true;
    service.store.watches.unsubscribe(subscription);
    clearInterval(heartbeat);
    if (bookmark) clearInterval(bookmark);
    if (timeout) clearTimeout(timeout);
    if (endResponse) res.end();
  }
  const stopThis = () => stop(true);
  w.openWatches.add(stopThis);
  const onClose = () => {
    stop(false);
    w.openWatches.delete(stopThis);
  };
  req.on('close', onClose);
  res.on('close', onClose);
}
