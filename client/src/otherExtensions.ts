// The Dockerfile extensions that run their own Dockerfile language server (rcjsuen's): with
// `stagecraft.languageFeatures: auto`, Stagecraft leaves the everyday features to them. An
// extension counts while it is installed and enabled: they activate on Dockerfiles as we do, so
// whether one has activated yet depends on timing, not on what the user will see.
import * as vscode from 'vscode';

export const DOCKERFILE_EXTENSIONS: readonly { id: string; name: string }[] = [
  { id: 'ms-azuretools.vscode-containers', name: 'Container Tools' },
  { id: 'ms-azuretools.vscode-docker', name: 'Docker' },
  { id: 'docker.docker', name: 'Docker DX' },
];

/** Ids of those extensions that are installed and enabled now. */
export function otherDockerfileExtensions(): string[] {
  return DOCKERFILE_EXTENSIONS.filter(({ id }) => vscode.extensions.getExtension(id) !== undefined).map(({ id }) => id);
}

/** Calls `changed` with the new list whenever an extension is installed, removed, enabled or disabled and the list differs. */
export function watchOtherDockerfileExtensions(changed: (ids: string[]) => void): vscode.Disposable {
  let last = otherDockerfileExtensions().join(',');
  return vscode.extensions.onDidChange(() => {
    const now = otherDockerfileExtensions();
    if (now.join(',') !== last) {
      last = now.join(',');
      changed(now);
    }
  });
}
