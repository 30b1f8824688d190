package fi.suoja.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import fi.suoja.audit.sink.CompositeAuditSink;
import fi.suoja.audit.sink.InMemoryAuditSink;
import fi.suoja.audit.sink.Slf4jAuditSink;
import fi.suoja.crypto.FieldOptions;
import fi.suoja.crypto.spi.KeyProvider;
import fi.suoja.crypto.spi.WrappedKeyStore;
import fi.suoja.jpa.SubjectHandover;
import fi.suoja.jpa.SubjectRights;
import fi.suoja.jpa.SuojaJpaSettings;
import fi.suoja.jpa.TenantOffboarding;
import fi.suoja.masking.Anonymiser;
import fi.suoja.masking.MaskerSelector;
import fi.suoja.masking.PersonalDataToString;
import fi.suoja.masking.Pseudonymiser;
import fi.suoja.masking.jackson.PersonalDataModule;
import fi.suoja.masking.logback.LogbackMasking;
import fi.suoja.masking.slf4j.MaskingLoggerFactory;
import fi.suoja.policy.AccessPolicy;
import fi.suoja.policy.Actor;
import fi.suoja.policy.IncidentGrants;
import fi.suoja.policy.Purpose;
import fi.suoja.policy.Role;
import fi.suoja.policy.TenantPrivacySettings;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every option a host can set is in docs/CONFIGURATION.md, in the section of the type that takes it
 * (a heading naming the type in backticks): each public method of every public {@code Builder},
 * each factory of the option types below, each annotation attribute and each {@link
 * SuojaJpaSettings} property. Fails when an option is added without documenting it.
 */
class ConfigurationDocumentedTest {
  /** Public builders that configure nothing: an audit event is data, not an option. */
  static final Set<String> NOT_CONFIGURATION = Set.of("fi.suoja.audit.AuditEvent$Builder");

  /**
   * Option types set by static factories, self-returning methods, record components or constructors
   * rather than a builder, and the heading they are documented under.
   */
  static final Map<Class<?>, String> FACTORIES =
      Map.ofEntries(
          Map.entry(KeyProvider.class, "KeyProvider"),
          Map.entry(WrappedKeyStore.class, "WrappedKeyStore"),
          Map.entry(FieldOptions.class, "FieldOptions"),
          Map.entry(Role.class, "Role"),
          Map.entry(Actor.class, "Actor"),
          Map.entry(Purpose.class, "Purpose"),
          Map.entry(TenantPrivacySettings.class, "TenantPrivacySettings"),
          Map.entry(AccessPolicy.class, "CareAccessPolicy"),
          Map.entry(IncidentGrants.class, "CareAccessPolicy"),
          Map.entry(fi.suoja.audit.ChainKey.class, "ChainOptions"),
          Map.entry(Slf4jAuditSink.class, "Slf4jAuditSink"),
          Map.entry(CompositeAuditSink.class, "CompositeAuditSink"),
          Map.entry(InMemoryAuditSink.class, "InMemoryAuditSink"),
          Map.entry(Anonymiser.class, "Anonymiser"),
          Map.entry(Pseudonymiser.class, "Pseudonymiser"),
          Map.entry(MaskerSelector.class, "MaskerSelector"),
          Map.entry(MaskingLoggerFactory.class, "MaskingLoggerFactory"),
          Map.entry(LogbackMasking.class, "LogbackMasking"),
          Map.entry(fi.suoja.masking.log4j2.Log4j2Masking.class, "Log4j2Masking"),
          Map.entry(PersonalDataModule.class, "PersonalDataModule"),
          Map.entry(fi.suoja.masking.jackson3.PersonalDataModule.class, "PersonalDataModule"),
          Map.entry(PersonalDataToString.class, "PersonalDataModule"),
          Map.entry(SubjectRights.class, "SubjectRights"),
          Map.entry(SubjectHandover.class, "SubjectHandover"),
          Map.entry(TenantOffboarding.class, "TenantOffboarding"));

  /** Types whose public constructors are how a host sets them up. */
  static final Set<Class<?>> CONSTRUCTED =
      Set.of(
          Slf4jAuditSink.class,
          InMemoryAuditSink.class,
          PersonalDataModule.class,
          fi.suoja.masking.jackson3.PersonalDataModule.class,
          Purpose.class,
          SubjectHandover.class,
          TenantOffboarding.class);

  static final Pattern HEADING = Pattern.compile("(?m)^#{1,6} .*$");

  static String doc;

  @BeforeAll
  static void read() throws IOException {
    Path root = Path.of("..").toAbsolutePath().normalize();
    doc = Files.readString(root.resolve("docs/CONFIGURATION.md"));
  }

