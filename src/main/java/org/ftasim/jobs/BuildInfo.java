package org.ftasim.jobs;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The code version recorded with every run: Maven version plus git commit (with "-dirty" for local edits). */
public final class BuildInfo {
  private BuildInfo() {}

  public static String codeVersion() {
    Properties p = new Properties();
    try (InputStream in = BuildInfo.class.getClassLoader().getResourceAsStream("ftasim-build.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      return "unknown";
    }
    String version = p.getProperty("version", "unknown");
    String commit = p.getProperty("commit", "");
    if (commit.isEmpty() || commit.startsWith("${")) {
      return version;
    }
    return version + "+" + commit + ("true".equals(p.getProperty("dirty")) ? "-dirty" : "");
  }
}
