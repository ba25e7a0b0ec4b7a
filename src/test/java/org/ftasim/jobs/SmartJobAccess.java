package org.ftasim.jobs;

import org.apache.spark.sql.types.StructType;

/** Test access to package-private parts of SmartJob. */
public final class SmartJobAccess {
  private SmartJobAccess() {}

  public static StructType elasticities() {
    return SmartJob.ELASTICITIES;
  }
}
