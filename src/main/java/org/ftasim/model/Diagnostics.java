package org.ftasim.model;

/**
 * How a solve ended: whether it met its tolerance, after how many iterations, and the final residual (the
 * largest relative violation of an equilibrium condition). A solver never hides a failure: it returns these
 * with {@code converged = false} and the caller decides.
 */
public record Diagnostics(boolean converged, int iterations, double residual) {}
