package fi.suoja.adoption;

import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;

@DataJpaTest
class OwnerRepositoryTest extends OwnerRepositoryContract {}
