/**
 * A software passkey authenticator for tests: what a browser and a platform authenticator together
 * hand to the API. Keys are P-256 (ES256) from node:crypto; registrations carry a `none` attestation
 * (CBOR attestation object with the authenticator data, the credential and its COSE key), assertions
 * an ECDSA signature over authenticatorData ‖ SHA-256(clientDataJSON), as the WebAuthn spec says.
 */
import { createHash, generateKeyPairSync, type KeyObject, randomBytes, sign } from 'node:crypto';
import type {
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/server';
import { isoCBOR } from '@simplewebauthn/server/helpers';

const FLAG_USER_PRESENT = 0x01;
const FLAG_USER_VERIFIED = 0x04;
const FLAG_BACKUP_ELIGIBLE = 0x08;
const FLAG_BACKED_UP = 0x10;
const FLAG_ATTESTED_CREDENTIAL = 0x40;
/** COSE: key type EC2, algorithm ES256, curve P-256. */
const COSE = { kty: 1, alg: 3, crv: -1, x: -2, y: -3, EC2: 2, ES256: -7, P256: 1 } as const;

type CBORValue = Parameters<typeof isoCBOR.encode>[0];

const sha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest();
const base64url = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');
const fromBase64url = (text: string) => Buffer.from(text, 'base64url');

/** `RegistrationResponseJSON` of @simplewebauthn/browser, as a plain object type (it is sent as JSON). */
export type RegistrationAnswer = {
  id: string;
  rawId: string;
  type: 'public-key';
  response: { clientDataJSON: string; attestationObject: string; transports: string[] };
  clientExtensionResults: Record<string, never>;
  authenticatorAttachment: 'platform';
};

/** `AuthenticationResponseJSON` of @simplewebauthn/browser, as a plain object type. */
export type AuthenticationAnswer = {
  id: string;
  rawId: string;
  type: 'public-key';
  response: { clientDataJSON: string; authenticatorData: string; signature: string; userHandle: string };
  clientExtensionResults: Record<string, never>;
  authenticatorAttachment: 'platform';
};

export interface StoredCredential {
  /** The credential id, base64url (as the API stores it). */
  id: string;
  rpId: string;
  /** The account's user handle, base64url, as the registration options gave it. */
  userHandle: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** The signature counter the next assertion reports (then adds one). */
  counter: number;
}

export interface AnswerOverrides {
  /** The origin the browser reports (default: the authenticator's). */
  origin?: string;
  /** Whether the person unlocked the authenticator (biometrics, PIN): the UV flag. Default true. */
  userVerified?: boolean;
  /** The counter to report, instead of the credential's own. */
  counter?: number;
  /** Answer with this credential, whatever the options allow or exclude. */
  credentialId?: string;
}

export class SoftwareAuthenticator {
  readonly credentials = new Map<string, StoredCredential>();

  /**
   * @param origin the page's origin the browser reports in clientDataJSON (`http://capitune.test` in tests)
   * @param options.synced a synced platform passkey: backup eligible and backed up, its counter always 0
   */
  constructor(
    readonly origin: string,
    readonly options: { synced?: boolean } = {},
  ) {}

  /** `navigator.credentials.create()`: a new credential for these options, as `startRegistration` returns it. */
  register(
    options: PublicKeyCredentialCreationOptionsJSON,
    overrides: AnswerOverrides = {},
  ): RegistrationAnswer {
    const rpId = options.rp.id ?? new URL(this.origin).hostname;
    const excluded = new Set((options.excludeCredentials ?? []).map((credential) => credential.id));
    const reused = overrides.credentialId ? this.credentials.get(overrides.credentialId) : undefined;
    if (!reused && [...this.credentials.keys()].some((id) => excluded.has(id)))
      throw new Error('InvalidStateError: this authenticator holds an excluded credential');
    const credential = reused ?? this.newCredential(rpId, options.user.id);
    const authData = this.authenticatorData(credential, overrides, { attested: true });
    const attestationObject = isoCBOR.encode(
      new Map<string, CBORValue>([
        ['fmt', 'none'],
        ['attStmt', new Map<string, CBORValue>()],
        ['authData', authData],
      ]),
    );
    return {
      id: credential.id,
      rawId: credential.id,
      type: 'public-key',
      response: {
        clientDataJSON: this.clientData('webauthn.create', options.challenge, overrides),
        attestationObject: base64url(attestationObject),
        transports: ['internal', 'hybrid'],
      },
      clientExtensionResults: {},
      authenticatorAttachment: 'platform',
    };
  }

  /**
   * `navigator.credentials.get()`: an assertion with the first held credential the options allow (any
   * of this relying party's when they list none: a discoverable sign-in), as `startAuthentication` returns it.
   */
  authenticate(
    options: PublicKeyCredentialRequestOptionsJSON,
    overrides: AnswerOverrides = {},
  ): AuthenticationAnswer {
    const rpId = options.rpId ?? new URL(this.origin).hostname;
    const allowed = (options.allowCredentials ?? []).map((credential) => credential.id);
    const credential = overrides.credentialId
      ? this.credentials.get(overrides.credentialId)
      : [...this.credentials.values()].find(
          (held) => held.rpId === rpId && (allowed.length === 0 || allowed.includes(held.id)),
        );
    if (!credential) throw new Error('NotAllowedError: no credential of this authenticator is allowed');
    const clientDataJSON = this.clientData('webauthn.get', options.challenge, overrides);
    const authData = this.authenticatorData(credential, overrides, { attested: false });
    const signature = sign(
      'sha256',
      Buffer.concat([authData, sha256(fromBase64url(clientDataJSON))]),
      credential.privateKey,
    );
    return {
      id: credential.id,
      rawId: credential.id,
      type: 'public-key',
      response: {
        clientDataJSON,
        authenticatorData: base64url(authData),
        signature: base64url(signature),
        userHandle: credential.userHandle,
      },
      clientExtensionResults: {},
      authenticatorAttachment: 'platform',
    };
  }

  private newCredential(rpId: string, userHandle: string): StoredCredential {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const credential: StoredCredential = {
      id: base64url(randomBytes(32)),
      rpId,
      userHandle,
      privateKey,
      publicKey,
      counter: 0,
    };
    this.credentials.set(credential.id, credential);
    return credential;
  }

  private clientData(type: string, challenge: string, overrides: AnswerOverrides): string {
    const data = { type, challenge, origin: overrides.origin ?? this.origin, crossOrigin: false };
    return base64url(Buffer.from(JSON.stringify(data)));
  }

  /** rpIdHash ‖ flags ‖ signCount, then (registration) AAGUID ‖ id length ‖ id ‖ COSE public key. */
  private authenticatorData(
    credential: StoredCredential,
    overrides: AnswerOverrides,
    { attested }: { attested: boolean },
  ): Buffer {
    const synced = this.options.synced === true;
    let flags = FLAG_USER_PRESENT;
    if (overrides.userVerified !== false) flags |= FLAG_USER_VERIFIED;
    if (synced) flags |= FLAG_BACKUP_ELIGIBLE | FLAG_BACKED_UP;
    if (attested) flags |= FLAG_ATTESTED_CREDENTIAL;
    const counter = overrides.counter ?? (synced ? 0 : credential.counter);
    if (!synced && overrides.counter === undefined) credential.counter += 1;
    const signCount = Buffer.alloc(4);
    signCount.writeUInt32BE(counter);
    const parts = [sha256(credential.rpId), Buffer.from([flags]), signCount];
    if (attested) {
      const id = fromBase64url(credential.id);
      const idLength = Buffer.alloc(2);
      idLength.writeUInt16BE(id.length);
      parts.push(Buffer.alloc(16), idLength, id, Buffer.from(this.coseKey(credential.publicKey)));
    }
    return Buffer.concat(parts);
  }

  private coseKey(publicKey: KeyObject): Uint8Array {
    const jwk = publicKey.export({ format: 'jwk' });
    if (!jwk.x || !jwk.y) throw new Error('not an EC public key');
    return isoCBOR.encode(
      new Map<number, number | Uint8Array>([
        [COSE.kty, COSE.EC2],
        [COSE.alg, COSE.ES256],
        [COSE.crv, COSE.P256],
        [COSE.x, fromBase64url(jwk.x)],
        [COSE.y, fromBase64url(jwk.y)],
      ]),
    );
  }
}
