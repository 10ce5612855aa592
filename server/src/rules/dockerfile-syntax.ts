// Broken instructions Docker would reject (unknown instructions and flags, missing arguments,
// invalid stage names, ports, durations...) and a few semantic checks, from the dockerfile-utils
// validator, so that a user who installs only Stagecraft still sees them. Its messages are kept
// as they are; its numeric codes are left out (dockerfile-utils says they are not stable API).
import { Dockerfile } from 'dockerfile-ast';
import { ValidationCode, ValidationSeverity, ValidatorSettings, validate } from 'dockerfile-utils';
import { Validator } from 'dockerfile-utils/lib/dockerValidator';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { withSharedParse } from '../core/parse';
import { StageModel } from '../core/stages';
import { Severity } from '../core/types';
import { Rule, RuleResult } from './rule';

/**
 * Style checks are off: lowercase instructions and directives are valid Dockerfile. The checks
 * BuildKit also runs (MAINTAINER, empty continuation lines, relative WORKDIR, repeated
 * CMD/ENTRYPOINT/HEALTHCHECK) are off too: our BuildKit check rules (rules/buildkit/) report
 * them once, under Docker's names. JSON in single quotes stays a warning.
 */
const SETTINGS: ValidatorSettings = {
  // dockerfile-utils replaces its defaults with this object as a whole: name every check.
  instructionCasing: ValidationSeverity.IGNORE,
  directiveCasing: ValidationSeverity.IGNORE,
  deprecatedMaintainer: ValidationSeverity.IGNORE,
  emptyContinuationLine: ValidationSeverity.IGNORE,
  instructionCmdMultiple: ValidationSeverity.IGNORE,
  instructionEntrypointMultiple: ValidationSeverity.IGNORE,
  instructionHealthcheckMultiple: ValidationSeverity.IGNORE,
  instructionJSONInSingleQuotes: ValidationSeverity.WARNING,
  instructionWorkdirRelative: ValidationSeverity.IGNORE,
};

/**
 * The validator costs about as much as our whole analysis (it parses again): past this size
 * (about 8,000 lines, far beyond real Dockerfiles) it is skipped so typing stays responsive.
 */
export const MAX_VALIDATED_LENGTH = 200_000;

