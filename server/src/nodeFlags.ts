// Node.js options for the language server's process, given where it is started: the VS Code
// client passes them as the server's execArgv, and `npm run bench` starts the server with them
// too, so the bench measures the server as the extension runs it. (Flags V8 can take after
// start-up are set by the server itself, in gcTuning.ts.)

/**
 * `--v8-pool-size=1`: one V8 worker thread instead of Node's default four. The workers compile
 * hot functions in the background (and help the garbage collector); each thread allocates the
 * compiler's memory in an allocator arena of its own, which stays resident after the compile.
 * Opening the 1,279 corpus files one after another in the server (this machine, 2 cores, three
 * runs each): peak RSS 107 to 109 MB with the default, 97 to 98 MB with one worker, and the 1,279
 * analyses took 2.1 to 2.3 s instead of 2.8 to 2.9 s (four compiler threads on two cores took
 * time from the main thread). A language server compiles little once warm, so one worker is enough.
 */
export const SERVER_NODE_FLAGS: readonly string[] = ['--v8-pool-size=1'];
