import { scryptSync } from 'node:crypto';
import { PasswordHasher, passwordPolicyViolation } from './password-hasher';

describe(PasswordHasher.name, () => {
  const hasher = new PasswordHasher();

  it('verifies the right password and refuses a wrong one', async () => {
    const hash = await hasher.hash('Benhan@2026');
    expect(hash).toMatch(/^\$scrypt\$ln=14,r=8,p=5\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    await expect(hasher.verify('Benhan@2026', hash)).resolves.toBe(true);
    await expect(hasher.verify('benhan@2026', hash)).resolves.toBe(false);
  });

  it('salts: the same password hashes differently each time', async () => {
    expect(await hasher.hash('same-password-1')).not.toBe(await hasher.hash('same-password-1'));
  });

  it('treats Vietnamese passwords the same in composed and decomposed Unicode', async () => {
    const hash = await hasher.hash('Mật khẩu 2026');
    await expect(hasher.verify('Mật khẩu 2026'.normalize('NFD'), hash)).resolves.toBe(true);
  });

  it('refuses an unknown user (no stored hash) and a malformed hash', async () => {
    await expect(hasher.verify('anything', null)).resolves.toBe(false);
    await expect(hasher.verify('anything', 'plaintext')).resolves.toBe(false);
  });

  it('verifies hashes made with other cost parameters (cost can be raised later)', async () => {
    // Made with ln=10,r=8,p=1 for the password "old-cost-1".
    const salt = Buffer.from('0123456789abcdef');
    const key = scryptSync('old-cost-1', salt, 32, { N: 1024, r: 8, p: 1 });
    const stored = `$scrypt$ln=10,r=8,p=1$${salt.toString('base64')}$${key.toString('base64')}`;
    await expect(hasher.verify('old-cost-1', stored)).resolves.toBe(true);
  });
});

describe(passwordPolicyViolation.name, () => {
  it.each([
    ['short1!', 'must be at least 10 characters long'],
    ['1234567890', 'must contain a letter'],
    ['onlyletterspassword', 'must contain a digit or a symbol'],
  ])('rejects %s', (password, reason) => expect(passwordPolicyViolation(password)).toBe(reason));

  it('accepts a long password with letters and digits, Vietnamese included', () => {
    expect(passwordPolicyViolation('Benhan@2026')).toBeNull();
    expect(passwordPolicyViolation('Điều dưỡng 7')).toBeNull();
  });
});
