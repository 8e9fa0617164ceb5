package org.relais.gateway.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Syncs the store's WAL file ({@code relais.db-wal}) to the disk: fdatasync on a descriptor of
 * its own, which flushes what the writer's connection wrote to the same file. The first sync also
 * syncs the directory, so that the WAL file's own entry is on the disk.
 */
final class WalSync implements Database.Durability, AutoCloseable {

  private final Path wal;
  private FileChannel channel;

  WalSync(Path database) {
    this.wal = database.resolveSibling(database.getFileName() + "-wal");
  }

  @Override
  public void sync() throws IOException {
    if (channel == null) {
      channel = FileChannel.open(wal, StandardOpenOption.WRITE);
      try (FileChannel directory = FileChannel.open(wal.getParent(), StandardOpenOption.READ)) {
        directory.force(true);
      }
    }
    channel.force(false);
  }

  @Override
  public void close() {
    try {
      if (channel != null) {
        channel.close();
      }
    } catch (IOException e) {
      // Closing a descriptor used only to sync: nothing is lost if it fails.
    }
  }
}
