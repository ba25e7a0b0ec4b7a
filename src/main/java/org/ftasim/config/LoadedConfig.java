package org.ftasim.config;

/**
 * A validated configuration with its effective YAML text (defaults plus every override, as recorded in the
 * {@code runs} table) and that text's SHA-256, so two runs with the same settings share a hash.
 */
public record LoadedConfig(FtasimConfig config, String yaml, String hash) {}
