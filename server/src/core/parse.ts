// Parsing, once per text. dockerfile-ast recomputes an instruction's arguments, variables and
// text on every call (a scan of the instruction's text that builds new ranges each time), and its
// own parser, the rules and the dockerfile-utils validator ask for them many times: profiled on
// the corpus, that was about a third of an analysis. The syntax tree is not modified after
// parsing, so each instruction remembers the answers.
import * as ast from 'dockerfile-ast';
import { Argument, Dockerfile, DockerfileParser, From, Instruction } from 'dockerfile-ast';

/**
 * Methods that return a fresh list on every call. Callers get a copy of the remembered list,
 * because dockerfile-ast's own subclasses shorten the list their parent returns (`args.shift()`
 * for flags, LABEL's `splice` for quoted values). `getRawArguments` is private in the types.
 * `getHeredocs` scans the instruction's lines again on each call, and both the validator and
 * usesBuildKit ask every RUN and COPY.
 */
const REMEMBERED_LISTS = ['getRawArguments', 'getArguments', 'getVariables', 'getHeredocs'];

/** Methods that return a string (or null): remembered as they are. FROM's are asked for often. */
const REMEMBERED_TEXTS = [
  'getKeyword', 'getTextContent', 'getArgumentsContent', 'getRawArgumentsContent',
  'getImage', 'getImageName', 'getImageTag', 'getImageDigest', 'getBuildStage', 'getRegistry',
];

type Method = (this: Instruction) => unknown;

/**
 * Installed on every instruction class that defines the method, once, when this module loads (the
 * parser creates the instructions, so a patch on each instance would come too late for its own
 * calls). Each class level remembers its own answer, under a symbol of its own on the instance:
 * `super.getArguments()` inside a subclass still gets exactly what the parent computes.
 */
function rememberAnswers(): void {
  const prototypes = new Set<object>();
  for (const value of Object.values(ast)) {
    if (typeof value === 'function' && (value === Instruction || value.prototype instanceof Instruction)) {
      prototypes.add(value.prototype as object);
    }
  }
  for (const prototype of prototypes) {
    for (const method of REMEMBERED_LISTS) {
      rememberList(prototype, method);
    }
    for (const method of REMEMBERED_TEXTS) {
      rememberText(prototype, method);
    }
  }
}

function rememberList(prototype: object, method: string): void {
  if (!Object.prototype.hasOwnProperty.call(prototype, method)) {
    return;
  }
  const methods = prototype as Record<string, Method>;
  const compute = methods[method];
  const answer = Symbol(method);
  const fromGetsCopies = FROM_ARGUMENT_LISTS.includes(method);
  const remembered = (instruction: Instruction) => ((instruction as unknown as Remembering)[answer] ??= compute.call(instruction) as unknown[]);
  methods[method] = function (this: Instruction) {
    if (this instanceof From) {
      // FROM's getImageNameRange and getRegistryRange change the range of the argument they
      // get: its argument lists hand out arguments with ranges of their own; its variables are
      // computed every time.
      return fromGetsCopies ? (remembered(this) as Argument[]).map(withOwnRange) : compute.call(this);
    }
    return remembered(this).slice();
  };
}

/** Answers kept on the instance, under a symbol per method and class level. */
type Remembering = Record<symbol, unknown[] | undefined>;

/**
 * FROM's argument lists, remembered too: every stage's FROM is read by many rules, and scanning
 * it again (offset ↔ position conversions in a document as long as the file) was a tenth of a
 * keystroke's analysis on a generated file of a thousand stages.
 */
const FROM_ARGUMENT_LISTS = ['getRawArguments', 'getArguments'];

/** The argument with a range object of its own (the positions are only ever replaced, not changed). */
function withOwnRange(argument: Argument): Argument {
  const range = argument.getRange();
  return new Argument(argument.getValue(), { start: range.start, end: range.end });
}

function rememberText(prototype: object, method: string): void {
  if (!Object.prototype.hasOwnProperty.call(prototype, method)) {
    return;
  }
  const methods = prototype as Record<string, Method>;
  const compute = methods[method];
  const answer = Symbol(method);
  methods[method] = function (this: Instruction & { [answer]?: { text: unknown } }) {
    // Boxed: `null` is a valid answer (no arguments) and must be remembered too.
    return (this[answer] ??= { text: compute.call(this) }).text;
  };
}

rememberAnswers();

export function parseDockerfile(text: string): Dockerfile {
  return DockerfileParser.parse(text);
}

/**
 * Runs `use` (a library call that parses `text` itself, e.g. dockerfile-utils' validator) with
 * `DockerfileParser.parse` answering `dockerfile` for that same text, so it is not parsed twice.
 * Safe because the call is synchronous and the parse is restored before anything else runs; a
 * library that brought its own copy of dockerfile-ast just parses again.
 */
export function withSharedParse<T>(text: string, dockerfile: Dockerfile, use: () => T): T {
  const parse = DockerfileParser.parse;
  DockerfileParser.parse = (content: string) => (content === text ? dockerfile : parse.call(DockerfileParser, content));
  try {
    return use();
  } finally {
    DockerfileParser.parse = parse;
  }
}
