package org.heterosyn.sweep;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The small sweep the tests share: four points of two tiny designs (rules kp and fa, each rated at two
 * clocks) on the teacher task, a few hundred samples. Two designs, because the FPGA estimate of even
 * the tiniest design takes a minute (then it is cached, see FlowEstimator).
 */
final class SmallSweep {
    static final String GRID = """
            {
              "base": {"name": "tiny", "layers": [4, 3, 2], "rule": "kp", "lanes": 1, "memory": "generic", "seed": 3},
              "grid": {"clockMhz": [16, 24], "rule": ["kp", "fa"]},
              "board": "icebreaker",
              "training": {"dataset": "teacher", "teacherTrain": 300, "teacherTest": 100, "epochs": 2, "probeEvery": 10}
            }""";

    private SmallSweep() {}

    static Grid grid(String json) throws Exception {
        return Grid.parse(new ObjectMapper().readTree(json), Path.of("."));
    }

    static Grid grid() throws Exception {
        return grid(GRID);
    }

    /** Spark in this JVM on loopback, with as many threads as the machine has cores. */
    static Sweep local() {
        return new Sweep(Sweep.LOCAL, Map.of("spark.driver.host", "127.0.0.1", "spark.driver.bindAddress", "127.0.0.1"),
                new FlowEstimator());
    }

    static Sweep.Listener quiet() {
        return new Sweep.Listener() {
            @Override public void started(int points, int alreadyDone) {}

            @Override public void pointDone(PointResult r) {}
        };
    }

    /** The rows as they compare across machines. */
    static List<PointResult> placeFree(List<PointResult> rows) {
        return rows.stream().map(PointResult::placeFree).toList();
    }
}
