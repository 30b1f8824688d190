package fi.suoja.spring.boot.app;

import fi.suoja.policy.PrivacyContext;
import java.util.concurrent.CompletableFuture;
import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Service;

/** Work a request hands to Boot's task executor. */
@Service
public class AsyncWork {
  /** The actor and tenant this work runs as, and the thread it runs on. */
  @Async
  public CompletableFuture<String> whoAmI() {
    String who =
        PrivacyContext.current()
            .map(c -> c.actor().userId() + "@" + c.tenant().orElse("-"))
            .orElse("nobody");
    return CompletableFuture.completedFuture(who + " on " + Thread.currentThread().getName());
  }
}
