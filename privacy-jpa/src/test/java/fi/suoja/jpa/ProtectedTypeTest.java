package fi.suoja.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import fi.suoja.annotation.Encrypted;
import fi.suoja.annotation.Erasure;
import fi.suoja.annotation.IndexNormalization;
import fi.suoja.annotation.PersonalData;
import fi.suoja.annotation.PersonalDataCategory;
import fi.suoja.annotation.ProtectedType;
import fi.suoja.jpa.model.AssistedResident;
import fi.suoja.jpa.model.Client;
import fi.suoja.jpa.model.HomeCareClient;
import fi.suoja.jpa.model.Person;
import fi.suoja.jpa.model.PropertyClient;
import fi.suoja.jpa.model.RightsNote;
import fi.suoja.jpa.model.Team;
import java.lang.reflect.Field;
import org.junit.jupiter.api.Test;

/** The one description of a protected entity class that every reader of the annotations uses. */
class ProtectedTypeTest {

  @Test
  void aPlainEntity_describesItsAnnotatedAttributes() {
    ProtectedType t = ProtectedType.of(Client.class);
    assertThat(t.entityName()).isEqualTo("Client");
    assertThat(t.scope()).isEqualTo("Client");
    assertThat(t.entitySuperclass()).isEmpty();
    assertThat(t.isProtected()).isTrue();
    assertThat(t.encrypted())
        .extracting(ProtectedType.EncryptedAttribute::name)
        .containsExactly("firstName", "lastName", "hetu");
    assertThat(t.encrypted())
        .extracting(ProtectedType.EncryptedAttribute::padToBucket)
        .containsExactly(16, 16, 0);
    assertThat(t.indexOf("hetu"))
        .hasValueSatisfying(
            i -> {
              assertThat(i.name()).isEqualTo("hetuIndex");
              assertThat(i.normalization()).isEqualTo(IndexNormalization.HETU);
            });
    assertThat(t.indexOf("lastName")).isEmpty();
    assertThat(t.tenantAttribute()).hasValue("organisation");
    assertThat(t.ownerAttribute()).hasValue("responsibleEmployee");
    assertThat(t.idAttribute()).hasValue("id");
    assertThat(t.subjectAttribute()).isEmpty();
    // what erasure clears: encrypted and personal attributes, never id, tenant, owner, subject
    assertThat(t.personal()).containsExactly("firstName", "lastName", "hetu");
    assertThat(ProtectedType.of(Client.class)).isSameAs(t);
  }

  @Test
  void propertyAccess_findsIdAndTenantOnTheGetters() throws Exception {
    ProtectedType t = ProtectedType.of(PropertyClient.class);
    assertThat(t.tenantAttribute()).hasValue("organisation");
    assertThat(t.idAttribute()).hasValue("id");
    assertThat(t.ownerAttribute()).hasValue("responsibleEmployee");
    assertThat(t.annotation("id", jakarta.persistence.Id.class)).isPresent();
    assertThat(t.annotation("name", jakarta.persistence.Column.class))
        .hasValueSatisfying(c -> assertThat(c.length()).isEqualTo(200));
    assertThat(t.annotation("name", jakarta.persistence.Id.class)).isEmpty();
    assertThat(t.personal()).containsExactly("name", "hetu", "phone");
  }

  @Test
  void aSubclass_isScopedByItsHierarchysRoot_andSeesInheritedAttributes() {
    ProtectedType sub = ProtectedType.of(HomeCareClient.class);
    assertThat(sub.entityName()).isEqualTo("HomeCareClient");
    assertThat(sub.scope()).isEqualTo("Person");
    assertThat(sub.entitySuperclass()).contains(Person.class);
    assertThat(sub.encrypted())
        .extracting(ProtectedType.EncryptedAttribute::name)
        .containsExactly("careNeeds", "hetu");
    assertThat(sub.indexOf("careNeeds"))
        .map(ProtectedType.IndexAttribute::name)
        .hasValue("careNeedsIndex");
    assertThat(sub.tenantAttribute()).hasValue("organisation"); // from the mapped superclass
    assertThat(ProtectedType.of(AssistedResident.class).scope()).isEqualTo("Resident");
    assertThat(ProtectedType.of(Person.class).scope()).isEqualTo("Person");
  }

  @Test
  void anUnprotectedEntity_andTheDataSubjectAttribute() {
    assertThat(ProtectedType.of(Team.class).isProtected()).isFalse();
    ProtectedType note = ProtectedType.of(RightsNote.class);
    assertThat(note.subjectAttribute()).hasValue("clientId");
    assertThat(note.personal()).containsExactly("text");
    assertThat(note.annotation(Erasure.class)).map(Erasure::subjectKey).hasValue(true);
  }

  @Test
  void instanceFields_areRootFirst_withoutStatics_andHiddenFieldsOnce() {
    assertThat(ProtectedType.of(HomeCareClient.class).instanceFields())
        .extracting(Field::getName)
        .containsSubsequence("id", "organisation", "hetu", "careNeeds", "careNeedsIndex");
    ProtectedType sub = ProtectedType.of(Hiding.class);
    assertThat(sub.instanceFields())
        .extracting(Field::getName)
        .containsExactly("note", "kept", "extra");
    // the hidden field keeps its place; the description is the subclass's field's
    assertThat(sub.instanceFields().get(0).getDeclaringClass()).isEqualTo(Hiding.class);
    assertThat(sub.personalData("note"))
        .map(PersonalData::category)
        .hasValue(PersonalDataCategory.HEALTH);
  }

  @Test
  void perAttribute_personalData_encrypted_andAnyAnnotation() {
    ProtectedType note = ProtectedType.of(RightsNote.class);
    assertThat(note.encrypted("text"))
        .map(ProtectedType.EncryptedAttribute::padToBucket)
        .hasValue(0);
    assertThat(note.encrypted("closedOn")).isEmpty();
    assertThat(note.personalData("text")).isEmpty();
    assertThat(note.isAnnotated("text")).isTrue();
    assertThat(note.isAnnotated("clientId")).isTrue(); // @DataSubjectId
    assertThat(note.isAnnotated("responsibleEmployee")).isTrue(); // @Owner
    assertThat(note.isAnnotated("closedOn")).isFalse();
    assertThat(note.isAnnotated("missing")).isFalse();
    assertThat(ProtectedType.of(Client.class).isAnnotated("hetuIndex")).isTrue();
  }

  static class Hidden {
    static final String CONSTANT = "not an attribute";
    @PersonalData String note;
    String kept;
  }

  static class Hiding extends Hidden {
    @SuppressWarnings("HidingField") // the case under test: a subclass redeclares the attribute
    @PersonalData(category = PersonalDataCategory.HEALTH)
    @Encrypted
    String note;

    String extra;
  }
}
