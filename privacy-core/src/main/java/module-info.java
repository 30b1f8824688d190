/**
 * Suoja's core, independent of the persistence technology: annotations, field cryptography, HETU
 * and log masking, actors and the care access policy. Logback, Log4j 2, Jackson 2 and 3, Micrometer
 * and Tink integrations are optional: their packages are usable only when the host brings the
 * library.
 */
// micrometer-core is an automatic module (Automatic-Module-Name micrometer.core): its API is the
// binder's, so it is transitive; a host without Micrometer never loads fi.suoja.micrometer
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module fi.suoja.core {
  requires transitive fi.suoja.audit;
  requires transitive org.slf4j; // MaskingLoggerFactory hands out SLF4J loggers
  requires org.bouncycastle.provider;
  requires java.net.http; // fi.suoja.crypto.tink.VaultTransitAead
  // optional integrations; their API speaks the library's types
  requires static transitive ch.qos.logback.classic;
  requires static transitive ch.qos.logback.core;
  requires static transitive com.fasterxml.jackson.core;
  requires static transitive com.fasterxml.jackson.databind;
  requires static transitive micrometer.core;
  requires static transitive org.apache.logging.log4j;
  requires static transitive org.apache.logging.log4j.core;
  requires static transitive tools.jackson.core;
  requires static transitive tools.jackson.databind;
  requires static transitive com.google.crypto.tink; // fi.suoja.crypto.tink: Aead, KmsClient

  exports fi.suoja;
  exports fi.suoja.annotation;
  exports fi.suoja.crypto;
  exports fi.suoja.crypto.spi;
  exports fi.suoja.crypto.tink;
  exports fi.suoja.masking;
  exports fi.suoja.masking.slf4j;
  exports fi.suoja.masking.logback;
  exports fi.suoja.masking.jackson;
  exports fi.suoja.masking.jackson3;
  exports fi.suoja.masking.log4j2;
  exports fi.suoja.micrometer;
  exports fi.suoja.policy;
}
