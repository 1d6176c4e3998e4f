import type { DataSource } from 'typeorm';
import { ConfigError } from '@crm/platform/config';
import { AppError } from '@crm/platform/errors';
import { AccessTokenIssuer, generateSigningKey, type PublicJwk } from '@crm/platform/security';
import type { IdentitySecrets } from './identity-secrets';

interface Row {
  kid: string;
  private_key_sealed: string;
  public_jwk: PublicJwk | string;
  retired_at: Date | string | null;
}

/** How long a retired key stays published: longer than any access token lives. */
const RETIRED_KEY_VISIBLE_MS = 2 * 3600 * 1000;

/**
 * The ES256 signing keys of access tokens. The first start creates one; private keys are stored
 * sealed; the public set (JWKS) includes recently retired keys so tokens they signed still verify.
 */
export class SigningKeys {
  private issuer: AccessTokenIssuer | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly secrets: IdentitySecrets,
    private readonly tokenIssuer: string,
  ) {}

  async init(): Promise<void> {
    let [active] = (await this.dataSource.query(`SELECT * FROM signing_keys WHERE retired_at IS NULL ORDER BY created_at DESC LIMIT 1`)) as Row[];
    if (!active) {
      const key = generateSigningKey();
      await this.dataSource.query(
        `INSERT INTO signing_keys (kid, private_key_sealed, public_jwk, created_at) VALUES ($1, $2, $3::jsonb, now()) ON CONFLICT DO NOTHING`,
        [key.kid, this.secrets.box.seal(key.privateKeyPem), JSON.stringify(key.publicJwk)],
      );
      [active] = (await this.dataSource.query(`SELECT * FROM signing_keys WHERE retired_at IS NULL ORDER BY created_at DESC LIMIT 1`)) as Row[];
    }
    this.issuer = new AccessTokenIssuer({ kid: active!.kid, privateKeyPem: this.openPrivateKey(active!) }, this.tokenIssuer);
  }

  /**
   * A signing key that does not open was sealed with another IDENTITY_SECRET (a new data folder,
   * or a changed secret, against the same database): a configuration error, not a crash.
   */
  private openPrivateKey(row: Row): string {
    try {
      return this.secrets.box.open(row.private_key_sealed);
    } catch (err) {
      if (!(err instanceof AppError) || err.reason !== 'SEALED_VALUE_INVALID') throw err;
      throw new ConfigError('identity-write', [
        `IDENTITY_SECRET: differs from the secret this database's token-signing keys were sealed with (key ${row.kid} does not open); ` +
          'start with the IDENTITY_SECRET the database was first used with (`npm start` keeps it in DATA_DIR/identity-secret), or use a fresh database',
      ]);
    }
  }

  /** Signs access tokens with the active key. */
  get active(): AccessTokenIssuer {
    if (!this.issuer) throw new Error('signing keys not initialised');
    return this.issuer;
  }

  /** Public keys to publish (active plus recently retired). */
  async publicKeys(): Promise<PublicJwk[]> {
    const rows = (await this.dataSource.query(`SELECT kid, public_jwk, retired_at FROM signing_keys WHERE retired_at IS NULL OR retired_at > $1`, [
      new Date(Date.now() - RETIRED_KEY_VISIBLE_MS),
    ])) as Row[];
    return rows.map((r) => (typeof r.public_jwk === 'string' ? (JSON.parse(r.public_jwk) as PublicJwk) : r.public_jwk));
  }
}
