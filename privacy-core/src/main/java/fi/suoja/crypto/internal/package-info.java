/**
 * Private to Suoja: the envelope codec, the AES-GCM and HMAC primitives over the JDK provider (the
 * only classes that call {@code Cipher.getInstance} and {@code Mac.getInstance}), HKDF from Bouncy
 * Castle, the nonce sequence, data-key wrapping and the built-in key providers and stores. Public
 * only so that sibling packages can use it; no compatibility promise.
 */
package fi.suoja.crypto.internal;
