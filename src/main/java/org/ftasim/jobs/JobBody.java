package org.ftasim.jobs;

import org.apache.spark.sql.SparkSession;

/** A job's {@code run(SparkSession, JobContext)}. */
@FunctionalInterface
public interface JobBody {
  JobResult run(SparkSession spark, JobContext context) throws Exception;
}
