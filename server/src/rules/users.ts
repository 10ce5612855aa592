// Which user a stage's container runs as: the last `USER` it has or inherits through `FROM <stage>`,
// else the image's default user from the catalog.
import { Instruction } from 'dockerfile-ast';
import { commandText } from '../core/commands';
import { Stage, inheritedInstructions } from '../core/stages';
import { stageImage } from './support';

export type StageUser =
  /** A `USER root`, `USER 0`, `USER 0:0`, `USER root:staff`... is the last one. */
  | { kind: 'explicit-root'; instruction: Instruction }
  /** The last `USER` names another user or uid (numeric or not). */
  | { kind: 'explicit-non-root'; instruction: Instruction }
  /** The last `USER` uses a variable (`$APP_UID`): we cannot know. */
  | { kind: 'variable'; instruction: Instruction }
  /** No `USER`: the image's default, a uid from the catalog (0 is root). */
  | { kind: 'image-default'; uid: number }
  /** No `USER`, and the catalog does not know the image's default user. */
  | { kind: 'image-unknown' }
  /** No `USER` and the base is an `${ARG}` without default: we cannot know the image. */
  | { kind: 'unknown' };

export function stageUser(stage: Stage): StageUser {
  const users = inheritedInstructions(stage).filter((instruction) => instruction.getKeyword() === 'USER');
  const last = users[users.length - 1];
  if (last) {
    const spec = (last.getArgumentsContent() ?? '').trim();
    if (spec.includes('$')) {
      return { kind: 'variable', instruction: last };
    }
    return isRootUser(spec) ? { kind: 'explicit-root', instruction: last } : { kind: 'explicit-non-root', instruction: last };
  }
  const image = stageImage(stage);
  if (!image) {
    return { kind: 'unknown' };
  }
  const uid = image.lookup.facts.defaultUser;
  return uid === undefined ? { kind: 'image-unknown' } : { kind: 'image-default', uid };
}

/** `root`, `0`, and either with a group (`0:0`, `root:root`, `0:1000`): the user part decides. */
export function isRootUser(spec: string): boolean {
  const user = spec.split(':')[0].trim();
  return user === 'root' || /^0+$/.test(user);
}

/** A user that a stage (or a stage it builds on) creates with `useradd` or `adduser`. */
export interface CreatedUser {
  name?: string;
  uid?: number;
}

/** Options of useradd/adduser (shadow, Debian and BusyBox) that take a value. */
const OPTIONS_WITH_VALUE = new Set([
  '-u', '--uid', '-g', '--gid', '-G', '--groups', '-s', '--shell', '-h', '-d', '--home', '--home-dir',
  '-c', '--comment', '--gecos', '-k', '--skel', '-K', '--key', '-e', '--expiredate', '-f', '--inactive',
  '-p', '--password', '--ingroup', '--firstuid', '--lastuid', '-R', '--root', '-P', '--prefix',
]);

/** The users created by `useradd`/`adduser` in the stage and what it inherits, oldest first. */
export function createdUsers(stage: Stage): CreatedUser[] {
  const users: CreatedUser[] = [];
  for (const instruction of inheritedInstructions(stage)) {
    if (instruction.getKeyword() !== 'RUN') {
      continue;
    }
    // Cheap first: commandText parses exec form, and most steps create no user.
    const source = instruction.getTextContent();
    if (!source.includes('useradd') && !source.includes('adduser')) {
      continue;
    }
    for (const match of commandText(instruction).matchAll(/\b(?:useradd|adduser)\b([^;&|\n]*)/g)) {
      const user = parseUserCreation(match[1]);
      if (user) {
        users.push(user);
      }
    }
  }
  return users;
}

function parseUserCreation(args: string): CreatedUser | undefined {
  const words = args.replace(/\\\s*/g, ' ').trim().split(/\s+/).filter((word) => word !== '');
  const user: CreatedUser = {};
  for (let i = 0; i < words.length; i++) {
    const word = words[i].replace(/^["']|["']$/g, '');
    const [option, inlineValue] = word.startsWith('--') ? word.split('=', 2) : [word, undefined];
    if (option.startsWith('-')) {
      let value = inlineValue;
      if (value === undefined && OPTIONS_WITH_VALUE.has(option)) {
        value = words[++i];
      } else if (value === undefined && /^-u\d+$/.test(option)) {
        value = option.slice(2);
      }
      if ((option === '-u' || option === '--uid' || /^-u\d+$/.test(option)) && value !== undefined && /^\d+$/.test(value)) {
        user.uid = Number(value);
      }
      continue;
    }
    if (user.name === undefined && /^[a-z_][a-z0-9_.-]*\$?$/i.test(word)) {
      user.name = word;
    }
  }
  return user.name !== undefined || user.uid !== undefined ? user : undefined;
}
