// The longest text each field of a schema takes, read from the schema's own checks: the forms'
// maxlength attributes say as you type what the server would refuse after the post.
import type * as z from 'zod/mini';

interface Node {
  _zod: {
    def: {
      type: string;
      checks?: ReadonlyArray<{ _zod: { def: { check?: string; maximum?: unknown } } }>;
      shape?: Record<string, Node>;
      element?: Node;
      innerType?: Node;
      in?: Node;
      options?: readonly Node[];
    };
  };
}

/** Text limits by form control pattern ('partners.*.email': '*' for a list index). */
export function textLimits(schema: z.ZodMiniType): ReadonlyMap<string, number> {
  const out = new Map<string, number>();
  const visit = (node: Node, path: readonly string[]): void => {
    const { def } = node._zod;
    if (def.type === 'string') {
      const key = path.join('.');
      for (const check of def.checks ?? []) {
        const { check: kind, maximum } = check._zod.def;
        if (kind === 'max_length' && typeof maximum === 'number') out.set(key, Math.min(maximum, out.get(key) ?? Infinity));
      }
    }
    for (const [key, child] of Object.entries(def.shape ?? {})) visit(child, [...path, key]);
    if (def.element) visit(def.element, [...path, '*']);
    if (def.innerType) visit(def.innerType, path); // optional, default, nullable
    if (def.in) visit(def.in, path); // a pipe's input side is what is typed
    for (const option of def.options ?? []) visit(option, path);
  };
  visit(schema as unknown as Node, []);
  return out;
}

/** The limit of one control ('partners.2.email' → the pattern's). */
export function limitAt(limits: ReadonlyMap<string, number>, key: string): number | undefined {
  return limits.get(key.split('.').map((part) => (/^\d+$/.test(part) ? '*' : part)).join('.'));
}
