/**
 * Column mapping: which field each column of a sheet holds. A mapping file (JSON, validated here)
 * overrides and extends what header recognition finds.
 */
import { z } from 'zod';
import { ImportError } from './errors';
import { FIELD_ALIASES, FIELDS_BY_KIND, LIST_KINDS, isField, type Field, type ListKind } from './fields';
import { detectKind, normalizeHeader, recognizeHeader } from './headers';

export const DATE_ORDERS = ['dmy', 'mdy'] as const;
export type DateOrder = (typeof DATE_ORDERS)[number];

export const MappingFileSchema = z
  .object({
    version: z.literal(1),
    as: z.enum(LIST_KINDS),
    columns: z.record(z.string(), z.string().nullable()),
    dateOrder: z.enum(DATE_ORDERS).optional(),
  })
  .strict();
export type MappingFile = z.infer<typeof MappingFileSchema>;

/** How a column got its field. */
export type ColumnSource = 'mapping' | 'recognised' | 'ignored_by_mapping' | 'unrecognised' | 'duplicate';

export interface ColumnMapping {
  kind: ListKind;
  dateOrder: DateOrder;
  /** Every header key of the sheet → its field, or null when the column is not imported as a field. */
  columns: Record<string, Field | null>;
  source: Record<string, ColumnSource>;
  /** Field → the header key that holds it. */
  fieldColumns: Partial<Record<Field, string>>;
  /** Mapping-level findings (a field claimed twice, a mapping entry that matches no column). */
  warnings: { column: string; message: string }[];
  /** How the kind was chosen (given, from the mapping file, or detected with a reason). */
  kindReason: string;
}

/** Validates parsed JSON as a mapping file. Throws ImportError('bad_mapping') naming every issue. */
export function parseMappingFile(json: unknown, fileName = 'mapping.json'): MappingFile {
  const r = MappingFileSchema.safeParse(json);
  if (!r.success) {
    const issues = r.error.issues.map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`).join('; ');
    throw new ImportError('bad_mapping', `${fileName} is not a valid mapping file: ${issues}`, { file: fileName });
  }
  const allowed = new Set<string>(FIELDS_BY_KIND[r.data.as]);
  const bad: string[] = [];
  const columns: Record<string, string | null> = {};
  for (const [header, field] of Object.entries(r.data.columns)) {
    const f = field === null ? null : FIELD_ALIASES[field] ?? field;
    if (f !== null && (!isField(f) || !allowed.has(f))) bad.push(`"${header}" → "${field}"`);
    columns[header] = f;
  }
  if (bad.length > 0) {
    throw new ImportError('bad_mapping', `${fileName}: unknown field(s) for a ${r.data.as} list: ${bad.join(', ')}. Fields: ${[...allowed].join(', ')}`, { file: fileName });
  }
  return { ...r.data, columns };
}

/** Parses mapping-file text (JSON). */
export function parseMappingJson(text: string, fileName = 'mapping.json'): MappingFile {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new ImportError('bad_mapping', `${fileName} is not valid JSON: ${(e as Error).message}`, { file: fileName });
  }
  return parseMappingFile(json, fileName);
}

export interface ResolveMappingOptions {
  /** The kind of list, or 'auto' to detect it from the headers (a mapping file's `as` wins over 'auto'). */
  as?: ListKind | 'auto';
  mapping?: MappingFile;
  dateOrder?: DateOrder;
}

/** Maps the header keys of a sheet to fields. Throws ImportError('unknown_kind') when 'auto' cannot tell. */
export function resolveMapping(header: string[], options: ResolveMappingOptions = {}): ColumnMapping {
  const { mapping } = options;
  let kind: ListKind;
  let kindReason: string;
  if (options.as && options.as !== 'auto') {
    kind = options.as;
    kindReason = 'given';
    if (mapping && mapping.as !== kind) {
      throw new ImportError('bad_mapping', `the mapping file is for a ${mapping.as} list but the import is for ${kind}`);
    }
  } else if (mapping) {
    kind = mapping.as;
    kindReason = 'from the mapping file';
  } else {
    const guess = detectKind(header);
    if (!guess.kind) throw new ImportError('unknown_kind', `cannot tell which kind of list this is (${guess.reason}); say --as persons|custody|allegations or give a mapping file`);
    kind = guess.kind;
    kindReason = `detected: ${guess.reason}`;
  }

  const explicit = new Map<string, Field | null>();
  const warnings: ColumnMapping['warnings'] = [];
  if (mapping) {
    const byNorm = new Map(header.map((h) => [normalizeHeader(h), h]));
    for (const [mh, field] of Object.entries(mapping.columns)) {
      const key = header.includes(mh) ? mh : byNorm.get(normalizeHeader(mh));
      if (key === undefined) warnings.push({ column: mh, message: `the mapping names column "${mh}" but the sheet has no such column` });
      else explicit.set(key, field as Field | null);
    }
  }

  const columns: Record<string, Field | null> = {};
  const source: Record<string, ColumnSource> = {};
  const fieldColumns: Partial<Record<Field, string>> = {};
  const claim = (h: string, f: Field, how: ColumnSource) => {
    if (fieldColumns[f] !== undefined) {
      columns[h] = null;
      source[h] = 'duplicate';
      warnings.push({ column: h, message: `column "${h}" also looks like ${f}, already taken by "${fieldColumns[f]}"; not imported as a field (its values are kept as extra)` });
      return;
    }
    fieldColumns[f] = h;
    columns[h] = f;
    source[h] = how;
  };
  // mapping entries first, so they win over recognition
  for (const h of header) {
    if (!explicit.has(h)) continue;
    const f = explicit.get(h)!;
    if (f === null) { columns[h] = null; source[h] = 'ignored_by_mapping'; } else claim(h, f, 'mapping');
  }
  for (const h of header) {
    if (explicit.has(h)) continue;
    const f = recognizeHeader(h, kind);
    if (f === null) { columns[h] = null; source[h] = 'unrecognised'; } else claim(h, f, 'recognised');
  }
  return { kind, dateOrder: options.dateOrder ?? mapping?.dateOrder ?? 'dmy', columns, source, fieldColumns, warnings, kindReason };
}
