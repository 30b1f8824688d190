/**
 * Not API: helpers shared by the optional integrations of {@code fi.suoja.masking} (the Jackson 2
 * and Jackson 3 modules), free of any of their libraries. Not exported from the module.
 */
package fi.suoja.masking.internal;
