/**
 * Verification of audit trails: {@link fi.suoja.audit.verify.AuditVerifier} checks file and table
 * chains and their Ed25519-signed {@link fi.suoja.audit.verify.Checkpoint}s and returns a {@link
 * fi.suoja.audit.verify.Verification} naming the first bad record and why; {@link
 * fi.suoja.audit.verify.MerkleProofs} gives RFC 6962 inclusion and consistency proofs; {@link
 * fi.suoja.audit.verify.VerifyCommand} is the command-line entry.
 */
package fi.suoja.audit.verify;
