// The auth room of an open workspace (users, sessions, witnesses, the field-encryption keyring in
// keys/), built once per workspace and shared by the server and the CLI. Views of restricted fields
// are written to the evidence log here, where both rooms are at hand.
import { createHmac } from 'node:crypto';
import { createAuth, type AuthOptions, type AuthRoom, type RestrictedViewCustody } from '../auth';
import { actorPseudonym, encodeLeaf } from '../evidence';
import { evidenceOf } from './evidence';
import { keysDir } from './keys';
import type { Workspace } from './workspace';

const rooms = new WeakMap<Workspace, AuthRoom>();

/**
 * A `field.viewed` entry in the evidence log for each view of a restricted field. The log is
 * public, so the entry names neither the field nor its owner: its ref is a keyed hash of
 * "entity:id" (the workspace can recompute it to find every view of one witness), its actor the
 * evidence room's pseudonym.
 */
function fieldViewsInTheLog(ws: Workspace, room: () => AuthRoom): RestrictedViewCustody {
  return async (tx, view) => {
    const key = await room().cipher.derivedKey('log-ref');
    const ref = `fv:${createHmac('sha256', key).update(`${view.entity}:${view.entityId}`, 'utf8').digest('hex').slice(0, 32)}`;
    const at = new Date().toISOString();
    const appended = await evidenceOf(ws).log.append(tx, [encodeLeaf({ v: 1, kind: 'field.viewed', at, actor: actorPseudonym(view.actor), ref })], at);
    return { leafIndex: appended.first };
  };
}

/** The workspace's auth services; `options` (a test clock, throttle settings) apply when they are first built. */
export function authOf(ws: Workspace, options: Partial<Omit<AuthOptions, 'keysDir' | 'workspaceKind'>> = {}): AuthRoom {
  let room = rooms.get(ws);
  if (!room) {
    const built: AuthRoom = createAuth(ws.database.db, {
      restrictedViewCustody: fieldViewsInTheLog(ws, () => built), ...options, keysDir: keysDir(ws.dir), workspaceKind: ws.meta.kind,
    });
    room = built;
    rooms.set(ws, room);
  }
  return room;
}
