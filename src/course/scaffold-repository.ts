/**
 * The files of a course repository (`coursepack new <root>/courses/<id> --repo`): a package.json
 * pinning coursepack, a .gitignore, and CI for GitHub Actions and GitLab CI. Both CIs find the
 * courses when they run (every `courses/<id>/course.yaml`), so adding a course needs no CI edit,
 * and give each course its own job: a partnership with many courses builds them in parallel.
 * Pure: the command writes the files.
 */

export interface RepositoryOptions {
  /** The package name of the repository (its folder name, made a valid npm name). */
  name: string;
  /** The coursepack version that is running, pinned exactly. */
  coursepackVersion: string;
}

/** The Node.js major the CI jobs use (coursepack needs >= 20.19). */
export const CI_NODE = '22';

/** A valid npm package name from a folder name. */
export function packageNameFor(folder: string): string {
  const name = folder.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[._-]+|[-]+$/g, '').slice(0, 214);
  return name || 'courses';
}

export function scaffoldRepository(options: RepositoryOptions): Record<string, string> {
  const pkg = {
    name: options.name,
    private: true,
    description: 'E-learning courses built with coursepack: every courses/<id>/ becomes SCORM, xAPI, cmi5 and web packages.',
    scripts: { check: 'coursepack check', build: 'coursepack build', preview: 'coursepack preview' },
    devDependencies: { coursepack: options.coursepackVersion },
    engines: { node: '>=20.19' },
  };
  return {
    'package.json': `${JSON.stringify(pkg, null, 2)}\n`,
    '.gitignore': 'node_modules/\ndist/\n',
    '.github/workflows/courses.yml': GITHUB_WORKFLOW,
    '.gitlab-ci.yml': GITLAB_CI,
  };
}

const GITHUB_WORKFLOW = `# Checks and builds every course on each push, one job per course; the zips are kept as artifacts.
# Made by \`coursepack new --repo\`. Courses are found when the workflow runs: courses/<id>/course.yaml.
name: courses
on: push

jobs:
  list:
    runs-on: ubuntu-latest
    outputs:
      courses: \${{ steps.list.outputs.courses }}
    steps:
      - uses: actions/checkout@v6
      - id: list
        run: |
          ids=""
          for file in courses/*/course.yaml; do
            [ -f "$file" ] || continue
            id=$(basename "$(dirname "$file")")
            ids="$ids\${ids:+,}\\"$id\\""
          done
          echo "courses=[$ids]" >> "$GITHUB_OUTPUT"

  course:
    needs: list
    if: needs.list.outputs.courses != '[]'
    runs-on: ubuntu-latest
    strategy:
      fail-fast: false
      matrix:
        course: \${{ fromJSON(needs.list.outputs.courses) }}
    name: \${{ matrix.course }}
    steps:
      - uses: actions/checkout@v6
      - uses: actions/setup-node@v6
        with:
          node-version: ${CI_NODE}
          cache: npm
      - run: npm ci
      - run: npx coursepack check courses/\${{ matrix.course }}
      - run: npx coursepack build courses/\${{ matrix.course }}
      - uses: actions/upload-artifact@v7
        with:
          name: \${{ matrix.course }}
          path: dist/*.zip
          if-no-files-found: error
`;

const GITLAB_CI = `# Checks and builds every course on each push, one job per course; the zips are kept as artifacts.
# Made by \`coursepack new --repo\`. The plan job finds the courses (courses/<id>/course.yaml) and
# writes a child pipeline with a job for each; the courses stage runs it.
stages: [plan, courses]

plan:
  stage: plan
  image: node:${CI_NODE}
  script:
    - |
      {
        echo "default:"
        echo "  image: node:${CI_NODE}"
        echo "  cache:"
        echo "    key:"
        echo "      files: [package-lock.json]"
        echo "    paths: [.npm/]"
        found=0
        for file in courses/*/course.yaml; do
          [ -f "$file" ] || continue
          found=1
          id=$(basename "$(dirname "$file")")
          echo "course-$id:"
          echo "  script:"
          echo "    - npm ci --cache .npm --prefer-offline"
          echo "    - npx coursepack check courses/$id"
          echo "    - npx coursepack build courses/$id"
          echo "  artifacts:"
          echo "    name: $id"
          echo "    paths: [dist/]"
        done
        if [ "$found" = 0 ]; then
          echo "no-course:"
          echo "  script: [echo \\"no courses/<id>/course.yaml yet\\"]"
        fi
      } > courses.gitlab-ci.yml
    - cat courses.gitlab-ci.yml
  artifacts:
    paths: [courses.gitlab-ci.yml]

courses:
  stage: courses
  needs: [plan]
  trigger:
    include:
      - artifact: courses.gitlab-ci.yml
        job: plan
    strategy: depend
`;
