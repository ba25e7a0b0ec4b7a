package org.ftasim.model;

import org.ftasim.config.UserException;

/** Model input that cannot be used: names the region, sector or pair, the bad value and what is expected. */
public final class ModelDataException extends UserException {
  private static final long serialVersionUID = 1L;

  public ModelDataException(String message) {
    super(message);
  }
}
