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

  /**
   * The one shape of a user error, for the catalogues ({@code SectorErrors}, {@code IngestErrors}, ...):
   * {@code <where>: <problem>; fix: <fix>}.
   *
   * @param where the file and line, the key or the option
   * @param problem what is wrong, with the bad value
   * @param fix what to do
   */
  public static UserException of(String where, String problem, String fix) {
    return new UserException(where + ": " + problem + "; fix: " + fix);
  }

  public static UserException of(String where, String problem, String fix, Throwable cause) {
    return new UserException(where + ": " + problem + "; fix: " + fix, cause);
  }
}
