/**
 * Private implementation shared by the audit packages: the canonical JSON codec, RFC 6962 Merkle
 * hashing, the hash chain and the group-commit writer. Not an API; may change in any release.
 */
package fi.suoja.audit.internal;
