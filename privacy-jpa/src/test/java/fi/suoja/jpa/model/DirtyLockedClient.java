package fi.suoja.jpa.model;

import fi.suoja.annotation.PersonalData;
import jakarta.persistence.Entity;
import org.hibernate.annotations.DynamicUpdate;
import org.hibernate.annotations.OptimisticLockType;
import org.hibernate.annotations.OptimisticLocking;

/** Value-based optimistic locking: refused at boot for entities with encrypted attributes. */
@Entity
@DynamicUpdate
@OptimisticLocking(type = OptimisticLockType.DIRTY)
@PersonalData(subject = "client")
public class DirtyLockedClient extends ClientColumns {
  protected DirtyLockedClient() {}
}
