/**
 * The studio's routes that run coursepack on the course (check, translations, XLIFF, build, new
 * course, assets, preview), and what happens after a change: the check runs again (debounced) and
 * its result goes to the event stream.
 */
import { postAsset } from './asset-routes.js';
import { postBuild, postNew } from './build-routes.js';
import type { Route, StudioContext } from './context.js';
import { courseDiagnostics } from './diagnostics.js';
import { getTranslations, getXliff, postXliff } from './i18n-routes.js';
import { studioPreview } from './preview.js';

export interface CourseRoutes {
  extraRoutes: Record<string, Route>;
  /** Called with the paths changed (by the studio or on disk). */
  onChange(paths: string[]): void;
  close(): void;
}

/** How long after the last change the course is checked again. */
const RECHECK_DELAY = 250;

export async function courseRoutes(ctx: StudioContext): Promise<CourseRoutes> {
  let timer: NodeJS.Timeout | undefined;
  const recheck = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      courseDiagnostics(ctx).then(
        (diagnostics) => ctx.events.send('diagnostics', { diagnostics }),
        () => undefined,
      );
    }, RECHECK_DELAY);
  };
  const preview = studioPreview(ctx);
  return {
    extraRoutes: {
      'GET /preview/*': preview.route,
      'GET /api/diagnostics': async () => ({ diagnostics: await courseDiagnostics(ctx) }),
      'GET /api/translations': getTranslations,
      'GET /api/xliff': getXliff,
      'POST /api/xliff': postXliff,
      'POST /api/build': postBuild,
      'POST /api/new': postNew,
      'POST /api/assets': postAsset,
    },
    onChange: () => {
      preview.invalidate();
      recheck();
    },
    close: () => {
      clearTimeout(timer);
      preview.close();
    },
  };
}
