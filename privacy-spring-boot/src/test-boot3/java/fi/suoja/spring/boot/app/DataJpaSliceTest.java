package fi.suoja.spring.boot.app;

import org.springframework.boot.test.autoconfigure.orm.jpa.DataJpaTest;

/** Boot 3.5's {@code @DataJpaTest} with encryption on. */
@DataJpaTest
class DataJpaSliceTest extends DataJpaSliceContract {}
