import type { ResourceType } from '../registry/resource-type';
import type { KubeObject } from '../types';
import { builtinColumns, defaultColumns, type Column } from './builtin-columns';
import { ageOf } from './human-duration';
import { printerCellOf, type PrinterColumn } from '../schema/printer-columns';

export const tableContentType = 'application/json;as=Table;v=v1;g=meta.k8s.io';

/** kubectl get asks for a meta.k8s.io Table (v1 or v1beta1) first, then plain JSON. */
export function wantsTable(accept: string | undefined): boolean {
  return (accept ?? '').split(',').some((entry) => {
    const params = entry.split(';').map((p) => p.trim());
    return params.includes('as=Table') && params.includes('g=meta.k8s.io');
  });
}

export type JsonPathEvaluator = (object: unknown, path: string) => unknown[];

const knownTypes: readonly string[] = ['string', 'integer', 'number', 'date', 'boolean'];

function columnsFor(type: ResourceType, version: string, jsonPath: JsonPathEvaluator): Column[] {
  if (!type.custom) return builtinColumns[`${type.group}/${type.kind}`] ?? defaultColumns;
  const printer = type.versions.find((v) => v.name === version)?.printerColumns;
  const nameColumn = defaultColumns[0]!;
  if (!printer || printer.length === 0) {
    return [
      nameColumn,
      {
        name: 'Created At',
        type: 'date',
        description: 'creation time',
        priority: 0,
        cell: (o) => o.metadata.creationTimestamp,
      },
    ];
  }
  return [
    nameColumn,
    ...printer.map<Column>((p) => ({
      name: p.name,
      type: (knownTypes.includes(p.type) ? p.type : 'string') as Column['type'],
      format: p.format,
      description: p.description ?? p.name,
      priority: p.priority ?? 0,
      cell: (o, now) => {
        const type = (knownTypes.includes(p.type) ? p.type : 'string') as PrinterColumn['type'];
        const cell = printerCellOf(jsonPath(o, p.jsonPath), type);
        // A date column is shown as an age, as kube-apiserver's CRD table convertor does.
        return type === 'date' && typeof cell === 'string' ? ageOf(cell, now) : cell;
      },
    })),
  ];
}

/** A Table of objects, each row carrying the object's metadata so `-A`, `-L` and `--show-labels` work. */
export function toTable(
  type: ResourceType,
  version: string,
  objects: KubeObject[],
  resourceVersion: string,
  jsonPath: JsonPathEvaluator,
  includeObject: string | null,
  listMeta: Record<string, unknown> = {},
) {
  const columns = columnsFor(type, version, jsonPath);
  const now = Date.now();
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: { resourceVersion, ...listMeta },
    columnDefinitions: columns.map(({ name, type: t, format, description, priority }) => ({
      name,
      type: t,
      format: format ?? '',
      description,
      priority,
    })),
    rows: objects.map((object) => ({
      cells: columns.map((c) => c.cell(object, now) ?? null),
      object:
        includeObject === 'Object'
          ? object
          : includeObject === 'None'
            ? undefined
            : {
                kind: 'PartialObjectMetadata',
                apiVersion: 'meta.k8s.io/v1',
                metadata: object.metadata,
              },
    })),
  };
}
