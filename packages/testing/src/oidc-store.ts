import type { Adapter, AdapterPayload, AllClientMetadata } from 'oidc-provider';

/** The models whose entries are tokens issued under a grant, revoked with it (as in oidc-provider's own adapter). */
const GRANTABLE = new Set([
  'AccessToken',
  'AuthorizationCode',
  'RefreshToken',
  'DeviceCode',
  'BackchannelAuthenticationRequest',
  'PreAuthorizedCode',
]);

interface Entry {
  payload: AdapterPayload;
  /** Epoch milliseconds; `Infinity` for entries stored without an expiry (clients). */
  expiresAt: number;
}

/**
 * In-memory storage for one test OIDC provider, in place of oidc-provider's bundled memory adapter (which
 * warns on every start and shares one store between all providers of the process). Holds the client too:
 * oidc-provider reads adapter-stored clients on every lookup, so its redirect URIs can change after start,
 * which statically configured clients cannot.
 */
export class TestOidcStore {
  readonly #entries = new Map<string, Entry>();
  /** Session `uid` → session id. */
  readonly #sessionIds = new Map<string, string>();
  /** Grant id → keys of the tokens issued under it, so revoking the grant (code reuse) revokes them. */
  readonly #grantMembers = new Map<string, Set<string>>();

  /**
   * Stores (or, with `undefined`, removes) the metadata of a client, under oidc-provider's `Client` model.
   * Returns what was stored before, to put it back.
   */
  setClient(clientId: string, metadata: AllClientMetadata | undefined): AllClientMetadata | undefined {
    const key = `Client:${clientId}`;
    const previous = this.#entries.get(key)?.payload;
    if (metadata) this.#entries.set(key, { payload: { ...metadata }, expiresAt: Number.POSITIVE_INFINITY });
    else this.#entries.delete(key);
    return previous;
  }

  /** The adapter oidc-provider asks for, once per model name (`Session`, `AuthorizationCode`, …). */
  adapterFor(model: string): Adapter {
    const key = (id: string) => `${model}:${id}`;
    const find = async (id: string): Promise<AdapterPayload | undefined> => {
      const entry = this.#entries.get(key(id));
      if (!entry) return undefined;
      if (entry.expiresAt <= Date.now()) {
        this.#entries.delete(key(id));
        return undefined;
      }
      return entry.payload;
    };
    return {
      upsert: async (id, payload, expiresIn) => {
        const expiresAt = expiresIn === undefined ? Number.POSITIVE_INFINITY : Date.now() + expiresIn * 1000;
        this.#entries.set(key(id), { payload, expiresAt });
        if (model === 'Session' && payload.uid) this.#sessionIds.set(payload.uid, id);
        if (payload.grantId && GRANTABLE.has(model)) {
          const members = this.#grantMembers.get(payload.grantId) ?? new Set<string>();
          members.add(key(id));
          this.#grantMembers.set(payload.grantId, members);
        }
      },
      find,
      findByUid: async (uid) => {
        const id = this.#sessionIds.get(uid);
        return id === undefined ? undefined : find(id);
      },
      // Only the device flow looks tokens up by user code, and it is not enabled.
      findByUserCode: async () => undefined,
      consume: async (id) => {
        const entry = this.#entries.get(key(id));
        // Epoch seconds, as oidc-provider's own adapters record it.
        if (entry) entry.payload.consumed = Math.floor(Date.now() / 1000);
      },
      destroy: async (id) => {
        this.#entries.delete(key(id));
      },
      revokeByGrantId: async (grantId) => {
        for (const member of this.#grantMembers.get(grantId) ?? []) this.#entries.delete(member);
        this.#grantMembers.delete(grantId);
      },
    };
  }
}
