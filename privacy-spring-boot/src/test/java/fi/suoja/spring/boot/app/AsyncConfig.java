package fi.suoja.spring.boot.app;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableAsync;

/** The care backend runs some work with @Async, on Boot's task executor. */
@Configuration(proxyBeanMethods = false)
@EnableAsync
public class AsyncConfig {}
