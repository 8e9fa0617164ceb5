package org.relais.gateway.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CpuUseTest {

  @Test
  void shouldCountThePartOfTheProcesssTimeSpentInTheKernel(@TempDir Path dir) throws IOException {
    assumeTrue(Files.isReadable(Path.of("/proc/self/stat")), "Linux only");
    CpuUse cpu = CpuUse.start(t -> t.getThreadName().equals(Thread.currentThread().getName()) ? "this test" : "others");
    // System calls, so that the kernel has work: a small file written over and over.
    Path file = dir.resolve("ticks");
    long end = System.nanoTime() + 300_000_000L;
    while (System.nanoTime() < end) {
      Files.writeString(file, "tick");
    }
    Map<String, Long> used = cpu.since();
    assertThat(used).containsKeys(CpuUse.PROCESS, CpuUse.KERNEL, "this test");
    assertThat(used.get(CpuUse.KERNEL)).isPositive()
        .isLessThanOrEqualTo(used.get(CpuUse.PROCESS) + 20_000_000L);
  }
}
