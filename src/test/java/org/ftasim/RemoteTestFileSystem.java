package org.ftasim;

import java.net.URI;
import org.apache.hadoop.fs.RawLocalFileSystem;

/**
 * A Hadoop file system with its own scheme, {@code remote://}, over local files: the code paths of an object store
 * (a scheme that is not {@code file:}, reached only through Hadoop) without a network. Registered with
 * {@code fs.remote.impl=org.ftasim.RemoteTestFileSystem}.
 */
public class RemoteTestFileSystem extends RawLocalFileSystem {
  @Override
  public URI getUri() {
    return URI.create("remote:///");
  }

  @Override
  public String getScheme() {
    return "remote";
  }
}
