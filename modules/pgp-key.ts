/**
 * A PGP key prop checked before any apply. The AWS provider treats an empty `pgp_key` as no key: the
 * secret or password then sits in the state in plain text while the "encrypted" output is empty, the
 * opposite of what setting the prop asks for. An armored key or stray characters fail only at apply,
 * after the user exists. A Terraform expression (`Fn.filebase64(...)`) is the caller's to get right.
 */
import { Token } from 'cdktf';

const KEYBASE = 'keybase:';

/** `what` is the value the key encrypts, for the messages ("secret access key", "console password"). */
export function checkPgpKey(prop: string, value: string | undefined, what: string): void {
  if (value === undefined || Token.isUnresolved(value)) return;
  const fix = `give the public key base64-encoded (gpg --export <key id> | base64 -w0) or keybase:<user>, or drop ${prop} to leave the ${what} unencrypted`;
  if (value.trim() === '') {
    throw new Error(`${prop} is empty: the provider would keep the ${what} unencrypted in the state and the encrypted output would be empty; ${fix}`);
  }
  if (value.startsWith(KEYBASE)) {
    if (!/^keybase:\S+$/.test(value)) throw new Error(`${prop} "${value}" is not a keybase user name; ${fix}`);
    return;
  }
  if (value.includes('BEGIN PGP')) {
    throw new Error(`${prop} is an ASCII-armored key, which the provider cannot read; ${fix}`);
  }
  // Go's base64 decoder, which the provider uses, skips line breaks and nothing else.
  const body = value.replace(/[\r\n]/g, '');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(body) || body.length % 4 !== 0) {
    throw new Error(`${prop} is neither base64 nor keybase:<user>; ${fix}`);
  }
}
