// Parsing, once per text. dockerfile-ast recomputes an instruction's arguments, variables and
// text on every call (a scan of the instruction's text that builds new ranges each time), and the
// rules and the dockerfile-utils validator ask for them many times: profiled on the corpus, that
// was about a third of an analysis. The syntax tree is not modified after parsing, so each
// instruction remembers the answers.
import { Dockerfile, DockerfileParser, From, Instruction } from 'dockerfile-ast';

/**
 * Methods that return a fresh list on every call. Callers get a copy of the remembered list,
 * because dockerfile-ast's own subclasses shorten the list their parent returns (`args.shift()`
 * for flags, LABEL's `splice` for quoted values).
 */
const REMEMBERED_LISTS = ['getArguments', 'getVariables'] as const;

/** Methods that return a string: remembered as they are. */
const REMEMBERED_TEXTS = ['getKeyword', 'getTextContent', 'getArgumentsContent', 'getRawArgumentsContent'] as const;

/**
 * The scan under every argument list, remembered per instruction from the start: dockerfile-ast's
 * parser itself asks for it three or four times while it builds each RUN, CMD, COPY...
 * (`JSONInstruction`'s constructor). Installed once on the class, since the parser creates the
 * instructions; the method is private in dockerfile-ast's types, hence the cast.
 */
const rawArguments = new WeakMap<Instruction, unknown[]>();
const instructionMethods = Instruction.prototype as unknown as { getRawArguments: (this: Instruction) => unknown[] };
const scanArguments = instructionMethods.getRawArguments;
instructionMethods.getRawArguments = function (this: Instruction) {
  if (this instanceof From) {
    return scanArguments.call(this); // see `remember`: FROM changes its arguments' ranges
  }
  let list = rawArguments.get(this);
  if (!list) {
    list = scanArguments.call(this);
    rawArguments.set(this, list);
  }
  return list.slice();
};

export function parseDockerfile(text: string): Dockerfile {
  const dockerfile = DockerfileParser.parse(text);
  for (const instruction of dockerfile.getInstructions()) {
    remember(instruction);
  }
  return dockerfile;
}

function remember(instruction: Instruction): void {
  for (const method of REMEMBERED_TEXTS) {
    rememberResult(instruction, method, (value) => value);
  }
  // FROM's getImageNameRange and getRegistryRange change the range of the argument they get,
  // which would corrupt a remembered argument: FROM computes its (few) arguments every time.
  if (instruction instanceof From) {
    return;
  }
  for (const method of REMEMBERED_LISTS) {
    rememberResult(instruction, method, (list) => (list as unknown[]).slice());
  }
}

function rememberResult(instruction: Instruction, method: string, hand: (value: unknown) => unknown): void {
  const compute = (instruction as unknown as Record<string, () => unknown>)[method];
  let computed = false;
  let remembered: unknown;
  // An own property shadows the class's method; `super.getArguments()` inside dockerfile-ast
  // still reaches the original, so the first call computes exactly what it did before.
  Object.defineProperty(instruction, method, {
    value: () => {
      if (!computed) {
        remembered = compute.call(instruction);
        computed = true;
      }
      return hand(remembered);
    },
    configurable: true,
    writable: true,
  });
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
