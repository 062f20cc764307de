/** Read-only routes about the format and the interface: `GET /api/schema`, `GET /api/strings`. */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LANG_PATTERN } from '../../course/schema.js';
import { TEMPLATES_DIR } from '../../paths.js';
import type { Route } from './context.js';
import { ApiError } from './http.js';

let schemas: Record<string, unknown> | undefined;

/** The JSON Schemas of the three file kinds, generated from the zod schema the compiler checks with. */
export const getSchema: Route = async () => {
  if (!schemas) {
    const { jsonSchemas } = await import('../../course/json-schema.js');
    schemas = jsonSchemas();
  }
  return schemas;
};

/** The studio's interface strings: templates/i18n/studio/<lang>.json, then its base language, then English. */
export const STUDIO_STRINGS_DIR = join(TEMPLATES_DIR, 'i18n', 'studio');

/** The table itself (as the player's), with the language found in Content-Language. */
export const getStrings: Route = async (ctx, _req, res, url) => {
  const dir = ctx.stringsDir ?? STUDIO_STRINGS_DIR;
  const lang = url.searchParams.get('lang') ?? 'en';
  if (!LANG_PATTERN.test(lang)) throw new ApiError(400, 'bad-lang', `"${lang}" is not a language code such as en, fr or pt-BR`);
  const candidates = [...new Set([lang, lang.split('-')[0]!, 'en'])];
  const found = candidates.find((l) => existsSync(join(dir, `${l}.json`)));
  if (!found) throw new ApiError(404, 'no-strings', `no interface strings in ${dir}`);
  res.setHeader('content-language', found);
  return JSON.parse(await readFile(join(dir, `${found}.json`), 'utf8')) as unknown;
};
