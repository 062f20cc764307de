/** JSON Schemas generated from the zod schema, for editors (yaml-language-server). */
import { z } from 'zod';
import { FILE_SCHEMAS } from './schema.js';

export function jsonSchemas(): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(FILE_SCHEMAS).map(([name, schema]) => [
      name,
      { ...z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }), title: `coursepack ${name} file`},
    ]),
  );
}
