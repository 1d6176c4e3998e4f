import { generateKeyPairSync, randomBytes } from 'node:crypto';
import forge from 'node-forge';
import jwt from 'jsonwebtoken';

/**
 * Mobile pass cards of a contact's wallet: an Apple Wallet `.pkpass` (signed with the configured
 * Pass Type ID certificate, through passkit-generator) and a Google Wallet "save" link (a JWT
 * signed with the configured service account key, through jsonwebtoken), both showing the wallet
 * code (as a QR code) and its balance. Without configuration (development, tests) a local test
 * CA, signer certificate and RSA key are generated once per process: the artefacts are real and
 * verifiable against them, though no phone trusts that CA.
 */
export interface MobilePassKeys {
  apple: { wwdr: string; signerCert: string; signerKey: string; passTypeIdentifier: string; teamIdentifier: string };
  google: { issuerId: string; serviceAccountEmail: string; privateKey: string; publicKey: string | null };
  generated: boolean;
}

let cached: MobilePassKeys | null = null;

/** An RSA key pair (node's generator: forge's is slow) in forge's form. */
function rsaPair(): { publicKey: forge.pki.rsa.PublicKey; privateKey: forge.pki.rsa.PrivateKey } {
  const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    publicKey: forge.pki.publicKeyFromPem(pair.publicKey.export({ type: 'spki', format: 'pem' }).toString()),
    privateKey: forge.pki.privateKeyFromPem(pair.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString()),
  };
}

function testCertificates(): MobilePassKeys['apple'] {
  const ca = rsaPair();
  const caCert = forge.pki.createCertificate();
  caCert.publicKey = ca.publicKey;
  caCert.serialNumber = '01';
  caCert.validity.notBefore = new Date(Date.now() - 86_400_000);
  caCert.validity.notAfter = new Date(Date.now() + 365 * 86_400_000);
  const caName = [{ name: 'commonName', value: 'CRM local test WWDR CA' }];
  caCert.setSubject(caName);
  caCert.setIssuer(caName);
  caCert.setExtensions([{ name: 'basicConstraints', cA: true }]);
  caCert.sign(ca.privateKey, forge.md.sha256.create());
  const signer = rsaPair();
  const cert = forge.pki.createCertificate();
  cert.publicKey = signer.publicKey;
  cert.serialNumber = randomBytes(8).toString('hex');
  cert.validity.notBefore = caCert.validity.notBefore;
  cert.validity.notAfter = caCert.validity.notAfter;
  cert.setSubject([
    { name: 'commonName', value: 'Pass Type ID: pass.com.crm.local.wallet' },
    { shortName: 'OU', value: 'CRMLOCAL01' },
  ]);
  cert.setIssuer(caName);
  cert.sign(ca.privateKey, forge.md.sha256.create());
  return {
    wwdr: forge.pki.certificateToPem(caCert),
    signerCert: forge.pki.certificateToPem(cert),
    signerKey: forge.pki.privateKeyToPem(signer.privateKey),
    passTypeIdentifier: 'pass.com.crm.local.wallet',
    teamIdentifier: 'CRMLOCAL01',
  };
}

type MobilePassEnv = Partial<Record<string, unknown>>;
let configured: MobilePassEnv = {};

/** The gateway's configuration (MOBILE_PASS_* of gateway/env.ts), given once at start. */
export function configureMobilePassKeys(env: MobilePassEnv): void {
  configured = env;
  cached = null;
}

