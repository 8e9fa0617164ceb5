package org.relais.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher's search for a JDK 21+, run as a shell would run it, against fake JDKs. */
class LauncherTest {

  private static final Path LAUNCHER = Path.of("..", "relais").toAbsolutePath().normalize();

  @TempDir
  Path jvms;

  /** A folder that looks like a JDK whose java prints {@code version}. */
  private Path jdk(String name, String version, boolean withJavac) throws IOException {
    Path bin = Files.createDirectories(jvms.resolve(name).resolve("bin"));
    script(bin.resolve("java"), "echo 'openjdk version \"" + version + "\" 2025-01-01' >&2");
    if (withJavac) {
      script(bin.resolve("javac"), "echo javac " + version);
    }
    return jvms.resolve(name);
  }

  private static void script(Path file, String body) throws IOException {
    Files.writeString(file, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private record Run(int code, String out, String err) {}

  private Run run(Map<String, String> env) throws Exception {
    ProcessBuilder pb = new ProcessBuilder("bash", LAUNCHER.toString(), "--print-java-home");
    pb.environment().clear();
    pb.environment().put("PATH", jvms.resolve("no-java-here").toString() + ":/usr/bin:/bin");
    pb.environment().put("RELAIS_JVM_DIRS", jvms.toString());
    pb.environment().putAll(env);
    Process p = pb.start();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return new Run(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim(),
        new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
  }

  @Test
  void shouldPickAJdk21OrNewerUnderTheJvmFolder() throws Exception {
    jdk("java-17-openjdk", "17.0.15", true);
    Path jdk21 = jdk("temurin-21-jdk", "21.0.5", true);
    Run r = run(Map.of());
    assertThat(r.code()).isZero();
    assertThat(r.out()).isEqualTo(jdk21.toString());
  }

  @Test
  void shouldPreferJavaHomeWhenItIsRecentEnough() throws Exception {
    jdk("temurin-21-jdk", "21.0.5", true);
    Path home = jdk("elsewhere-25", "25", true);
    assertThat(run(Map.of("JAVA_HOME", home.toString())).out()).isEqualTo(home.toString());
  }

  @Test
  void shouldLookFurtherWhenJavaHomeIsTooOld() throws Exception {
    Path old = jdk("old-17", "17.0.1", true);
    Path jdk25 = jdk("temurin-25-jdk", "25.0.1", true);
    assertThat(run(Map.of("JAVA_HOME", old.toString())).out()).isEqualTo(jdk25.toString());
  }

  @Test
  void shouldSkipARuntimeWithoutACompiler() throws Exception {
    jdk("jre-21", "21.0.5", false);
    Path jdk = jdk("jdk-22", "22.0.2", true);
    assertThat(run(Map.of()).out()).isEqualTo(jdk.toString());
  }

  @Test
  void shouldSayWhatToInstallWhenNoJdkFits() throws Exception {
    jdk("java-17-openjdk", "17.0.15", true);
    jdk("java-8", "1.8.0_392", true);
    Run r = run(Map.of());
    assertThat(r.code()).isEqualTo(3);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).contains("needs a JDK 21 or newer")
        .contains("java-17-openjdk (Java 17)")
        .contains("java-8 (Java 8)")
        .contains("apt-get install openjdk-21-jdk");
  }
}
