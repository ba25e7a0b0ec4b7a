package org.ftasim.config;

/**
 * An error the user can cause and fix (bad option, bad config, bad input file). Jobs report it in the
 * user's words and exit with status 2; anything else is a bug or an environment failure (status 1).
 * Messages follow one shape: what is wrong, where (key, file, line), the bad value, and the fix.
 */
public class UserException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UserException(String message) {
    super(message);
  }

  public UserException(String message, Throwable cause) {
    super(message, cause);
  }
}
