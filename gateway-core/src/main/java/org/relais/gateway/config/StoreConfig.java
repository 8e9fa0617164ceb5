package org.relais.gateway.config;

import java.util.List;

/**
 * The embedded store: the SQLite file and how hard each commit is pushed to disk ({@code full}
 * survives a power cut; {@code normal} in WAL mode survives a crash of the process only).
 */
public record StoreConfig(String path, String synchronous, Integer batchSize) {

  public StoreConfig {
    path = Settings.text(path, "data/relais.db");
    if (path.isEmpty()) {
      throw new ConfigException("store.path", path, "a file path such as data/relais.db");
    }
    synchronous = Settings.oneOf("store.synchronous", synchronous, "full", List.of("full", "normal"));
    batchSize = Settings.range("store.batch_size", batchSize, 512, 1, 10_000);
  }
}