/** A template source (`{{ }}`, `{% %}`, `<% %>` starting a line or in FROM; `%%VERSION%%` in FROM), not a Dockerfile. */
const TEMPLATE = /^\s*(\{\{|\{%|<%)|^\s*FROM\s[^\n]*(\{\{|\{%|<%|%%\w+%%)/im;

/** TEMPLATE's test, after a cheap look for the markers it needs (most files have none). */
function looksLikeTemplate(text: string): boolean {
  const markers = text.includes('{{') || text.includes('{%') || text.includes('<%') || text.includes('%%');
  return markers && TEMPLATE.test(text);
}

export const dockerfileSyntax: Rule = {
  id: 'dockerfile-syntax',
  description: 'Instructions Docker rejects or warns about (unknown instructions and flags, missing arguments, invalid values), from the dockerfile-utils validator.',
  defaultSeverity: 'error',
  check({ model, text, lines }) {
    if (text.length > MAX_VALIDATED_LENGTH || !model.syntaxTree || looksLikeTemplate(text)) {
      return []; // a template is not meant to parse: every line of template syntax would be an error
    }
    let diagnostics: ReturnType<typeof validate>;
    try {
      // The validator parses the text again; let it use the parse the stage model was built from.
      diagnostics = withSharedParse(text, model.syntaxTree, () => validateParsed(text, model.syntaxTree!));
    } catch {
      return []; // the validator's bug must not hide our own findings
    }
    const results: RuleResult[] = [];
    for (const diagnostic of diagnostics) {
      const message = typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value;
      if (
        isKnownFalsePositive(diagnostic.code, message, lines, diagnostic.range.start.line) ||
        isBuildKitCheck(diagnostic.code, message) ||
        isUnwrittenFile(diagnostic.code, model)
      ) {
        continue;
      }
      results.push({ range: diagnostic.range, message, severity: severityOf(diagnostic.severity) });
    }
    return results;
  },
};

/**
 * What `validate(text, SETTINGS)` does (a validator over a new TextDocument of the text), with the
 * TextDocument the parse already made for that same text: its line offsets are computed once,
 * not twice per analysis.
 */
function validateParsed(text: string, tree: Dockerfile): ReturnType<typeof validate> {
  const document = (tree as unknown as { document?: TextDocument }).document;
  if (document === undefined || document.getText() !== text) {
    return validate(text, SETTINGS);
  }
  return new Validator(SETTINGS).validate(document);
}

function severityOf(severity: number | undefined): Severity {
  switch (severity) {
    case 1:
      return 'error';
    case 2:
      return 'warning';
    case 3:
      return 'information';
    default:
      return 'hint';
  }
}

/**
 * What BuildKit accepts but dockerfile-utils 0.16 rejects: `ADD --unpack` (Dockerfile 1.17),
 * several sources copied to `.` (BuildKit reads `.` as the working directory, `./`), and the body
 * of a heredoc the parser did not recognise (`RUN cat 5<<FILE1`, a redirect before `<<`).
 */
function isKnownFalsePositive(code: unknown, message: string, lines: readonly string[], line: number): boolean {
  if (code === ValidationCode.UNKNOWN_ADD_FLAG && /Unknown flag: unpack$/.test(message)) {
    return true;
  }
  if (code === ValidationCode.UNKNOWN_INSTRUCTION && insideHeredoc(lines, line)) {
    return true;
  }
  if (code === ValidationCode.INVALID_DESTINATION) {
    const instruction = instructionAt(lines, line);
    return /[\s"](\.|\.\.|[^\s"]*\/\.)"?\]?\s*$/.test(instruction);
  }
  return false;
}

/** An empty file, or one with only comments and ARGs so far: "no FROM" is not news while typing. */
function isUnwrittenFile(code: unknown, model: StageModel): boolean {
  return code === ValidationCode.NO_SOURCE_IMAGE && model.stages.length === 0 && model.preamble.every((instruction) => instruction.getKeyword() === 'ARG');
}

/**
 * Reported by our BuildKit check rules instead, under Docker's names: a duplicate stage name
 * (DuplicateStageName) and an EXPOSE with an IP address or host port (ExposeInvalidFormat).
 */
function isBuildKitCheck(code: unknown, message: string): boolean {
  return code === ValidationCode.DUPLICATE_BUILD_STAGE_NAME || (code === ValidationCode.INVALID_PORT && /:\S*:|\d:\d/.test(message));
}

/** True when an earlier line opens a heredoc (`<<WORD`, `<<-"WORD"`) that closes at or after `line`. */
function insideHeredoc(lines: readonly string[], line: number): boolean {
  for (let start = line - 1; start >= 0 && start >= line - 200; start--) {
    for (const match of lines[start].matchAll(/<<-?\s*["']?([A-Za-z_][\w.-]*)["']?/g)) {
      const word = match[1];
      // Closed before `line`: not this one. Open at `line` and closed later (within reach): a body.
      let closedAt = -1;
      for (let index = start + 1; index < lines.length && index <= line + 2000; index++) {
        if (lines[index].trim() === word) {
          closedAt = index;
          break;
        }
      }
      if (closedAt >= line) {
        return true;
      }
    }
  }
  return false;
}

/** The instruction starting at `line`, continuation lines joined. */
function instructionAt(lines: readonly string[], line: number): string {
  let instruction = '';
  for (let index = line; index < lines.length; index++) {
    const current = lines[index];
    if (/[\\`]\s*$/.test(current)) {
      instruction += current.replace(/[\\`]\s*$/, ' ');
      continue;
    }
    instruction += current;
    break;
  }
  return instruction;
}
