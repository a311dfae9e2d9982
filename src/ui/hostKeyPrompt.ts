// The question an ssh:// engine's unknown host key puts to the user (src/docker/knownHosts.ts
// asks it once per key and engine session, and saves a trusted key to known_hosts). A modal
// warning like ssh's own "authenticity of host … can't be established", through Prompts so the
// host tests answer it the way a person would. Asked as the destructive confirmations are: the
// safe answer (do not connect) is the first button, which the dialog focuses, so Enter alone never
// trusts a key nobody has looked at.
import * as vscode from 'vscode';
import { keyKind, type AskHostKey } from '../docker/knownHosts';
import type { Prompts } from './prompts';

export function askHostKey(prompts: Prompts): AskHostKey {
  return async (question) => {
    const trust = vscode.l10n.t('Trust and Connect');
    const refuse = vscode.l10n.t('Don\'t Connect');
    const message = vscode.l10n.t('The authenticity of the engine host {0} can\'t be established.', question.name);
    const known = question.otherTypes.length > 0
      ? vscode.l10n.t('The host is known by another key type ({0}); this one is new.', question.otherTypes.map(keyKind).join(', '))
      : '';
    const detail = [
      vscode.l10n.t('Its {0} key fingerprint is {1}.', keyKind(question.keyType), question.fingerprint),
      known,
      vscode.l10n.t('Trust it only if that is the engine host\'s key; Wharf then adds it to {0}.', question.knownHostsFile),
    ].filter(Boolean).join('\n');
    return await prompts.confirm(message, detail, refuse, [trust]) === trust;
  };
}
