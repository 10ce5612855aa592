import { Healthcheck } from 'dockerfile-ast';
import { Rule } from './rule';
import { basename, commandStart, documentText, execArguments } from './shellCommands';
import { lastInChain, programExists, stageHasNoShell } from './shellless';
import { stageImage } from './support';

/** Tools health checks usually call, none of which a shell-less image has. */
const TOOLS = /^(curl|wget|sh|bash|ash|dash|zsh|busybox|nc|ncat|netcat)$/;

/**
 * A HEALTHCHECK in a shell-less runtime stage that needs a shell (text form, `CMD-SHELL`) or a
 * tool the image lacks. Error: the check can never pass, so the container is always reported
 * unhealthy (Swarm replaces it, Compose `service_healthy` dependants never start).
 */
export const healthcheckInShelllessRuntime: Rule = {
  id: 'healthcheck-in-shellless-runtime',
  description: 'HEALTHCHECK needs a shell or a tool (curl, wget) the shell-less runtime image does not have.',
  defaultSeverity: 'error',
  check({ model, runtimeStage, text }) {
    if (!runtimeStage || !stageHasNoShell(runtimeStage)) {
      return [];
    }
    const healthcheck = lastInChain(runtimeStage, 'HEALTHCHECK');
    if (!(healthcheck instanceof Healthcheck) || !commandStart(healthcheck)) {
      return []; // HEALTHCHECK NONE, or nothing to check
    }
    const doc = documentText(text);
    const image = stageImage(runtimeStage)?.image.text ?? runtimeStage.baseText;
    const fix = 'call the application itself in exec form (HEALTHCHECK CMD ["/app", "healthcheck"]) or rely on the orchestrator\'s probes.';
    const args = execArguments(healthcheck, doc, model.dockerfile.getEscapeCharacter());
    if (!args || args[0]?.word.value === 'CMD-SHELL') {
      return [
        {
          range: healthcheck.getSubcommand()?.getRange() ?? healthcheck.getInstructionRange(),
          message: `This HEALTHCHECK runs through /bin/sh and ${image} has no shell: the check always fails. Instead, ${fix}`,
        },
      ];
    }
    const program = args[0]?.word;
    if (!program || !TOOLS.test(basename(program.value)) || programExists(program.value, runtimeStage, healthcheck, doc)) {
      return [];
    }
    return [
      {
        range: doc.rangeOf(program.start, program.end),
        message: `HEALTHCHECK runs ${program.value}, which ${image} does not have: the check always fails. Instead, ${fix}`,
      },
    ];
  },
};
