// End of support of the language releases behind the official images' tags (`node:20`,
// `python:3.9-slim`, `golang:1.24`, `ruby:3.2`, `php:8.1-cli`, `eclipse-temurin:19-jdk`): once a
// release ends, its images are dropped from docker-library and the old tags get no more rebuilds.
// Each schedule names its source and the date it was checked; dates are compared with `today`.
import { addDays } from './calendar';
import { Source } from './facts';

export type OfficialFamily = 'node' | 'python' | 'golang' | 'ruby' | 'php' | 'eclipse-temurin';

export interface ReleaseLine {
  /** `20`, `3.9`, `1.24`, `8.1`. */
  version: string;
  /** The last day of support; absent while the source gives none (Go: until two newer minors ship). */
  end?: string;
  /** The source gives the date as scheduled or expected, not as past. */
  estimate?: boolean;
  /** A long-term-support line (Node even majors, Temurin LTS): the only ones proposed as replacements. */
  lts?: boolean;
}

export interface ReleaseSchedule extends Source {
  family: OfficialFamily;
  /** For messages: `Node.js`, `Python`. */
  language: string;
  /** Oldest first. */
  releases: readonly ReleaseLine[];
}

const CHECKED = '2026-12-06';

function lines(entries: readonly [string, string | undefined, boolean?][], lts?: (version: string) => boolean): ReleaseLine[] {
  return entries.map(([version, end, estimate]) => ({ version, end, ...(estimate ? { estimate } : {}), ...(lts?.(version) ? { lts: true } : {}) }));
}

export const RELEASE_SCHEDULES: readonly ReleaseSchedule[] = [
  {
    family: 'node',
    language: 'Node.js',
    // Even majors become LTS; odd majors end two months after the next even one ships.
    releases: lines(
      [
        ['10', '2021-04-30'], ['11', '2019-06-01'], ['12', '2022-04-30'], ['13', '2020-06-01'], ['14', '2023-04-30'], ['15', '2021-06-01'],
        ['16', '2023-09-11'], ['17', '2022-06-01'], ['18', '2025-04-30'], ['19', '2023-06-01'], ['20', '2026-04-30'], ['21', '2024-06-01'],
        ['22', '2027-04-30'], ['23', '2025-06-01'], ['24', '2028-04-30'], ['25', '2026-06-01'], ['26', '2029-04-30'], ['27', '2030-04-30'],
      ],
      (version) => Number(version) % 2 === 0,
    ),
    source: 'nodejs/Release schedule.json (`end`), commit e4bf922 (2026-07-02)',
    checked: CHECKED,
  },
  {
    family: 'python',
    language: 'Python',
    // 3.10 and later: "scheduled" dates (the devguide shows them in italics, month only). 2.7 and
    // 3.4: the same file's `end-of-life` (PEP 373, PEP 429); their official image tags were last
    // built on 2020-04-20 and 2019-03-18 and still pull (catalog/builders/python.ts).
    releases: lines([
      ['2.7', '2020-01-01'], ['3.4', '2019-03-18'], ['3.5', '2020-09-30'], ['3.6', '2021-12-23'], ['3.7', '2023-06-27'], ['3.8', '2024-10-07'], ['3.9', '2025-10-31'],
      ['3.10', '2026-10-01', true], ['3.11', '2027-10-01', true], ['3.12', '2028-10-01', true], ['3.13', '2029-10-01', true], ['3.14', '2030-10-01', true],
    ]),
    source: 'python/peps release_management/python-releases.toml (`end-of-life`), commit ba4deeb7 (2026-08-22), 2.7 and 3.4 read at commit 073e34e9; devguide.python.org/versions',
    checked: CHECKED,
  },
  {
    family: 'golang',
    language: 'Go',
    // "Each major Go release is supported until there are two newer major releases": the end of
    // 1.N is the release of 1.N+2; 1.26 and 1.27 have none yet.
    releases: lines([
      ['1.18', '2023-02-01'], ['1.19', '2023-09-06'], ['1.20', '2024-02-06'], ['1.21', '2024-08-13'], ['1.22', '2025-02-11'],
      ['1.23', '2025-08-12'], ['1.24', '2026-02-10'], ['1.25', '2026-08-19'], ['1.26', undefined], ['1.27', undefined],
    ]),
    source: 'go.dev/doc/devel/release (release policy); endoflife-date/endoflife.date products/go.md, commit a70eca33 (2026-08-22)',
    checked: CHECKED,
  },
  {
    family: 'ruby',
    language: 'Ruby',
    releases: lines([
      ['2.4', '2020-03-31'], ['2.5', '2021-03-31'], ['2.6', '2022-03-31'], ['2.7', '2023-03-31'], ['3.0', '2024-04-23'],
      ['3.1', '2025-03-26'], ['3.2', '2026-03-31'], ['3.3', '2027-03-31', true], ['3.4', '2028-03-31', true], ['4.0', '2029-03-31', true],
    ]),
    source: 'ruby-lang.org/en/downloads/branches (security maintenance end); endoflife-date/endoflife.date products/ruby.md, commit a70eca33 (2026-08-22)',
    checked: CHECKED,
  },
  {
    family: 'php',
    language: 'PHP',
    releases: lines([
      ['7.0', '2019-01-10'], ['7.1', '2019-12-01'], ['7.2', '2020-11-30'], ['7.3', '2021-12-06'], ['7.4', '2022-11-28'], ['8.0', '2023-11-26'],
      ['8.1', '2025-12-31'], ['8.2', '2026-12-31'], ['8.3', '2027-12-31'], ['8.4', '2028-12-31'], ['8.5', '2029-12-31'],
    ]),
    source: 'php.net/supported-versions.php (end of security support); endoflife-date/endoflife.date products/php.md, commit a70eca33 (2026-08-22)',
    checked: CHECKED,
  },
  {
    family: 'eclipse-temurin',
    language: 'Java (Temurin)',
    // LTS dates are Adoptium's "at least until"; a feature release ends when the next one ships.
    releases: lines(
      [
        ['8', '2030-12-31'], ['11', '2027-10-31'], ['16', '2021-09-30'], ['17', '2027-10-31'], ['18', '2022-09-30'], ['19', '2023-03-31'], ['20', '2023-09-19'],
        ['21', '2029-12-31'], ['22', '2024-09-17'], ['23', '2025-03-18'], ['24', '2025-09-16'], ['25', '2031-09-30'], ['26', '2026-09-15', true],
      ],
      (version) => ['8', '11', '17', '21', '25'].includes(version),
    ),
    source: 'adoptium.net/support (Temurin support roadmap); endoflife-date/endoflife.date products/eclipse-temurin.md, commit a70eca33 (2026-08-22)',
    checked: CHECKED,
  },
];

