package org.ftasim.jobs;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command line of ftasim in a JVM of its own, for tests that must kill it or race two of them. */
final class ChildJvm {
  private ChildJvm() {}

  /**
   * {@code java} with this JVM's module flags and class path, running {@code Ftasim} with {@code args}. The child
   * stops at C1: it lives for seconds, and on two cores C2's compiler threads would take the CPU from the job.
   */
  static List<String> ftasim(List<String> properties, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(a -> a.startsWith("--add-opens") || a.startsWith("--add-exports") || a.startsWith("-Djdk.reflect"))
        .toList());
    cmd.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx2g"));
    cmd.addAll(properties);
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.ftasim.jobs.Ftasim"));
    cmd.addAll(List.of(args));
    return cmd;
  }
}
