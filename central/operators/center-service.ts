import { HttpError } from '../http/errors';
import type { CentralContext } from '../services/context';
import type { MetaStore } from '../services/meta';

export interface Center {
  id: string;
  name: string;
  address: string;
}

/** A center id as workstations' configuration files name it: `sc-8041`. */
const CENTER_ID = /^[a-z0-9][a-z0-9-]{1,31}$/;

/**
 * The service centers IT runs: a new center is put on the central server before its operators are added and its
 * workstations enrolled. Centers travel to every workstation with the reference data; they are never removed.
 */
export class CenterService {
  constructor(
    private readonly context: CentralContext,
    private readonly meta: MetaStore,
  ) {}

  list(): Promise<Center[]> {
    return this.context.store.db.selectFrom('centers').select(['id', 'name', 'address']).orderBy('id').execute();
  }

  /** Adds the center, or renames it / moves its address; answers whether it was new. A put that changes nothing writes nothing. */
  async put(id: string, input: { name: string; address: string }): Promise<{ center: Center; created: boolean }> {
    if (!CENTER_ID.test(id)) throw new HttpError(422, 'invalid_center_id', 'A center id is 2 to 32 lower-case Latin letters, digits or dashes, such as sc-8041.');
    const center = { id, name: input.name.normalize('NFC').trim(), address: input.address.normalize('NFC').trim() };
    if (center.name.length < 2 || center.name.length > 300 || center.address.length < 2 || center.address.length > 500 || /\p{Cc}/u.test(center.name + center.address)) {
      throw new HttpError(422, 'invalid_center', 'A center needs a name (2 to 300 characters) and an address (2 to 500), without control characters.');
    }
    return this.context.store.write(async (tx) => {
      const existing = await this.context.store.forUpdate(tx.selectFrom('centers').select(['id', 'name', 'address']).where('id', '=', id)).executeTakeFirst();
      if (existing && existing.name === center.name && existing.address === center.address) return { center, created: false };
      if (existing) await tx.updateTable('centers').set({ name: center.name, address: center.address }).where('id', '=', id).execute();
      else await tx.insertInto('centers').values(center).execute();
      await this.meta.bumpReferenceVersion(tx);
      return { center, created: !existing };
    });
  }
}
