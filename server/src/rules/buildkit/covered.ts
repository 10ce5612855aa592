// The two BuildKit checks our own rules already judge in the shipped stage: shell-form
// CMD/ENTRYPOINT (`shell-form-command`, `shell-form-in-shellless-runtime`) and secrets in ARG/ENV
// (`secret-in-image`). Those rules name the check (message and `buildKitCheck`); analyzeDockerfile
// drops these checks' finding where one of them reported the same place, so each instruction gets
// one finding, not two, and these report the rest (other stages, names without a literal value).
import { Arg, Env, Instruction, JSONInstruction } from 'dockerfile-ast';
import { isExecForm } from '../../core/commands';
import { inheritedInstructions } from '../../core/stages';
import { isSecretName } from '../secretNames';
import { allInstructions, buildKitCheck } from './check';

export const jsonArgsRecommended = buildKitCheck('JSONArgsRecommended', 'JSON arguments recommended for ENTRYPOINT/CMD to prevent unintended behavior related to OS signals.', ({ model }) =>
  model.stages.flatMap((stage) => {
    const shellForm = stage.instructions
      .filter((i): i is JSONInstruction => (i.getKeyword() === 'CMD' || i.getKeyword() === 'ENTRYPOINT') && i instanceof JSONInstruction)
      .filter((i) => !isExecForm(i) && (i.getArgumentsContent() ?? '').trim() !== '');
    // BuildKit is quiet when the stage chose its shell on purpose. Asked only when there is
    // something to report: the inherited instructions are as long as the stage's FROM chain.
    if (shellForm.length === 0 || inheritedInstructions(stage).some((i) => i.getKeyword() === 'SHELL')) {
      return [];
    }
    return shellForm
      .map((i: Instruction) => ({
        range: i.getInstructionRange(),
        message: `JSON arguments recommended for ${i.getKeyword()} to prevent unintended behavior related to OS signals: in shell form /bin/sh -c is PID 1 and does not pass SIGTERM on. Write ${i.getKeyword()} ["executable", "arg"...].`,
      }));
  }),
);

export const secretsUsedInArgOrEnv = buildKitCheck('SecretsUsedInArgOrEnv', 'Sensitive data should not be used in the ARG or ENV commands.', ({ model }) =>
  allInstructions(model)
    .filter((i): i is Arg | Env => i instanceof Arg || i instanceof Env)
    .flatMap((i) => i.getProperties())
    .filter((property) => isSecretName(property.getName()))
    .map((property) => ({
      range: property.getNameRange(),
      message: `Do not use ARG or ENV instructions for sensitive data ("${property.getName()}"): build arguments and environment variables are recorded in the image. Pass secrets to the step that needs them with RUN --mount=type=secret,id=${property.getName().toLowerCase()}.`,
    })),
);
