package org.ftasim.ingest;

import java.io.Serializable;

/** Turns one data line of a trade file into a flow, a reject or a filtered line (see {@link BaciParser.Parsed}). */
public interface FlowParser extends Serializable {
  BaciParser.Parsed parse(String line, BaciParser.Parsed out);
}
