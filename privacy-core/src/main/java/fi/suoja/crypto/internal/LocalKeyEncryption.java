package fi.suoja.crypto.internal;

import fi.suoja.crypto.spi.KeyContext;
import fi.suoja.crypto.spi.KeyEncryption;
import fi.suoja.crypto.spi.MasterKey;
import java.util.Objects;
import javax.crypto.AEADBadTagException;

/** {@link KeyEncryption} with a JCA master key: {@link DataKeyWrap}'s AES-256-GCM. */
public final class LocalKeyEncryption implements KeyEncryption {
  private final MasterKey key;

  public LocalKeyEncryption(MasterKey key) {
    this.key = Objects.requireNonNull(key, "key");
  }

  @Override
  public int version() {
    return key.version();
  }

  @Override
  public byte[] wrap(byte[] dataKey, KeyContext context) {
    requireVersion(context);
    return DataKeyWrap.seal(key, context.associatedData(), dataKey);
  }

  @Override
  public byte[] unwrap(byte[] wrapped, KeyContext context) throws AEADBadTagException {
    if (context.masterKeyVersion() != key.version()) {
      throw new AEADBadTagException("wrapped under another master key version");
    }
    try {
      return DataKeyWrap.open(key, context.associatedData(), wrapped);
    } catch (OpenFailedException e) {
      throw new AEADBadTagException(e.getMessage());
    }
  }

  private void requireVersion(KeyContext context) {
    if (context.masterKeyVersion() != key.version()) {
      throw new IllegalArgumentException("context names another master key version");
    }
  }

  @Override
  public String toString() {
    return "LocalKeyEncryption[version=" + key.version() + "]";
  }
}