export function releaseSchedule(family: OfficialFamily): ReleaseSchedule {
  const schedule = RELEASE_SCHEDULES.find((candidate) => candidate.family === family);
  if (!schedule) {
    throw new Error(`no release schedule for ${family}`);
  }
  return schedule;
}

export function releaseLine(family: OfficialFamily, version: string | undefined): ReleaseLine | undefined {
  return version === undefined ? undefined : releaseSchedule(family).releases.find((line) => line.version === version);
}

/** Days before an end of support from which a release is no longer proposed (the rule's notice period). */
export const NOTICE_DAYS = 60;

/** Support an LTS release must have left to be proposed as a move: a year, so that the move is not due again within months (Node 22, ending 2027-04-30, is no target in 2026-12; 24 is). */
export const LTS_MOVE_DAYS = 365;

/**
 * The nearest newer release still supported `NOTICE_DAYS` after `today` (an LTS one with
 * `LTS_MOVE_DAYS` of support left where the family has them), so that moving to it does not lead
 * to a notice right away.
 */
export function supportedSuccessor(family: OfficialFamily, version: string, today: string): ReleaseLine | undefined {
  const { releases } = releaseSchedule(family);
  const index = releases.findIndex((line) => line.version === version);
  const hasLts = releases.some((line) => line.lts);
  const horizon = addDays(today, hasLts ? LTS_MOVE_DAYS : NOTICE_DAYS);
  return releases.slice(index + 1).find((line) => (!hasLts || line.lts) && (line.end === undefined || line.end > horizon));
}

/** The newest release still supported `NOTICE_DAYS` after `today`: the version to suggest building on (`golang:1.27`). */
export function newestSupported(family: OfficialFamily, today: string): ReleaseLine | undefined {
  const horizon = addDays(today, NOTICE_DAYS);
  return [...releaseSchedule(family).releases].reverse().find((line) => line.end === undefined || line.end > horizon);
}

