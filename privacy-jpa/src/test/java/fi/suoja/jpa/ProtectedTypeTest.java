package fi.suoja.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import fi.suoja.annotation.Erasure;
import fi.suoja.annotation.IndexNormalization;
import fi.suoja.annotation.ProtectedType;
import fi.suoja.jpa.model.AssistedResident;
import fi.suoja.jpa.model.Client;
import fi.suoja.jpa.model.HomeCareClient;
import fi.suoja.jpa.model.Person;
import fi.suoja.jpa.model.RightsNote;
import fi.suoja.jpa.model.Team;
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
    assertThat(t.encrypted()).extracting(ProtectedType.EncryptedAttribute::name)
        .containsExactly("firstName", "lastName", "hetu");
    assertThat(t.encrypted()).extracting(ProtectedType.EncryptedAttribute::padToBucket)
        .containsExactly(16, 16, 0);
    assertThat(t.indexOf("hetu")).hasValueSatisfying(i -> {
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
  void aSubclass_isScopedByItsHierarchysRoot_andSeesInheritedAttributes() {
    ProtectedType sub = ProtectedType.of(HomeCareClient.class);
    assertThat(sub.entityName()).isEqualTo("HomeCareClient");
    assertThat(sub.scope()).isEqualTo("Person");
    assertThat(sub.entitySuperclass()).contains(Person.class);
    assertThat(sub.encrypted()).extracting(ProtectedType.EncryptedAttribute::name)
        .containsExactly("careNeeds", "hetu");
    assertThat(sub.indexOf("careNeeds")).map(ProtectedType.IndexAttribute::name)
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
}
