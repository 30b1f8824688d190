package fi.suoja.policy;

/** Which organisation an {@link Actor} works for: a tenant (the controller) or the provider. */
public enum Side {
  /** The subscribing organisation (tilaaja), controller of its own data. */
  TENANT,
  /** The service provider (palveluntuottaja), a processor acting for tenants. */
  PROVIDER
}
