package fi.suoja.adoption;

import org.springframework.boot.test.autoconfigure.orm.jpa.DataJpaTest;

@DataJpaTest
class OwnerRepositoryTest extends OwnerRepositoryContract {}
