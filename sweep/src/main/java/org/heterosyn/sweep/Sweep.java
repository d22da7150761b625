package org.heterosyn.sweep;

import org.apache.spark.SparkConf;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.rdd.RDD;
import scala.collection.Iterator;
import scala.jdk.javaapi.CollectionConverters;
import scala.reflect.ClassTag$;
import scala.runtime.AbstractFunction2;
import scala.runtime.BoxedUnit;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * A sweep on Apache Spark: every point not already in the output is one task; Spark places the tasks
 * on its executors (local threads, or a cluster's workers) and reruns those a lost worker took with
 * it. Each result comes back to the driver, which journals it at once and writes the table at the end.
 * The master {@link #SERIAL} runs the same per-point code without Spark, one point after another.
 */
public final class Sweep {
    public static final String LOCAL = "local[*]";
    /** Not Spark: the points one after another in this JVM, the baseline Spark's overhead is measured against. */
    public static final String SERIAL = "serial";
    static final String SERIAL_EXECUTOR = "serial, no Spark";

    /** What the driver reports while a sweep runs (the command's progress bar). */
    public interface Listener {
        void started(int points, int alreadyDone);

        void pointDone(PointResult r);
    }

    /** The table in grid order; how many points ran now and how many an earlier run had done. */
    public record Outcome(List<PointResult> rows, int ran, int skipped) {}

    private final String master;
    private final Map<String, String> conf;
    private final ResourceEstimator estimator;

    /** {@code conf}: Spark settings (spark.*) added to the job's, e.g. spark.driver.host. */
    public Sweep(String master, Map<String, String> conf, ResourceEstimator estimator) {
        this.master = master;
        this.conf = Map.copyOf(conf);
        this.estimator = estimator;
    }

    public Outcome run(Grid grid, Path out, Listener listener) {
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + out, e);
        }
        Map<String, PointResult> done = done(out);
        List<SweepPoint> todo = grid.points().stream().filter(p -> !done.containsKey(p.key())).toList();
        listener.started(grid.points().size(), grid.points().size() - todo.size());
        Map<String, PointResult> results = new java.util.HashMap<>(done);
        Consumer<PointResult> onResult = r -> {
            SweepTable.journal(out, r);
            results.put(r.key(), r);
            listener.pointDone(r);
        };
        if (master.equals(SERIAL)) runSerially(todo, ToolVersions.heterosynVersion(), onResult);
        else if (!todo.isEmpty()) runOnSpark(todo, ToolVersions.heterosynVersion(), onResult);
        List<PointResult> rows = grid.points().stream().map(p -> results.get(p.key()).at(p.index())).toList();
        SweepTable.write(out, rows);
        return new Outcome(rows, todo.size(), grid.points().size() - todo.size());
    }

    /**
     * The table and plots of the grid's points already done in {@code out}, running none: what an
     * unfinished sweep has so far. A later {@link #run} on the same directory resumes from it.
     */
    public Outcome writeDone(Grid grid, Path out) {
        Map<String, PointResult> done = done(out);
        List<PointResult> rows = grid.points().stream().filter(p -> done.containsKey(p.key()))
                .map(p -> done.get(p.key()).at(p.index())).toList();
        if (rows.isEmpty()) throw new GridException("no point of the grid is done in " + out);
        SweepTable.write(out, rows);
        return new Outcome(rows, 0, rows.size());
    }

    /** The rows of earlier runs in {@code out} that this sweep need not run again. */
    private Map<String, PointResult> done(Path out) {
        Map<String, PointResult> done = SweepTable.done(out);
        // Rows another estimator rated (an estimate, when this sweep places and routes) are run again.
        done.values().removeIf(r -> r.resources() == null || !estimator.name().equals(r.resources().estimator()));
        return done;
    }

    /** The same per-point code as a Spark task runs, on this thread, in grid order. */
    private void runSerially(List<SweepPoint> todo, String heterosyn, Consumer<PointResult> onResult) {
        for (SweepPoint p : todo) onResult.accept(PointRun.run(p, estimator, heterosyn, SERIAL_EXECUTOR));
    }

    /** One task per point; {@code onResult} runs on the driver, once per point, as each task's result arrives. */
    private void runOnSpark(List<SweepPoint> todo, String heterosyn, Consumer<PointResult> onResult) {
        try (JavaSparkContext sc = new JavaSparkContext(sparkConf())) {
            JavaRDD<SweepPoint> points = sc.parallelize(todo, todo.size());
            RDD<SweepPoint> rdd = points.rdd();
            List<Object> partitions = new ArrayList<>(IntStream.range(0, todo.size()).boxed().toList());
            sc.sc().runJob(rdd, new RunPoint(estimator, heterosyn), CollectionConverters.asScala(partitions).toSeq(),
                    new AbstractFunction2<Object, PointResult, BoxedUnit>() {
                        @Override
                        public BoxedUnit apply(Object partition, PointResult r) {
                            onResult.accept(r);
                            return BoxedUnit.UNIT;
                        }
                    }, ClassTag$.MODULE$.apply(PointResult.class));
        }
    }

    private SparkConf sparkConf() {
        SparkConf c = new SparkConf().setAppName("heterosyn sweep").setMaster(master)
                // No web UI: a sweep is watched through its progress bar, and the port may be taken.
                .set("spark.ui.enabled", "false");
        // On a cluster the executors load heterosyn's classes from where the driver has them: every worker
        // needs the same jars at the same paths (docs/sweeps.md, "On a cluster"), unless conf says otherwise.
        if (!master.startsWith("local")) c.set("spark.executor.extraClassPath", System.getProperty("java.class.path"));
        conf.forEach(c::set);
        return c;
    }

    /** The task: one point, run where Spark placed it. */
    private static final class RunPoint extends AbstractFunction2<TaskContext, Iterator<SweepPoint>, PointResult>
            implements Serializable {
        private final ResourceEstimator estimator;
        private final String heterosyn;

        RunPoint(ResourceEstimator estimator, String heterosyn) {
            this.estimator = estimator;
            this.heterosyn = heterosyn;
        }

        @Override
        public PointResult apply(TaskContext ctx, Iterator<SweepPoint> points) {
            return PointRun.run(points.next(), estimator, heterosyn, executor());
        }

        private static String executor() {
            String host;
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (IOException e) {
                host = "unknown-host";
            }
            return "executor " + SparkEnv.get().executorId() + " on " + host;
        }
    }
}
