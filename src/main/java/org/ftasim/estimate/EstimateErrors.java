package org.ftasim.estimate;

import java.util.List;
import org.ftasim.config.UserException;

/**
 * Every user error of a gravity estimation (its data, formula and options), in one place (as Delta Kernel's
 * {@code DeltaErrors}): each names the column, term or option, the bad value, and the fix.
 */
public final class EstimateErrors {
  private EstimateErrors() {}

  public static UserException noSuchColumn(String source, String column, String formula, boolean cluster,
      List<String> columns) {
    return new UserException(source + " has no column '" + column + "' (named by the formula \"" + formula + "\""
        + (cluster ? " or --cluster" : "") + "); its columns are " + columns + "; fix: correct the name, or add it"
        + " with --with " + column + "=EXPRESSION");
  }

  public static UserException evaluationFailed(String expressions, String source, String why, Throwable cause) {
    return new UserException("evaluating " + expressions + " on " + source + " failed: " + why + "; fix: cast text"
        + " columns explicitly (e.g. cast(RTA as double)) and give numbers of one type (0.0, not 0)", cause);
  }

  public static UserException notADerivedColumn(String with) {
    return new UserException("--with '" + with + "' is not NAME=EXPRESSION; fix: e.g. --with \"pair=if(exporter = "
        + "importer, 'intra', pair_id)\"");
  }

  public static UserException notEvaluable(String option, String source, String why, List<String> columns) {
    return new UserException(option + " cannot be evaluated on " + source + ": " + why + "; its columns are "
        + columns + "; fix: use Spark SQL on those columns");
  }

  public static UserException noRowsLeft(String source) {
    return new UserException(source + " has no rows left after --years / --where; fix: check the years and the"
        + " filter against the data");
  }

  public static UserException badRows(String source, long bad, long rows, String what, String first) {
    return new UserException(source + ": " + bad + " of " + rows + " rows have a " + what + "; the first: " + first
        + "; fix: correct or remove them (flows must be finite and >= 0, covariates finite), e.g. with --where");
  }

  public static UserException noFixedEffects(String formula) {
    return new UserException("formula \"" + formula + "\" has no fixed effects; fix: add them after '|', e.g."
        + " \"trade ~ rta | exporter^year + importer^year + pair\"");
  }

  public static UserException constantFixedEffect(String term, long levels) {
    return new UserException("fixed effect '" + term + "' has " + levels + " level in the sample: it is a constant,"
        + " absorbed by the others; fix: remove it from the formula, or widen --years / --where");
  }
}