  @Test
  void everyBuilderMethod_isInItsTypesSection() throws ClassNotFoundException {
    List<String> missing = new ArrayList<>();
    List<String> builders = new ArrayList<>();
    for (JavaClass c : ArchitectureTest.SUOJA) {
      if (!c.getSimpleName().equals("Builder")
          || !c.getModifiers().contains(JavaModifier.PUBLIC)
          || c.getPackageName().contains(".internal")
          || c.getPackageName().startsWith("fi.suoja.samples")
          || NOT_CONFIGURATION.contains(c.getName())) {
        continue;
      }
      Class<?> builder = Class.forName(c.getName());
      Class<?> owner = builder.getEnclosingClass();
      builders.add(owner.getSimpleName());
      String section = section(owner.getSimpleName());
      for (Method m : builder.getDeclaredMethods()) {
        if (Modifier.isPublic(m.getModifiers())
            && !m.getName().equals("build")
            && !mentions(section, m.getName())) {
          missing.add(owner.getSimpleName() + ".Builder." + m.getName());
        }
      }
    }
    // the importer must have seen the builders of every module for the check to mean anything
    assertThat(builders)
        .contains(
            "Suoja",
            "SuojaCrypto",
            "Auditor",
            "JsonLinesFileSink",
            "KafkaAuditSink",
            "KeyRotation");
    assertThat(missing).isEmpty();
  }

  @Test
  void everyFactoryOfAnOptionType_isInItsSection() {
    List<String> missing = new ArrayList<>();
    FACTORIES.forEach(
        (type, heading) -> {
          String section = section(heading);
          for (Method m : type.getDeclaredMethods()) {
            boolean isStatic = Modifier.isStatic(m.getModifiers());
            boolean returnsOwnType = m.getReturnType() == type;
            boolean option = isStatic ? !m.getName().equals("valueOf") : returnsOwnType;
            if (Modifier.isPublic(m.getModifiers())
                && option
                && !m.isSynthetic()
                && !mentions(section, m.getName())) {
              missing.add(type.getSimpleName() + "." + m.getName());
            }
          }
          if (type.isRecord()) {
            for (RecordComponent rc : type.getRecordComponents()) {
              if (!section.contains("`" + rc.getName() + "`")) {
                missing.add(type.getSimpleName() + "." + rc.getName());
              }
            }
          }
          if (CONSTRUCTED.contains(type)
              && type.getConstructors().length > 0
              && !section.contains("new " + type.getSimpleName() + "(")) {
            missing.add("new " + type.getSimpleName());
          }
        });
    assertThat(missing).isEmpty();
  }

  @Test
  void everyAnnotationAttribute_isInItsAnnotationsSection() {
    List<String> missing = new ArrayList<>();
    List<String> annotations = new ArrayList<>();
    for (JavaClass c : ArchitectureTest.SUOJA) {
      if (!c.isAnnotation() || !c.getModifiers().contains(JavaModifier.PUBLIC)) {
        continue;
      }
      annotations.add(c.getSimpleName());
      String section = section("@" + c.getSimpleName());
      if (section.isEmpty()) {
        missing.add("@" + c.getSimpleName());
      }
      for (Method m : c.reflect().getDeclaredMethods()) {
        if (!section.contains("`" + m.getName() + "`")) {
          missing.add("@" + c.getSimpleName() + "(" + m.getName() + ")");
        }
      }
    }
    assertThat(annotations).contains("Encrypted", "BlindIndex", "LegalRetention");
    assertThat(missing).isEmpty();
  }

  @Test
  void everyJpaSetting_isListedWithItsValue() throws IllegalAccessException {
    Set<String> missing = new TreeSet<>();
    int settings = 0;
    for (Field f : SuojaJpaSettings.class.getFields()) {
      if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
        settings++;
        String value = (String) f.get(null);
        boolean named = Pattern.compile("[`.]" + f.getName() + "`").matcher(doc).find();
        if (!doc.contains("`" + value + "`") || !named) {
          missing.add(f.getName() + " = " + value);
        }
      }
    }
    assertThat(settings).isGreaterThanOrEqualTo(6);
    assertThat(missing).isEmpty();
  }

  /** A method is mentioned as {@code `name(}, {@code `Type.name(} or {@code `x.name(}. */
  static boolean mentions(String section, String method) {
    return Pattern.compile("[`.]" + Pattern.quote(method) + "\\(").matcher(section).find();
  }

  /**
   * The text of every section whose heading names {@code key} in backticks ({@code `Key`}, {@code
   * `Key.builder()`}, {@code `Key.Builder`}), up to the next heading; empty if none does.
   */
  static String section(String key) {
    Pattern names = Pattern.compile("`" + Pattern.quote(key) + "[`.(]");
    StringBuilder out = new StringBuilder();
    var headings = HEADING.matcher(doc);
    List<int[]> spans = new ArrayList<>();
    while (headings.find()) {
      spans.add(new int[] {headings.start(), headings.end()});
    }
    for (int i = 0; i < spans.size(); i++) {
      String heading = doc.substring(spans.get(i)[0], spans.get(i)[1]);
      if (names.matcher(heading).find()) {
        int end = i + 1 < spans.size() ? spans.get(i + 1)[0] : doc.length();
        out.append(doc, spans.get(i)[0], end);
      }
    }
    return out.toString();
  }
}
