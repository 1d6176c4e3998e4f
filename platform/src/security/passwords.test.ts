import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { hash as argon2Hash } from '@node-rs/argon2';
import { AppError } from '../errors/app-error';
import { checkPasswordPolicy, hashPassword, passwordHashNeedsRehash, verifyAgainstDummy, verifyPassword } from './passwords';

const PHC = /^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/;

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

describe('hashPassword / verifyPassword', () => {
  it('produces an argon2id PHC string with the OWASP parameters m=19456, t=2, p=1', async () => {
    const stored = await hashPassword('correct horse battery staple');
    assert.match(stored, PHC);
  });

  it('salts every hash: the same password hashes differently each time', async () => {
    assert.notEqual(await hashPassword('same password here'), await hashPassword('same password here'));
  });

  it('accepts the right password and refuses a wrong one', async () => {
    const stored = await hashPassword('correct horse battery staple');
    assert.deepEqual(await verifyPassword(stored, 'correct horse battery staple'), { ok: true, needsRehash: false });
    assert.deepEqual(await verifyPassword(stored, 'correct horse battery stapler'), { ok: false, needsRehash: false });
    assert.deepEqual(await verifyPassword(stored, 'Correct horse battery staple'), { ok: false, needsRehash: false });
    assert.deepEqual(await verifyPassword(stored, ''), { ok: false, needsRehash: false });
  });

  it('normalises Unicode (NFKC): full-width and composed forms verify as their plain equivalents', async () => {
    const stored = await hashPassword('Ｐａｓｓ-café-2024');
    assert.equal((await verifyPassword(stored, 'Pass-café-2024')).ok, true);
    assert.equal((await verifyPassword(stored, 'Pass-cafe\u0301-2024')).ok, true);
  });

  it('asks for a rehash when the stored parameters are below policy, only after a successful match', async () => {
    const weak = await argon2Hash('legacy password 1', { algorithm: 2, memoryCost: 4096, timeCost: 1, parallelism: 1 });
    assert.match(weak, /m=4096,t=1,p=1/);
    assert.deepEqual(await verifyPassword(weak, 'legacy password 1'), { ok: true, needsRehash: true });
    assert.deepEqual(await verifyPassword(weak, 'not the password'), { ok: false, needsRehash: false });

    const fewerPasses = await argon2Hash('legacy password 2', { algorithm: 2, memoryCost: 19456, timeCost: 1, parallelism: 1 });
    assert.deepEqual(await verifyPassword(fewerPasses, 'legacy password 2'), { ok: true, needsRehash: true });

    const argon2i = await argon2Hash('legacy password 3', { algorithm: 1, memoryCost: 19456, timeCost: 2, parallelism: 1 });
    assert.deepEqual(await verifyPassword(argon2i, 'legacy password 3'), { ok: true, needsRehash: true });

    const stronger = await argon2Hash('modern password 4', { algorithm: 2, memoryCost: 32768, timeCost: 3, parallelism: 1 });
    assert.deepEqual(await verifyPassword(stronger, 'modern password 4'), { ok: true, needsRehash: false });
  });

  it('treats an unparsable stored hash as a mismatch, without throwing', async () => {
    for (const stored of ['', 'not-a-hash', '$argon2id$v=19$m=19456,t=2,p=1$broken', '$2b$10$abcdefghijklmnopqrstuv']) {
      assert.deepEqual(await verifyPassword(stored, 'whatever password'), { ok: false, needsRehash: false });
    }
    assert.equal(passwordHashNeedsRehash('garbage'), true);
  });

  it('refuses absurdly long input without hashing it in full', async () => {
    const stored = await hashPassword('x'.repeat(20) + 'y');
    assert.deepEqual(await verifyPassword(stored, 'z'.repeat(100_000)), { ok: false, needsRehash: false });
  });

  it('verifyAgainstDummy always answers false and costs about as much as a real verification', async () => {
    const stored = await hashPassword('some real password');
    await verifyAgainstDummy('warm up'); // the dummy hash is made on first use
    assert.equal(await verifyAgainstDummy('some real password'), false);
    const real: number[] = [];
    const dummy: number[] = [];
    for (let i = 0; i < 3; i++) {
      real.push(await timed(() => verifyPassword(stored, 'wrong password!')));
      dummy.push(await timed(() => verifyAgainstDummy('wrong password!')));
    }
    // A shortcut (no argon2 run) would be orders of magnitude faster; allow wide noise otherwise.
    assert.ok(median(dummy) > median(real) * 0.25, `dummy ${median(dummy)} ms vs real ${median(real)} ms`);
    assert.ok(median(dummy) < median(real) * 4, `dummy ${median(dummy)} ms vs real ${median(real)} ms`);
  });
});

describe('checkPasswordPolicy', () => {
  function violation(password: string, reason: string, field = 'password'): void {
    assert.throws(
      () => checkPasswordPolicy(password, field),
      (err: unknown) => {
        assert.ok(err instanceof AppError);
        assert.equal(err.code, 'VALIDATION');
        assert.equal(err.reason, reason);
        assert.equal(err.field, field);
        assert.ok(err.message.startsWith(`${field}:`), err.message);
        if (password.length >= 4) assert.ok(!err.message.includes(password), 'the message must not echo the password');
        return true;
      },
    );
  }

  it('accepts ordinary good passwords, including at both length limits', () => {
    for (const pw of [
      'correct horse battery staple',
      'Tr0ub4dor&3x',
      'a1b2c3d4e5',
      'x'.repeat(127) + 'y',
      'Zürich-Straße 42',
      'パスワードは秘密です',
    ]) {
      assert.doesNotThrow(() => checkPasswordPolicy(pw, 'password'), pw);
    }
  });

  it('refuses passwords shorter than 10 or longer than 128 characters', () => {
    violation('', 'PASSWORD_TOO_SHORT');
    violation('abcdefgh9', 'PASSWORD_TOO_SHORT');
    violation('ab'.repeat(64) + 'c', 'PASSWORD_TOO_LONG');
  });

  it('counts characters, not UTF-16 units', () => {
    violation('🔒'.repeat(4) + 'abcde', 'PASSWORD_TOO_SHORT'); // 9 characters, 13 UTF-16 units
    assert.doesNotThrow(() => checkPasswordPolicy('🔒🔑' + 'abcdefgh', 'password'));
  });

  it('refuses a single repeated character', () => {
    violation('aaaaaaaaaa', 'PASSWORD_TOO_SIMPLE');
    violation('🔒'.repeat(12), 'PASSWORD_TOO_SIMPLE');
    violation('1'.repeat(40), 'PASSWORD_TOO_SIMPLE');
  });

  it('refuses the most common passwords, whatever the case', () => {
    for (const pw of ['1234567890', 'qwertyuiop', 'password123', 'Password123', 'PASSWORD1234', '1q2w3e4r5t', 'iloveyou12']) {
      violation(pw, 'PASSWORD_TOO_COMMON');
    }
  });

  it('refuses control characters', () => {
    for (const pw of ['good password\n', 'tab\tinside it', 'nul\u0000inside it', 'del\u007finside it', 'c1\u0085control x']) {
      violation(pw, 'PASSWORD_INVALID_CHARACTERS');
    }
  });

  it('names the field given by the caller', () => {
    violation('short', 'PASSWORD_TOO_SHORT', 'newPassword');
  });
});