/** The configured keys, or generated test ones. */
export function mobilePassKeys(): MobilePassKeys {
  if (cached) return cached;
  const env = Object.fromEntries(Object.entries(configured).filter(([k, v]) => k.startsWith('MOBILE_PASS_') && typeof v === 'string')) as Record<
    string,
    string
  >;
  const apple =
    env['MOBILE_PASS_APPLE_SIGNER_CERT'] && env['MOBILE_PASS_APPLE_SIGNER_KEY'] && env['MOBILE_PASS_APPLE_WWDR_CERT']
      ? {
          wwdr: env['MOBILE_PASS_APPLE_WWDR_CERT'],
          signerCert: env['MOBILE_PASS_APPLE_SIGNER_CERT'],
          signerKey: env['MOBILE_PASS_APPLE_SIGNER_KEY'],
          passTypeIdentifier: env['MOBILE_PASS_APPLE_PASS_TYPE_ID'] ?? 'pass.com.crm.wallet',
          teamIdentifier: env['MOBILE_PASS_APPLE_TEAM_ID'] ?? '',
        }
      : null;
  let google: MobilePassKeys['google'] | null = null;
  if (env['MOBILE_PASS_GOOGLE_PRIVATE_KEY'] && env['MOBILE_PASS_GOOGLE_ISSUER_ID'] && env['MOBILE_PASS_GOOGLE_SERVICE_ACCOUNT']) {
    google = {
      issuerId: env['MOBILE_PASS_GOOGLE_ISSUER_ID'],
      serviceAccountEmail: env['MOBILE_PASS_GOOGLE_SERVICE_ACCOUNT'],
      privateKey: env['MOBILE_PASS_GOOGLE_PRIVATE_KEY'],
      publicKey: null,
    };
  }
  const generated = !apple || !google;
  if (!google) {
    const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
    google = {
      issuerId: '3388000000000000000',
      serviceAccountEmail: 'wallet@crm-local.iam.gserviceaccount.com',
      privateKey: pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      publicKey: pair.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    };
  }
  cached = { apple: apple ?? testCertificates(), google, generated };
  return cached;
}

export interface WalletCard {
  walletId: string;
  code: string;
  contactId: string;
  organisationId: string;
  currency: string;
  balance: string;
}

// a 1x1 PNG: Apple Wallet needs an icon
const ICON = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNk+A8AAQUBAScY42YAAAAASUVORK5CYII=', 'base64');

/** A signed `.pkpass` (zip: pass.json, icon, manifest.json, PKCS#7 signature) of the wallet. */
export async function applePass(card: WalletCard, keys = mobilePassKeys()): Promise<Buffer> {
  const passJson = {
    formatVersion: 1,
    passTypeIdentifier: keys.apple.passTypeIdentifier,
    teamIdentifier: keys.apple.teamIdentifier,
    serialNumber: card.walletId,
    organizationName: card.organisationId,
    description: 'Wallet',
    storeCard: {
      primaryFields: [{ key: 'balance', label: 'Balance', value: Number(card.balance), currencyCode: card.currency }],
      secondaryFields: [{ key: 'code', label: 'Wallet code', value: card.code }],
    },
    barcodes: [{ format: 'PKBarcodeFormatQR', message: card.code, messageEncoding: 'iso-8859-1', altText: card.code }],
  };
  const { PKPass } = await import('passkit-generator');
  const pass = new PKPass(
    { 'pass.json': Buffer.from(JSON.stringify(passJson)), 'icon.png': ICON, 'icon@2x.png': ICON },
    { wwdr: keys.apple.wwdr, signerCert: keys.apple.signerCert, signerKey: keys.apple.signerKey },
  );
  return pass.getAsBuffer();
}

/** The Google Wallet "save" link of the wallet: a loyalty object in an RS256 JWT. */
export function googlePassLink(card: WalletCard, keys = mobilePassKeys()): string {
  const [whole, fraction = ''] = card.balance.split('.');
  const micros = (BigInt(whole!) * 1_000_000n + BigInt(fraction.padEnd(6, '0').slice(0, 6))).toString();
  const g = keys.google;
  const token = jwt.sign(
    {
      iss: g.serviceAccountEmail,
      aud: 'google',
      typ: 'savetowallet',
      origins: [],
      payload: {
        loyaltyObjects: [
          {
            id: `${g.issuerId}.${card.walletId.replace(/-/g, '')}`,
            classId: `${g.issuerId}.${card.organisationId.replace(/[^A-Za-z0-9_.-]/g, '')}`,
            state: 'ACTIVE',
            accountId: card.code,
            accountName: card.contactId,
            barcode: { type: 'QR_CODE', value: card.code, alternateText: card.code },
            loyaltyPoints: { label: 'Balance', balance: { money: { currencyCode: card.currency, micros } } },
          },
        ],
      },
    },
    g.privateKey,
    { algorithm: 'RS256' },
  );
  return `https://pay.google.com/gp/v/save/${token}`;
}
