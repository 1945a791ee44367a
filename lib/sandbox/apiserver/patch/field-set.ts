import { isJsonObject } from './json-values';

/**
 * One step of a field path, spelled as FieldsV1 spells it: `f:spec` (a member),
 * `k:{"name":"web"}` (the element of a keyed list with these keys), `v:"x"` (a value of a set
 * list), `i:0` (an element by position, only for keyed-list elements that lack their keys).
 */
export type PathElement = string;

/** A path from the object root, e.g. ["f:spec", "f:template", "f:spec", "f:containers", "k:{\"name\":\"web\"}"]. */
export type FieldPath = readonly PathElement[];

/**
 * A set of field paths: what one field manager owns. Keyed by the path's JSON so that two equal
 * paths are one member.
 */
export type FieldSet = ReadonlyMap<string, FieldPath>;

/**
 * The set key of a path: its elements joined by U+0001, several times cheaper than JSON and
 * computed for every field of every write. Elements that hold U+0001 themselves (a field name
 * nobody writes, but a client could) fall back to the path's JSON, which starts with "[" where a
 * joined key never does (elements start with f:, k:, v: or i:), so keys stay one per path.
 */
export function pathKey(path: FieldPath): string {
  for (const element of path) if (element.includes('\u0001')) return JSON.stringify(path);
  return path.join('\u0001');
}

export function fieldSetOf(paths: Iterable<FieldPath>): FieldSet {
  return new Map([...paths].map((path) => [pathKey(path), path]));
}

export function union(a: FieldSet, b: FieldSet): FieldSet {
  return new Map([...a, ...b]);
}

export function difference(a: FieldSet, b: FieldSet): FieldSet {
  return new Map([...a].filter(([key]) => !b.has(key)));
}

export function intersection(a: FieldSet, b: FieldSet): FieldSet {
  return new Map([...a].filter(([key]) => b.has(key)));
}

/** True when `path` is `prefix` or lies below it. */
export function isWithin(path: FieldPath, prefix: FieldPath): boolean {
  return prefix.length <= path.length && prefix.every((element, i) => path[i] === element);
}

/**
 * Reads a FieldsV1 tree. An empty object marks a member leaf, `".": {}` marks a member that also
 * has members below it, and any other object only leads to its children.
 */
export function fieldSetFromFieldsV1(fieldsV1: unknown): FieldSet {
  const paths: FieldPath[] = [];
  const walk = (node: unknown, path: FieldPath) => {
    if (!isJsonObject(node)) return;
    for (const [element, child] of Object.entries(node)) {
      if (element === '.') {
        if (path.length > 0) paths.push(path);
        continue;
      }
      const childPath = [...path, element];
      if (isJsonObject(child) && Object.keys(child).length === 0) paths.push(childPath);
      else walk(child, childPath);
    }
  };
  walk(fieldsV1, []);
  return fieldSetOf(paths);
}

interface TreeNode {
  member: boolean;
  children: Map<PathElement, TreeNode>;
}

/** Writes a FieldsV1 tree, members sorted the way Kubernetes writes them: ".", then f:, k:, v:, i:. */
export function fieldSetToFieldsV1(set: FieldSet): Record<string, unknown> {
  const root: TreeNode = { member: false, children: new Map() };
  for (const path of set.values()) {
    let node = root;
    for (const element of path) {
      let next = node.children.get(element);
      if (next === undefined) {
        next = { member: false, children: new Map() };
        node.children.set(element, next);
      }
      node = next;
    }
    node.member = true;
  }
  const write = (node: TreeNode): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    if (node.member && node.children.size > 0) out['.'] = {};
    for (const element of [...node.children.keys()].sort(compareElements)) {
      out[element] = write(node.children.get(element)!);
    }
    return out;
  };
  return write(root);
}

const elementKindOrder = ['f', 'k', 'v', 'i'];

function compareElements(a: PathElement, b: PathElement): number {
  const byKind = elementKindOrder.indexOf(a.slice(0, 1)) - elementKindOrder.indexOf(b.slice(0, 1));
  if (byKind !== 0) return byKind;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * A path as structured-merge-diff prints it in conflict messages:
 * `.spec.template.spec.containers[name="web"].image`, `.metadata.finalizers[="x"]`.
 */
export function formatFieldPath(path: FieldPath): string {
  return path
    .map((element) => {
      const body = element.slice(2);
      switch (element.slice(0, 2)) {
        case 'f:':
          return `.${body}`;
        case 'k:': {
          const keys = JSON.parse(body) as Record<string, unknown>;
          return `[${Object.entries(keys)
            .map(([name, value]) => `${name}=${JSON.stringify(value)}`)
            .join(',')}]`;
        }
        case 'v:':
          return `[=${body}]`;
        default:
          return `[${body}]`;
      }
    })
    .join('');
}
