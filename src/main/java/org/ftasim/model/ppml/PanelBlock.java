package org.ftasim.model.ppml;

import java.io.Serializable;

/**
 * A slice of an estimation panel in columns, the unit every pass of the estimator works on. Observations are
 * grouped by the <em>local</em> fixed effect (the one with the most levels, typically the pair): all observations of
 * one local level sit in one block, contiguously, so that effect is solved inside the block and never travels.
 * The other (<em>global</em>) fixed effects are level numbers into dictionaries shared by all blocks.
 *
 * @param y the flow, finite and {@code >= 0}
 * @param x covariates, {@code x[k][i]}
 * @param fe global fixed-effect levels, {@code fe[g][i]} in {@code 0 .. levels(g) - 1}
 * @param segments offsets of the local levels' runs: level {@code s} holds observations
 *     {@code segments[s] .. segments[s + 1] - 1}; a single run {@code [0, n]} when there is no local effect
 * @param localLevels the local levels' names, one per run, or null when there is no local effect
 * @param cluster cluster numbers into a shared dictionary, or null (robust, or clusters = the local effect)
 */
public record PanelBlock(double[] y, double[][] x, int[][] fe, int[] segments, String[] localLevels, int[] cluster)
    implements Serializable {

  public PanelBlock {
    int n = y.length;
    for (double[] col : x) {
      check(col.length == n, "covariate");
    }
    for (int[] col : fe) {
      check(col.length == n, "fixed effect");
    }
    check(segments.length >= 1 && segments[0] == 0 && segments[segments.length - 1] == n, "segments");
    check(localLevels == null || localLevels.length == segments.length - 1, "local levels");
    check(cluster == null || cluster.length == n, "cluster");
  }

  private static void check(boolean ok, String what) {
    if (!ok) {
      throw new IllegalArgumentException("panel block: " + what + " does not match the observations");
    }
  }

  public int n() {
    return y.length;
  }

  public boolean hasLocal() {
    return localLevels != null;
  }

  public int runs() {
    return segments.length - 1;
  }
}
