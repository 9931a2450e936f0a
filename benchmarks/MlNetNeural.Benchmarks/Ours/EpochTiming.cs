using System.Diagnostics;
using System.Globalization;
using MlNetNeural.Benchmarks.Data;
using MlNetNeural.Benchmarks.Workloads;
using MlNetNeural.Core.Losses;
using MlNetNeural.Core.Training;

namespace MlNetNeural.Benchmarks.Ours;

/// <summary>
/// Not a benchmark: epochs of workload W on our trainer at a chosen batch size and thread count, each from fresh weights,
/// printing wall time, the process's CPU time and their ratio (the cores actually used). CPU time is what a loaded machine
/// distorts least, so it is the measure for before/after comparisons of the single-thread path; wall-time ratios between
/// thread counts need a quiet machine (BenchmarkDotNet, docs/benchmarks.md).
/// </summary>
public static class EpochTiming
{
    /// <summary>Runs <paramref name="epochs"/> one-epoch trainings (after one warm-up) and prints one line each, then the medians.</summary>
    /// <param name="output">Where the lines go.</param>
    /// <param name="batchSize">Rows per mini-batch.</param>
    /// <param name="threads">The trainer's thread count.</param>
    /// <param name="epochs">Measured epochs.</param>
    public static void Run(TextWriter output, int batchSize, int threads, int epochs)
    {
        var data = OurWorkloadW.ToTrainingData(FashionMnist.Load().Train);
        var settings = OurWorkloadW.Settings(batchSize, 1) with { Threads = threads };
        var loss = new SoftmaxCrossEntropyLoss(WorkloadW.Classes);
        output.WriteLine($"workload W epochs: batch {batchSize}, {threads} thread(s), {data.Rows} rows; load average {LoadAverage()}");
        var walls = new List<double>();
        var cpus = new List<double>();
        using var process = Process.GetCurrentProcess();
        for (int epoch = 0; epoch <= epochs; epoch++)
        {
            var network = OurWorkloadW.NewNetwork();
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            new NetworkTrainer(settings).Train(network, loss, data);
            double wall = clock.Elapsed.TotalSeconds;
            process.Refresh();
            double cpu = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
            if (epoch == 0) continue;
            walls.Add(wall);
            cpus.Add(cpu);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"epoch {epoch}: wall {wall:F3} s, CPU {cpu:F3} s, cores used {cpu / wall:F2}"));
        }
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"median: wall {Median(walls):F3} s, CPU {Median(cpus):F3} s, cores used {Median(cpus) / Median(walls):F2}; load average {LoadAverage()}"));
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary>The first three fields of /proc/loadavg, or "unknown".</summary>
    internal static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
