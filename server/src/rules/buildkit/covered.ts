// The two BuildKit checks our own rules already judge in the shipped stage: shell-form
// CMD/ENTRYPOINT (`shell-form-command`, `shell-form-in-shellless-runtime`) and secrets in ARG/ENV
// (`secret-in-image`). Those rules name the check (message and `buildKitCheck`); analyzeDockerfile
// drops these checks' finding where one of them reported the same place, so each instruction gets
// one finding, not two, and these report the rest (other stages, names without a literal value).
import { Arg, Env, JSONInstruction } from 'dockerfile-ast';
import { isExecForm } from '../../core/commands';
import { inheritedInstructions } from '../../core/stages';
import { isSecretName } from '../secretNames';
import { allFacts, buildKitCheck } from './check';

export const jsonArgsRecommended = buildKitCheck('JSONArgsRecommended', 'JSON arguments recommended for ENTRYPOINT/CMD to prevent unintended behavior related to OS signals.', ({ model }) => {
  const results = [];
  // File order is stage order, then instruction order.
  for (const { instruction: i, keyword, stage } of allFacts(model)) {
    if ((keyword !== 'CMD' && keyword !== 'ENTRYPOINT') || stage === undefined || !(i instanceof JSONInstruction)) continue;
    if (isExecForm(i) || (i.getArgumentsContent() ?? '').trim() === '') continue;
    // BuildKit is quiet when the stage chose its shell on purpose. Asked only when there is
    // something to report: the inherited instructions are as long as the stage's FROM chain.
    if (inheritedInstructions(stage).some((inherited) => inherited.getKeyword() === 'SHELL')) continue;
    // `CMD exec app`: the shell replaces itself with the program, which gets the signals; Docker
    // still reports the shell form, so say what exec form adds here.
    const why = /^\s*exec\s/.test(i.getArgumentsContent() ?? '')
      ? '`exec` already makes the program PID 1, so signals reach it; exec form also leaves out the shell and its variable expansion'
      : 'in shell form /bin/sh -c is PID 1 and does not pass SIGTERM on';
    results.push({
      range: i.getInstructionRange(),
      message: `JSON arguments recommended for ${keyword} to prevent unintended behavior related to OS signals: ${why}. Write ${keyword} ["executable", "arg"...].`,
    });
  }
  return results;
});

export const secretsUsedInArgOrEnv = buildKitCheck('SecretsUsedInArgOrEnv', 'Sensitive data should not be used in the ARG or ENV commands.', ({ model }) => {
  const results = [];
  for (const { instruction: i, keyword } of allFacts(model)) {
    if ((keyword !== 'ARG' && keyword !== 'ENV') || !(i instanceof Arg || i instanceof Env)) continue;
    for (const property of i.getProperties()) {
      if (!isSecretName(property.getName())) continue;
      results.push({
        range: property.getNameRange(),
        message: `Do not use ARG or ENV instructions for sensitive data ("${property.getName()}"): build arguments and environment variables are recorded in the image. Pass secrets to the step that needs them with RUN --mount=type=secret,id=${property.getName().toLowerCase()}.`,
      });
    }
  }
  return results;
});
