package org.heterosyn.sweep;

import java.io.Serializable;
import java.util.Map;

/**
 * One point of a sweep: a validated design, the board it is rated at and how it is trained.
 *
 * @param index position in the grid (the table keeps grid order)
 * @param fields the grid's values at this point, by field name, as written in the grid file
 * @param specJson the design as SpecJson reads it, checked where the point runs (a design the spec rejects
 *                 is a failed point, not a failed sweep); a string because DesignSpec is not Serializable
 * @param key what makes a point "done" on resume: {@link SweepKeys#pointKey}
 */
public record SweepPoint(int index, Map<String, String> fields, String specJson, String board, double clockMhz,
                         TrainingSettings training, String key) implements Serializable {}
