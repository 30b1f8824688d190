package fi.suoja.jpa.internal;

import fi.suoja.Suoja;
import fi.suoja.SuojaConfigurationException;
import fi.suoja.SuojaException;
import fi.suoja.policy.RecordRef;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSAuthEnvelopedData;
import org.bouncycastle.cms.CMSAuthEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.OutputAEADEncryptor;
import org.bouncycastle.operator.jcajce.JcaAlgorithmParametersConverter;
import org.hibernate.Session;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.persister.entity.EntityPersister;
import org.hibernate.spi.NavigablePath;
import org.hibernate.type.ComponentType;
import org.hibernate.type.Type;

/**
 * Shared by {@code TenantOffboarding} and {@code SubjectHandover}: loads entities through the
 * session (so every load is decided, audited and opened by {@link PrivacyListener}), turns them
 * into JSON values ({@link JsonDocuments} writes the document), and encrypts a document to a
 * recipient's RSA public key as CMS AuthEnvelopedData (RFC 5083: AES-256-GCM content, RSAES-OAEP
 * with SHA-256 key transport, RFC 3560).
 */
public final class ExportSupport {
  private static final BouncyCastleProvider BC = new BouncyCastleProvider();

  private final SessionFactoryImplementor factory;

  /** One loaded record: its policy reference and its attributes (plaintext). */
  public static final class Row {
    private final RecordRef ref;
    private final Map<String, Object> attributes;

    Row(RecordRef ref, Map<String, Object> attributes) {
      this.ref = ref;
      this.attributes = attributes;
    }

    public RecordRef ref() {
      return ref;
    }

    /** Attribute names and values; holds plaintext personal data. */
    public Map<String, Object> attributes() {
      return attributes;
    }

    @Override
    public String toString() {
      return "Row[" + ref.type() + "#" + ref.id() + "]"; // never the values
    }
  }

  public ExportSupport(SessionFactoryImplementor factory) {
    this.factory = factory;
  }

  /** Every record of {@code type} the session's tenant filter shows, opened by the listener. */
  public List<Row> all(Session session, Class<?> type) {
    String name = Suoja.entityName(type);
    List<?> loaded =
        session.createSelectionQuery("select e from " + name + " e", type).getResultList();
    return rows(type, loaded);
  }

  /**
   * The records of {@code type} that belong to data subject {@code subjectId}.
   *
   * @throws SuojaException {@code SUOJA-6021} if the subject id is not a valid value of the
   *     entity's subject attribute (or id) type
   */
  public List<Row> ofSubject(Session session, Class<?> type, String subjectId) {
    return rows(type, SubjectRecords.find(session, model(type), persister(type), subjectId));
  }

  /**
   * The data subject ids the records of {@code type} name (subject attribute, else id), read as
   * scalars, so nothing is loaded or opened.
   */
  public Set<String> subjectIds(Session session, Class<?> type) {
    String hql =
        "select e."
            + SubjectRecords.subjectPath(model(type), persister(type))
            + " from "
            + Suoja.entityName(type)
            + " e";
    Set<String> out = new TreeSet<>();
    for (Object v : session.createSelectionQuery(hql, Object.class).getResultList()) {
      if (v != null) {
        out.add(v.toString());
      }
    }
    return out;
  }

  private List<Row> rows(Class<?> type, List<?> loaded) {
    EntityModel model = model(type);
    EntityPersister p = persister(type);
    String[] names = p.getPropertyNames();
    Type[] types = p.getPropertyTypes();
    SubjectRecords.Slots slots = SubjectRecords.Slots.of(model, p);
    List<Row> rows = new ArrayList<>();
    for (Object entity : loaded) {
      Object rawId = p.getIdentifier(entity, (SharedSessionContractImplementor) null);
      Object[] values = p.getValues(entity);
      RecordRef ref = SubjectRecords.ref(model, slots, SubjectRecords.idText(rawId), values);
      Map<String, Object> attrs = new LinkedHashMap<>();
      String idName = p.getIdentifierPropertyName();
      attrs.put(idName == null ? "id" : idName, idJson(p, rawId)); // null: an @IdClass id
      for (int i = 0; i < names.length; i++) {
        if (types[i].isAssociationType()
            || names[i].equals(NavigablePath.IDENTIFIER_MAPPER_PROPERTY)) {
          continue; // exported with their own entity; an @IdClass id's parts, exported as id
        }
        attrs.put(names[i], json(values[i]));
      }
      rows.add(new Row(ref, attrs));
    }
    return rows;
  }

  /** A simple id as its value; a composite one as its parts, by attribute name. */
  private static Object idJson(EntityPersister p, Object id) {
    if (!(p.getIdentifierType() instanceof ComponentType composite)) {
      return json(id);
    }
    Map<String, Object> parts = new LinkedHashMap<>();
    String[] names = composite.getPropertyNames();
    Object[] values = composite.getPropertyValues(id);
    for (int i = 0; i < names.length; i++) {
      parts.put(names[i], json(values[i]));
    }
    return parts;
  }

  private static Object json(Object v) {
    if (v == null || v instanceof String || v instanceof Number || v instanceof Boolean) {
      return v;
    }
    return v.toString();
  }

  private EntityModel model(Class<?> type) {
    return ModelScanner.scan(Suoja.entityName(type), type, SingleTenant.of(factory.getProperties()))
        .orElseThrow(
            () ->
                new SuojaConfigurationException(
                    "SUOJA-6310",
                    Suoja.entityName(type)
                        + " is not a protected entity (no @Encrypted attribute)"));
  }

  private EntityPersister persister(Class<?> type) {
    try {
      return factory.getMappingMetamodel().getEntityDescriptor(type);
    } catch (RuntimeException notAnEntity) {
      throw new SuojaConfigurationException(
          "SUOJA-6310", type.getName() + " is not an entity of this SessionFactory");
    }
  }

  /**
   * Encrypts {@code content} to {@code recipient} (RSA, 2048 bits or more): CMS AuthEnvelopedData,
   * DER. The recipient is named by its RFC 5280 subject key identifier.
   */
  public static byte[] seal(byte[] content, PublicKey recipient) {
    if (!(recipient instanceof RSAPublicKey rsa) || rsa.getModulus().bitLength() < 2048) {
      throw new SuojaConfigurationException(
          "SUOJA-6310", "the export recipient key must be an RSA public key of 2048 bits or more");
    }
    try {
      OAEPParameterSpec oaep =
          new OAEPParameterSpec(
              "SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT);
      byte[] keyId =
          new JcaX509ExtensionUtils().createSubjectKeyIdentifier(recipient).getKeyIdentifier();
      CMSAuthEnvelopedDataGenerator gen = new CMSAuthEnvelopedDataGenerator();
      gen.addRecipientInfoGenerator(
          new JceKeyTransRecipientInfoGenerator(
                  keyId,
                  new JcaAlgorithmParametersConverter()
                      .getAlgorithmIdentifier(PKCSObjectIdentifiers.id_RSAES_OAEP, oaep),
                  recipient)
              .setProvider(BC));
      CMSAuthEnvelopedData data =
          gen.generate(
              new CMSProcessableByteArray(content),
              (OutputAEADEncryptor)
                  new JceCMSContentEncryptorBuilder(CMSAlgorithm.AES256_GCM)
                      .setProvider(BC)
                      .build());
      return data.getEncoded();
    } catch (CMSException | IOException | GeneralSecurityException e) {
      throw new SuojaException("SUOJA-6311", "cannot encrypt the export to the recipient key", e);
    }
  }
}
