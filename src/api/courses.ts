/** Finding the courses of a repository: every `courses/<id>/course.yaml`, as `coursepack check` with no argument does. */
import { existsSync, readdirSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';

/** The course folders under `<root>/courses/` that hold a course.yaml, relative to `root` (forward slashes), sorted. */
export function findCourses(root: string = process.cwd()): string[] {
  const base = resolve(root);
  const courses = join(base, 'courses');
  if (!existsSync(courses)) return [];
  return readdirSync(courses, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(courses, d.name, 'course.yaml')))
    .map((d) => relative(base, join(courses, d.name)).split(sep).join('/'))
    .sort();
}
