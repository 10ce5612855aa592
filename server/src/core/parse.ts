// Parsing, once per text. dockerfile-ast recomputes an instruction's arguments, variables and
// text on every call (a scan of the instruction's text that builds new ranges each time), and its
// own parser, the rules and the dockerfile-utils validator ask for them many times: profiled on
// the corpus, that was about a third of an analysis. The syntax tree is not modified after
// parsing, so each instruction remembers the answers.
import * as ast from 'dockerfile-ast';
import { Argument, Dockerfile, DockerfileParser, From, Instruction } from 'dockerfile-ast';
import { createEachInstructionOnce } from './parseOnce';
import { useCheaperChecks } from './cheaperChecks';

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
 * calls). Each class level remembers its own answer, in a slot of its own: `super.getArguments()`
 * inside a subclass still gets exactly what the parent computes. The answers of an instruction
 * are kept in one array on it (one property added per instruction, not one per method: adding a
 * property per method made every instruction's shape different, and the reads slow).
 */
function rememberAnswers(): void {
  const prototypes = new Set<object>();
  for (const value of Object.values(ast)) {
    if (typeof value === 'function' && (value === Instruction || value.prototype instanceof Instruction)) {
      prototypes.add(value.prototype as object);
    }
  }
  let slots = 0;
  for (const prototype of prototypes) {
    for (const method of REMEMBERED_LISTS) {
      const used = rememberList(prototype, method, slots);
      if (used > 0) {
        listSlots.push(slots);
      }
      slots += used;
    }
    for (const method of REMEMBERED_TEXTS) {
      slots += rememberText(prototype, method, slots);
    }
  }
  slotCount = slots;
}

/** The slots that hold lists (arguments, variables, heredocs): most of what an instruction remembers. */
const listSlots: number[] = [];

/** How many slots an instruction's answer array has (one per remembered method and class level). */
let slotCount = 0;

/** The answers an instruction remembers, by slot; `undefined` until computed. */
interface Remembering {
  [ANSWERS]?: unknown[];
}

const ANSWERS = Symbol('stagecraft.answers');

/**
 * The instruction's answers. Two slots after the last: whether it is a FROM (asked on every call),
 * and whether it keeps its lists (see `stopRememberingLists`).
 */
function answersOf(instruction: Instruction): unknown[] {
  const remembering = instruction as Remembering;
  let answers = remembering[ANSWERS];
  if (answers === undefined) {
    answers = new Array<unknown>(slotCount + 2).fill(undefined);
    answers[slotCount] = instruction instanceof From;
    answers[slotCount + 1] = listsRemembered;
    remembering[ANSWERS] = answers;
  }
  return answers;
}

/**
 * The instructions stop remembering their lists (arguments, variables, heredocs) and drop those
 * they have: each call computes a fresh list, as dockerfile-ast does. The texts they remember
 * (keyword, image...) are small and kept, and so are FROM's argument lists (one FROM per stage,
 * read by many rules: without them a keystroke on the generated 1 MB file took a third longer).
 * For the parse a large document keeps between edits (stageChunks.ts): on that file the lists
 * were 25 of the 38 MB it held. Forgetting them between analyses did not lower the server's peak
 * (each keystroke's analysis asked every instruction for them again); not keeping them lowered
 * it from 129 to 99 MB, for a keystroke about 5% slower in-process.
 */
export function stopRememberingLists(instructions: readonly Instruction[]): void {
  for (const instruction of instructions) {
    const answers = answersOf(instruction);
    answers[slotCount + 1] = false;
    for (const slot of listSlots) {
      answers[slot] = undefined;
    }
  }
}

/** Whether instructions that get their answer array now remember lists (see `parseWithoutRememberedLists`). */
let listsRemembered = true;

/**
 * `parse()`, during which the instructions the parser creates remember no lists: it asks for
 * some of them while it builds the tree, and at the first parse of a large file those lists
 * (about 25 MB on the 1 MB file) were most of the memory the open took.
 */
export function parseWithoutRememberedLists<T>(parse: () => T): T {
  const before = listsRemembered;
  listsRemembered = false;
  try {
    return parse();
  } finally {
    listsRemembered = before;
  }
}

/** Whether the instruction remembers its lists (false after `stopRememberingLists`). */
export function remembersLists(instruction: Instruction): boolean {
  return answersOf(instruction)[slotCount + 1] === true;
}

/** Installs the wrapper when the prototype defines the method itself; returns the slots used (0 or 1). */
function rememberList(prototype: object, method: string, slot: number): number {
  if (!Object.prototype.hasOwnProperty.call(prototype, method)) {
    return 0;
  }
  const methods = prototype as Record<string, Method>;
  const compute = methods[method];
  const fromGetsCopies = FROM_ARGUMENT_LISTS.includes(method);
  const variableLists = method === 'getVariables';
  methods[method] = function (this: Instruction) {
    const answers = answersOf(this);
    const isFrom = answers[slotCount] === true;
    if (isFrom ? !fromGetsCopies : answers[slotCount + 1] === false) {
      return compute.call(this); // a fresh list: nobody else holds it
    }
    const list = (answers[slot] ??= compute.call(this)) as unknown[];
    // FROM's getImageNameRange and getRegistryRange change the range of the argument they
    // get: its argument lists hand out arguments with ranges of their own; its variables are
    // computed every time. dockerfile-language-service's semantic tokens shorten a variable's
    // range to the token it draws: variables, too, are handed out with ranges of their own.
    if (isFrom) {
      return (list as Argument[]).map(withOwnRange);
    }
    return variableLists ? list.map(variableWithOwnRanges) : list.slice();
  };
  return 1;
}

/** The variable with range objects of its own (a copy of its fields; the positions are shared). */
function variableWithOwnRanges(variable: unknown): unknown {
  const copy = Object.assign(Object.create(Object.getPrototypeOf(variable) as object) as Record<string, unknown>, variable);
  for (const [field, value] of Object.entries(copy)) {
    if (isRange(value)) {
      copy[field] = { start: value.start, end: value.end };
    }
  }
  return copy;
}

function isRange(value: unknown): value is { start: unknown; end: unknown } {
  return typeof value === 'object' && value !== null && 'start' in value && 'end' in value;
}
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

/** As rememberList, for a method whose answer is a string or null (null is remembered too). */
function rememberText(prototype: object, method: string, slot: number): number {
  if (!Object.prototype.hasOwnProperty.call(prototype, method)) {
    return 0;
  }
  const methods = prototype as Record<string, Method>;
  const compute = methods[method];
  methods[method] = function (this: Instruction) {
    const answers = answersOf(this);
    const known = answers[slot];
    if (known !== undefined) {
      return known;
    }
    const text = compute.call(this);
    answers[slot] = text;
    return text;
  };
  return 1;
}

// First: the remembered answers wrap the cheaper getVariables.
useCheaperChecks();
rememberAnswers();
createEachInstructionOnce();

export function parseDockerfile(text: string): Dockerfile {
  return DockerfileParser.parse(text);
}

/** The text and tree `withSharedParse` lends the library it calls; undefined outside such a call. */
let shared: { text: string; dockerfile: Dockerfile } | undefined;

const parseText = DockerfileParser.parse.bind(DockerfileParser);

/**
 * Installed once, not per call: a parse function made per call (a closure over the tree) was
 * kept alive by the library's call site after the call, so each analysis' tree survived the next
 * young-generation collections and was copied to the old generation. Profiled on the corpus,
 * that made garbage collection a third of an analysis.
 */
DockerfileParser.parse = (content: string) => (shared !== undefined && content === shared.text ? shared.dockerfile : parseText(content));

/**
 * Runs `use` (a library call that parses `text` itself, e.g. dockerfile-utils' validator) with
 * `DockerfileParser.parse` answering `dockerfile` for that same text, so it is not parsed twice.
 * Safe because the call is synchronous and the tree is taken back before anything else runs; a
 * library that brought its own copy of dockerfile-ast just parses again.
 */
export function withSharedParse<T>(text: string, dockerfile: Dockerfile, use: () => T): T {
  const outer = shared;
  shared = { text, dockerfile };
  try {
    return use();
  } finally {
    shared = outer;
  }
}
