package org.ftasim.archfixture;

import org.ftasim.config.UserException;

/** A deliberate violation for ArchitectureTest: a user error built outside its area's catalogue. */
final class ErrorOutsideItsCatalogue {
  private ErrorOutsideItsCatalogue() {}

  static UserException violate(String file) {
    return new UserException("file " + file + " is bad");
  }
}
