import { ApiError, badRequest } from '../errors';
import { cloneJson, isJsonObject, jsonEqual, setMember } from './json-values';

/** One RFC 6902 operation, after the shape of the body has been checked. */
export type JsonPatchOperation =
  | { op: 'add' | 'replace' | 'test'; path: string; value: unknown }
  | { op: 'remove'; path: string }
  | { op: 'move' | 'copy'; from: string; path: string };

/**
 * Checks that a `application/json-patch+json` body is an array of well-formed operations and
 * returns them. Anything else is a malformed document, which kube-apiserver answers with 400
 * BadRequest (it fails to decode the patch before looking at the object).
 */
export function parseJsonPatch(body: unknown): JsonPatchOperation[] {
  if (!Array.isArray(body)) {
    const kind = body === null ? 'null' : typeof body === 'boolean' ? 'bool' : typeof body;
    throw badRequest(`json: cannot unmarshal ${kind} into Go value of type jsonpatch.Patch`);
  }
  return body.map((operation, index) => parseOperation(operation, index));
}

function parseOperation(operation: unknown, index: number): JsonPatchOperation {
  const fail = (why: string) => badRequest(`invalid JSON patch operation ${index}: ${why}`);
  if (!isJsonObject(operation)) throw fail('not an object');
  const { op, path, from } = operation;
  if (typeof path !== 'string') throw fail('missing "path"');
  checkPointerSyntax(path, fail);
  switch (op) {
    case 'add':
    case 'replace':
    case 'test':
      // `value` may be null, so presence is what counts, not truthiness.
      if (!('value' in operation)) throw fail(`"${op}" needs a "value"`);
      return { op, path, value: operation.value };
    case 'remove':
      return { op, path };
    case 'move':
    case 'copy':
      if (typeof from !== 'string') throw fail(`"${op}" needs a "from"`);
      checkPointerSyntax(from, fail);
      return { op, from, path };
    default:
      throw fail(`unknown op ${JSON.stringify(op)}`);
  }
}

function checkPointerSyntax(pointer: string, fail: (why: string) => ApiError): void {
  if (pointer !== '' && !pointer.startsWith('/'))
    throw fail(`JSON pointer "${pointer}" must start with "/"`);
  if (/~[^01]|~$/.test(pointer)) throw fail(`JSON pointer "${pointer}" has a bad "~" escape`);
}

/**
 * Applies an RFC 6902 JSON patch to `document` and returns the result; `document` is untouched.
 *
 * A well-formed patch that cannot be applied (a missing path, an index out of range, a failed
 * `test`) is not a malformed request but a request the server understood and refused for this
 * object. kube-apiserver answers it with 422 Invalid ("the server rejected our request due to an
 * error in our request", the JSON-patch library's message as an `UnexpectedServerResponse`
 * cause), so kubectl prints the library's reason and does not retry; this does the same.
 * The operations are all-or-nothing, as RFC 6902 section 5 requires: a failure leaves no trace.
 */
export function applyJsonPatch(document: unknown, body: unknown): unknown {
  const operations = parseJsonPatch(body);
  let result = cloneJson(document);
  for (const operation of operations) {
    result = applyOperation(result, operation);
  }
  return result;
}

function applyOperation(document: unknown, operation: JsonPatchOperation): unknown {
  switch (operation.op) {
    case 'add':
      return add(document, operation.path, cloneJson(operation.value), 'add');
    case 'remove':
      return remove(document, operation.path, 'remove').document;
    case 'replace':
      get(document, operation.path, 'replace');
      return add(
        remove(document, operation.path, 'replace').document,
        operation.path,
        cloneJson(operation.value),
        'replace',
      );
    case 'move': {
      if (operation.path.startsWith(`${operation.from}/`)) {
        throw cannotApply(
          `move operation cannot move "${operation.from}" into its own child "${operation.path}"`,
        );
      }
      if (operation.from === operation.path) return document;
      const removed = remove(document, operation.from, 'move');
      return add(removed.document, operation.path, removed.value, 'move');
    }
    case 'copy':
      return add(
        document,
        operation.path,
        cloneJson(get(document, operation.from, 'copy')),
        'copy',
      );
    case 'test': {
      const actual = get(document, operation.path, 'test');
      if (!jsonEqual(actual, operation.value))
        throw cannotApply(`testing value ${operation.path} failed: test failed`);
      return document;
    }
  }
}

function cannotApply(message: string): ApiError {
  return new ApiError(
    422,
    'Invalid',
    'the server rejected our request due to an error in our request',
    {
      causes: [{ reason: 'UnexpectedServerResponse', message }],
    },
  );
}

/** "/a~1b/~0c" -> ["a/b", "~c"]; ~1 is decoded before ~0, so "~01" stays "~1" (RFC 6901 section 4). */
function tokens(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((token) => token.replaceAll('~1', '/').replaceAll('~0', '~'));
}

/** Walks to the container of the pointer's last token; the root itself has no container. */
function parentOf(
  document: unknown,
  pointer: string,
  op: string,
): { parent: unknown; last: string } {
  const path = tokens(pointer);
  const last = path.pop();
  if (last === undefined) throw new Error('the root has no parent');
  let parent = document;
  for (const token of path) {
    parent = child(parent, token, pointer, op);
  }
  return { parent, last };
}

function child(container: unknown, token: string, pointer: string, op: string): unknown {
  if (Array.isArray(container)) {
    const index = arrayIndex(token, container.length - 1, pointer, op);
    return container[index];
  }
  if (isJsonObject(container) && Object.hasOwn(container, token)) return container[token];
  throw cannotApply(
    `${op} operation does not apply: doc is missing path: "${pointer}": missing value`,
  );
}

function arrayIndex(token: string, max: number, pointer: string, op: string): number {
  // RFC 6901: an index is "0" or digits without a leading zero; "-" only makes sense for add.
  if (!/^(0|[1-9][0-9]*)$/.test(token) || Number(token) > max) {
    throw cannotApply(
      `${op} operation does not apply: doc is missing path: "${pointer}": invalid index ${token}`,
    );
  }
  return Number(token);
}

function get(document: unknown, pointer: string, op: string): unknown {
  let value = document;
  for (const token of tokens(pointer)) value = child(value, token, pointer, op);
  return value;
}

function add(document: unknown, pointer: string, value: unknown, op: string): unknown {
  if (pointer === '') return value;
  const { parent, last } = parentOf(document, pointer, op);
  if (Array.isArray(parent)) {
    const index = last === '-' ? parent.length : arrayIndex(last, parent.length, pointer, op);
    parent.splice(index, 0, value);
  } else if (isJsonObject(parent)) {
    setMember(parent, last, value);
  } else {
    throw cannotApply(
      `${op} operation does not apply: doc is missing path: "${pointer}": missing value`,
    );
  }
  return document;
}

function remove(
  document: unknown,
  pointer: string,
  op: string,
): { document: unknown; value: unknown } {
  if (pointer === '') return { document: null, value: document };
  const { parent, last } = parentOf(document, pointer, op);
  if (Array.isArray(parent)) {
    const index = arrayIndex(last, parent.length - 1, pointer, op);
    const [value] = parent.splice(index, 1);
    return { document, value };
  }
  if (isJsonObject(parent) && Object.hasOwn(parent, last)) {
    const value = parent[last];
    delete parent[last];
    return { document, value };
  }
  throw cannotApply(
    `${op} operation does not apply: doc is missing path: "${pointer}": missing value`,
  );
}
