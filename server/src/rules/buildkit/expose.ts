// EXPOSE values BuildKit warns about: an upper-case protocol, and an IP address or host port
// (publishing is `docker run -p`, not the image's business).
import { Argument } from 'dockerfile-ast';
import { StageModel } from '../../core/stages';
import { buildKitCheck, factsOf } from './check';

/** The ports of the stages' EXPOSE instructions (usually none: then nothing else runs). */
function exposedPorts(model: StageModel): Argument[] {
  const ports: Argument[] = [];
  for (const { instruction, stage } of factsOf(model, 'EXPOSE')) {
    if (stage !== undefined) ports.push(...instruction.getArguments());
  }
  return ports;
}

export const exposeProtoCasing = buildKitCheck('ExposeProtoCasing', 'Protocol in EXPOSE instruction should be lowercase.', ({ model }) =>
  exposedPorts(model)
    .filter((port) => {
      const protocol = port.getValue().split('/')[1];
      return protocol !== undefined && !protocol.includes('$') && protocol !== protocol.toLowerCase();
    })
    .map((port) => ({ range: port.getRange(), message: `Defined protocol '${port.getValue()}' in EXPOSE instruction should be lowercase: ${port.getValue().toLowerCase()}.` })),
);

export const exposeInvalidFormat = buildKitCheck('ExposeInvalidFormat', 'IP address and host-port mapping should not be used in EXPOSE instruction.', ({ model }) =>
  exposedPorts(model)
    .filter((port) => port.getValue().includes(':') && !port.getValue().includes('$'))
    .map((port) => {
      const containerPort = port.getValue().split(':').pop();
      return {
        range: port.getRange(),
        message: `EXPOSE instruction should not define an IP address or host-port mapping, found '${port.getValue()}': expose the container port (${containerPort}) and publish it at run time (\`docker run -p ${port.getValue()}\`).`,
      };
    }),
);
