import { SecretBox, hashApiKey, hashOpaqueToken } from '@crm/platform/security';

/**
 * Everything derived from IDENTITY_SECRET: the pepper of API-key hashes, the box that seals
 * signing keys and refresh-token grace copies. One instance per service.
 */
export class IdentitySecrets {
  readonly box: SecretBox;

  constructor(private readonly secret: string) {
    this.box = new SecretBox(secret, 'identity-write');
  }

  apiKeyHash(key: string): string {
    return hashApiKey(key, this.secret);
  }

  tokenHash(token: string): string {
    return hashOpaqueToken(token);
  }
}
