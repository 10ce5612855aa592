// The fix registry. Adding a fix: write `fixes/<name>.ts` implementing `Fix`, add it here.
import { Fix } from './fix';
import { copyManifestsFirst } from './copyManifestsFirst';
import { makeRuntimeDebuggable } from './makeRuntimeDebuggable';
import { nameStage } from './nameStage';
import { runScriptWithNode } from './runScriptWithNode';
import { splitIntoStages } from './split/splitStages';

export const ALL_FIXES: readonly Fix[] = [splitIntoStages, nameStage, copyManifestsFirst, runScriptWithNode, makeRuntimeDebuggable];
