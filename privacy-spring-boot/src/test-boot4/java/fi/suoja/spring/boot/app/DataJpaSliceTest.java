package fi.suoja.spring.boot.app;

import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;

/** Boot 4's {@code @DataJpaTest} (module spring-boot-data-jpa-test) with encryption on. */
@DataJpaTest
class DataJpaSliceTest extends DataJpaSliceContract {}
