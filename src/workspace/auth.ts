// The auth room of an open workspace (users, sessions, witnesses, the field-encryption keyring in
// keys/), built once per workspace and shared by the server and the CLI.
import { createAuth, type AuthOptions, type AuthRoom } from '../auth';
import { keysDir } from './keys';
import type { Workspace } from './workspace';

const rooms = new WeakMap<Workspace, AuthRoom>();

/** The workspace's auth services; `options` (a test clock, throttle settings) apply when they are first built. */
export function authOf(ws: Workspace, options: Partial<Omit<AuthOptions, 'keysDir' | 'workspaceKind'>> = {}): AuthRoom {
  let room = rooms.get(ws);
  if (!room) {
    room = createAuth(ws.database.db, { ...options, keysDir: keysDir(ws.dir), workspaceKind: ws.meta.kind });
    rooms.set(ws, room);
  }
  return room;
}
