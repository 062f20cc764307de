/**
 * `POST /api/assets?name=photo.png`: an image uploaded into the course's assets/ folder. Images only,
 * recognised by their first bytes (PNG, JPEG, GIF, WebP, SVG), at most 5 MB; an SVG is made inert
 * by the build's own sanitiser (src/package/svg-sanitize.ts) before it is written. A taken name
 * gets a number (photo-2.png). Written like every studio change: atomically, one undo step.
 */
import { posix } from 'node:path';
import type { Route } from './context.js';
import { ApiError, readBody } from './http.js';

export const MAX_ASSET_BYTES = 5 * 1024 * 1024;

type ImageType = 'png' | 'jpg' | 'gif' | 'webp' | 'svg';

const EXTENSIONS: Record<string, ImageType> = { png: 'png', jpg: 'jpg', jpeg: 'jpg', gif: 'gif', webp: 'webp', svg: 'svg' };

/** The image type of `bytes` by their signature, or null. */
export function imageType(bytes: Buffer): ImageType | null {
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpg';
  const head = bytes.subarray(0, 12).toString('latin1');
  if (head.startsWith('GIF87a') || head.startsWith('GIF89a')) return 'gif';
  if (head.startsWith('RIFF') && head.slice(8, 12) === 'WEBP') return 'webp';
  const text = bytes.subarray(0, 4096).toString('utf8').replace(/^\uFEFF/, '');
  if (/^(?:\s|<\?xml[^>]*\?>|<!--[\s\S]*?-->)*<svg[\s>/]/.test(text)) return 'svg';
  return null;
}

export const postAsset: Route = async (ctx, req, _res, url) => {
  const name = url.searchParams.get('name') ?? '';
  const match = /^([A-Za-z0-9][A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]+)*)\.([A-Za-z]+)$/.exec(name);
  if (!match || name.length > 100) throw new ApiError(400, 'bad-name', `"${name}" cannot be an asset name: use letters, digits, hyphens and dots, with the image's extension (photo.png)`, { params: { name } });
  const declared = EXTENSIONS[match[2]!.toLowerCase()];
  if (!declared) throw new ApiError(415, 'not-an-image', `.${match[2]} is not an image type the studio takes: png, jpg, gif, webp or svg`, { params: { name } });
  const bytes = await readBody(req, MAX_ASSET_BYTES);
  const found = imageType(bytes);
  if (!found) throw new ApiError(415, 'not-an-image', `${name} is not a PNG, JPEG, GIF, WebP or SVG image (its first bytes say so, whatever its name)`, { params: { name } });
  if (found !== declared) throw new ApiError(415, 'wrong-extension', `${name} is a ${found.toUpperCase()} image: name it .${found}`, { params: { name, type: found.toUpperCase(), ext: found } });
  let data = bytes;
  if (found === 'svg') {
    const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
    if (/<!DOCTYPE/i.test(text)) throw new ApiError(415, 'svg-refused', `${name} has a DOCTYPE, which SVG images for courses do not need (and which can hide entity tricks): remove it`, { params: { name } });
    const { sanitizeSvg } = await import('../../package/svg-sanitize.js');
    const clean = await sanitizeSvg(text);
    if (clean.error) throw new ApiError(415, 'svg-refused', `${name} cannot be read as SVG: ${clean.error.message} (line ${clean.error.line})`, { params: { name } });
    data = Buffer.from(clean.text, 'utf8');
  }
  const base = match[1]!.toLowerCase();
  const ext = match[2]!.toLowerCase();
  let path = posix.join('assets', `${base}.${ext}`);
  for (let n = 2; ctx.files.exists(path); n++) path = posix.join('assets', `${base}-${n}.${ext}`);
  ctx.files.commit([{ path, before: null, after: data }], new Map([[path, null]]));
  ctx.wrote([path]);
  return { path, bytes: data.length, sanitized: found === 'svg' && !data.equals(bytes) };
};
