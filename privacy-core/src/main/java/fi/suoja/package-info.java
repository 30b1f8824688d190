/**
 * The root of Suoja's core: the exception hierarchy shared by every module. Field encryption lives
 * in {@code fi.suoja.crypto}, personal-data detection and log masking in {@code fi.suoja.masking},
 * access decisions in {@code fi.suoja.policy}.
 */
package fi.suoja;
