package org.ftasim.ingest;

import java.io.Serializable;

/** Turns one data line of a trade file into a flow, a reject or a filtered line (see {@link ParsedLine}). */
public interface FlowParser extends Serializable {
  ParsedLine parse(String line, ParsedLine out);
}
