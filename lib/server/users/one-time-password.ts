import { randomInt } from "node:crypto";
import bcrypt from "bcryptjs";

/** for passwords people choose */
export const BCRYPT_COST = 10;
/**
 * For one-time passwords. They are random (≈ 69 bits, not guessable from a word list) and
 * stop working at first sign-in, so the slow hash adds no protection worth its price: at
 * cost 10 a county's 500 accounts would take minutes to hash in one import.
 */
export const ONE_TIME_BCRYPT_COST = 6;

// No 0/O, 1/l/I: the password is read off a screen and typed in by someone else.
const ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";

/** A random 12-character one-time password (≈ 69 bits), grouped as xxxx-xxxx-xxxx for reading aloud. */
export function generateOneTimePassword(): string {
  const chars = Array.from({ length: 12 }, () => ALPHABET[randomInt(ALPHABET.length)]);
  return `${chars.slice(0, 4).join("")}-${chars.slice(4, 8).join("")}-${chars.slice(8).join("")}`;
}

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, BCRYPT_COST);
}

export function hashOneTimePassword(password: string): Promise<string> {
  return bcrypt.hash(password, ONE_TIME_BCRYPT_COST);
}
