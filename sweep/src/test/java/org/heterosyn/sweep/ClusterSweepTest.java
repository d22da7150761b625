package org.heterosyn.sweep;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The same sweep on a real Spark standalone cluster (a master and two workers, child JVMs on loopback):
 * the rows equal the local run's wherever the bits are defined; a worker killed mid-sweep costs
 * nothing but time, since Spark reruns the tasks it took with it.
 */
@Timeout(value = 600, unit = TimeUnit.SECONDS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterSweepTest {
    @TempDir static Path dir;
    static StandaloneCluster cluster;

    @BeforeAll
    static void startCluster() throws Exception {
        Tools.requireFpgaFlow();
        cluster = StandaloneCluster.start(dir, 2);
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) cluster.close();
    }

    /** The executors keep their own FPGA-estimate cache, so they compute the cells themselves. */
    private static Sweep.Outcome onCluster(Grid grid, Path out, Sweep.Listener listener) {
        java.util.Map<String, String> conf = new java.util.HashMap<>(StandaloneCluster.driverConf());
        conf.put("spark.executor.extraJavaOptions", "-Dheterosyn.cache=" + dir.resolve("executor-cache"));
        try {
            return new Sweep(cluster.url, conf, new FlowEstimator()).run(grid, out, listener);
        } catch (Exception e) { // SparkException is checked in Java but thrown unchecked from Scala
            throw new AssertionError("the sweep failed on the cluster; its logs:\n" + cluster.diagnostics(), e);
        }
    }

    @Test
    @Order(1)
    void rowsEqualTheLocalRunsBitForBit() throws Exception {
        Sweep.Outcome local = SmallSweep.local().run(SmallSweep.grid(), dir.resolve("local"), SmallSweep.quiet());
        Sweep.Outcome remote = onCluster(SmallSweep.grid(), dir.resolve("cluster"), SmallSweep.quiet());
        assertEquals(SmallSweep.placeFree(local.rows()), SmallSweep.placeFree(remote.rows()));
        assertTrue(remote.rows().stream().allMatch(r -> r.ok() && r.resources().cells() != null), remote.rows().toString());
        // Where they ran: executors of the cluster, not the driver's local one.
        assertTrue(remote.rows().stream().noneMatch(r -> r.executor().startsWith("executor driver")), remote.rows().toString());
    }

    @Test
    @Order(2)
    void aWorkerKilledMidSweepLosesNoPoint() throws Exception {
        // Twelve points of the two designs (six board clocks each), trained long enough to be caught running.
        Grid grid = SmallSweep.grid(SmallSweep.GRID.replace("[16, 24]", "[16, 20, 24, 30, 36, 48]")
                .replace("\"teacherTrain\": 300", "\"teacherTrain\": 40000"));
        AtomicInteger doneAtKill = new AtomicInteger(-1);
        AtomicInteger done = new AtomicInteger();
        Sweep.Outcome o = onCluster(grid, dir.resolve("fault"), new Sweep.Listener() {
            @Override public void started(int points, int alreadyDone) {}

            @Override
            public void pointDone(PointResult r) {
                if (done.incrementAndGet() == 1) {
                    cluster.killWorker(1);
                    doneAtKill.set(done.get());
                }
            }
        });
        assertEquals(1, doneAtKill.get(), "the worker was killed after the first point, with eleven to go");
        assertEquals(12, o.rows().size());
        Set<String> keys = o.rows().stream().map(PointResult::key).collect(Collectors.toSet());
        assertEquals(12, keys.size(), "every point exactly once");
        assertEquals(grid.points().stream().map(SweepPoint::key).collect(Collectors.toSet()), keys);
        List<PointResult> failed = o.rows().stream().filter(r -> !r.ok()).toList();
        assertTrue(failed.isEmpty(), failed.toString());
    }
}
